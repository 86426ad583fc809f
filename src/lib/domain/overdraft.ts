import type { BalanceKind } from './balance';
import { formatEuros } from './format';
import { err, ok, type Result } from './result';

/**
 * A voucher, credit note or deposit spent at two tills while both were offline: each till let the
 * customer spend what it knew of the balance, and once both tickets meet the balance is below
 * zero. Sealed tickets are never rewritten to hide it (CGI art. 286-I-3° bis): the overdraft is
 * listed until the shop settles it by a movement of its own, with its author and reason
 * (docs/replication.md#double-spend).
 */

/** How a shop settles an overdraft: the customer paid the difference, or the shop bears it. */
export type OverdraftSettlement = 'collected' | 'written-off';

export const OVERDRAFT_SETTLEMENT_LABELS: Readonly<Record<OverdraftSettlement, string>> = {
	collected: 'Différence encaissée auprès du client',
	'written-off': 'Perte acceptée par la boutique'
};

/** The settlement recorded on the account: the movement that brings it back to zero. */
export interface OverdraftFix {
	readonly settlement: OverdraftSettlement;
	/** How it was settled: the ticket the difference was rung on, who decided the loss… */
	readonly note: string;
	readonly by: string;
	/** The till where it was recorded. */
	readonly tillId: string;
}

/** One movement of a balance account, with what caused it. */
export interface AccountMovement {
	readonly amountCents: number;
	readonly at: string;
	/** The ticket (its till and number) that spent or credited it; null for a settlement. */
	readonly ticket: { readonly tillId: string; readonly number: number } | null;
	readonly fix: OverdraftFix | null;
}

export interface Overdraft {
	readonly code: string;
	readonly kind: BalanceKind;
	/** What was spent beyond the balance, a positive amount. */
	readonly overdraftCents: number;
	/** Each spend, oldest first: the tills and tickets involved. */
	readonly spends: readonly {
		readonly tillId: string;
		readonly number: number;
		readonly amountCents: number;
		readonly at: string;
	}[];
}

/**
 * The balance of an account: the sum of its movements, whatever order they arrived in (each
 * movement is kept once, by its ticket or settlement).
 */
export function accountBalance(movements: readonly Pick<AccountMovement, 'amountCents'>[]): number {
	return movements.reduce((sum, movement) => sum + movement.amountCents, 0);
}

/** The account's overdraft, or null when its balance is zero or more. */
export function accountOverdraft(
	code: string,
	kind: BalanceKind,
	movements: readonly AccountMovement[]
): Overdraft | null {
	const balance = accountBalance(movements);
	if (balance >= 0) return null;
	const spends = movements
		.flatMap((movement) =>
			movement.ticket && movement.amountCents < 0
				? [{ ...movement.ticket, amountCents: -movement.amountCents, at: movement.at }]
				: []
		)
		.sort((a, b) => a.at.localeCompare(b.at) || a.tillId.localeCompare(b.tillId));
	return { code, kind, overdraftCents: -balance, spends };
}

export interface OverdraftFixForm {
	readonly settlement: OverdraftSettlement | '';
	readonly note: string;
}

/**
 * Checks a settlement typed in the worklist: a choice, and a note that says how (the ticket the
 * difference was rung on, who accepted the loss): the journal must let an inspector follow it.
 */
export function validateOverdraftFix(
	form: OverdraftFixForm,
	overdraft: Overdraft
): Result<{ settlement: OverdraftSettlement; note: string; amountCents: number }> {
	if (form.settlement !== 'collected' && form.settlement !== 'written-off') {
		return err('FIX_SETTLEMENT', 'Choisissez comment le dépassement est réglé.', 'settlement');
	}
	const note = form.note.trim();
	if (note.length < 3) {
		return err(
			'FIX_NOTE',
			form.settlement === 'collected'
				? `Indiquez comment les ${formatEuros(overdraft.overdraftCents)} ont été encaissés (ticket, moyen de paiement).`
				: 'Indiquez qui accepte la perte et pourquoi.',
			'note'
		);
	}
	if (note.length > 200) {
		return err('FIX_NOTE', 'La précision fait 200 caractères au plus.', 'note');
	}
	return ok({ settlement: form.settlement, note, amountCents: overdraft.overdraftCents });
}

/** The worklist's sentence for one spend: « Caisse CAISSE2, ticket n° 14 : 20,00 € ». */
export function overdraftSpendLabel(spend: Overdraft['spends'][number]): string {
	return `Caisse ${spend.tillId}, ticket n°\u00a0${spend.number}\u00a0: ${formatEuros(spend.amountCents)}`;
}
