import { describe, expect, it } from 'vitest';
import { catalogueGenerator } from '../bench/catalogue-generator';
import { toArticleRow } from '$lib/db/article-repository';
import { fillCatalogueSearch, searchArticles } from '$lib/db/search/catalogue-search';
import { validateIsbn } from '$lib/domain';
import { freshDatabase } from './db/fresh-db';

describe('the benchmark catalogue', () => {
	it('has unique valid ISBNs, and every bench query finds its article', async () => {
		const db = freshDatabase();
		const generator = catalogueGenerator();
		const rows = Array.from({ length: 2_000 }, (_, i) => toArticleRow(generator.article(i)));
		expect(new Set(rows.map((r) => r.ean)).size).toBe(rows.length);
		expect(rows.every((r) => validateIsbn(r.ean).ok)).toBe(true);
		await db.articles.bulkPut(rows);
		await fillCatalogueSearch(db);
		for (let i = 0; i < 40; i++) {
			const index = (i * 104_729) % rows.length;
			for (const words of [1, 2, 3] as const) {
				const found = await searchArticles(generator.query(index, words), 2_000);
				expect(
					found.articles.map((a) => a.ean),
					generator.query(index, words)
				).toContain(rows[index]?.ean);
			}
		}
	});
});
