import { Workbox } from 'workbox-window';
import { activity } from '$lib/state/activity.svelte';

/** The part of workbox-window's Workbox this app uses (a fake in component tests). */
export interface WorkboxLike {
	addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
	register(): Promise<unknown>;
	messageSkipWaiting(): void;
}

function defaultWorkbox(): WorkboxLike | null {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
	return new Workbox('/service-worker.js', { type: 'module' });
}

/**
 * Service worker registration and updates through workbox-window. A waiting new version shows
 * "Nouvelle version disponible"; it is applied only when the user clicks, and never during a sale.
 */
class UpdateState {
	#updateWaiting = $state(false);
	#controlled = $state(false);
	#workbox: WorkboxLike | null = null;

	get updateWaiting(): boolean {
		return this.#updateWaiting;
	}

	/** True once a service worker controls the page: the app then opens offline. */
	get controlled(): boolean {
		return this.#controlled;
	}

	get canApply(): boolean {
		return this.#updateWaiting && !activity.saleInProgress;
	}

	async register(workbox: WorkboxLike | null = defaultWorkbox()): Promise<void> {
		if (!workbox) return;
		this.#controlled = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
		workbox.addEventListener('waiting', () => (this.#updateWaiting = true));
		workbox.addEventListener('controlling', () => (this.#controlled = true));
		this.#workbox = workbox;
		await workbox.register();
	}

	/** Reloads under the new version, once the user asked and no sale is open. */
	apply(): void {
		const workbox = this.#workbox;
		if (!workbox || !this.canApply) return;
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}

	reset(): void {
		this.#updateWaiting = false;
		this.#controlled = false;
		this.#workbox = null;
	}
}

export const updates = new UpdateState();
