/** The catalogue: finding a title among a million, its stock, adding or changing an article. */
export {
	countArticles,
	getArticle,
	getStock,
	nextInternalEan,
	saveArticle,
	searchArticles,
	stockOf,
	withStock,
	type ArticleSearch
} from '$lib/db/article-repository';
export type { ArticleRow } from '$lib/db/schema';
