import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TYPED_QUANTITY, parseScanInput } from './scan-input';

describe('parseScanInput (the till’s scan field)', () => {
	it.each([
		['9782070360024', null, '9782070360024'],
		['  jardin  ', null, 'jardin'],
		['30*9782070360024', 30, '9782070360024'],
		['30 * jardin secret', 30, 'jardin secret'],
		['2×9782070360024', 2, '9782070360024'],
		['30*', 30, ''],
		['*9782070360024', null, '*9782070360024']
	])('« %s » → quantity %s, « %s »', (typed, quantity, text) => {
		expect(parseScanInput(typed)).toEqual({ ok: true, value: { quantity, text } });
	});

	it.each(['0*9782070360024', '1000*'])('refuses « %s » at the field', (typed) => {
		expect(parseScanInput(typed)).toMatchObject({
			ok: false,
			error: { code: 'QUANTITY_INVALID', field: 'quantity' }
		});
	});

	it('keeps any quantity from 1 to the maximum and the code after it', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: MAX_TYPED_QUANTITY }),
				fc.stringMatching(/^\d{13}$/u),
				(quantity, code) => {
					expect(parseScanInput(`${quantity}*${code}`)).toEqual({
						ok: true,
						value: { quantity, text: code }
					});
				}
			)
		);
	});
});
