import { describe, expect, it } from 'vitest';
import { countCash, denominationLabel, expectedCash } from './cash';
import { assertCents } from './money';

describe('cash count', () => {
	it('adds notes and coins', () => {
		expect(countCash({ '2000': '3', '200': '2', '5': '1', '1': '' })).toEqual({
			ok: true,
			value: { totalCents: 6405, detail: { '2000': 3, '200': 2, '5': 1 } }
		});
	});
	it('refuses a non-integer count, naming the denomination', () => {
		const result = countCash({ '1000': '1,5' });
		expect(result).toMatchObject({ ok: false, error: { code: 'COUNT_INVALID', field: '1000' } });
		if (!result.ok) expect(result.error.message).toMatch(/Billet de 10,00/u);
	});
	it('labels notes and coins', () => {
		expect(denominationLabel(50)).toMatch(/^Pièce de 0,50/u);
	});
	it('computes what the drawer should hold', () => {
		expect(
			expectedCash({
				openingFloatCents: assertCents(15000),
				cashFromTicketsCents: assertCents(4260),
				movements: [{ amountCents: assertCents(-2000), reason: 'Banque' }]
			})
		).toBe(17260);
	});
});
