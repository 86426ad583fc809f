import type { ArticleSearch } from '$lib/db/article-repository';

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
			? `Rien trouvé pour « ${query.trim()} » parmi les premiers titres : tapez la suite des mots pour préciser.`
			: 'Premiers résultats : tapez la suite des mots pour préciser.';
	}
	return articles.length === 0 ? `Aucun article ne correspond à « ${query.trim()} ».` : null;
}
