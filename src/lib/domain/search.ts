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
			if (word !== '') words.add(word);
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
