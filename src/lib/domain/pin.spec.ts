import { describe, expect, it } from 'vitest';
import { MANAGER_ACTION_LABELS, validatePin } from './pin';

describe('validatePin', () => {
	it.each([
		['2468', '2468'],
		[' 12 34 56 ', '123456'],
		['12345678', '12345678']
	])('accepts %j', (typed, pin) => {
		expect(validatePin(typed)).toEqual({ ok: true, value: pin });
	});

	it.each(['', '123', '123456789', '12a4', '１２３４'])('refuses %j in French', (typed) => {
		expect(validatePin(typed)).toEqual({
			ok: false,
			error: {
				code: 'PIN_INVALID',
				message: 'Le code PIN responsable\u00a0: 4 à 8 chiffres.',
				field: 'pin'
			}
		});
	});

	it('names every protected action', () => {
		expect(MANAGER_ACTION_LABELS['cancel-ticket']).toBe('annuler le ticket');
	});
});
