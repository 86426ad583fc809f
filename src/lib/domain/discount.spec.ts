import { describe, expect, it } from 'vitest';
import { formatDiscount, parseDiscount, parsePercentBp } from './discount';
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
