import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discountCapBp, formatBp, type ArticleKind, type CustomerStatus } from './discount';
import { assertCents } from './money';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import {
	computeTicketTotals,
	type TicketInput,
	type TicketLineInput,
	type TicketTotals
} from './ticket';
import { assertVatRateBp } from './vat';

function line(
	unitPrice: number,
	{
		quantity = 1,
		rate = 550,
		kind = 'livre' as ArticleKind,
		discount,
		label
	}: Partial<{
		quantity: number;
		rate: number;
		kind: ArticleKind;
		discount: TicketLineInput['discount'];
		label: string;
	}> = {}
): TicketLineInput {
	return {
		quantity,
		unitPriceCents: assertCents(unitPrice),
		vatRateBp: assertVatRateBp(rate),
		articleKind: kind,
		...(discount ? { discount } : {}),
		...(label ? { label } : {})
	};
}

function totals(input: TicketInput): TicketTotals {
	const result = computeTicketTotals(input);
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

describe('the seed ticket (000: ticket 178749, 27/09/2019)', () => {
	it('five books, 45,40 € → HT 43,03 €, TVA 2,37 €', () => {
		const t = totals({
			customerStatus: 'particulier',
			lines: [860, 870, 860, 860, 1090].map((price) => line(price))
		});
		expect(t.rates).toEqual([
			{ vatRateBp: 550, ttcCents: 4540, htCents: 4303, vatCents: 237, discountCents: 0 }
		]);
		expect(t.ttcCents).toBe(4540);
		expect(t.lines.map((l) => l.htCents).reduce((a, b) => a + b, 0)).toBe(4303);
		expect(t.lines.map((l) => l.vatCents).reduce((a, b) => a + b, 0)).toBe(237);
	});
	it('39,10 € of books → 37,06 € / 2,04 €', () => {
		const t = totals({ customerStatus: 'particulier', lines: [line(1955, { quantity: 2 })] });
		expect(t.rates[0]).toMatchObject({ htCents: 3706, vatCents: 204 });
	});
});

describe('mixed rates and discounts', () => {
	it('books, press and stationery: one breakdown per rate, lowest rate first', () => {
		const t = totals({
			customerStatus: 'particulier',
			lines: [
				line(2000, { rate: 2000, kind: 'autre' }),
				line(860),
				line(250, { rate: 210, kind: 'presse' })
			]
		});
		expect(t.rates.map((r) => [r.vatRateBp, r.ttcCents, r.htCents, r.vatCents])).toEqual([
			[210, 250, 245, 5],
			[550, 860, 815, 45],
			[2000, 2000, 1667, 333]
		]);
		expect(t.ttcCents).toBe(3110);
	});

	it('5 % off a book for a consumer is allowed: 8,60 € → 8,17 €', () => {
		const t = totals({
			customerStatus: 'particulier',
			lines: [line(860, { discount: { kind: 'percent', bp: 500 } })]
		});
		expect(t.lines[0]).toMatchObject({ lineDiscountCents: 43, ttcCents: 817 });
	});

	const capCases: { status: CustomerStatus; kind: ArticleKind; bp: number; ok: boolean }[] = [
		{ status: 'particulier', kind: 'livre', bp: 501, ok: false },
		{ status: 'particulier', kind: 'livre', bp: 500, ok: true },
		{ status: 'collectivite', kind: 'livre', bp: 900, ok: true },
		{ status: 'bibliotheque', kind: 'livre', bp: 1000, ok: false },
		{ status: 'ecole', kind: 'livre-scolaire', bp: 3000, ok: true },
		{ status: 'collectivite', kind: 'livre-scolaire', bp: 2500, ok: true },
		{ status: 'particulier', kind: 'livre-scolaire', bp: 600, ok: false },
		{ status: 'bibliotheque', kind: 'livre-scolaire', bp: 901, ok: false },
		{ status: 'particulier', kind: 'autre', bp: 5000, ok: true },
		{ status: 'particulier', kind: 'presse', bp: 1000, ok: true }
	];
	for (const c of capCases) {
		it(`${formatBp(c.bp)} on « ${c.kind} » for ${c.status}: ${c.ok ? 'allowed' : 'refused'}`, () => {
			const result = computeTicketTotals({
				customerStatus: c.status,
				lines: [
					line(10_000, {
						kind: c.kind,
						rate: c.kind === 'autre' ? 2000 : c.kind === 'presse' ? 210 : 550,
						discount: { kind: 'percent', bp: c.bp },
						label: 'Le Petit Prince'
					})
				]
			});
			expect(result.ok).toBe(c.ok);
			if (!result.ok) {
				expect(result.error.code).toBe('DISCOUNT_ABOVE_CAP');
				expect(result.error.field).toBe('lines.0.discount');
				expect(result.error.message).toContain('Le Petit Prince');
				expect(result.error.message).toContain(formatBp(discountCapBp(c.kind, c.status) ?? 0));
			}
		});
	}

	it('an amount discount over 5 % of a book is refused, naming the cap', () => {
		const result = computeTicketTotals({
			customerStatus: 'particulier',
			lines: [line(860, { discount: { kind: 'amount', cents: assertCents(50) } })]
		});
		expect(result).toMatchObject({ ok: false, error: { code: 'DISCOUNT_ABOVE_CAP' } });
		if (!result.ok) expect(result.error.message).toMatch(/loi Lang.*5\s%.*particulier/u);
	});

	it('a ticket discount stacks with a line discount toward the cap', () => {
		const result = computeTicketTotals({
			customerStatus: 'particulier',
			discount: { kind: 'percent', bp: 300 },
			lines: [line(2000, { discount: { kind: 'percent', bp: 300 } })]
		});
		expect(result).toMatchObject({
			ok: false,
			error: { code: 'DISCOUNT_ABOVE_CAP', field: 'lines.0.discount' }
		});
	});

	it('a library’s ticket discount over its collectivity price says the two add up', () => {
		const result = computeTicketTotals({
			customerStatus: 'bibliotheque',
			discount: { kind: 'percent', bp: 900 },
			lines: [line(2000, { discount: { kind: 'percent', bp: 900 } })]
		});
		expect(result).toMatchObject({ ok: false, error: { code: 'DISCOUNT_ABOVE_CAP' } });
		if (!result.ok) {
			expect(result.error.message).toMatch(
				/limite la remise sur les livres à 9\s% .*déjà 9\s% de remise sur sa ligne \(prix collectivité compris\)\s: la remise du ticket s’y ajoute\.$/u
			);
		}
	});

	it('a ticket discount alone over the cap is blamed on the ticket discount', () => {
		const result = computeTicketTotals({
			customerStatus: 'particulier',
			discount: { kind: 'amount', cents: assertCents(200) },
			lines: [line(2000)]
		});
		expect(result).toMatchObject({
			ok: false,
			error: { code: 'DISCOUNT_ABOVE_CAP', field: 'discount' }
		});
	});

	it('a ticket amount discount is spread cent-exact over the lines', () => {
		const t = totals({
			customerStatus: 'particulier',
			discount: { kind: 'amount', cents: assertCents(1000) },
			lines: [
				line(3000, { kind: 'autre', rate: 2000 }),
				line(3000, { kind: 'autre', rate: 2000 }),
				line(3000, { kind: 'autre', rate: 2000 })
			]
		});
		expect(t.lines.map((l) => l.ticketDiscountCents)).toEqual([334, 333, 333]);
		expect(t.ttcCents).toBe(8000);
		expect(t.discountCents).toBe(1000);
	});

	it('a 5 % ticket discount never puts a book over the cap by rounding', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 20 }),
				(prices) => {
					const result = computeTicketTotals({
						customerStatus: 'particulier',
						discount: { kind: 'percent', bp: 500 },
						lines: prices.map((p) => line(p))
					});
					expect(result.ok).toBe(true);
				}
			)
		);
	});

	it('collectivity: 9 % off a 20,00 € book = 1,80 €', () => {
		const t = totals({
			customerStatus: 'collectivite',
			discount: { kind: 'percent', bp: 900 },
			lines: [line(2000)]
		});
		expect(t.lines[0]).toMatchObject({ ticketDiscountCents: 180, ttcCents: 1820 });
		expect(t.rates[0]).toMatchObject({ discountCents: 180 });
	});

	it('loyalty earned on books counts toward the cap', () => {
		const allowed = totals({
			customerStatus: 'particulier',
			loyaltyRewardBp: 500,
			lines: [line(2000)]
		});
		expect(allowed.loyaltyRewardCents).toBe(100);
		const refused = computeTicketTotals({
			customerStatus: 'particulier',
			loyaltyRewardBp: 300,
			lines: [
				line(2000, { discount: { kind: 'percent', bp: 300 } }),
				line(1000, { kind: 'autre', rate: 2000 })
			]
		});
		expect(refused).toMatchObject({
			ok: false,
			error: { code: 'LOYALTY_ABOVE_CAP', field: 'loyaltyRewardBp' }
		});
		if (!refused.ok) expect(refused.error.message).toMatch(/fidélité/u);
	});
});

