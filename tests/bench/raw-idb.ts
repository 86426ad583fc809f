/**
 * Raw IndexedDB baselines, measured in the same run as each app figure, because this machine is
 * shared and absolute times drift: get by key, first 20 entries of an index range, one small
 * readwrite commit with strict durability.
 */
import { measure } from './stats';

export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

export function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
}

export interface RawStore {
	db: IDBDatabase;
	count: number;
}

/** A raw store of `count` records shaped like catalogue articles, with a multi-entry word index. */
export async function openRawStore(name: string, count: number): Promise<RawStore> {
	await request(indexedDB.deleteDatabase(name));
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		const store = open.result.createObjectStore('items', { keyPath: 'id' });
		store.createIndex('ean', 'ean', { unique: true });
		store.createIndex('words', 'words', { multiEntry: true });
	};
	const db = await request(open);
	const batch = 10_000;
	for (let start = 0; start < count; start += batch) {
		const tx = db.transaction('items', 'readwrite', { durability: 'relaxed' });
		const store = tx.objectStore('items');
		for (let id = start; id < Math.min(count, start + batch); id++) store.put(rawRecord(id));
		await done(tx);
	}
	return { db, count };
}

export function rawRecord(id: number) {
	return {
		id,
		ean: String(9_782_000_000_000 + id),
		title: `Titre ${id}`,
		words: [`w${id % 997}`, `t${id % 31}`, `a${id % 4001}`],
		priceCents: 100 + (id % 5000)
	};
}

export async function rawGetByKey(store: RawStore, runs = 300) {
	return measure(
		async (i) => {
			const tx = store.db.transaction('items', 'readonly');
			await request(tx.objectStore('items').get((i * 7919) % store.count));
		},
		{ runs }
	);
}

export async function rawIndexRange(store: RawStore, runs = 200) {
	return measure(
		async (i) => {
			const tx = store.db.transaction('items', 'readonly');
			const index = tx.objectStore('items').index('words');
			const prefix = `a${(i * 13) % 400}`;
			await request(index.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 20));
		},
		{ runs }
	);
}

export async function rawCommit(store: RawStore, runs = 200) {
	let id = store.count + 1_000_000;
	return measure(
		async () => {
			const tx = store.db.transaction('items', 'readwrite', { durability: 'strict' });
			tx.objectStore('items').put(rawRecord(id++));
			await done(tx);
		},
		{ runs }
	);
}
