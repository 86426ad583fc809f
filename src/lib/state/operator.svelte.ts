import { openTillCashierStore } from '$lib/db/till-repository';

/**
 * Who is making a change outside the till (tickets, invoices, Chorus Pro statuses, closings):
 * every change is journaled with its author. Starts from the cashier of the open till session.
 */
class Operator {
	name = $state('');
	readonly missingMessage =
		'Indiquez votre nom dans « Vendeur » : chaque modification est enregistrée avec son auteur.';

	constructor() {
		if (typeof indexedDB === 'undefined') return;
		// Watched, not read once: a till opened after this module loaded still names the author.
		openTillCashierStore().subscribe({
			next: (cashier) => {
				if (cashier && !this.name) this.name = cashier;
			},
			error: () => {}
		});
	}

	/** The name, or null after putting the focus on the field that asks for it. */
	require(): string | null {
		const name = this.name.trim();
		if (!name) document.getElementById('operator')?.focus();
		return name || null;
	}
}

export const operator = new Operator();
