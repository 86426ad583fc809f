import { describe, expect, it } from 'vitest';
import { formatDiscount, parseDiscount } from './discount';
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
		expect(formatDiscount({ kind: 'percent', bp: 500 })).toBe('5 %');
		expect(formatDiscount({ kind: 'amount', cents: assertCents(50) })).toBe('0,50\u00a0€');
	});
});
