import { describe, expect, it } from 'vitest';
import { assertCents } from './money';
import { assertVatRateBp, htFromTtc, isVatRateBp, parseVatRate, vatOnHt } from './vat';

describe('htFromTtc: the seed ticket rule', () => {
	const cases = [
		{ ttc: 4540, rate: 550, ht: 4303, vat: 237 },
		{ ttc: 3910, rate: 550, ht: 3706, vat: 204 },
		{ ttc: 860, rate: 550, ht: 815, vat: 45 },
		{ ttc: 1200, rate: 2000, ht: 1000, vat: 200 },
		{ ttc: 250, rate: 210, ht: 245, vat: 5 },
		{ ttc: -4540, rate: 550, ht: -4303, vat: -237 },
		{ ttc: 0, rate: 2000, ht: 0, vat: 0 }
	];
	for (const c of cases) {
		it(`${c.ttc}¢ TTC at ${c.rate}bp → HT ${c.ht}¢, TVA ${c.vat}¢`, () => {
			const ht = htFromTtc(assertCents(c.ttc), assertVatRateBp(c.rate));
			expect(ht).toBe(c.ht);
			expect(c.ttc - ht).toBe(c.vat);
		});
	}
	it('computes VAT on a base, rounded to the cent', () => {
		expect(vatOnHt(assertCents(4303), assertVatRateBp(550))).toBe(237);
		expect(vatOnHt(assertCents(-4303), assertVatRateBp(550))).toBe(-237);
	});
});

describe('VAT rates', () => {
	it('knows the French rates and refuses others', () => {
		expect(isVatRateBp(550)).toBe(true);
		expect(isVatRateBp(700)).toBe(false);
		expect(() => assertVatRateBp(1960)).toThrow('assertVatRateBp');
	});
	const parsed: [string, number][] = [
		['5,5', 550],
		['5.5 %', 550],
		['20', 2000],
		['2,1 %', 210],
		['10%', 1000]
	];
	for (const [text, bp] of parsed) {
		it(`reads « ${text} »`, () => expect(parseVatRate(text)).toEqual({ ok: true, value: bp }));
	}
	it('refuses an unknown rate in French', () => {
		const result = parseVatRate('19,6');
		expect(result).toMatchObject({ ok: false, error: { code: 'VAT_RATE_INVALID' } });
		expect(parseVatRate('abc').ok).toBe(false);
	});
});
