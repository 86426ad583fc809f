import { err, ok, type Result } from './result';

declare const centsBrand: unique symbol;
/** An amount of euro cents: always a safe integer, never a float (docs/rules.md#money). */
export type Cents = number & { readonly [centsBrand]: true };

/**
 * Guards a value entering the domain as money. Throws: a non-integer here is a programmer error.
 * @example assertCents(1250) // 12,50 €
 */
export function assertCents(value: number): Cents {
	if (!Number.isSafeInteger(value)) throw new Error(`assertCents: not integer cents: ${value}`);
	return (value + 0) as Cents; // + 0 turns -0 (e.g. −1 × 0,00 €) into 0
}

/** Sum of cents, still cents. */
export function sumCents(values: readonly number[]): Cents {
	let total = 0;
	for (const value of values) total += value;
	return assertCents(total);
}

/** The largest amount we accept from a person: 10 million euros. */
const MAX_TYPED_CENTS = 1_000_000_000;

/** Thousands may be grouped by a space, a no-break space (fr-FR output) or a dot. */
const AMOUNT_PATTERN = /^([+-])?(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)?(?:[.,](\d{0,2}))?$/u;

/**
 * Parses what a person typed into cents, without floats: "12,50", "12.5", "12,50 €", "1 234,5",
 * "-3", "0,05". Refuses anything else with a French reason.
 * @example parseEuros('12,50 €') // { ok: true, value: 1250 }
 */
export function parseEuros(text: string, { allowNegative = false } = {}): Result<Cents> {
	const trimmed = text
		.trim()
		.replace(/\s*(€|EUR)$/iu, '')
		.trim();
	if (trimmed === '') return err('AMOUNT_EMPTY', 'Saisissez un montant.');
	const match = AMOUNT_PATTERN.exec(trimmed);
	// A lone separator, or a dot used both for thousands and decimals, is ambiguous: refuse it.
	if (!match || (match[2] === undefined && (match[3] ?? '') === '')) {
		return err(
			'AMOUNT_INVALID',
			`«\u00a0${text.trim()}\u00a0» n'est pas un montant valide (exemple\u00a0: 12,50).`
		);
	}
	const [, sign, integerPart = '0', fraction = ''] = match;
	// « 12.345 »: a dot then three digits is a thousands group in French, a decimal point on a
	// keyboard set to English. Asked, never guessed (a price ten thousand times too high).
	if (match[3] === undefined && /^\d{1,3}\.\d{3}$/u.test(integerPart)) {
		const [whole, part] = integerPart.split('.') as [string, string];
		return err(
			'AMOUNT_AMBIGUOUS',
			`«\u00a0${text.trim()}\u00a0» est ambigu\u00a0: tapez ${whole}${part} pour ${whole}\u00a0${part},00\u00a0€, ou mettez une virgule avant les centimes (exemple\u00a0: ${whole},${part.slice(0, 2)}).`
		);
	}
	const euros = Number(integerPart.replace(/[ \u00a0\u202f.]/gu, ''));
	const cents = euros * 100 + Number(fraction.padEnd(2, '0'));
	if (cents > MAX_TYPED_CENTS) {
		return err('AMOUNT_TOO_LARGE', 'Ce montant dépasse 10 000 000,00\u00a0€.');
	}
	if (sign === '-' && cents !== 0) {
		if (!allowNegative) return err('AMOUNT_NEGATIVE', 'Le montant ne peut pas être négatif.');
		return ok(assertCents(-cents));
	}
	return ok(assertCents(cents));
}

/**
 * Divides `numerator / denominator` and rounds half away from zero, in exact integer arithmetic.
 * This is the one rounding of the product ("arrondi commercial"): symmetric, so a cancelled
 * ticket is the exact mirror of the original.
 * @example roundDivide(4540n * 10000n, 10550n) // 4303n
 */
export function roundDivide(numerator: bigint, denominator: bigint): bigint {
	if (denominator === 0n) throw new Error('roundDivide: division by zero');
	if (denominator < 0n) return roundDivide(-numerator, -denominator);
	if (numerator < 0n) return -roundDivide(-numerator, denominator);
	return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * Splits `target` cents into integer parts proportional to `numerators / denominator`, so that the
 * parts add up to `target` exactly (largest-remainder method). Ties go to the first line.
 * Symmetric: negating every input negates every output, which keeps inverse tickets exact.
 * @example apportion(10n, [1n, 1n, 1n], 3n) // [4n, 3n, 3n] (10 × 1/3 each)
 */
export function apportion(
	target: bigint,
	numerators: readonly bigint[],
	denominator: bigint
): bigint[] {
	if (denominator <= 0n) throw new Error('apportion: denominator must be positive');
	const numeratorSum = numerators.reduce((a, b) => a + b, 0n);
	if (target < 0n || (target === 0n && numeratorSum < 0n)) {
		return apportion(
			-target,
			numerators.map((n) => -n),
			denominator
		).map((part) => -part);
	}
	const floors = numerators.map((n) => floorDivide(n, denominator));
	let missing = target - floors.reduce((a, b) => a + b, 0n);
	if (missing === 0n) return floors;
	const step = missing > 0n ? 1n : -1n;
	// Give cents first to the largest remainders (or take them from the smallest ones).
	const order = numerators
		.map((n, index) => ({ index, remainder: n - floorDivide(n, denominator) * denominator }))
		.sort((a, b) => {
			const byRemainder = b.remainder - a.remainder;
			const ranked = byRemainder === 0n ? 0 : byRemainder > 0n ? 1 : -1;
			return (step > 0n ? ranked : -ranked) || a.index - b.index;
		})
		.map(({ index }) => index);
	const parts = [...floors];
	for (let k = 0; missing !== 0n; k = (k + 1) % order.length) {
		const index = order[k] as number;
		parts[index] = (parts[index] as bigint) + step;
		missing -= step;
	}
	return parts;
}

function floorDivide(numerator: bigint, denominator: bigint): bigint {
	const quotient = numerator / denominator;
	return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}
