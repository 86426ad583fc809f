import { describe, expect, it } from 'vitest';
import { addTicketToDay, emptyDayTotals, type TicketFigures } from './closing';
import {
	balanceProblems,
	dayTotalsProblem,
	dayTotalsProblems,
	firstProblems,
	ticketBalanceMovements
} from './reconcile';

const sale = (totalCents: number, extra: Partial<TicketFigures> = {}): TicketFigures => ({
	createdAt: '2026-12-02T10:15:00Z',
	totalCents,
	changeCents: 0,
	cancelsTicketId: null,
	rates: [
		{
			vatRateBp: 550,
			ttcCents: totalCents,
			htCents: totalCents - 10,
			vatCents: 10,
			discountCents: 0
		}
	],
	payments: [{ method: 'especes', amountCents: totalCents }],
	lines: [{ kind: 'livre', ttcCents: totalCents }],
	...extra
});

describe('dayTotalsProblems', () => {
	const day = (tillId: string, date: string, totals: number[]) => ({
		tillId,
		...totals.map((cents) => sale(cents)).reduce(addTicketToDay, emptyDayTotals(date))
	});

	it('pairs each stored day with the sealed one of its till, and names each difference', () => {
		const sealed = [day('CAISSE1', '2026-12-01', [990]), day('CAISSE2', '2026-12-01', [500])];
		const stored = [
			day('CAISSE1', '2026-12-01', [990]),
			day('CAISSE2', '2026-12-01', [400]),
			day('CAISSE1', '2026-12-02', [100])
		];
		expect(dayTotalsProblems(stored, sealed)).toEqual([
			'Totaux du jour du 01/12/2026 (CAISSE2)\u00a0: 4,00\u00a0€ en 1 ticket enregistrés, 5,00\u00a0€ en 1 d’après les tickets scellés.',
			'Totaux du jour du 02/12/2026 (CAISSE1)\u00a0: 1,00\u00a0€ en 1 ticket enregistrés, 0,00\u00a0€ en 0 d’après les tickets scellés.'
		]);
		expect(dayTotalsProblems([], sealed.slice(0, 1))).toEqual([
			'Totaux du jour du 01/12/2026 (CAISSE1)\u00a0: absents, alors que les tickets scellés font 9,90\u00a0€.'
		]);
		expect(dayTotalsProblems(sealed, sealed)).toEqual([]);
	});
});

describe('dayTotalsProblem', () => {
	const sealed = [sale(1990), sale(990)].reduce(addTicketToDay, emptyDayTotals('2026-12-02'));

	it('is silent when the stored aggregates are those of the sealed tickets', () => {
		expect(dayTotalsProblem('CAISSE1', '2026-12-02', structuredClone(sealed), sealed)).toBeNull();
		expect(dayTotalsProblem('CAISSE1', '2026-12-02', undefined, undefined)).toBeNull();
	});

	it.each([
		[
			'a lowered total',
			{ ...sealed, ttcCents: 1990 },
			'Totaux du jour du 02/12/2026 (CAISSE1)\u00a0: 19,90\u00a0€ en 2 tickets enregistrés, 29,80\u00a0€ en 2 d’après les tickets scellés.'
		],
		[
			'a ticket left out',
			{ ...sealed, ticketCount: 1 },
			'Totaux du jour du 02/12/2026 (CAISSE1)\u00a0: 29,80\u00a0€ en 1 ticket enregistrés, 29,80\u00a0€ en 2 d’après les tickets scellés.'
		],
		[
			'a payment moved to another method',
			{ ...sealed, byMethod: { cb: 2980 } },
			'Totaux du jour du 02/12/2026 (CAISSE1)\u00a0: la ventilation (taux, moyens de paiement, heures) ne correspond plus aux tickets scellés.'
		]
	])('names %s', (_name, stored, text) => {
		expect(dayTotalsProblem('CAISSE1', '2026-12-02', stored, sealed)).toBe(text);
	});

	it('names a day deleted from the aggregates, and a day with no sealed ticket', () => {
		expect(dayTotalsProblem('CAISSE1', '2026-12-02', undefined, sealed)).toBe(
			'Totaux du jour du 02/12/2026 (CAISSE1)\u00a0: absents, alors que les tickets scellés font 29,80\u00a0€.'
		);
		expect(dayTotalsProblem('CAISSE1', '2026-12-02', sealed, undefined)).toContain(
			'29,80\u00a0€ en 2 tickets enregistrés, 0,00\u00a0€ en 0 d’après les tickets scellés.'
		);
	});
});

