/**
 * One window sells per till (docs/till.md): the till page holds a Web Lock named after the till while
 * it is open. Another tab or window finds it taken and says so; it may take the till over, and
 * the first one is then told it no longer sells. Without Web Locks (very old browsers) every
 * window sells: the database still numbers tickets without gap or duplicate.
 */
export type TillLockState = 'waiting' | 'held' | 'elsewhere' | 'taken-over';

export class TillLock {
	state = $state<TillLockState>('waiting');
	#release: (() => void) | null = null;
	#name = '';

	/** Asks for the till; resolves once the answer is known (held or elsewhere). */
	acquire(tillId: string, steal = false): Promise<void> {
		this.#name = `comptoir-till-${tillId}`;
		if (typeof navigator === 'undefined' || !('locks' in navigator)) {
			this.state = 'held';
			return Promise.resolve();
		}
		return new Promise<void>((answered) => {
			const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
			navigator.locks
				.request(this.#name, options, (lock) => {
					if (!lock) {
						this.state = 'elsewhere';
						answered();
						return undefined;
					}
					this.state = 'held';
					answered();
					return new Promise<void>((release) => (this.#release = release));
				})
				.catch(() => {
					// Another window stole the lock: this one stops selling.
					this.#release = null;
					this.state = 'taken-over';
					answered();
				});
		});
	}

	/** "Vendre ici": takes the till from the other window. */
	takeOver(tillId: string): Promise<void> {
		return this.acquire(tillId, true);
	}

	release(): void {
		this.#release?.();
		this.#release = null;
		this.state = 'waiting';
	}
}
