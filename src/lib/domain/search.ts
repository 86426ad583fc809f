/**
 * French articles and prepositions found in most titles: indexing them would make every search
 * through them a scan of half the catalogue, and nobody finds a book by "le".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
	'l',
	'd',
	'le',
	'la',
	'les',
	'un',
	'une',
	'des',
	'de',
	'du',
	'au',
	'aux',
	'et',
	'a',
	'en',
	'the',
	'of'
]);

/**
 * What a search query asks for: complete words (followed by a space) and the word being typed,
 * matched as a prefix. "le petit pr" → exact ["petit"], prefix "pr".
 */
export function parseSearchQuery(query: string): { exact: string[]; prefix: string | null } {
	const words = normalizeForSearch(query)
		.split(/[^a-z0-9]+/u)
		.filter(Boolean);
	// The last word is still being typed unless the query ends with a space.
	const typing = /\s$/u.test(query) ? null : (words.pop() ?? null);
	const exact = [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
	// A stop word being typed ("le" before "petit") is a prefix only when nothing else is asked.
	const prefix = typing !== null && (!STOP_WORDS.has(typing) || exact.length === 0) ? typing : null;
	return { exact, prefix };
}

/**
 * Search words: lower case, accents removed, split on anything that is not a letter or a digit.
 * "L'Étranger — Camus" → ["l", "etranger", "camus"]. Indexed as a multi-entry Dexie index so a
 * prefix search is an index range, never a scan.
 * @example searchWords("L'Étranger", 'Albert Camus') // ['l', 'etranger', 'albert', 'camus']
 */
export function searchWords(...texts: readonly string[]): string[] {
	const words = new Set<string>();
	for (const text of texts) {
		for (const word of normalizeForSearch(text).split(/[^a-z0-9]+/u)) {
			if (word !== '' && !STOP_WORDS.has(word)) words.add(word);
		}
	}
	return [...words];
}

/** Lower case without diacritics; œ and æ spelled out, as people type them. */
export function normalizeForSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/œ/gu, 'oe')
		.replace(/æ/gu, 'ae');
}

/**
 * Prefixes up to this length have their own total in the search statistics: a short prefix
 * spans thousands of words, whose counts would be too many to add up while typing.
 */
export const COUNTED_PREFIX_LENGTH = 3;

/** Key of a short prefix's total; `#` sorts apart from words (letters and digits only). */
export function prefixTotalKey(prefix: string): string {
	return `#${prefix}`;
}

/**
 * The search statistics an article's words add to (the dictionary of an inverted index): one per
 * word, and one per prefix of 1 to COUNTED_PREFIX_LENGTH letters of each word. Each total equals
 * the number of entries of the `words` index in its range, which a count would have to walk.
 * @example searchTermKeys(['camus', 'caligula']) // ['camus', '#c', '#ca', '#cam', 'caligula', '#c', '#ca', '#cal']
 */
export function searchTermKeys(words: readonly string[]): string[] {
	return words.flatMap((word) => [
		word,
		...Array.from({ length: Math.min(word.length, COUNTED_PREFIX_LENGTH) }, (_, i) =>
			prefixTotalKey(word.slice(0, i + 1))
		)
	]);
}

/**
 * How the search statistics change when an article's words go from `before` to `after` (either
 * absent for a new or removed article), added into `into`: keys whose total does not move are
 * left out. Used for one article or summed over a whole import.
 */
export function addTermCountChanges(
	into: Map<string, number>,
	before: readonly string[] | undefined,
	after: readonly string[] | undefined
): Map<string, number> {
	const change = (key: string, by: number) => {
		const total = (into.get(key) ?? 0) + by;
		if (total === 0) into.delete(key);
		else into.set(key, total);
	};
	for (const key of searchTermKeys(before ?? [])) change(key, -1);
	for (const key of searchTermKeys(after ?? [])) change(key, 1);
	return into;
}

/** The search statistics of `articles` added into `into`: a whole catalogue's, on upgrade or restore. */
export function addArticlesTermCounts(
	into: Map<string, number>,
	articles: Iterable<{ readonly words: readonly string[] }>
): Map<string, number> {
	for (const article of articles) addTermCountChanges(into, undefined, article.words);
	return into;
}
