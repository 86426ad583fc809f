import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	creditNoteLines,
	invertRecordedTicket,
	invertTicket,
	type RecordedFigures
} from './inverse';
import { assertCents } from './money';
import type { TenderInput } from './payment';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import { computeTicketTotals, type TicketTotals } from './ticket';

/** The totals' figures, without the lines as given (an inverse's lines are its own). */
function figuresOf(t: TicketTotals) {
	return { ...t, lines: t.lines.map(({ line: _given, ...figures }) => figures) };
}

function negate(t: TicketTotals) {
	const neg = <T extends object>(o: T): T =>
		Object.fromEntries(
			Object.entries(o).map(([k, v]) => [
				k,
				typeof v === 'number' && k !== 'vatRateBp' ? (v === 0 ? 0 : -v) : v
			])
		) as T;
	const figures = figuresOf(t);
	return { ...neg(figures), lines: figures.lines.map(neg), rates: t.rates.map(neg) };
}

describe('invertTicket', () => {
	it('cancels exactly: every figure of the inverse is the negation of the original', () => {
		fc.assert(
			fc.property(
				ticketArbitrary(),
				fc.option(fc.integer({ min: 1, max: 5_000 })),
				fc.boolean(),
				(input, amountDiscount, percentTicket) => {
					const ticket = {
						...input,
						...(amountDiscount !== null
							? {
									discount: percentTicket
										? { kind: 'percent' as const, bp: 300 }
										: { kind: 'amount' as const, cents: assertCents(amountDiscount) }
								}
							: {}),
						loyaltyRewardBp: 100
					};
					const original = computeTicketTotals(ticket);
					if (!original.ok) {
						expect(original.error.code).toMatch(/CAP|DISCOUNT/u);
						return;
					}
					const tenders: TenderInput[] = [
						{ method: 'carte', amountCents: original.value.ttcCents }
					];
					const inverse = invertTicket(ticket, tenders);
					const cancelled = computeTicketTotals(inverse.ticket);
					if (!cancelled.ok) throw new Error(cancelled.error.message);
					expect(figuresOf(cancelled.value)).toEqual(negate(original.value));
					expect(inverse.tenders[0]?.amountCents).toBe(-original.value.ttcCents || 0);
				}
			)
		);
	});

	it('keeps the payment types and drops the balance read at sale time', () => {
		const { tenders } = invertTicket({ customerStatus: 'particulier', lines: [] }, [
			{
				method: 'bon-cadeau',
				amountCents: assertCents(1000),
				reference: 'BC-9',
				availableCents: assertCents(3000)
			}
		]);
		expect(tenders).toEqual([{ method: 'bon-cadeau', amountCents: -1000, reference: 'BC-9' }]);
	});
});

describe('creditNoteLines', () => {
	const invoice = [
		{
			quantity: 3,
			ttcCents: assertCents(1000),
			creditedQuantity: 0,
			creditedTtcCents: assertCents(0)
		},
		{
			quantity: 1,
			ttcCents: assertCents(860),
			creditedQuantity: 0,
			creditedTtcCents: assertCents(0)
		}
	];

	it('credits a share in proportion to the quantity', () => {
		expect(creditNoteLines(invoice, [{ lineIndex: 0, quantity: 1 }])).toEqual({
			ok: true,
			value: [{ lineIndex: 0, quantity: 1, ttcCents: 333 }]
		});
	});

	it('the last credit takes exactly what is left', () => {
		const after = [{ ...invoice[0]!, creditedQuantity: 2, creditedTtcCents: assertCents(667) }];
		expect(creditNoteLines(after, [{ lineIndex: 0, quantity: 1 }])).toEqual({
			ok: true,
			value: [{ lineIndex: 0, quantity: 1, ttcCents: 333 }]
		});
	});

	it('all partial credits of a line add up to the line', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 1, max: 100_000 }),
				fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }),
				(quantity, ttc, steps) => {
					let creditedQuantity = 0;
					let creditedTtcCents = 0;
					for (const step of steps) {
						const take = Math.min(step, quantity - creditedQuantity);
						if (take === 0) break;
						const result = creditNoteLines(
							[
								{
									quantity,
									ttcCents: assertCents(ttc),
									creditedQuantity,
									creditedTtcCents: assertCents(creditedTtcCents)
								}
							],
							[{ lineIndex: 0, quantity: take }]
						);
						if (!result.ok) throw new Error(result.error.message);
						creditedQuantity += take;
						creditedTtcCents += result.value[0]!.ttcCents;
					}
					const rest = quantity - creditedQuantity;
					if (rest > 0) {
						const last = creditNoteLines(
							[
								{
									quantity,
									ttcCents: assertCents(ttc),
									creditedQuantity,
									creditedTtcCents: assertCents(creditedTtcCents)
								}
							],
							[{ lineIndex: 0, quantity: rest }]
						);
						creditedTtcCents += last.ok ? last.value[0]!.ttcCents : 0;
					}
					expect(creditedTtcCents).toBe(ttc);
				}
			)
		);
	});

	const refused: {
		name: string;
		requests: { lineIndex: number; quantity: number }[];
		code: string;
	}[] = [
		{
			name: 'more than invoiced',
			requests: [{ lineIndex: 1, quantity: 2 }],
			code: 'CREDIT_ABOVE_INVOICED'
		},
		{
			name: 'a negative quantity',
			requests: [{ lineIndex: 1, quantity: -1 }],
			code: 'CREDIT_ABOVE_INVOICED'
		},
		{
			name: 'an unknown line',
			requests: [{ lineIndex: 5, quantity: 1 }],
			code: 'CREDIT_LINE_UNKNOWN'
		},
		{
			name: 'a line twice',
			requests: [
				{ lineIndex: 0, quantity: 1 },
				{ lineIndex: 0, quantity: 1 }
			],
			code: 'CREDIT_LINE_TWICE'
		},
		{ name: 'nothing', requests: [{ lineIndex: 0, quantity: 0 }], code: 'CREDIT_EMPTY' }
	];
	for (const r of refused) {
		it(`refuses ${r.name}`, () => {
			const result = creditNoteLines(invoice, r.requests);
			expect(result).toMatchObject({ ok: false, error: { code: r.code } });
		});
	}
});

