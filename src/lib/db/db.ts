import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { customerRef } from '$lib/domain';
import { fillSearchLists } from './search/lists';
import { fillSearchTerms } from './search/statistics';
import {
	SCHEMA_VERSIONS,
	type ArchiveRow,
	type ArticleRow,
	type ArticleRowBeforeV6,
	type BalanceAccountRow,
	type BalanceMovementRow,
	type CashMovementRow,
	type ChainHeadRow,
	type ChorusStatusRow,
	type ClosingRow,
	type CustomerOrderRow,
	type CustomerRow,
	type DailyTotalsRow,
	type InvoicePaymentRow,
	type InvoiceRow,
	type JournalRow,
	type LoanRow,
	type PeerRow,
	type PeerTicketRow,
	type OutboxRow,
	type RevisionRow,
	type QuoteRow,
	type ReprintRow,
	type SearchListRow,
	type SearchTermRow,
	type SequenceRow,
	type SettingRow,
	type StockRow,
	type TicketAmendmentRow,
	type TicketHeadRow,
	ticketHead,
	type TicketRow,
	type TillSessionRow,
	type TitleBatchRow,
	type Unsaved
} from './schema';

export type ComptoirDb = Dexie & {
	articles: EntityTable<ArticleRow, 'ean'>;
	customers: EntityTable<CustomerRow, 'id'>;
	customerOrders: EntityTable<CustomerOrderRow, 'id'>;
	quotes: EntityTable<QuoteRow, 'id'>;
	loans: EntityTable<LoanRow, 'id'>;
	tickets: EntityTable<TicketRow, 'id'>;
	// Inserted as the row itself: Dexie's InsertType (an Omit) would flatten the amendment union.
	ticketAmendments: Table<TicketAmendmentRow, number, Unsaved<TicketAmendmentRow>>;
	ticketHeads: Table<TicketHeadRow, number>;
	invoices: EntityTable<InvoiceRow, 'id'>;
	chorusStatuses: EntityTable<ChorusStatusRow, 'id'>;
	invoicePayments: EntityTable<InvoicePaymentRow, 'id'>;
	balanceAccounts: EntityTable<BalanceAccountRow, 'id'>;
	balanceMovements: EntityTable<BalanceMovementRow, 'id'>;
	tillSessions: EntityTable<TillSessionRow, 'id'>;
	cashMovements: EntityTable<CashMovementRow, 'id'>;
	closings: EntityTable<ClosingRow, 'id'>;
	dailyTotals: Table<DailyTotalsRow, [string, string]>;
	journal: EntityTable<JournalRow, 'id'>;
	reprints: EntityTable<ReprintRow, 'id'>;
	archives: EntityTable<ArchiveRow, 'id'>;
	chainHeads: EntityTable<ChainHeadRow, 'chain'>;
	sequences: EntityTable<SequenceRow, 'name'>;
	settings: EntityTable<SettingRow, 'key'>;
	searchTerms: EntityTable<SearchTermRow, 'term'>;
	stock: EntityTable<StockRow, 'ean'>;
	searchLists: Table<SearchListRow, [string, number]>;
	searchBatches: EntityTable<TitleBatchRow, 'ean'>;
	peers: EntityTable<PeerRow, 'tillId'>;
	peerTickets: Table<PeerTicketRow, [string, number]>;
	outbox: EntityTable<OutboxRow, 'seq'>;
	revisions: EntityTable<RevisionRow, 'id'>;
};

export const DATABASE_NAME = 'comptoir';

