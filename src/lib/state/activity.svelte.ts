/**
 * What the cashier is in the middle of. The update prompt reads it: a new version is never
 * applied while a sale is in progress.
 */
class ActivityState {
	#saleInProgress = $state(false);

	get saleInProgress(): boolean {
		return this.#saleInProgress;
	}

	setSaleInProgress(value: boolean): void {
		this.#saleInProgress = value;
	}

	reset(): void {
		this.#saleInProgress = false;
	}
}

export const activity = new ActivityState();
