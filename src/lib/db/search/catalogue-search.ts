/**
 * Finding a title among a million (docs/performance.md): by EAN, by one word's index, or by the
 * plan of an inverted index over the search statistics and the search lists.
 */
import { parseSearchQuery, type SearchTerm } from '$lib/domain';
import { getDb, type ComptoirDb } from '../db';
import type { ArticleRow } from '../schema';
import { findInSearchLists, fillSearchLists, placedTitles, type CountedTerm } from './lists';
import { fillSearchTerms, termCount } from './statistics';

/** The tables an article's search data lives in, written in the article's transaction. */
export function searchTables() {
	const db = getDb();
	return [db.searchTerms, db.searchLists, db.searchBatches, db.sequences];
}

/**
 * Fills the search statistics and lists from every article into empty tables, in one
 * transaction (or the caller's, which must hold these tables): the demo shop, and tests that
 * write articles raw.
 */
export function fillCatalogueSearch(db: ComptoirDb): Promise<void> {
	const tables = [db.articles, db.searchTerms, db.searchLists, db.searchBatches, db.sequences];
	return db.transaction('rw', tables, async () => {
		await fillSearchTerms(db.articles, db.searchTerms);
		await fillSearchLists(db);
	});
}

/** A complete word's first titles: one IndexedDB getAll over its index entries. */
function wordRecords(word: string, limit: number): Promise<ArticleRow[]> {
	return new Promise((resolve, reject) => {
		const request = getDb()
			.backendDB()
			.transaction('articles')
			.objectStore('articles')
			.index('words')
			.getAll(IDBKeyRange.only(word), limit);
		request.onsuccess = () => resolve(request.result as ArticleRow[]);
		request.onerror = () => reject(request.error);
	});
}

/** Articles found, and whether the search stopped at its bound before finding `limit` of them. */
export interface ArticleSearch {
	articles: ArticleRow[];
	/** Only the first titles of the rarest word were checked: typing more finds the others. */
	partial: boolean;
}

/**
 * Finds articles by EAN or by word prefixes of title, authors, publisher and collection, accent-
 * and case-insensitive: never a scan, never the whole catalogue in memory. (Indexing the first
 * word and filtering the rest measured 1.2 s p99 on a million titles.)
 * - One word: the first entries of the multi-entry `words` index, in one request (a complete
 *   word that no title has is read as a prefix: "pet ").
 * - Several words, the plan of an inverted index: each term's number of titles from the search
 *   statistics (a word that is no complete word is retried as a prefix), then the rarest term's
 *   search lists, the other terms checked on their entries, and the titles found read by key.
 *   (Checking them on the rarest term's index entries instead cost 15–30 µs a record on a
 *   million titles: p95 36–69 ms for two words. See tests/bench/NOTES.md.)
 */
export async function searchArticles(query: string, limit = 20): Promise<ArticleSearch> {
	const db = getDb();
	const code = query.replace(/[\s-]/gu, '');
	if (/^\d{8,13}$/u.test(code)) {
		const exact = await db.articles.get(code);
		const articles = exact
			? [exact]
			: await db.articles.where('ean').startsWith(code).limit(limit).toArray();
		return { articles, partial: false };
	}
	const { exact, prefix } = parseSearchQuery(query);
	const typed: SearchTerm[] = [
		...exact.map((word) => ({ word, isPrefix: false })),
		...(prefix !== null ? [{ word: prefix, isPrefix: true }] : [])
	];
	const [only] = typed;
	if (!only) return { articles: [], partial: false };
	if (typed.length === 1) {
		const complete = only.isPrefix ? [] : await wordRecords(only.word, limit);
		const articles =
			complete.length > 0
				? complete
				: await db.articles.where('words').startsWith(only.word).distinct().limit(limit).toArray();
		return { articles, partial: false };
	}
	const [counted, placed] = await Promise.all([
		Promise.all(
			typed.map(async (term): Promise<CountedTerm> => {
				const count = await termCount(term);
				if (count > 0 || term.isPrefix) return { term, count };
				// "pet pri": a word that is not a complete word is read as the start of one.
				const asPrefix = { word: term.word, isPrefix: true };
				return { term: asPrefix, count: await termCount(asPrefix) };
			})
		),
		placedTitles()
	]);
	counted.sort((a, b) => a.count - b.count);
	const [driver, ...others] = counted;
	if (!driver || driver.count === 0) return { articles: [], partial: false };
	const found = await findInSearchLists(
		driver,
		others.map(({ term }) => term),
		limit,
		placed
	);
	const articles = (await db.articles.bulkGet(found.eans)).filter((row) => row !== undefined);
	return { articles, partial: found.partial };
}