/** Opens (or creates) a Comptoir database. Tests pass their own name for a fresh one. */
export function createDatabase(name = DATABASE_NAME): ComptoirDb {
	// Strict durability: a committed sale is on disk before the till says so. Chromium's default
	// became "relaxed" (Chrome 121), which may lose the last writes on a power cut.
	const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as ComptoirDb;
	db.version(1).stores(SCHEMA_VERSIONS[1]);
	db.version(2).stores(SCHEMA_VERSIONS[2]);
	db.version(3)
		.stores(SCHEMA_VERSIONS[3])
		.upgrade(
			announced((tx) => {
				// Every recorded ticket gets its list row.
				const heads = tx.table<TicketHeadRow, number>('ticketHeads');
				return forEachBatch(tx.table<TicketRow, number>('tickets'), (batch) =>
					heads.bulkPut(batch.map((t) => ticketHead({ ...t, id: t.id })))
				);
			})
		);
	db.version(4).stores(SCHEMA_VERSIONS[4]);
	db.version(5)
		.stores(SCHEMA_VERSIONS[5])
		.upgrade(announced((tx) => fillSearchTerms(tx.table('articles'), tx.table('searchTerms'))));
	db.version(6)
		.stores(SCHEMA_VERSIONS[6])
		.upgrade(announced((tx) => copyStockOutOfArticles(tx.table('articles'), tx.table('stock'))));
	db.version(7)
		.stores(SCHEMA_VERSIONS[7])
		.upgrade(
			announced((tx) =>
				fillSearchLists({
					articles: tx.table('articles'),
					searchLists: tx.table('searchLists'),
					searchBatches: tx.table('searchBatches'),
					sequences: tx.table('sequences')
				})
			)
		);
	db.version(8).stores(SCHEMA_VERSIONS[8]);
	db.version(9).stores(SCHEMA_VERSIONS[9]);
	db.version(10).stores(SCHEMA_VERSIONS[10]);
	db.version(11).stores(SCHEMA_VERSIONS[11]);
	db.version(12)
		.stores(SCHEMA_VERSIONS[12])
		.upgrade(
			announced((tx) =>
				// The customer of each ticket already kept from another till, for its customer's file.
				tx
					.table<PeerTicketRow>('peerTickets')
					.filter((row) => row.ticket.customerId !== null)
					.modify((row) => {
						if (row.ticket.customerId !== null) {
							row.customerRef = customerRef(row.tillId, row.ticket.customerId);
						}
					})
					.then(() => undefined)
			)
		);
	return db;
}

type UpgradeListener = (upgrading: boolean) => void;
const upgradeListeners = new Set<UpgradeListener>();
let upgrading = false;

function setUpgrading(value: boolean): void {
	upgrading = value;
	for (const listener of upgradeListeners) listener(value);
}

/**
 * Tells `listener` whether a schema upgrade runs now, then when one starts and ends. An upgrade
 * holds every screen until its transaction commits: on a million titles v5 took 35 s, v6
 * 2 min 15 s and v7 8 min 45 s (2026-11-24), so the screen says why it waits. Returns
 * the unsubscribe function.
 */
export function onSchemaUpgrade(listener: UpgradeListener): () => void {
	upgradeListeners.add(listener);
	listener(upgrading);
	return () => upgradeListeners.delete(listener);
}

/** An upgrade function announced to onSchemaUpgrade from its start to its transaction's end. */
function announced(upgrade: (tx: Transaction) => Promise<void>) {
	return (tx: Transaction) => {
		setUpgrading(true);
		const ended = () => setUpgrading(false);
		tx.on('complete', ended);
		tx.on('abort', ended);
		tx.on('error', ended);
		return upgrade(tx);
	};
}

/**
 * v6: every article's stock other than 0 gets its StockRow, inside the upgrade's transaction.
 * Articles are read in batches (memory stays flat on a million titles) and not rewritten: see
 * ArticleRowBeforeV6.
 */
function copyStockOutOfArticles(
	articles: Table<ArticleRowBeforeV6, string>,
	stock: Table<StockRow, string>
): Promise<void> {
	return forEachBatch(articles, (batch) => stock.bulkAdd(stockRowsOf(batch)));
}

/** The StockRows of articles written before v6 (an upgrade, or a restore of an older backup). */
export function stockRowsOf(articles: readonly ArticleRowBeforeV6[]): StockRow[] {
	return articles.flatMap(({ ean, stock }) => (stock ? [{ ean, quantity: stock }] : []));
}

/**
 * Rows read at a time by forEachBatch (memory stays flat on a million rows), and written at a
 * time by a restore (one bulk request each).
 */
export const BATCH = 5_000;

/**
 * Hands every row of `table` to `visit`, in key order, BATCH rows at a time, inside the caller's
 * transaction (upgrades, backup). Every table has an inbound primary key (schema.ts): the next
 * batch starts after the last one's.
 */
export async function forEachBatch<T extends object, K, TInsert = T>(
	table: Table<T, K, TInsert>,
	visit: (batch: T[]) => Promise<unknown> | void
): Promise<void> {
	const keyPath = table.schema.primKey.keyPath as string | string[];
	let after: unknown = Dexie.minKey;
	for (;;) {
		const batch = await table.where(':id').above(after).limit(BATCH).toArray();
		if (batch.length === 0) break;
		await visit(batch);
		after = Dexie.getByKeyPath(batch.at(-1) as T, keyPath);
	}
}

