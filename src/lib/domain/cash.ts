import { formatEuros } from './format';
import { assertCents, parseEuros, sumCents, type Cents } from './money';
import { err, ok, type Result } from './result';

/** Euro notes and coins a till holds, in cents, largest first. */
export const EURO_DENOMINATIONS_CENTS = [
	50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1
] as const;

export function denominationLabel(cents: number): string {
	return `${cents >= 500 ? 'Billet' : 'Pièce'} de ${formatEuros(cents)}`;
}

/** Total of a count per denomination ("3 billets de 20 €…"); refuses non-integers in French. */
export function countCash(
	count: Readonly<Record<string, string>>
): Result<{ totalCents: Cents; detail: Record<string, number> }> {
	const detail: Record<string, number> = {};
	for (const denomination of EURO_DENOMINATIONS_CENTS) {
		const text = (count[String(denomination)] ?? '').trim();
		if (text === '') continue;
		if (!/^\d{1,5}$/u.test(text)) {
			return err(
				'COUNT_INVALID',
				`${denominationLabel(denomination)}\u00a0: saisissez un nombre entier.`,
				String(denomination)
			);
		}
		detail[String(denomination)] = Number(text);
	}
	return ok({
		totalCents: sumCents(Object.entries(detail).map(([cents, n]) => Number(cents) * n)),
		detail
	});
}

export interface CashMovement {
	readonly amountCents: Cents;
	readonly reason: string;
}

/**
 * What the drawer should hold: opening float + cash taken − change given + cash in − cash out.
 * Ticket cash amounts are net of change (payments minus change), so refunds subtract themselves.
 */
export function expectedCash(input: {
	openingFloatCents: Cents;
	cashFromTicketsCents: Cents;
	movements: readonly CashMovement[];
}): Cents {
	return assertCents(
		input.openingFloatCents +
			input.cashFromTicketsCents +
			input.movements.reduce((sum, m) => sum + m.amountCents, 0)
	);
}

/**
 * A cash movement as typed at the till: an amount above zero (« -0 » or « 0 » record nothing, a
 * sign is given by the direction) and a reason; signed negative when cash leaves the drawer.
 * Each error names its field.
 */
export function validateCashMovement(input: {
	readonly amount: string;
	readonly reason: string;
	readonly direction: 'in' | 'out';
}): Result<{ amountCents: Cents; reason: string }> {
	const amount = parseEuros(input.amount);
	if (!amount.ok) return err(amount.error.code, amount.error.message, 'amount');
	if (amount.value === 0) {
		return err('MOVEMENT_ZERO', 'Le montant doit être supérieur à zéro.', 'amount');
	}
	const reason = input.reason.trim();
	if (reason === '') {
		return err(
			'MOVEMENT_REASON',
			'Indiquez le motif du mouvement (ex. dépôt en banque).',
			'reason'
		);
	}
	return ok({
		amountCents: assertCents(input.direction === 'out' ? -amount.value : amount.value),
		reason
	});
}
