import type { CustomerStatus } from './discount';
import { deferredCents, type PaymentMethod } from './payment';
import { err, ok, type Result } from './result';
import { addDays, daysBetween, formatDay } from './ticket-period';

/**
 * Payment terms (docs/invoices.md#payment-terms). A public buyer pays within 30 days, the legal
 * maximum for the State and local authorities (Code de la commande publique, R2192-10); a consumer
 * pays on receipt. A customer file may set its own number of days.
 */
export const PUBLIC_BUYER_TERM_DAYS = 30;

/** Beyond 60 days from the invoice date a term is unlawful between businesses (C. com. L441-10). */
export const MAX_TERM_DAYS = 60;

export function defaultTermDays(status: CustomerStatus): number {
	return status === 'particulier' ? 0 : PUBLIC_BUYER_TERM_DAYS;
}

/** The customer's own term, else the default of its status. */
export function termDaysOf(customer: {
	readonly status: CustomerStatus;
	readonly paymentTermDays?: number | null;
}): number {
	return customer.paymentTermDays ?? defaultTermDays(customer.status);
}

/** @example termLabel(0) // 'à réception' ; termLabel(30) // '30 jours' */
export function termLabel(days: number): string {
	return days === 0 ? 'à réception' : `${days}\u00a0jours`;
}

export function dueDayAfter(day: string, termDays: number): string {
	return addDays(day, termDays);
}

/**
 * The due date an invoice proposes for sales left « en compte »: the latest one agreed at the
 * till, else the customer's term from today; undefined when none of them left anything to pay.
 */
export function proposedDueDay(
	sales: readonly {
		readonly payments: readonly { readonly method: PaymentMethod; readonly amountCents: number }[];
		readonly dueDate: string | null;
	}[],
	termDays: number,
	today: string
): string | undefined {
	const deferred = sales.filter((sale) => deferredCents(sale.payments) > 0);
	if (deferred.length === 0) return undefined;
	const agreed = deferred.flatMap((sale) => (sale.dueDate ? [sale.dueDate] : [])).sort();
	return agreed.at(-1) ?? dueDayAfter(today, termDays);
}

/** The « Délai de paiement » field of a customer file: empty (the default) or 0 to 60 days. */
export function parseTermDays(text: string): Result<number | null> {
	const trimmed = text.trim();
	if (trimmed === '') return ok(null);
	const days = Number(trimmed);
	if (!/^\d{1,3}$/u.test(trimmed) || days > MAX_TERM_DAYS) {
		return err(
			'TERM_INVALID',
			`Délai de paiement\u00a0: un nombre de jours de 0 (à réception) à ${MAX_TERM_DAYS} (Code de commerce L441-10), ou vide pour le délai par défaut.`,
			'paymentTermDays'
		);
	}
	return ok(days);
}

/** A due date chosen at the till or on an invoice: a real day, from `from` to 60 days after. */
export function validateDueDay(day: string, from: string): Result<string> {
	const trimmed = day.trim();
	if (!/^\d{4}-\d{2}-\d{2}$/u.test(trimmed) || Number.isNaN(daysBetween(from, trimmed))) {
		return err('DUE_DAY_INVALID', 'Indiquez la date d’échéance (jj/mm/aaaa).', 'dueDay');
	}
	const days = daysBetween(from, trimmed);
	if (days < 0) {
		return err('DUE_DAY_PAST', `L’échéance ne peut précéder le ${formatDay(from)}.`, 'dueDay');
	}
	if (days > MAX_TERM_DAYS) {
		return err(
			'DUE_DAY_TOO_FAR',
			`L’échéance dépasse ${MAX_TERM_DAYS}\u00a0jours après le ${formatDay(from)} (Code de commerce L441-10).`,
			'dueDay'
		);
	}
	return ok(trimmed);
}
