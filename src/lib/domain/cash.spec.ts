import { describe, expect, it } from 'vitest';
import { countCash, denominationLabel, expectedCash, validateCashMovement } from './cash';
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

describe('validateCashMovement', () => {
	it.each([
		[
			{ amount: '50', reason: ' Dépôt en banque ', direction: 'out' },
			{ amountCents: -5000, reason: 'Dépôt en banque' }
		],
		[
			{ amount: '20,50', reason: 'Fond de caisse', direction: 'in' },
			{ amountCents: 2050, reason: 'Fond de caisse' }
		]
	] as const)('accepts %j', (input, value) => {
		expect(validateCashMovement(input)).toEqual({ ok: true, value });
	});

	it.each([
		[{ amount: '-0', reason: 'x', direction: 'out' }, 'MOVEMENT_ZERO', 'amount'],
		[{ amount: '0,00', reason: 'x', direction: 'in' }, 'MOVEMENT_ZERO', 'amount'],
		[{ amount: '-5', reason: 'x', direction: 'in' }, 'AMOUNT_NEGATIVE', 'amount'],
		[{ amount: '5', reason: '  ', direction: 'out' }, 'MOVEMENT_REASON', 'reason']
	] as const)('refuses %j at its field', (input, code, field) => {
		const result = validateCashMovement(input);
		expect(result.ok ? null : [result.error.code, result.error.field]).toEqual([code, field]);
	});
});
