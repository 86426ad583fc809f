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
