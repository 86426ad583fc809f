import Dexie from 'dexie';
import { bytesToBase64 } from '$lib/base64';
import { KEY_ALGORITHM, signText } from '$lib/signature';
import { chainHash, GENESIS_HASH, type ChainHeads, type ChainName } from '$lib/domain';
import { getDb, type ComptoirDb } from './db';
import type { Chained, JournalRow, Unsaved } from './schema';

/**
 * The till's signing key and the chains' heads. The key is an ECDSA P-256 pair made by WebCrypto
 * at first use; its private half is non-extractable (no code, not even ours, can read it) and is
 * kept in a small IndexedDB database of its own beside the shop's, so a backup of the shop never
 * carries it. The public key (SPKI, base64) is shown in Paramètres and goes into every archive.
 */

export interface TillKeys {
	readonly privateKey: CryptoKey;
	readonly publicKey: CryptoKey;
	/** SubjectPublicKeyInfo, base64: what a verifier needs. */
	readonly publicKeySpki: string;
	readonly createdAt: string;
}

const keyCache = new WeakMap<ComptoirDb, Promise<TillKeys>>();

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function openKeyStore(name: string): Promise<IDBDatabase> {
	const open = indexedDB.open(`${name}-keys`, 1);
	open.onupgradeneeded = () => open.result.createObjectStore('keys');
	return request(open);
}

async function loadOrCreateKeys(name: string): Promise<TillKeys> {
	const store = await openKeyStore(name);
	try {
		const read = store.transaction('keys', 'readonly').objectStore('keys');
		const existing = (await request(read.get('till'))) as TillKeys | undefined;
		if (existing) return existing;
		const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
		const keys: TillKeys = {
			privateKey: pair.privateKey,
			publicKey: pair.publicKey,
			publicKeySpki: bytesToBase64(await crypto.subtle.exportKey('spki', pair.publicKey)),
			createdAt: new Date().toISOString()
		};
		const write = store.transaction('keys', 'readwrite').objectStore('keys');
		// add, not put: two windows creating a key at once keep the first one.
		await request(write.add(keys, 'till')).catch(() => undefined);
		return (await request(
			store.transaction('keys', 'readonly').objectStore('keys').get('till')
		)) as TillKeys;
	} finally {
		store.close();
	}
}

/** The till's keys, made at first use. */
export function tillKeys(): Promise<TillKeys> {
	const db = getDb();
	let keys = keyCache.get(db);
	if (!keys) {
		keys = loadOrCreateKeys(db.name);
		keyCache.set(db, keys);
		keys.catch(() => keyCache.delete(db));
	}
	return keys;
}

/**
 * Seals a record onto its chain: its hash follows the chain's last one, signed by the till's key.
 * Call it inside the transaction that writes the record, with `db.chainHeads` in its scope, once
 * the record is final (only `id` may come later): the chain and the record commit together.
 */
export async function seal<T extends object>(chain: ChainName, record: T): Promise<T & Chained> {
	const db = getDb();
	const head = await db.chainHeads.get(chain);
	const previousHash = head?.hash ?? GENESIS_HASH;
	const hash = chainHash(previousHash, record);
	// WebCrypto is not IndexedDB: Dexie.waitFor keeps the transaction open while it signs.
	const signature = await Dexie.waitFor(tillKeys().then((keys) => signText(keys.privateKey, hash)));
	await db.chainHeads.put({ chain, hash, count: (head?.count ?? 0) + 1 });
	return { ...record, previousHash, hash, signature };
}

/**
 * An entry of the event journal (app start, till open/close, cancellations, reprints, settings,
 * exports, integrity checks…), sealed on the journal's chain. Inside a transaction with
 * `db.journal` and `db.chainHeads`.
 */
export async function journal(
	type: string,
	detail: Record<string, unknown>,
	at: Date | string = new Date()
): Promise<void> {
	await addJournalEntry({ at: typeof at === 'string' ? at : at.toISOString(), type, detail });
}

/** The chains each journal entry carries the heads of: those that hold money. */
const JOURNAL_ANCHORED: readonly ChainName[] = ['tickets', 'invoices', 'closings'];

/**
 * The same, for an entry already written out. The entry carries the heads of the tickets,
 * invoices and closings as they stand: an anchor for each (domain ChainAnchor), so that a record
 * deleted at the end of those chains afterwards is found (docs/integrity.md#anchors).
 */
export async function addJournalEntry(entry: Unsaved<JournalRow>): Promise<void> {
	const db = getDb();
	await db.journal.add(
		await seal('journal', { ...entry, heads: await currentHeads(JOURNAL_ANCHORED) })
	);
}

/** The heads of `chains` as they stand, inside the caller's transaction (chainHeads in scope). */
export async function currentHeads(chains: readonly ChainName[]): Promise<ChainHeads> {
	const rows = await getDb().chainHeads.bulkGet([...chains]);
	const heads: ChainHeads = {};
	for (const row of rows) {
		if (row) heads[row.chain as ChainName] = { hash: row.hash, count: row.count };
	}
	return heads;
}

/** Records an event on its own (outside another write): one small transaction. */
export async function recordEvent(
	type: string,
	detail: Record<string, unknown> = {},
	at: Date = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.journal, db.chainHeads], () => journal(type, detail, at));
}

type ChainTable = 'tickets' | 'invoices' | 'journal' | 'reprints' | 'closings' | 'archives';

/** Where each chain's records live: their table, and which of its records are on the chain. */
export const CHAIN_TABLES: Readonly<
	Record<ChainName, { table: ChainTable; keep: (record: Record<string, unknown>) => boolean }>
> = {
	tickets: { table: 'tickets', keep: (t) => t.training !== 1 },
	'training-tickets': { table: 'tickets', keep: (t) => t.training === 1 },
	invoices: { table: 'invoices', keep: (i) => i.kind !== 'proforma' },
	reprints: { table: 'reprints', keep: () => true },
	closings: { table: 'closings', keep: () => true },
	journal: { table: 'journal', keep: () => true },
	archives: { table: 'archives', keep: () => true }
};

/** A chain's records in write order (id order), after `afterId`, a batch at a time. */
export async function* chainBatches(
	chain: ChainName,
	afterId = 0
): AsyncGenerator<(Chained & { id: number } & Record<string, unknown>)[]> {
	const { table, keep } = CHAIN_TABLES[chain];
	const db = getDb();
	let after = afterId;
	for (;;) {
		const batch = (await db
			.table(table)
			.where(':id')
			.above(after)
			.limit(2_000)
			.toArray()) as (Chained & { id: number } & Record<string, unknown>)[];
		if (batch.length === 0) return;
		after = batch.at(-1)?.id ?? after;
		yield batch.filter((record) => keep(record));
	}
}