describe('bad input gets a French message and a field', () => {
	const cases: { name: string; input: TicketInput; code: string; field: string }[] = [
		{
			name: 'zero quantity',
			input: { customerStatus: 'particulier', lines: [line(100, { quantity: 0 })] },
			code: 'QUANTITY_INVALID',
			field: 'lines.0.quantity'
		},
		{
			name: 'fractional quantity',
			input: { customerStatus: 'particulier', lines: [line(100, { quantity: 1.5 })] },
			code: 'QUANTITY_INVALID',
			field: 'lines.0.quantity'
		},
		{
			name: 'huge quantity',
			input: { customerStatus: 'particulier', lines: [line(100, { quantity: 10_000 })] },
			code: 'QUANTITY_TOO_LARGE',
			field: 'lines.0.quantity'
		},
		{
			name: 'negative price',
			input: {
				customerStatus: 'particulier',
				lines: [{ ...line(100), unitPriceCents: assertCents(-1) }]
			},
			code: 'PRICE_INVALID',
			field: 'lines.0.unitPriceCents'
		},
		{
			name: 'discount over 100\u00a0%',
			input: {
				customerStatus: 'particulier',
				lines: [line(100, { kind: 'autre', rate: 2000, discount: { kind: 'percent', bp: 10_001 } })]
			},
			code: 'DISCOUNT_INVALID',
			field: 'lines.0.discount'
		},
		{
			name: 'negative amount discount',
			input: {
				customerStatus: 'particulier',
				lines: [
					line(100, {
						kind: 'autre',
						rate: 2000,
						discount: { kind: 'amount', cents: assertCents(-5) }
					})
				]
			},
			code: 'DISCOUNT_INVALID',
			field: 'lines.0.discount'
		},
		{
			name: 'discount above the price',
			input: {
				customerStatus: 'particulier',
				lines: [
					line(100, {
						kind: 'autre',
						rate: 2000,
						discount: { kind: 'amount', cents: assertCents(101) }
					})
				]
			},
			code: 'DISCOUNT_ABOVE_PRICE',
			field: 'lines.0.discount'
		},
		{
			name: 'bad ticket percent',
			input: {
				customerStatus: 'particulier',
				discount: { kind: 'percent', bp: -1 },
				lines: [line(100)]
			},
			code: 'DISCOUNT_INVALID',
			field: 'discount'
		},
		{
			name: 'ticket amount on nothing',
			input: {
				customerStatus: 'particulier',
				discount: { kind: 'amount', cents: assertCents(100) },
				lines: [line(100), line(100, { quantity: -1 })]
			},
			code: 'DISCOUNT_NOTHING_TO_SPREAD',
			field: 'discount'
		},
		{
			name: 'ticket amount above total',
			input: {
				customerStatus: 'particulier',
				discount: { kind: 'amount', cents: assertCents(300) },
				lines: [line(100, { kind: 'autre', rate: 2000 })]
			},
			code: 'DISCOUNT_ABOVE_PRICE',
			field: 'discount'
		},
		{
			name: 'loyalty rate out of range',
			input: { customerStatus: 'particulier', loyaltyRewardBp: 20_000, lines: [line(100)] },
			code: 'LOYALTY_RATE_INVALID',
			field: 'loyaltyRewardBp'
		}
	];
	for (const c of cases) {
		it(c.name, () => {
			const result = computeTicketTotals(c.input);
			expect(result).toMatchObject({ ok: false, error: { code: c.code, field: c.field } });
			if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
		});
	}

	it('a zero ticket discount or an empty ticket is fine', () => {
		expect(totals({ customerStatus: 'particulier', lines: [] }).ttcCents).toBe(0);
		const t = totals({
			customerStatus: 'particulier',
			discount: { kind: 'amount', cents: assertCents(0) },
			lines: [line(100)]
		});
		expect(t.discountCents).toBe(0);
		const sumZero = totals({
			customerStatus: 'particulier',
			discount: { kind: 'amount', cents: assertCents(0) },
			lines: [line(100), line(100, { quantity: -1 })]
		});
		expect(sumZero.ttcCents).toBe(0);
	});
});

