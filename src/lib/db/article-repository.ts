import Dexie from 'dexie';
import { articleSearchWords, internalEan, parseSearchQuery, type Article } from '$lib/domain';
import { getDb } from './db';
import type { ArticleRow } from './schema';
import { addJournalEntry } from './chain-repository';

export function toArticleRow(article: Article, updatedAt = new Date().toISOString()): ArticleRow {
	return { ...article, words: articleSearchWords(article), archived: 0, updatedAt };
}

export async function getArticle(ean: string): Promise<ArticleRow | undefined> {
	return getDb().articles.get(ean);
}

/** Creates or updates an article (the EAN is its key). */
export async function saveArticle(article: Article): Promise<void> {
	await getDb().articles.put(toArticleRow(article));
}

export async function countArticles(): Promise<number> {
	return getDb().articles.count();
}

/** Keys read from the rarest term's range (≈ 5 µs a key on a million titles). */
const DRIVER_KEY_LIMIT = 3_000;
/** Another term's keys are read and intersected when it has at most this many matches. */
const INTERSECT_KEY_LIMIT = 4_000;
/**
 * Records of the rarest term read (one getAll, ≈ 15 µs a record) when common terms must be
 * checked on records: the first matches are shown while typing and the next letter narrows the
 * query. Bounded work, never a scan.
 */
const CHECKED_RECORD_LIMIT = 1_500;

type Term = { word: string; isPrefix: boolean };

function termRange(term: Term) {
	const index = getDb().articles.where('words');
	return term.isPrefix ? index.startsWith(term.word) : index.equals(term.word);
}

/** One IndexedDB getAll over a term's index range: records in one request, not one per key. */
function termRecords(term: Term, count: number): Promise<ArticleRow[]> {
	const range = term.isPrefix
		? IDBKeyRange.bound(term.word, `${term.word}\uffff`)
		: IDBKeyRange.only(term.word);
	return new Promise((resolve, reject) => {
		const request = getDb()
			.backendDB()
			.transaction('articles')
			.objectStore('articles')
			.index('words')
			.getAll(range, count);
		request.onsuccess = () => resolve(request.result as ArticleRow[]);
		request.onerror = () => reject(request.error);
	});
}

/**
 * Finds articles by EAN or by word prefixes of title, authors, publisher and collection, accent-
 * and case-insensitive, through the multi-entry `words` index: never a scan, never the whole
 * catalogue in memory. (Indexing the first word and filtering the rest measured 1.2 s p99 on a
 * million titles.) For several words, a small query plan from costs measured on a million titles
 * (count of an index range 1–10 ms, 5 µs a key, 15 µs a record by getAll, 0.1 ms by get):
 * 1. count each term's matches (a word that is no complete word is retried as a prefix);
 * 2. other terms with few matches are intersected by their keys with the rarest term's keys;
 * 3. when a common term remains, the rarest term's records are read in one request and the
 *    common terms checked on them, up to CHECKED_RECORD_LIMIT records.
 */
export async function searchArticles(query: string, limit = 20): Promise<ArticleRow[]> {
	const db = getDb();
	const code = query.replace(/[\s-]/gu, '');
	if (/^\d{8,13}$/u.test(code)) {
		const exact = await db.articles.get(code);
		if (exact) return [exact];
		return db.articles.where('ean').startsWith(code).limit(limit).toArray();
	}
	const { exact, prefix } = parseSearchQuery(query);
	if (exact.length === 0) {
		if (prefix === null) return [];
		return termRange({ word: prefix, isPrefix: true }).distinct().limit(limit).toArray();
	}
	const typed: Term[] = [
		...exact.map((word) => ({ word, isPrefix: false })),
		...(prefix !== null ? [{ word: prefix, isPrefix: true }] : [])
	];
	const counted = await Promise.all(
		typed.map(async (term) => {
			const count = await termRange(term).count();
			if (count > 0 || term.isPrefix) return { term, count };
			// "pet pri": a word that is not a complete word is read as the start of one.
			const asPrefix = { word: term.word, isPrefix: true };
			return { term: asPrefix, count: await termRange(asPrefix).count() };
		})
	);
	counted.sort((a, b) => a.count - b.count);
	const [driver, ...others] = counted;
	if (!driver || driver.count === 0) return [];
	const intersected = others.filter((o) => o.count <= INTERSECT_KEY_LIMIT);
	const toCheck = others.filter((o) => o.count > INTERSECT_KEY_LIMIT).map((o) => o.term);
	const otherKeySets = (
		await Promise.all(intersected.map((o) => termRange(o.term).primaryKeys()))
	).map((keys) => new Set(keys));
	const inEveryList = (ean: string) => otherKeySets.every((set) => set.has(ean));

	if (toCheck.length === 0) {
		const keys = [
			...new Set(await termRange(driver.term).limit(DRIVER_KEY_LIMIT).primaryKeys())
		].filter(inEveryList);
		return (await db.articles.bulkGet(keys.slice(0, limit))).filter((row) => row !== undefined);
	}
	const matches = (row: ArticleRow) =>
		inEveryList(row.ean) &&
		toCheck.every(({ word, isPrefix }) =>
			isPrefix ? row.words.some((w) => w.startsWith(word)) : row.words.includes(word)
		);
	const results: ArticleRow[] = [];
	const seen = new Set<string>();
	for (const row of await termRecords(driver.term, CHECKED_RECORD_LIMIT)) {
		if (!seen.has(row.ean) && matches(row)) {
			results.push(row);
			if (results.length === limit) break;
		}
		seen.add(row.ean);
	}
	return results;
}

export interface ImportBatchResult {
	written: number;
}

/**
 * Writes a batch of imported articles inside the caller's transaction (see importCatalogue).
 * Re-import updates by EAN; when the file has no stock column the shop's stock is kept.
 */
async function putImportBatch(
	batch: readonly { article: Article; hasStock: boolean }[],
	updatedAt: string
): Promise<void> {
	const db = getDb();
	const keepStock = batch.some((item) => !item.hasStock);
	const existing = keepStock
		? await db.articles.bulkGet(batch.map((item) => item.article.ean))
		: [];
	await db.articles.bulkPut(
		batch.map((item, index) => {
			const row = toArticleRow(item.article, updatedAt);
			const previous = existing[index];
			return !item.hasStock && previous ? { ...row, stock: previous.stock } : row;
		})
	);
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
	await db.transaction('rw', [db.articles, db.journal, db.chainHeads], async () => {
		// Dexie.waitFor keeps the IndexedDB transaction alive while the parser prepares the next
		// batch (a transaction otherwise commits as soon as it has no pending request).
		const next = () => Dexie.waitFor(nextBatch(), 120_000);
		for (let batch = await next(); batch !== null; batch = await next()) {
			await putImportBatch(batch, updatedAt);
			written += batch.length;
			onProgress(written);
		}
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
