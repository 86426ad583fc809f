import Dexie from 'dexie';
import {
	addTermCountChanges,
	articleRevision,
	articleSearchWords,
	internalEan,
	type Article,
	type ArticleRevision
} from '$lib/domain';
import { articleFields, queueRevisions, revisionTables, syncingTill } from './catalogue-sync';
import { getDb } from './db';
import type { ArticleRow } from './schema';
import { addJournalEntry } from './chain-repository';
import { addNewTitlesToSearchLists, editSearchLists, type TitleWords } from './search/lists';
import { searchTables } from './search/catalogue-search';
import { applyTermCountChanges } from './search/statistics';

/** The article record, without its stock (kept in its own table: schema.ts StockRow). */
export function toArticleRow(
	{ stock: _stock, ...article }: Article,
	updatedAt = new Date().toISOString()
): ArticleRow {
	return { ...article, words: articleSearchWords(article), archived: 0, updatedAt };
}

export async function getArticle(ean: string): Promise<ArticleRow | undefined> {
	return getDb().articles.get(ean);
}

/** The quantity in stock of an article (0 when it has no stock row). */
export async function getStock(ean: string): Promise<number> {
	return (await getDb().stock.get(ean))?.quantity ?? 0;
}

/**
 * The shop's stock of each title asked, null for a title not in its catalogue: what a till answers
 * the chain's head office (docs/replication.md#head-office-stock).
 */
export async function stockOfTitles(
	eans: readonly string[]
): Promise<Record<string, number | null>> {
	const db = getDb();
	const [articles, stock] = await Promise.all([
		db.articles.bulkGet([...eans]),
		db.stock.bulkGet([...eans])
	]);
	return Object.fromEntries(
		eans.map((ean, i) => [ean, articles[i] ? (stock[i]?.quantity ?? 0) : null])
	);
}

/** The stock of several articles, in the order asked, read in one request (0 without a row). */
export async function stockOf(eans: readonly string[]): Promise<number[]> {
	const rows = await getDb().stock.bulkGet([...eans]);
	return rows.map((row) => row?.quantity ?? 0);
}

/** Articles found (see searchArticles) with their stock, read in one request: for the catalogue. */
export async function withStock(rows: readonly ArticleRow[]): Promise<Article[]> {
	const stock = await getDb().stock.bulkGet(rows.map((row) => row.ean));
	return rows.map(
		(
			{
				words: _words,
				archived: _archived,
				updatedAt: _updatedAt,
				headOffice: _headOffice,
				...article
			},
			i
		) => ({
			...article,
			stock: stock[i]?.quantity ?? 0
		})
	);
}

/**
 * A title written again keeps what the chain's head office last set for it: against it, a field
 * changed here is the shop's own (docs/replication.md#head-office-catalogue).
 */
function keepHeadOffice(row: ArticleRow, previous: ArticleRow | undefined): ArticleRow {
	return previous?.headOffice ? { ...row, headOffice: previous.headOffice } : row;
}

/**
 * Creates or updates an article (the EAN is its key) with its stock, the search statistics of
 * its words and its search lists, in one transaction.
 */
export async function saveArticle(article: Article, by = ''): Promise<void> {
	const db = getDb();
	const tables = [db.articles, db.stock, ...searchTables(), ...revisionTables(db)];
	await db.transaction('rw', tables, async () => {
		const previous = await db.articles.get(article.ean);
		const row = keepHeadOffice(toArticleRow(article), previous);
		// The shop's other tills get the change, and the stock as a movement (docs/replication.md).
		const stockBefore = (await db.stock.get(article.ean))?.quantity ?? 0;
		const revision = articleRevision(
			previous ? articleFields(previous) : null,
			article,
			article.stock - stockBefore
		);
		if (revision) await queueRevisions([revision], by, row.updatedAt);
		await db.articles.put(row);
		await applyTermCountChanges(addTermCountChanges(new Map(), previous?.words, row.words));
		await editSearchLists([{ ean: row.ean, before: previous?.words, after: row.words }]);
		// No row means 0 (StockRow): a title out of stock holds none.
		if (article.stock === 0) await db.stock.delete(article.ean);
		else await db.stock.put({ ean: article.ean, quantity: article.stock });
	});
}

export async function countArticles(): Promise<number> {
	return getDb().articles.count();
}

export interface ImportBatchResult {
	written: number;
}

/** What an import knows of the rows it may replace (see putImportBatch). */
interface ImportState {
	updatedAt: string;
	/** The till's id when the shop syncs: each batch then queues its revisions. */
	syncing: string | null;
	/** Word changes of the whole import, written to the search statistics at its end. */
	termChanges: Map<string, number>;
	/** Into an empty catalogue, only a row of this same file can be replaced: its EANs so far. */
	seen: Set<string> | null;
}

/**
 * Writes a batch of imported articles inside the caller's transaction (see importCatalogue), with
 * their search lists, and adds their word changes to the import's. Re-import updates by EAN;
 * when the file has no stock column the shop's stock is kept (its rows are not touched). The
 * rows replaced are read (≈ 0.1 ms a get) only where one may exist: a first import into an empty
 * catalogue reads none (it would halve its throughput).
 */