describe('invertRecordedTicket (Annuler le ticket)', () => {
	const c = assertCents;
	const sale: RecordedFigures & { note: string } = {
		note: 'kept',
		lines: [
			{
				quantity: 2,
				grossCents: c(1720),
				discountCents: c(86),
				ttcCents: c(1634),
				htCents: c(1549),
				vatCents: c(85)
			},
			{
				quantity: 1,
				grossCents: c(720),
				discountCents: c(0),
				ttcCents: c(720),
				htCents: c(600),
				vatCents: c(120)
			}
		],
		rates: [
			{ ttcCents: c(1634), htCents: c(1549), vatCents: c(85), discountCents: c(86) },
			{ ttcCents: c(720), htCents: c(600), vatCents: c(120), discountCents: c(0) }
		],
		totalCents: c(2354),
		payments: [
			{ method: 'bon-cadeau', amountCents: c(1000), reference: '8888880024727' },
			{ method: 'especes', amountCents: c(2000), reference: null }
		],
		changeCents: c(646)
	};

	it('negates every figure and gives cash back net of the change', () => {
		const inverse = invertRecordedTicket(sale);
		expect(inverse.note).toBe('kept');
		expect(inverse.lines[0]).toEqual({
			quantity: -2,
			grossCents: -1720,
			discountCents: -86,
			ttcCents: -1634,
			htCents: -1549,
			vatCents: -85
		});
		expect(inverse.totalCents).toBe(-2354);
		expect(inverse.payments).toEqual([
			{ method: 'bon-cadeau', amountCents: -1000, reference: '8888880024727' },
			{ method: 'especes', amountCents: -1354, reference: null }
		]);
		expect(inverse.changeCents).toBe(0);
	});

	it('sums with the original to zero, and the refund pays back exactly the total', () => {
		fc.assert(
			fc.property(ticketArbitrary(true), fc.integer({ min: 0, max: 5000 }), (input, change) => {
				const totals = computeTicketTotals(input);
				fc.pre(totals.ok && totals.value.ttcCents > 0);
				if (!totals.ok) return;
				const recorded: RecordedFigures = {
					lines: totals.value.lines.map((line, index) => ({
						quantity: input.lines[index]?.quantity ?? 0,
						...line
					})),
					rates: totals.value.rates,
					totalCents: totals.value.ttcCents,
					payments: [
						{ method: 'especes', amountCents: c(totals.value.ttcCents + change), reference: null }
					],
					changeCents: c(change)
				};
				const inverse = invertRecordedTicket(recorded);
				expect(inverse.totalCents + recorded.totalCents).toBe(0);
				inverse.rates.forEach((rate, i) =>
					expect(rate.htCents + (recorded.rates[i]?.htCents ?? 0)).toBe(0)
				);
				expect(inverse.payments.reduce((sum, p) => sum + p.amountCents, 0)).toBe(
					inverse.totalCents
				);
			})
		);
	});
});
