import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditNoteLines, invertTicket } from './inverse';
import { assertCents } from './money';
import type { TenderInput } from './payment';
import { ticketArbitrary } from './test-arbitraries';
import { computeTicketTotals, type TicketTotals } from './ticket';

function negate(t: TicketTotals): TicketTotals {
	const neg = <T extends object>(o: T): T =>
		Object.fromEntries(
			Object.entries(o).map(([k, v]) => [
				k,
				typeof v === 'number' && k !== 'vatRateBp' ? (v === 0 ? 0 : -v) : v
			])
		) as T;
	return { ...neg(t), lines: t.lines.map(neg), rates: t.rates.map(neg) };
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
					expect(cancelled).toEqual({ ok: true, value: negate(original.value) });
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
