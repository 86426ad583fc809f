import Dexie from 'dexie';
import {
	editedEntries,
	freshBatchStart,
	listEdits,
	listedTitle,
	openBatch,
	sameWords,
	termMatches,
	placeTitles,
	TITLES_PER_LIST_BATCH,
	type ListedTitle,
	type SearchTerm,
	type TitleEdit
} from '$lib/domain';
import { forEachBatch, getDb, type ComptoirDb } from '../db';
import type { SearchListRow, TitleBatchRow } from '../schema';

/** The sequence counting the titles placed in the search lists' batches (domain placeTitles). */
export const SEARCH_LIST_PLACED = 'search-list-placed';

/** The tables the search lists are written to, from the app's database or an upgrade's transaction. */
export type SearchListTables = Pick<ComptoirDb, 'searchLists' | 'searchBatches' | 'sequences'>;

/**
 * Builds the search lists (schema.ts SearchListRow) from every article, inside the caller's
 * transaction, into empty tables: on upgrade to v7 (8 min 45 s on a million titles in a lab,
 * 2026-11-24, under the upgrade notice), for the demo shop. Articles are read in batches.
 */
export async function fillSearchLists(
	tables: SearchListTables & Pick<ComptoirDb, 'articles'>
): Promise<void> {
	let placed = 0;
	await forEachBatch(tables.articles, async (batch) => {
		placed = await writeNewListBatches(tables, batch, placed);
	});
}

/**
 * Writes the lists and batch rows of titles placed after the `placed` first ones into batches
 * nobody wrote yet (domain placeTitles), inside the caller's transaction, and records how many
 * titles are placed now (SEARCH_LIST_PLACED), which it returns.
 */
export async function writeNewListBatches(
	tables: SearchListTables,
	titles: readonly ListedTitle[],
	placed: number
): Promise<number> {
	const placement = placeTitles(titles, placed);
	await tables.searchLists.bulkPut(placement.lists);
	await tables.searchBatches.bulkPut(placement.batches);
	await tables.sequences.put({ name: SEARCH_LIST_PLACED, last: placement.placed });
	return placement.placed;
}

/** How many titles were placed in the search lists' batches (see domain placeTitles). */
export async function placedTitles(): Promise<number> {
	return (await getDb().sequences.get(SEARCH_LIST_PLACED))?.last ?? 0;
}

/** A title written to the catalogue: its words before (none for a new title) and after. */
export interface TitleWords {
	ean: string;
	before: readonly string[] | undefined;
	after: readonly string[];
}

/**
 * Keeps the search lists in step with titles written one by one or changed by a re-import,
 * inside the caller's transaction (which writes the articles, and holds searchLists,
 * searchBatches and sequences). A title whose words did not change touches nothing; one whose
 * words changed is rewritten in its batch's lists; a new title joins the batch being filled. The
 * lists touched are read in one request and written in one.
 */
export async function editSearchLists(titles: readonly TitleWords[]): Promise<void> {
	const db = getDb();
	const changed = titles.filter(({ before, after }) => !before || !sameWords(before, after));
	if (changed.length === 0) return;
	const batches = await db.searchBatches.bulkGet(changed.map(({ ean }) => ean));
	let placed: number | undefined;
	const joined: TitleBatchRow[] = [];
	const edits: TitleEdit[] = [];
	for (const [i, { ean, before, after }] of changed.entries()) {
		const known = batches[i];
		if (known) {
			edits.push({ ean, batch: known.batch, before: before ?? [], after });
			continue;
		}
		placed ??= await placedTitles();
		const batch = openBatch(placed++);
		joined.push({ ean, batch });
		edits.push({ ean, batch, before: [], after });
	}
	const lists = listEdits(edits);
	const stored = await db.searchLists.bulkGet(lists.map(({ word, batch }) => [word, batch]));
	const kept: SearchListRow[] = [];
	const emptied: [string, number][] = [];
	for (const [i, edit] of lists.entries()) {
		const entries = editedEntries(stored[i]?.entries ?? [], edit);
		if (entries.length > 0) kept.push({ word: edit.word, batch: edit.batch, entries });
		else emptied.push([edit.word, edit.batch]);
	}
	await db.searchLists.bulkPut(kept);
	await db.searchLists.bulkDelete(emptied);
	await db.searchBatches.bulkPut(joined);
	if (placed !== undefined) await db.sequences.put({ name: SEARCH_LIST_PLACED, last: placed });
}

/**
 * Puts titles new to the catalogue (an import's batch) into batches of their own, inside the
 * caller's transaction: written blind, never read back and merged, so an import adds to the
 * lists at the speed of a bulk write.
 */
export async function addNewTitlesToSearchLists(titles: readonly ListedTitle[]): Promise<void> {
	if (titles.length === 0) return;
	await writeNewListBatches(getDb(), titles, freshBatchStart(await placedTitles()));
}

/**
 * Titles checked before a search stops and says so (ArticleSearch.partial): the first matches
 * are shown while typing, and the next letter narrows the query. An entry costs a few bytes of
 * a list where an index entry cost 15–30 µs, so the bound could grow; it stays at the 1 000
 * titles the index plan checked, for which two words measured p95 20,1 ms on a million titles.
 */
export const CHECKED_TITLE_LIMIT = 1_000;

/** A term with its number of titles (search statistics): the rarest one drives a search. */
export interface CountedTerm {
	term: SearchTerm;
	count: number;
}

/**
 * The EANs of the first `limit` titles that have every term, read from the rarest term's lists
 * (`driver`) and checked on their entries: the lists of its first batches, sized from its count
 * to hold about CHECKED_TITLE_LIMIT titles, then the next ones while titles are missing. `partial`
 * says the search stopped at its bound with titles left unchecked. `placed` (placedTitles) gives
 * the number of batches.
 */
export async function findInSearchLists(
	driver: CountedTerm,
	others: readonly SearchTerm[],
	limit: number,
	placed: number
): Promise<{ eans: string[]; partial: boolean }> {
	const lists = getDb().searchLists;
	const { word, isPrefix } = driver.term;
	const [lower, upper] = isPrefix
		? [[word], [`${word}\uffff`]]
		: [
				[word, Dexie.minKey],
				[word, Dexie.maxKey]
			];
	const batches = Math.max(1, Math.ceil(placed / TITLES_PER_LIST_BATCH));
	const titlesPerList = Math.max(1, driver.count / batches);
	const listsToRead = Math.max(1, Math.ceil(CHECKED_TITLE_LIMIT / titlesPerList));
	const eans: string[] = [];
	const seen = new Set<string>();
	let after: unknown = undefined;
	for (;;) {
		const read: SearchListRow[] = await lists
			.where(':id')
			.between(after ?? lower, upper, after === undefined, true)
			.limit(listsToRead)
			.toArray();
		for (const { entries } of read) {
			for (const entry of entries) {
				const title = listedTitle(entry);
				if (seen.has(title.ean)) continue;
				if (seen.size === CHECKED_TITLE_LIMIT) return { eans, partial: true };
				seen.add(title.ean);
				if (others.every((term) => termMatches(term, title.words))) {
					eans.push(title.ean);
					if (eans.length === limit) return { eans, partial: false };
				}
			}
		}
		const last = read.at(-1);
		if (read.length < listsToRead || !last) return { eans, partial: false };
		after = [last.word, last.batch];
	}
}