async function putImportBatch(
	batch: readonly { article: Article; hasStock: boolean }[],
	{ updatedAt, termChanges, seen, syncing }: ImportState
): Promise<void> {
	const db = getDb();
	const eans = batch.map((item) => item.article.ean);
	const lookedUp = eans.filter((ean) => seen === null || seen.has(ean));
	const found = new Map(
		(await db.articles.bulkGet(lookedUp)).flatMap((row) => (row ? [[row.ean, row] as const] : []))
	);
	if (syncing) await queueImportRevisions(batch, found, lookedUp, { updatedAt, syncing });
	const storedWords = new Map([...found].map(([ean, row]) => [ean, row.words]));
	// The file's stock by EAN, its last row winning. No row means 0 (StockRow): a 0 deletes the
	// row, only where one may exist.
	const stock = new Map<string, number>();
	await db.articles.bulkPut(
		batch.map(({ article, hasStock }) => {
			const row = keepHeadOffice(toArticleRow(article, updatedAt), found.get(article.ean));
			const mayExist = seen === null || seen.has(row.ean);
			if (hasStock && (article.stock !== 0 || mayExist)) stock.set(row.ean, article.stock);
			// A file may hold an EAN twice: its later row replaces the earlier one, even in one batch.
			addTermCountChanges(termChanges, found.get(row.ean)?.words, row.words);
			found.set(row.ean, row);
			seen?.add(row.ean);
			return row;
		})
	);
	const entries = [...stock];
	await db.stock.bulkPut(
		entries.flatMap(([ean, quantity]) => (quantity ? [{ ean, quantity }] : []))
	);
	await db.stock.bulkDelete(entries.flatMap(([ean, quantity]) => (quantity ? [] : [ean])));
	// The search lists go from the stored words to the batch's last row of each EAN. New titles
	// get batches of their own; a re-import that changes no title's words touches no list.
	// (`found` holds this batch's EANs only, each with its last row.)
	const titles = [...found];
	await addNewTitlesToSearchLists(
		titles.flatMap(([ean, row]) => (storedWords.has(ean) ? [] : [{ ean, words: row.words }]))
	);
	await editSearchLists(
		titles.flatMap(([ean, row]): TitleWords[] => {
			const before = storedWords.get(ean);
			return before ? [{ ean, before, after: row.words }] : [];
		})
	);
}

/** The revisions of an import's batch, for the shop's other tills (docs/replication.md). */
async function queueImportRevisions(
	batch: readonly { article: Article; hasStock: boolean }[],
	found: ReadonlyMap<string, ArticleRow>,
	lookedUp: readonly string[],
	{ updatedAt, syncing }: { updatedAt: string; syncing: string }
): Promise<void> {
	const stockRows = await getDb().stock.bulkGet([...lookedUp]);
	const stock = new Map(
		stockRows.flatMap((row) => (row ? [[row.ean, row.quantity] as const] : []))
	);
	const revisions: ArticleRevision[] = [];
	for (const { article, hasStock } of batch) {
		const previous = found.get(article.ean);
		const delta = hasStock ? article.stock - (stock.get(article.ean) ?? 0) : 0;
		// A file may hold an EAN twice: the next row starts from this one.
		if (hasStock) stock.set(article.ean, article.stock);
		const revision = articleRevision(previous ? articleFields(previous) : null, article, delta);
		if (revision) revisions.push(revision);
	}
	await queueRevisions(revisions, '', updatedAt, syncing);
}

/**
 * Imports a whole catalogue file in one transaction: every valid row or none (a failed write
 * aborts all). Batches are handed in by `nextBatch` (parsing happens in the import worker) and
 * progress is reported between batches, so a million rows never freeze the page.
 */
export async function importCatalogue(
	nextBatch: () => Promise<readonly { article: Article; hasStock: boolean }[] | null>,
	onProgress: (written: number) => void
): Promise<ImportBatchResult> {
	const db = getDb();
	const updatedAt = new Date().toISOString();
	let written = 0;
	const termChanges = new Map<string, number>();
	const tables = [
		db.articles,
		db.stock,
		...searchTables(),
		db.journal,
		db.chainHeads,
		...revisionTables(db)
	];
	await db.transaction('rw', tables, async () => {
		// Stock rows may exist without an article (StockRow): both tables must be empty.
		const startedEmpty =
			(await db.articles.limit(1).primaryKeys()).length === 0 &&
			(await db.stock.limit(1).primaryKeys()).length === 0;
		const state: ImportState = {
			updatedAt,
			termChanges,
			seen: startedEmpty ? new Set() : null,
			syncing: await syncingTill()
		};
		// Dexie.waitFor keeps the IndexedDB transaction alive while the parser prepares the next
		// batch (a transaction otherwise commits as soon as it has no pending request).
		const next = () => Dexie.waitFor(nextBatch(), 120_000);
		for (let batch = await next(); batch !== null; batch = await next()) {
			await putImportBatch(batch, state);
			written += batch.length;
			onProgress(written);
		}
		// Summed over the whole file, written once: a few hundred thousand words at most.
		await applyTermCountChanges(termChanges);
		await addJournalEntry({
			at: updatedAt,
			type: 'catalogue-imported',
			detail: { articles: written }
		});
	});
	return { written };
}

/** The next in-store code (GS1 prefix 2) for an "article divers" kept in the catalogue. */
export async function nextInternalEan(): Promise<string> {
	const db = getDb();
	return db.transaction('rw', [db.sequences, db.articles], async () => {
		let last = (await db.sequences.get('internal-article'))?.last ?? 0;
		let code: string;
		do code = internalEan(++last);
		while (await db.articles.get(code));
		await db.sequences.put({ name: 'internal-article', last });
		return code;
	});
}
