import { getSyncSettings } from '$lib/services/sync';
import { admitShopServer, pageAdmits } from './csp';
import { frenchError } from './link-errors';
import type { LinkState, ShopSync } from './shop-sync';
import type { Reservation } from './balance-reservations';
import { ok, type Result, type TenderInput } from '$lib/domain';

/** The address a reload was asked for in this tab: one reload, never a loop. */
const RELOADED_KEY = 'comptoir-reloaded-for-shop-server';
/** A replacement's credentials, kept across the reload that lets the page reach the server. */
const PENDING_KEY = 'comptoir-replacement-credentials';

/**
 * The till's link to the shop server as the screens see it (Paramètres › Synchronisation): made
 * at start when the till has credentials, remade when they change, absent for a till alone.
 */
class SyncLink {
	configured = $state(false);
	server = $state('');
	/** This till's id on the server ('' while alone). */
	tillId = $state('');
	connected = $state(false);
	lastExchange = $state<string | null>(null);
	lastError = $state<string | null>(null);
	#link: ShopSync | null = null;
	/** The latest start asked for: an earlier one still loading gives way to it. */
	#starts = 0;

	/** Starts the link from the saved credentials (none: the till works alone, as ever). */
	async start(): Promise<void> {
		const start = ++this.#starts;
		await this.stop();
		const settings = await getSyncSettings();
		this.configured = settings !== null;
		this.server = settings?.server ?? '';
		this.tillId = settings?.tillId ?? '';
		await admitShopServer(settings?.server ?? null);
		if (!settings) return;
		if (!pageAdmits(settings.server)) {
			// This page was served before the address was known: served again, it admits it.
			if (
				navigator.serviceWorker?.controller &&
				sessionStorage.getItem(RELOADED_KEY) !== settings.server
			) {
				sessionStorage.setItem(RELOADED_KEY, settings.server);
				location.reload();
				return;
			}
			this.lastError =
				'Cette page n’autorise pas encore la connexion au serveur de la boutique\u00a0: rechargez-la (F5).';
			return;
		}
		// The NATS client loads only for a till that has a server: a till alone never fetches it.
		const { ShopSync: Link } = await import('./shop-sync');
		if (start !== this.#starts) return;
		const link: ShopSync = new Link(settings, (change: Partial<LinkState>) => {
			if (this.#link !== link) return;
			if (change.connected !== undefined) this.connected = change.connected;
			if (change.lastExchange !== undefined) this.lastExchange = change.lastExchange;
			if (change.lastError !== undefined) this.lastError = change.lastError;
		});
		this.#link = link;
		link.start().catch((error: unknown) => {
			if (this.#link === link) this.lastError = frenchError(error);
		});
	}

	async stop(): Promise<void> {
		const link = this.#link;
		this.#link = null;
		this.connected = false;
		this.lastError = null;
		await link?.stop();
	}

	/**
	 * Before a sale that spends a voucher, credit note or deposit: reserved on the shop's server
	 * while connected (docs/replication.md#reservations); a till alone or offline goes on.
	 */
	reserve(tenders: readonly TenderInput[]): Promise<Result<Reservation | null>> {
		return this.#link ? this.#link.reserve(tenders) : Promise.resolve(ok(null));
	}

	/** The sale was not recorded: its reservation is given back. */
	async release(reservation: Reservation | null): Promise<void> {
		await this.#link?.release(reservation);
	}

	/**
	 * Before this page reaches a server it has no credentials saved for (« Remplacer une caisse »):
	 * 'ok' when its CSP admits it; else the service worker is told, the credentials' text kept for
	 * this tab, and the page served again ('reloading'); 'blocked' where no service worker serves
	 * it (docs/replication.md#csp).
	 */
	async admit(server: string, credentials: string): Promise<'ok' | 'reloading' | 'blocked'> {
		if (pageAdmits(server)) return 'ok';
		await admitShopServer(server);
		if (!navigator.serviceWorker?.controller) return 'blocked';
		sessionStorage.setItem(PENDING_KEY, credentials);
		location.reload();
		return 'reloading';
	}

	/** The credentials' text kept across that reload, once. */
	takePendingCredentials(): string {
		const text = sessionStorage.getItem(PENDING_KEY) ?? '';
		sessionStorage.removeItem(PENDING_KEY);
		return text;
	}

	/** « Synchroniser maintenant »: sends what waits (what comes in comes as it arrives). */
	async syncNow(): Promise<void> {
		if (!this.#link) await this.start();
		await this.#link?.send();
	}
}

export const syncLink = new SyncLink();
