import { describe, expect, it } from 'vitest';
import {
	defaultDiscount,
	discountCapBp,
	formatDiscount,
	invoiceChannelOf,
	parseDiscount,
	parsePercentBp
} from './discount';
import { assertCents } from './money';

describe('parseDiscount (as typed at the till)', () => {
	const cases: [string, unknown][] = [
		['', null],
		['5 %', { kind: 'percent', bp: 500 }],
		['5,5%', { kind: 'percent', bp: 550 }],
		['100 %', { kind: 'percent', bp: 10_000 }],
		['0,50', { kind: 'amount', cents: 50 }],
		['2 €', { kind: 'amount', cents: 200 }]
	];
	for (const [text, discount] of cases)
		it(`« ${text} »`, () => expect(parseDiscount(text)).toEqual({ ok: true, value: discount }));
	it('refuses nonsense and more than 100 %', () => {
		expect(parseDiscount('150 %')).toMatchObject({
			ok: false,
			error: { code: 'DISCOUNT_INVALID' }
		});
		expect(parseDiscount('beaucoup')).toMatchObject({
			ok: false,
			error: { code: 'DISCOUNT_INVALID' }
		});
	});
	it('formats back', () => {
		expect(formatDiscount(null)).toBe('');
		expect(formatDiscount({ kind: 'percent', bp: 500 })).toBe('5\u00a0%');
		expect(formatDiscount({ kind: 'amount', cents: assertCents(50) })).toBe('0,50\u00a0€');
	});
});

describe('parsePercentBp', () => {
	it.each([
		['9', 900],
		['4,5 %', 450],
		[' 0.5% ', 50],
		['0', 0],
		['100', 10000],
		['abc', null],
		['4,555', null],
		['-1', null],
		['', null]
	])('%s → %s', (text, bp) => {
		expect(parsePercentBp(text)).toBe(bp);
	});
});

describe('defaultDiscount', () => {
	const policy = { collectivityDiscountBp: 900, schoolBookDiscountBp: 1500 };
	it.each([
		['livre', 'particulier', false, null],
		['livre', 'entreprise', false, null],
		['livre', 'bibliotheque', false, 900],
		['presse', 'collectivite', false, null],
		['livre-scolaire', 'ecole', true, 1500],
		['livre-scolaire', 'bibliotheque', true, 900],
		['livre-scolaire', 'particulier', true, 500],
		['livre-scolaire', 'collectivite', false, 900]
	] as const)('%s for a %s (school tariff %s): %s bp', (kind, status, schoolPricing, bp) => {
		expect(defaultDiscount(kind, { status, schoolPricing }, policy)).toEqual(
			bp === null ? null : { kind: 'percent', bp }
		);
	});

	it('gives nothing when the shop gives nothing', () => {
		const none = { collectivityDiscountBp: 0, schoolBookDiscountBp: 0 };
		expect(defaultDiscount('livre', { status: 'bibliotheque' }, none)).toBeNull();
	});
});

describe('a company buyer', () => {
	it('gets the consumers’ 5 % cap on books, not the public buyers’ 9 % (loi 81-766 art. 3)', () => {
		expect(discountCapBp('livre', 'entreprise')).toBe(500);
		expect(discountCapBp('livre-scolaire', 'entreprise')).toBe(500);
		expect(discountCapBp('livre', 'bibliotheque')).toBe(900);
	});

	it.each([
		['particulier', 'papier'],
		['entreprise', 'plateforme'],
		['collectivite', 'chorus'],
		['bibliotheque', 'chorus'],
		['ecole', 'chorus']
	] as const)('a %s is invoiced by %s', (status, channel) => {
		expect(invoiceChannelOf(status)).toBe(channel);
	});
});
