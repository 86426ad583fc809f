/** The catalogue: finding a title among a million, its stock, adding or changing an article. */
export {
	countArticles,
	getArticle,
	getStock,
	nextInternalEan,
	saveArticle,
	stockOf,
	withStock
} from '$lib/db/article-repository';
export { searchArticles, type ArticleSearch } from '$lib/db/search/catalogue-search';
export type { ArticleRow } from '$lib/db/schema';
