/** The catalogue: finding a title among a million, its stock, adding or changing an article. */
import type { Article, Result } from '$lib/domain';
import * as articlesDb from '$lib/db/article-repository';
import { attempt } from './outcome';
export {
	countArticles,
	getArticle,
	getStock,
	nextInternalEan,
	stockOf,
	withStock
} from '$lib/db/article-repository';
export { searchArticles, type ArticleSearch } from '$lib/db/search/catalogue-search';
export type { ArticleRow } from '$lib/db/schema';

/**
 * Creates or changes a title with its stock and search words, in one transaction; the change is
 * sent to the shop's other tills with who made it (docs/replication.md).
 */
export function saveArticle(input: { article: Article; by: string }): Promise<Result<void>> {
	return attempt(
		() => articlesDb.saveArticle(input.article, input.by),
		'Enregistrement impossible, rien n’a été modifié'
	);
}
