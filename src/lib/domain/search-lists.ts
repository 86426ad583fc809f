/**
 * Packed posting lists: the catalogue's second inverted index, for searches of two words or more.
 * One list per word and per batch of titles holds an entry for every title of the batch that has
 * the word; an entry carries the title's EAN and all its words, so the other words of a query are
 * checked on the list itself, and only the titles found are read. On a million titles, reading
 * a word's lists costs a few bytes a title where its index entries cost 15–30 µs each (Chromium
 * checks every entry against its record): two words measured p95 14–21 ms against 36–69 ms
 * (tests/bench/NOTES.md). One word keeps the `words` index, read 20 entries at a time.
 */

/**
 * Titles placed in one batch. A batch's lists are written once by an import or an upgrade; a
 * title edited later rewrites only its batch's lists of its words (a list of a word every title
 * has, such as « editions », stays under a few hundred kilobytes).
 */
export const TITLES_PER_LIST_BATCH = 5_000;

/** The list of one word in one batch (its key is [word, batch]). */
export interface SearchList {
	word: string;
	batch: number;
	/** One entry per title: see listEntry. */
	entries: string[];
}

/** Which batch a title's entries are in (one per EAN): an edit finds its lists by it. */
export interface TitleBatch {
	ean: string;
	batch: number;
}

/** A title in the lists: its EAN and its search words (searchWords: no spaces in them). */
export interface ListedTitle {
	ean: string;
	words: readonly string[];
}

/** @example listEntry({ ean: '9782070360024', words: ['etranger', 'camus'] }) // '9782070360024 etranger camus' */
export function listEntry({ ean, words }: ListedTitle): string {
	return [ean, ...words].join(' ');
}

/** The title an entry stands for (see listEntry). */
export function listedTitle(entry: string): ListedTitle {
	const [ean = '', ...words] = entry.split(' ');
	return { ean, words };
}

/** A word of a query: complete, or the start of a word. */
export interface SearchTerm {
	word: string;
	isPrefix: boolean;
}

export function termMatches({ word, isPrefix }: SearchTerm, words: readonly string[]): boolean {
	return isPrefix ? words.some((w) => w.startsWith(word)) : words.includes(word);
}

/**
 * The lists and batch rows of titles placed after the `placed` first ones, TITLES_PER_LIST_BATCH
 * to a batch, and how many are placed after them. Written into batches nobody wrote yet (an
 * upgrade, a restore, an import's new titles: see freshBatchStart); a list is never rewritten
 * while it fills.
 */
export function placeTitles(
	titles: readonly ListedTitle[],
	placed: number
): { lists: SearchList[]; batches: TitleBatch[]; placed: number } {
	const lists = new Map<string, SearchList>();
	const batches = titles.map((title, i) => {
		const batch = Math.floor((placed + i) / TITLES_PER_LIST_BATCH);
		const entry = listEntry(title);
		for (const word of title.words) {
			const key = `${batch} ${word}`;
			const list = lists.get(key);
			if (list) list.entries.push(entry);
			else lists.set(key, { word, batch, entries: [entry] });
		}
		return { ean: title.ean, batch };
	});
	return { lists: [...lists.values()], batches, placed: placed + titles.length };
}

/**
 * Where titles start when they get batches of their own (an import's new titles): the next batch
 * boundary, so that no list written before has to be read back and merged.
 */
export function freshBatchStart(placed: number): number {
	return Math.ceil(placed / TITLES_PER_LIST_BATCH) * TITLES_PER_LIST_BATCH;
}

/** The batch a single new title joins (a title saved from its form): the one being filled. */
export function openBatch(placed: number): number {
	return Math.floor(placed / TITLES_PER_LIST_BATCH);
}

/** A title whose words change, in its batch. `before` is empty for a title new to that batch. */
export interface TitleEdit {
	ean: string;
	batch: number;
	before: readonly string[];
	after: readonly string[];
}

/** What one stored list must lose and gain. */
export interface ListEdit {
	word: string;
	batch: number;
	/** EANs whose entry leaves the list. */
	removed: Set<string>;
	/** Entries appended after the removals. */
	added: string[];
}

/**
 * The stored lists that change when titles change words: each list of a word before or after
 * loses the title's old entry, and each list of a word after gets its new entry (an entry holds
 * all the title's words, so lists of words it keeps are rewritten too). A title whose words did
 * not change is left out: a price update touches no list.
 */
export function listEdits(edits: readonly TitleEdit[]): ListEdit[] {
	const lists = new Map<string, ListEdit>();
	const listOf = (word: string, batch: number) => {
		const key = `${batch} ${word}`;
		let edit = lists.get(key);
		if (!edit) lists.set(key, (edit = { word, batch, removed: new Set(), added: [] }));
		return edit;
	};
	for (const { ean, batch, before, after } of edits) {
		if (sameWords(before, after)) continue;
		for (const word of new Set([...before, ...after])) listOf(word, batch).removed.add(ean);
		const entry = listEntry({ ean, words: after });
		for (const word of after) listOf(word, batch).added.push(entry);
	}
	return [...lists.values()];
}

/** A stored list's entries after an edit (empty: the list is deleted). */
export function editedEntries(entries: readonly string[], edit: ListEdit): string[] {
	return [
		...entries.filter((entry) => !edit.removed.has(entry.slice(0, entry.indexOf(' ')))),
		...edit.added
	];
}

/** Same words in the same order: the entry, and so every list, stays as it is. */
export function sameWords(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((word, i) => word === b[i]);
}
