import { openTillCashierStore } from '$lib/services/till';

/**
 * Who is working: the till's cashier, and the author journaled with every change outside the till
 * (tickets, invoices, Chorus Pro statuses, closings, backups). Said once, in the header
 * (OperatorField), never asked again screen by screen; starts from the open till's cashier.
 */
/** Kept for the browser tab's session: a reload does not ask again who is working. */
const STORAGE_KEY = 'comptoir-operator';

class Operator {
	#name = $state(
		typeof sessionStorage === 'undefined' ? '' : (sessionStorage.getItem(STORAGE_KEY) ?? '')
	);

	get name(): string {
		return this.#name;
	}
	set name(value: string) {
		this.#name = value;
		if (typeof sessionStorage !== 'undefined') sessionStorage.setItem(STORAGE_KEY, value);
	}
	readonly missingMessage =
		'Indiquez votre nom dans «\u00a0Vendeur\u00a0»\u00a0: chaque modification est enregistrée avec son auteur.';

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