describe('invariants over random tickets (fast-check)', () => {
	it('totals equal the sum of lines; HT + TVA = TTC per rate and per line; the HT is the seed rule', () => {
		fc.assert(
			fc.property(ticketArbitrary(), (input) => {
				const result = computeTicketTotals(input);
				if (!result.ok) {
					expect(result.error.code).toMatch(/DISCOUNT_ABOVE_CAP|LOYALTY/u);
					return;
				}
				const t = result.value;
				const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
				expect(t.ttcCents).toBe(sum(t.lines.map((l) => l.ttcCents)));
				expect(t.htCents).toBe(sum(t.lines.map((l) => l.htCents)));
				expect(t.vatCents).toBe(sum(t.lines.map((l) => l.vatCents)));
				expect(t.grossCents - t.discountCents).toBe(t.ttcCents);
				for (const rate of t.rates) {
					const lines = t.lines.filter((l) => l.vatRateBp === rate.vatRateBp);
					expect(rate.htCents + rate.vatCents).toBe(rate.ttcCents);
					expect(sum(lines.map((l) => l.htCents))).toBe(rate.htCents);
					expect(sum(lines.map((l) => l.ttcCents))).toBe(rate.ttcCents);
					expect(
						Math.abs(rate.htCents * (10_000 + rate.vatRateBp) - rate.ttcCents * 10_000)
					).toBeLessThanOrEqual((10_000 + rate.vatRateBp) / 2);
				}
				for (const l of t.lines) expect(l.htCents + l.vatCents).toBe(l.ttcCents);
			})
		);
	});
});