/**
 * The rows of `table` under `keys` (a title's EAN…), keyed by them, inside the caller's transaction.
 * Keys read from one message are often neighbours (a catalogue published in key order): one read
 * of the primary keys between the first and the last finds which exist, and only those are read.
 * On a till whose catalogue is still empty that is one seek instead of one get per key, and a get
 * grows dearer as the database grows. Keys spread among other rows still cost one get each.
 */
export async function rowsByKey<T, TInsert>(
	table: Table<T, string, TInsert>,
	keys: readonly string[]
): Promise<Map<string, T>> {
	const sorted = [...new Set(keys)].sort();
	const [first, last] = [sorted[0], sorted.at(-1)];
	if (first === undefined || last === undefined) return new Map();
	// One more than asked tells that other rows lie between them: then the range read stops there.
	const between = await table
		.where(':id')
		.between(first, last, true, true)
		.limit(sorted.length + 1)
		.primaryKeys();
	const wanted = new Set(sorted);
	const present =
		between.length > sorted.length ? sorted : between.filter((key) => wanted.has(key));
	const rows = await table.bulkGet(present);
	return new Map(
		rows.flatMap((row, i) => (row === undefined ? [] : [[present[i] as string, row] as const]))
	);
}

let singleton: ComptoirDb | undefined;

/**
 * The demonstration shop lives in a database of its own, chosen per browser profile: its tickets
 * are sealed on its own chains with its own key, never on the shop's (CGI art. 286-I-3° bis: the
 * real chains hold only real sales), and leaving it drops it whole. See docs/till.md#demo.
 */
export const DEMO_DATABASE_NAME = 'comptoir-demo';
const ACTIVE_DATABASE_KEY = 'comptoir-database';

/**
 * Where this browser remembers the till it last showed open, per database (till-repository.ts,
 * docs/performance.md#cold-start): dropped with the demonstration's database.
 */
export function rememberedTillKey(demo = isDemoActive()): string {
	return `comptoir-open-till:${demo ? DEMO_DATABASE_NAME : DATABASE_NAME}`;
}

/** Whether the app works in the demonstration shop's database. */
export function isDemoActive(): boolean {
	return (
		typeof localStorage !== 'undefined' && localStorage.getItem(ACTIVE_DATABASE_KEY) === 'demo'
	);
}

/** The app's one database, opened on first use: the shop's, or the demonstration's. */
export function getDb(): ComptoirDb {
	singleton ??= createDatabase(isDemoActive() ? DEMO_DATABASE_NAME : DATABASE_NAME);
	return singleton;
}

/** From now on the app works in the (empty) demonstration database; the page reloads after. */
export async function enterDemoDatabase(): Promise<void> {
	await leaveDemoDatabase();
	localStorage.setItem(ACTIVE_DATABASE_KEY, 'demo');
}

/**
 * Drops the demonstration database and its signing key whole; the app goes back to the shop's
 * database, untouched by the demonstration. The page reloads after.
 */
export async function leaveDemoDatabase(): Promise<void> {
	localStorage.removeItem(ACTIVE_DATABASE_KEY);
	localStorage.removeItem(rememberedTillKey(true));
	singleton?.close();
	singleton = undefined;
	await Dexie.delete(DEMO_DATABASE_NAME);
	await new Promise<void>((resolve, reject) => {
		const request = indexedDB.deleteDatabase(`${DEMO_DATABASE_NAME}-keys`);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error ?? new Error('deleteDatabase'));
		// Another window still holds it open: it goes when that window closes or reloads.
		request.onblocked = () => resolve();
	});
}

/**
 * The next number of a named sequence (tickets of a till, invoices, credit notes, customers,
 * voucher codes…). Call it inside the transaction that writes the numbered record: the number
 * commits with it or not at all, so a series never skips nor repeats (CGI ann. II art. 242
 * nonies A: continuous numbering).
 */
export async function nextInSequence(name: string, start = 0): Promise<number> {
	const db = getDb();
	const next = ((await db.sequences.get(name))?.last ?? start) + 1;
	await db.sequences.put({ name, last: next });
	return next;
}

/** For tests: use this database as the app's one. */
export function useDatabaseForTests(db: ComptoirDb): void {
	singleton = db;
}
