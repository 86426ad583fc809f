import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import { assertCents } from './money';
import { validatePayments, type TenderInput } from './payment';
import { buildNewTicket, type SaleLineInput } from './sale';
import { computeTicketTotals, type TicketInput } from './ticket';
import { assertVatRateBp } from './vat';

/** A sale's lines as the till gives them: each with the article it records. */
function asSale(input: TicketInput): TicketInput<SaleLineInput> {
	return {
		...input,
		lines: input.lines.map((line, index) => ({
			...line,
			ean: `97820700000${String(index).padStart(2, '0')}`,
			title: `Titre ${index}`,
			authors: `Auteur ${index}`,
			publisher: 'Éditeur'
		}))
	};
}

function recorded(
	ticketInput: TicketInput<SaleLineInput>,
	tenders: (totalCents: number) => TenderInput[],
	extra: Partial<Parameters<typeof buildNewTicket>[0]> = {}
) {
	const totals = computeTicketTotals(ticketInput);
	if (!totals.ok) throw new Error(totals.error.message);
	const given = tenders(totals.value.ttcCents);
	const payment = validatePayments({
		totalCents: totals.value.ttcCents,
		tenders: given,
		hasCustomer: true
	});
	if (!payment.ok) throw new Error(payment.error.message);
	return {
		totals: totals.value,
		ticket: buildNewTicket({
			tillId: 'CAISSE1',
			cashier: 'Anne',
			customerId: null,
			ticketInput,
			totals: totals.value,
			tenders: given,
			payment: payment.value,
			...extra
		})
	};
}

const twoBooks: TicketInput<SaleLineInput> = {
	customerStatus: 'collectivite',
	discount: { kind: 'percent', bp: 500 },
	lines: [
		{
			label: 'Le Jardin',
			ean: '9782070000001',
			title: 'Le Jardin',
			authors: 'A. Auteur',
			publisher: 'Gallimard',
			quantity: 2,
			unitPriceCents: assertCents(1990),
			vatRateBp: assertVatRateBp(550),
			articleKind: 'livre',
			discount: { kind: 'percent', bp: 400 }
		},
		{
			label: 'Carte postale',
			ean: '',
			title: 'Carte postale',
			authors: '',
			publisher: '',
			quantity: 1,
			unitPriceCents: assertCents(150),
			vatRateBp: assertVatRateBp(2000),
			articleKind: 'autre'
		}
	]
};

describe('buildNewTicket', () => {
	it.each([
		{
			name: 'a cash sale: change recorded, no reference, defaults for the optional facts',
			tenders: (total: number) => [
				{ method: 'especes' as const, amountCents: assertCents(total + 1000) }
			],
			extra: {},
			expected: {
				changeCents: 1000,
				references: [],
				dueDate: null,
				training: 0,
				cancelsTicketId: null
			}
		},
		{
			name: 'a voucher and a card, in training, cancelling ticket 7, with a due date',
			tenders: (total: number) => [
				{
					method: 'bon-cadeau' as const,
					amountCents: assertCents(500),
					reference: '2888880024723',
					availableCents: assertCents(500)
				},
				{ method: 'carte' as const, amountCents: assertCents(total - 500) }
			],
			extra: { training: true, cancelsTicketId: 7, dueDate: '2027-01-02' },
			expected: {
				changeCents: 0,
				references: ['2888880024723'],
				dueDate: '2027-01-02',
				training: 1,
				cancelsTicketId: 7
			}
		}
	])('$name', ({ tenders, extra, expected }) => {
		const { ticket } = recorded(twoBooks, tenders, extra);
		expect(ticket).toMatchObject(expected);
		expect(ticket.ticketDiscount).toEqual({ kind: 'percent', bp: 500 });
		expect(ticket).not.toHaveProperty('issues');
	});

	it('records each article with its own figures, the line discount in force included', () => {
		const { ticket, totals } = recorded(twoBooks, (total) => [
			{ method: 'carte', amountCents: assertCents(total) }
		]);
		expect(ticket.lines.map((line) => [line.ean, line.kind, line.discount])).toEqual([
			['9782070000001', 'livre', { kind: 'percent', bp: 400 }],
			['', 'autre', null]
		]);
		expect(ticket.lines.map((line) => line.ttcCents)).toEqual(totals.lines.map((l) => l.ttcCents));
		expect(ticket).not.toHaveProperty('lines.0.line');
	});

	it('keeps the vouchers and deposits bought on the ticket', () => {
		const issue = {
			kind: 'deposit' as const,
			amountCents: assertCents(2000),
			validUntil: null,
			orderReference: '27846'
		};
		const { ticket } = recorded(
			twoBooks,
			(total) => [{ method: 'carte', amountCents: assertCents(total) }],
			{ issues: [issue] }
		);
		expect(ticket.issues).toEqual([issue]);
	});

	it('whatever the sale, every line is the article given with its figures, adding up to the total', () => {
		fc.assert(
			fc.property(ticketArbitrary(), (input) => {
				const sale = asSale(input);
				const totals = computeTicketTotals(sale);
				if (!totals.ok) return;
				const ticket = buildNewTicket({
					tillId: 'CAISSE1',
					cashier: 'Anne',
					customerId: 12,
					ticketInput: sale,
					totals: totals.value,
					tenders: [],
					payment: {
						paidCents: assertCents(0),
						changeCents: assertCents(0),
						byMethod: []
					}
				});
				expect(ticket.lines.map((line) => [line.ean, line.quantity, line.unitPriceCents])).toEqual(
					sale.lines.map((line) => [line.ean, line.quantity, line.unitPriceCents])
				);
				expect(ticket.lines.reduce((sum, line) => sum + line.ttcCents, 0)).toBe(ticket.totalCents);
				expect(ticket.customerId).toBe(12);
			})
		);
	});
});
