import { canonicalJson } from './chain';
import { BALANCE_KIND_LABELS, type BalanceKind } from './balance';
import type { DayTotals } from './closing';
import { formatEuros } from './format';
import { assertCents } from './money';
import { formatDay } from './ticket-period';

/**
 * Figures kept beside the sealed records for speed (the day's aggregates, the balances of
 * vouchers, deposits and credit notes) are not sealed themselves: the integrity check and a
 * backup's restore recompute them from the sealed tickets and journal and name every difference
 * (CGI art. 286-I-3° bis: a figure that counts must come from inalterable records;
 * docs/integrity.md#sealed-figures).
 */

/**
 * The day's aggregates as stored against those recomputed from its sealed tickets: null when
 * they agree, else the French sentence naming the day, the till and both totals.
 */
export function dayTotalsProblem(
	tillId: string,
	day: string,
	stored: DayTotals | undefined,
	sealed: DayTotals | undefined
): string | null {
	if (canonicalJson(stored ?? {}) === canonicalJson(sealed ?? {})) return null;
	const where = `Totaux du jour du ${formatDay(day)} (${tillId})`;
	const sealedTtc = assertCents(sealed?.ttcCents ?? 0);
	const sealedCount = sealed?.ticketCount ?? 0;
	if (!stored) {
		return `${where}\u00a0: absents, alors que les tickets scellés font ${formatEuros(sealedTtc)}.`;
	}
	const storedTtc = assertCents(stored.ttcCents);
	if (storedTtc !== sealedTtc || stored.ticketCount !== sealedCount) {
		return `${where}\u00a0: ${formatEuros(storedTtc)} en ${stored.ticketCount} ticket${stored.ticketCount > 1 ? 's' : ''} enregistrés, ${formatEuros(sealedTtc)} en ${sealedCount} d’après les tickets scellés.`;
	}
	return `${where}\u00a0: la ventilation (taux, moyens de paiement, heures) ne correspond plus aux tickets scellés.`;
}

/** A day's totals with the till they belong to. */
export type TillDayTotals = DayTotals & { readonly tillId: string };

/**
 * Every day whose stored totals differ from those recomputed from the sealed tickets, a day
 * missing on either side included (docs/integrity.md#sealed-figures). Both sides carry their
 * till, so that they compare whole.
 */
export function dayTotalsProblems(
	stored: readonly TillDayTotals[],
	sealed: readonly TillDayTotals[]
): string[] {
	const key = (day: TillDayTotals) => `${day.tillId}|${day.day}`;
	const unmatched = new Map(sealed.map((day) => [key(day), day]));
	const problems = stored.map((row) => {
		const problem = dayTotalsProblem(row.tillId, row.day, row, unmatched.get(key(row)));
		unmatched.delete(key(row));
		return problem;
	});
	for (const day of unmatched.values()) {
		problems.push(dayTotalsProblem(day.tillId, day.day, undefined, day));
	}
	return problems.filter((problem): problem is string => problem !== null);
}

/** What a sealed ticket did to the balances it names, by code (schema.ts TicketRow). */
export interface BalanceFigures {
	readonly payments: readonly {
		readonly method: string;
		readonly amountCents: number;
		readonly reference: string | null;
	}[];
	readonly issues?: readonly {
		readonly kind: BalanceKind;
		readonly amountCents: number;
		readonly code?: string;
	}[];
}

/**
 * The payment methods drawn on a balance, with the kind of balance each draws on (a refund onto a
 * credit note is a negative payment).
 */
export const BALANCE_KIND_OF_METHOD: Readonly<Record<string, BalanceKind>> = {
	'bon-cadeau': 'gift-voucher',
	avoir: 'credit-note',
	acompte: 'deposit'
};

/** A movement a sealed ticket made on the balance of a code. */
export interface TicketBalanceMovement {
	readonly code: string;
	readonly kind: BalanceKind;
	readonly amountCents: number;
}

/**
 * The movements a sealed ticket made on balances: a payment drawn on a code takes its amount
 * off (a negative payment, a refund onto a credit note, puts it on); a voucher or deposit bought
 * puts its amount on, one taken back takes it off.
 */
export function ticketBalanceMovements(ticket: BalanceFigures): TicketBalanceMovement[] {
	const movements: TicketBalanceMovement[] = [];
	for (const payment of ticket.payments) {
		const kind = BALANCE_KIND_OF_METHOD[payment.method];
		if (kind && payment.reference) {
			movements.push({ code: payment.reference, kind, amountCents: -payment.amountCents });
		}
	}
	for (const issue of ticket.issues ?? []) {
		if (issue.code) {
			movements.push({ code: issue.code, kind: issue.kind, amountCents: issue.amountCents });
		}
	}
	return movements;
}

/** A balance as stored: its account and the sum of its movements. */
export interface StoredBalance {
	readonly code: string;
	/** A balance kind, or « customer-account » (an account kept for a customer). */
	readonly kind: string;
	readonly initialCents: number;
	readonly movementsCents: number;
}

/**
 * Each stored balance against what the sealed records gave it (`sealed`: amount by code, from
 * the tickets' movements and the journal's issues and openings): one French sentence per
 * difference.
 */
export function balanceProblems(
	stored: readonly StoredBalance[],
	sealed: ReadonlyMap<string, number>
): string[] {
	const problems: string[] = [];
	for (const balance of stored) {
		const recorded = assertCents(balance.initialCents + balance.movementsCents);
		const expected = assertCents(sealed.get(balance.code) ?? 0);
		if (recorded !== expected) {
			problems.push(
				`${BALANCE_KIND_LABELS[balance.kind as BalanceKind] ?? 'Compte client'} ${balance.code}\u00a0: solde de ${formatEuros(recorded)} enregistré, ${formatEuros(expected)} d’après les tickets et le journal scellés.`
			);
		}
	}
	return problems;
}

/**
 * The first `limit` problems of one kind, then one sentence counting the others: a report a
 * bookseller can read even when a whole year of figures was changed.
 */
export function firstProblems(problems: readonly string[], others: string, limit = 5): string[] {
	if (problems.length <= limit) return [...problems];
	return [...problems.slice(0, limit), `… et ${problems.length - limit} autres ${others}.`];
}
