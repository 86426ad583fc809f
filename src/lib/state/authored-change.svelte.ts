import { errorMessage } from '$lib/errors';
import type { ManagerAction, Result } from '$lib/domain';
import { managerGate } from './manager-gate.svelte';
import { operator } from './operator.svelte';

interface ChangeOptions {
	/** Refreshes the screen once the change is made. */
	after?: () => Promise<unknown> | void;
	/** Asks the manager's PIN first (if one is set). */
	gate?: ManagerAction;
}

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
	/** The input a refusal is about (a form field, `lines.2`…), when it names one. */
	field = $state('');

	/** `author` gives the name, or null after putting the focus on the field that asks for it. */
	constructor(private readonly author: () => string | null = () => operator.require()) {}

	clear() {
		this.notice = '';
		this.error = '';
		this.field = '';
	}

	/**
	 * Runs a service's action with the author's name: its value becomes the notice shown, its
	 * refusal the error shown (docs/architecture.md#errors). The PIN dialog comes before the buttons
	 * are disabled, so that it gives the focus back to the button that opened it. Gives the error
	 * shown, or null when the change was made or the PIN dialog closed (a form shows that error
	 * beside its fields too).
	 */
	async act<T>(
		action: (by: string) => Promise<Result<T>>,
		notice: (value: T) => string,
		{ after, gate }: ChangeOptions = {}
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
			const outcome = await action(by);
			if (!outcome.ok) {
				this.error = outcome.error.message;
				this.field = outcome.error.field ?? '';
				return this.error;
			}
			this.notice = notice(outcome.value);
			await after?.();
			return null;
		} catch (failure) {
			this.error = errorMessage(failure);
			return this.error;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * The same for a task that is not one of the services' actions (a download, a print): its
	 * answer is the notice, what it throws the error.
	 */
	run(task: (by: string) => Promise<string>, options: ChangeOptions = {}): Promise<string | null> {
		return this.act(
			async (by) => ({ ok: true, value: await task(by) }),
			(notice) => notice,
			options
		);
	}
}
