/**
 * The search statistics (SearchTermRow): how many titles each word, and each prefix of up to 3
 * letters, has. Kept in step in every article write's transaction; the search plans on them.
 */
import type { EntityTable } from 'dexie';
import {
	addArticlesTermCounts,
	COUNTED_PREFIX_LENGTH,
	prefixTotalKey,
	type SearchTerm
} from '$lib/domain';
import { forEachBatch, getDb } from '../db';
import type { ArticleRow, SearchTermRow } from '../schema';

/**
 * Adds changes of the search statistics (see SearchTermRow) inside the caller's transaction,
 * which also writes the articles they come from: the statistics never drift from the index.
 */
export async function applyTermCountChanges(changes: ReadonlyMap<string, number>): Promise<void> {
	const db = getDb();
	const current = await currentTermCounts([...changes.keys()]);
	const totals = [...changes].map(([term, change]) => ({
		term,
		count: (current.get(term) ?? 0) + change
	}));
	await db.searchTerms.bulkPut(totals.filter((t) => t.count > 0));
	await db.searchTerms.bulkDelete(totals.filter((t) => t.count <= 0).map((t) => t.term));
}

/** Beyond this many changed terms, one read of the whole statistics beats one get per term. */
const TERMS_READ_ONE_BY_ONE = 2_000;

/**
 * The stored counts of the given terms. A get costs ≈ 0.1 ms on disk, a row of one `getAll`
 * a few µs: an import's tens of thousands of terms read the whole (small) table at once, which
 * is also instant for a first import into an empty catalogue.
 */
async function currentTermCounts(terms: readonly string[]): Promise<Map<string, number>> {
	const table = getDb().searchTerms;
	const rows =
		terms.length > TERMS_READ_ONE_BY_ONE
			? await table.toArray()
			: (await table.bulkGet([...terms])).filter((row) => row !== undefined);
	return new Map(rows.map((row) => [row.term, row.count]));
}

/**
 * Fills the search statistics (SearchTermRow) from every article, inside the caller's
 * transaction: on upgrade to v5, and for the demo shop. Articles are read in batches.
 */
export async function fillSearchTerms(
	articles: EntityTable<ArticleRow, 'ean'>,
	terms: EntityTable<SearchTermRow, 'term'>
): Promise<void> {
	const counts = new Map<string, number>();
	await forEachBatch(articles, (batch) => void addArticlesTermCounts(counts, batch));
	await replaceSearchTerms(terms, counts);
}

/**
 * Replaces the search statistics by `counts` (see addArticlesTermCounts), inside the caller's
 * transaction. A restore counts the articles it writes, already in memory, instead of reading
 * them back (17 s on a million titles).
 */
export async function replaceSearchTerms(
	terms: EntityTable<SearchTermRow, 'term'>,
	counts: ReadonlyMap<string, number>
): Promise<void> {
	await terms.clear();
	await terms.bulkAdd([...counts].map(([term, count]) => ({ term, count })));
}

/**
 * A term's number of index entries, from the search statistics: one get for a word or a prefix
 * of up to 3 letters, the few words of a longer prefix added up. (Counting the index range walks
 * every entry: 10–30 ms for a common prefix on a million titles.)
 */
export async function termCount({ word, isPrefix }: SearchTerm): Promise<number> {
	const terms = getDb().searchTerms;
	if (!isPrefix || word.length <= COUNTED_PREFIX_LENGTH) {
		return (await terms.get(isPrefix ? prefixTotalKey(word) : word))?.count ?? 0;
	}
	const words = await terms.where('term').between(word, `${word}\uffff`, true, true).toArray();
	return words.reduce((total, row) => total + row.count, 0);
}
