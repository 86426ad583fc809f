import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceDocumentFromTickets, type InvoicedTicket } from './invoice-document';
import { assertCents, type Cents } from './money';
import type { ShopSettings } from './shop';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import { recordedTicket } from '../../../tests/fixtures/invoices';
import { computeTicketTotals, type TicketInput } from './ticket';
import { NO_REFERENCES } from './ticket-annotations';

const seller = { legalName: 'Librairie', tillId: 'CAISSE1' } as ShopSettings;

/** A recorded ticket as the till makes it (test-invoices.ts), due a month later when on account. */
function recorded(
	id: number,
	input: TicketInput,
	paidBy: 'carte' | 'en-compte' = 'carte'
): InvoicedTicket {
	return {
		...recordedTicket(id, input, { paidBy }),
		dueDate: paidBy === 'en-compte' ? `2019-11-2${id}` : null
	};
}

const book = (cents: number, quantity = 1) => ({
	label: 'Livre',
	quantity,
	unitPriceCents: assertCents(cents),
	vatRateBp: 550 as never,
	articleKind: 'livre' as const
});

const make = (tickets: InvoicedTicket[]) =>
	invoiceDocumentFromTickets({
		seller,
		buyer: null,
		billing: null,
		delivery: null,
		references: NO_REFERENCES,
		note: '',
		tickets
	});

describe('invoiceDocumentFromTickets', () => {
	it('keeps the seed ticket’s figures: 39,10 € → HT 37,06, TVA 2,04, paid at the counter (A2)', () => {
		const ticket = recorded(7, {
			customerStatus: 'particulier',
			lines: [book(860, 2), book(2190)]
		});
		const invoice = make([ticket]);
		expect(invoice).toMatchObject({
			totalCents: 3910,
			htCents: 3706,
			vatCents: 204,
			paidCents: 3910,
			frame: 'A2',
			dueDate: null,
			saleDay: '2019-10-27',
			tickets: [{ id: 7, tillId: 'CAISSE1', number: 107, day: '2019-10-27' }]
		});
		expect(invoice.lines).toHaveLength(2);
	});

	it('groups three tickets: lines in sale order, VAT per rate summed, what is left to pay (A1)', () => {
		const first = recorded(3, { customerStatus: 'collectivite', lines: [book(4540)] });
		const second = recorded(1, { customerStatus: 'collectivite', lines: [book(860)] }, 'en-compte');
		const third = recorded(2, {
			customerStatus: 'collectivite',
			lines: [{ ...book(720), vatRateBp: 2000 as never, articleKind: 'autre' }]
		});
		const invoice = make([first, second, third]);
		expect(invoice.tickets.map((t) => t.id)).toEqual([1, 2, 3]);
		expect(invoice.rates.map((r) => [r.vatRateBp, r.ttcCents, r.htCents, r.vatCents])).toEqual([
			[550, 5400, 4303 + 815, 237 + 45],
			[2000, 720, 600, 120]
		]);
		expect(invoice).toMatchObject({
			totalCents: 6120,
			paidCents: 5260,
			frame: 'A1',
			dueDate: '2019-11-21'
		});
		expect(invoice.payments).toEqual([
			{ method: 'en-compte', amountCents: 860 },
			{ method: 'carte', amountCents: 5260 }
		]);
	});

	it('refuses to make an invoice of no ticket (a programming error)', () => {
		expect(() => make([])).toThrow(RangeError);
	});

	it('counts cash net of the change given', () => {
		const ticket = { ...recorded(1, { customerStatus: 'particulier', lines: [book(1720)] }) };
		const withChange = {
			...ticket,
			payments: [{ method: 'especes' as const, amountCents: assertCents(2000) }],
			changeCents: assertCents(280)
		};
		expect(make([withChange])).toMatchObject({
			paidCents: 1720,
			payments: [{ method: 'especes', amountCents: 1720 }],
			frame: 'A2'
		});
	});

	it('always equals the tickets to the cent (HT + TVA = TTC per rate and in total)', () => {
		fc.assert(
			fc.property(fc.array(ticketArbitrary(true), { minLength: 1, maxLength: 3 }), (inputs) => {
				const tickets = inputs.flatMap((input, index) =>
					computeTicketTotals(input).ok ? [recorded(index + 1, input)] : []
				);
				fc.pre(tickets.length > 0);
				const invoice = make(tickets);
				const sum = (values: readonly Cents[]) => values.reduce((a, b) => a + b, 0);
				expect(invoice.totalCents).toBe(sum(tickets.map((t) => t.totalCents)));
				expect(invoice.htCents + invoice.vatCents).toBe(invoice.totalCents);
				for (const rate of invoice.rates) expect(rate.htCents + rate.vatCents).toBe(rate.ttcCents);
				expect(sum(invoice.lines.map((l) => l.ttcCents))).toBe(invoice.totalCents);
			})
		);
	});
});
