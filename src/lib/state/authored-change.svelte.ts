import { errorMessage } from '$lib/errors';
import type { ManagerAction } from '$lib/domain';
import { managerGate } from './manager-gate.svelte';
import { operator } from './operator.svelte';

/**
 * A change journaled with its author (closings, cancellations, invoices, archives, backups: the
 * anti-fraud rules want every change traced to who made it, see docs/rules.md#till-law). Asks for the
 * author's name first, then the manager's PIN for a protected change, keeps the
 * screen's buttons disabled while the change runs, then shows its outcome where the bookseller
 * acted: a notice, or the error in French.
 */
export class AuthoredChange {
	busy = $state(false);
	notice = $state('');
	error = $state('');

	/** `author` gives the name, or null after putting the focus on the field that asks for it. */
	constructor(private readonly author: () => string | null = () => operator.require()) {}

	clear() {
		this.notice = '';
		this.error = '';
	}

	/**
	 * Runs `task` with the author's name; its result is the notice shown. `gate` asks the manager's
	 * PIN first (if one is set), before the buttons are disabled, so that the dialog gives the focus
	 * back to the button that opened it. `after` refreshes the screen once the change is made.
	 * Gives the error shown, or null when the change was made or the PIN dialog closed (a form
	 * shows that error beside its fields too).
	 */
	async run(
		task: (by: string) => Promise<string>,
		{ after, gate }: { after?: () => Promise<unknown> | void; gate?: ManagerAction } = {}
	): Promise<string | null> {
		this.clear();
		const by = this.author();
		if (!by) {
			this.error = operator.missingMessage;
			return this.error;
		}
		if (gate && !(await managerGate.confirm(gate))) return null;
		this.busy = true;
		try {
			this.notice = await task(by);
			await after?.();
			return null;
		} catch (failure) {
			this.error = errorMessage(failure);
			return this.error;
		} finally {
			this.busy = false;
		}
	}
}
