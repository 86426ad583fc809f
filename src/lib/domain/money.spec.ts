import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, assertCents, parseEuros, roundDivide, sumCents } from './money';

describe('parseEuros', () => {
	it('asks about « 12.345 » instead of reading twelve thousand euros', () => {
		expect(parseEuros('12.345')).toEqual({
			ok: false,
			error: {
				code: 'AMOUNT_AMBIGUOUS',
				message:
					'«\u00a012.345\u00a0» est ambigu\u00a0: tapez 12345 pour 12\u00a0345,00\u00a0€, ou mettez une virgule avant les centimes (exemple\u00a0: 12,34).'
			}
		});
	});

	const accepted: [string, number][] = [
		['12,50', 1250],
		['12.5', 1250],
		['12,50 €', 1250],
		['12,50€', 1250],
		['12 EUR', 1200],
		['0,05', 5],
		[',5', 50],
		['12,', 1200],
		['1 234,56', 123456],
		['1\u202f234,56', 123456],
		['1.234,56', 123456],
		['1.234.567', 123456700],
		['  45,40  ', 4540],
		['+3', 300],
		['-0', 0]
	];
	for (const [text, cents] of accepted) {
		it(`reads « ${text} » as ${cents} cents`, () => {
			expect(parseEuros(text)).toEqual({ ok: true, value: cents });
		});
	}

	const refused: [string, string][] = [
		['', 'AMOUNT_EMPTY'],
		['   ', 'AMOUNT_EMPTY'],
		['abc', 'AMOUNT_INVALID'],
		['12,505', 'AMOUNT_INVALID'],
		['1,234', 'AMOUNT_INVALID'],
		['12.345', 'AMOUNT_AMBIGUOUS'],
		['-1.000', 'AMOUNT_AMBIGUOUS'],
		['1e3', 'AMOUNT_INVALID'],
		['.', 'AMOUNT_INVALID'],
		['-', 'AMOUNT_INVALID'],
		['12,50 $', 'AMOUNT_INVALID'],
		['NaN', 'AMOUNT_INVALID'],
		['-3', 'AMOUNT_NEGATIVE'],
		['99999999', 'AMOUNT_TOO_LARGE']
	];
	for (const [text, code] of refused) {
		it(`refuses « ${text} » with ${code} and a French reason`, () => {
			const result = parseEuros(text);
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.error.code).toBe(code);
				expect(result.error.message).toMatch(/montant|négatif|dépasse|ambigu/u);
			}
		});
	}

	it('reads negative amounts only when asked', () => {
		expect(parseEuros('-3,20', { allowNegative: true })).toEqual({ ok: true, value: -320 });
	});

	it('reads back every amount written with a comma, to the cent', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (cents) => {
				const text = `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
				expect(parseEuros(text)).toEqual({ ok: true, value: cents });
			})
		);
	});

	it('never throws on any text', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const result = parseEuros(text);
				expect(typeof result.ok).toBe('boolean');
				if (result.ok) expect(Number.isSafeInteger(result.value)).toBe(true);
			})
		);
	});
});

describe('assertCents and sumCents', () => {
	it('refuses floats at the boundary, naming the function', () => {
		expect(() => assertCents(12.5)).toThrow('assertCents');
		expect(() => assertCents(Number.NaN)).toThrow('assertCents');
		expect(assertCents(-15)).toBe(-15);
		expect(sumCents([100, -30, 5])).toBe(75);
	});
});

describe('roundDivide (half away from zero)', () => {
	const cases: [bigint, bigint, bigint][] = [
		[5n, 2n, 3n],
		[-5n, 2n, -3n],
		[4n, 2n, 2n],
		[7n, 3n, 2n],
		[5n, -2n, -3n],
		[45400000n, 10550n, 4303n]
	];
	for (const [numerator, denominator, expected] of cases) {
		it(`${numerator} / ${denominator} → ${expected}`, () => {
			expect(roundDivide(numerator, denominator)).toBe(expected);
		});
	}
	it('refuses a zero denominator', () => {
		expect(() => roundDivide(1n, 0n)).toThrow('roundDivide');
	});
});

describe('apportion', () => {
	it('splits by largest remainder, first line first on ties', () => {
		expect(apportion(10n, [1n, 1n, 1n], 3n)).toEqual([4n, 3n, 3n]);
		expect(apportion(0n, [], 1n)).toEqual([]);
		expect(apportion(2n, [10n, 10n], 10n)).toEqual([1n, 1n]);
	});
	it('takes cents away from the smallest remainders when the floors overshoot', () => {
		expect(apportion(1n, [10n, 10n], 10n)).toEqual([0n, 1n]);
	});
	it('refuses a non-positive denominator', () => {
		expect(() => apportion(1n, [1n], 0n)).toThrow('apportion');
	});
	it('always adds up to the target, and mirrors under negation', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -100_000, max: 100_000 }),
				fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 20_000 }),
				(target, weights, denominator) => {
					const numerators = weights.map(BigInt);
					const parts = apportion(BigInt(target), numerators, BigInt(denominator));
					expect(parts.reduce((a, b) => a + b, 0n)).toBe(BigInt(target));
					const mirrored = apportion(
						BigInt(-target),
						numerators.map((n) => -n),
						BigInt(denominator)
					);
					expect(mirrored).toEqual(parts.map((p) => -p));
				}
			)
		);
	});
});
