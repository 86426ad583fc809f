import { errorMessage } from '$lib/errors';
import { checkManagerPin, hasManagerPin } from '$lib/services/settings';
import type { ManagerAction } from '$lib/domain';

/**
 * Asks the manager PIN before a protected action. `confirm` resolves true when the
 * action may go on: no PIN is set yet, or the right one was typed in the dialog (ManagerPinDialog,
 * in the layout); false when the dialog was closed.
 */
class ManagerGate {
	request = $state<{ readonly action: ManagerAction } | null>(null);
	private resolve: ((allowed: boolean) => void) | null = null;

	async confirm(action: ManagerAction): Promise<boolean> {
		if (!(await hasManagerPin())) return true;
		this.finish(false);
		return new Promise((resolve) => {
			this.resolve = resolve;
			this.request = { action };
		});
	}

	/** Checks the PIN typed; the French reason when refused, null when accepted. */
	async submit(pin: string): Promise<string | null> {
		if (!this.request) return null;
		try {
			await checkManagerPin(pin, this.request.action);
		} catch (error) {
			return errorMessage(error);
		}
		this.finish(true);
		return null;
	}

	cancel(): void {
		this.finish(false);
	}

	private finish(allowed: boolean) {
		const resolve = this.resolve;
		this.resolve = null;
		this.request = null;
		resolve?.(allowed);
	}
}

export const managerGate = new ManagerGate();
