import type { ArticleSearch } from '$lib/services/catalogue';

/**
 * What to tell the bookseller under a catalogue search, or null when the list speaks for itself.
 * A partial search (see searchArticles) never claims that nothing matches.
 */
export function searchOutcomeText(
	{ articles, partial }: ArticleSearch,
	query: string
): string | null {
	if (partial) {
		return articles.length === 0
			? `Rien trouvé pour «\u00a0${query.trim()}\u00a0» parmi les premiers titres\u00a0: tapez la suite des mots pour préciser.`
			: 'Premiers résultats\u00a0: tapez la suite des mots pour préciser.';
	}
	return articles.length === 0
		? `Aucun article ne correspond à «\u00a0${query.trim()}\u00a0».`
		: null;
}