describe('ticketBalanceMovements and balanceProblems', () => {
	it('reads what each ticket did to the codes it names, and the kind of each', () => {
		expect(
			ticketBalanceMovements({
				payments: [
					{ method: 'bon-cadeau', amountCents: 1500, reference: 'BC1' },
					{ method: 'avoir', amountCents: -700, reference: 'AV9' },
					{ method: 'especes', amountCents: 500, reference: null },
					{ method: 'acompte', amountCents: 200, reference: null }
				],
				issues: [
					{ kind: 'gift-voucher', amountCents: 3000, code: 'BC2' },
					{ kind: 'deposit', amountCents: -100, code: 'AC3' },
					{ kind: 'gift-voucher', amountCents: 50 }
				]
			})
		).toEqual([
			{ code: 'BC1', kind: 'gift-voucher', amountCents: -1500 },
			{ code: 'AV9', kind: 'credit-note', amountCents: 700 },
			{ code: 'BC2', kind: 'gift-voucher', amountCents: 3000 },
			{ code: 'AC3', kind: 'deposit', amountCents: -100 }
		]);
		expect(ticketBalanceMovements({ payments: [] })).toEqual([]);
	});

	it('names each balance that is not what the sealed records gave it', () => {
		const sealed = new Map([
			['BC1', 3000],
			['AV1', 1500]
		]);
		expect(
			balanceProblems(
				[
					{ code: 'BC1', kind: 'gift-voucher', initialCents: 0, movementsCents: 3000 },
					{ code: 'AV1', kind: 'credit-note', initialCents: 9000, movementsCents: 1500 },
					{ code: 'AC1', kind: 'deposit', initialCents: 0, movementsCents: 500 },
					{ code: 'CC1', kind: 'customer-account', initialCents: 0, movementsCents: 0 },
					{ code: 'CC2', kind: 'customer-account', initialCents: 100, movementsCents: 0 }
				],
				sealed
			)
		).toEqual([
			'Avoir AV1\u00a0: solde de 105,00\u00a0€ enregistré, 15,00\u00a0€ d’après les tickets et le journal scellés.',
			'Acompte AC1\u00a0: solde de 5,00\u00a0€ enregistré, 0,00\u00a0€ d’après les tickets et le journal scellés.',
			'Compte client CC2\u00a0: solde de 1,00\u00a0€ enregistré, 0,00\u00a0€ d’après les tickets et le journal scellés.'
		]);
	});
});

describe('addTicketToDay', () => {
	it('adds a sale, a cancellation, change given and vouchers sold to the day', () => {
		const day = [
			sale(2000, { changeCents: 100, payments: [{ method: 'especes', amountCents: 2100 }] }),
			sale(-2000, { cancelsTicketId: 1, createdAt: '2026-12-02T16:00:00Z' }),
			sale(0, {
				rates: [],
				lines: [],
				payments: [{ method: 'cb', amountCents: 3000 }],
				issues: [{ amountCents: 3000 }]
			}),
			sale(1000, {
				rates: [{ vatRateBp: 550, ttcCents: 1000, htCents: 948, vatCents: 52, discountCents: 50 }]
			})
		].reduce(addTicketToDay, emptyDayTotals('2026-12-02'));
		expect(day).toMatchObject({
			day: '2026-12-02',
			ticketCount: 4,
			ttcCents: 1000,
			cancellationCount: 1,
			discountCents: 50,
			balanceIssuedCents: 3000,
			byMethod: { especes: 2100 - 100 - 2000 + 1000, cb: 3000 },
			byKind: { livre: 1000 }
		});
		expect(day.byRate[550]).toEqual({ ttcCents: 1000, htCents: 1990 - 2010 + 948, vatCents: 72 });
		expect(day.byHour[11]).toBe(3000);
		expect(day.byHour[17]).toBe(-2000);
	});
});

describe('firstProblems', () => {
	it('keeps a short list whole and counts the rest of a long one', () => {
		expect(firstProblems(['a', 'b'], 'jours')).toEqual(['a', 'b']);
		expect(firstProblems(['a', 'b', 'c', 'd'], 'jours aux totaux changés', 2)).toEqual([
			'a',
			'b',
			'… et 2 autres jours aux totaux changés.'
		]);
	});
});
