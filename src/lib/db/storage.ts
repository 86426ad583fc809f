/**
 * Browser storage state: persistence (so the browser never evicts the shop's data under storage
 * pressure) and the space used. Lives beside the database because it is about the database.
 */
export interface StorageState {
	persisted: boolean;
	usageBytes: number | null;
	quotaBytes: number | null;
}

export async function readStorageState(): Promise<StorageState> {
	if (!navigator.storage) return { persisted: false, usageBytes: null, quotaBytes: null };
	const [persisted, estimate] = await Promise.all([
		navigator.storage.persisted(),
		navigator.storage.estimate()
	]);
	return {
		persisted,
		usageBytes: estimate.usage ?? null,
		quotaBytes: estimate.quota ?? null
	};
}

/**
 * Asks the browser to keep our data (StorageManager.persist). Chromium grants it silently to an
 * installed app or a site with high engagement; otherwise it answers false and we say so.
 */
export async function requestPersistentStorage(): Promise<boolean> {
	if (!navigator.storage?.persist) return false;
	return navigator.storage.persist();
}

/**
 * A write refused because the storage is full: IndexedDB's QuotaExceededError, as the browser
 * raises it or as Dexie wraps it (an aborted transaction carries it as its inner error).
 */
export function isQuotaExceeded(error: unknown): boolean {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		if ((current as { name?: unknown }).name === 'QuotaExceededError') return true;
		current = (current as { inner?: unknown }).inner;
	}
	return false;
}
