import { describe, expect, it } from 'vitest';
import {
	getStock,
	importCatalogue,
	nextInternalEan,
	saveArticle
} from '$lib/db/article-repository';
import { fillCatalogueSearch, searchArticles } from '$lib/db/search/catalogue-search';
import { applyTermCountChanges } from '$lib/db/search/statistics';
import {
	addArticlesTermCounts,
	assertCents,
	assertVatRateBp,
	listEntry,
	type Article
} from '$lib/domain';
import type { ComptoirDb } from '$lib/db/db';
import { freshDatabase } from './fresh-db';

const article = (
	ean: string,
	title: string,
	authors = '',
	extra: Partial<Article> = {}
): Article => ({
	ean,
	title,
	authors,
	publisher: 'Gallimard',
	collection: 'Folio',
	priceCents: assertCents(800),
	vatRateBp: assertVatRateBp(550),
	kind: 'livre',
	stock: 1,
	...extra
});

const catalogue = [
	article('9782070360024', 'L’Étranger', 'Camus Albert'),
	article('9782070360420', 'La Peste', 'Camus Albert'),
	article('9782070408504', 'Le Petit Prince', 'Saint-Exupéry Antoine de'),
	article('9782070612758', 'Le Petit Nicolas', 'Goscinny René'),
	article('9782253006329', 'Les Misérables', 'Hugo Victor', {
		publisher: 'Le Livre de Poche',
		collection: 'Classiques'
	})
];

describe('searchArticles', () => {
	it('finds by EAN, by word prefix, by several words, accent- and case-insensitive', async () => {
		freshDatabase();
		for (const a of catalogue) await saveArticle(a);
		const titles = async (query: string) =>
			(await searchArticles(query)).articles.map((a) => a.title).sort();
		expect(await titles('9782070408504')).toEqual(['Le Petit Prince']);
		expect(await titles('978207036')).toEqual(['La Peste', 'L’Étranger']);
		expect(await titles('etr')).toEqual(['L’Étranger']);
		expect(await titles('CAMUS')).toEqual(['La Peste', 'L’Étranger']);
		expect(await titles('le petit pr')).toEqual(['Le Petit Prince']);
		expect(await titles('petit ')).toEqual(['Le Petit Nicolas', 'Le Petit Prince']);
		expect(await titles('camus peste')).toEqual(['La Peste']);
		expect(await titles('hugo miserables classiques')).toEqual(['Les Misérables']);
		expect(await titles('camus hugo')).toEqual([]);
		// Words typed short are read as the start of words.
		expect(await titles('pet nic')).toEqual(['Le Petit Nicolas']);
		expect(await titles('xyz nic')).toEqual([]);
		expect(await titles('le ')).toEqual([]);
		expect(await titles('')).toEqual([]);
	});

	it('returns at most `limit` articles', async () => {
		freshDatabase();
		for (let i = 0; i < 30; i++)
			await saveArticle(
				article(`978207${String(100000 + i).padStart(6, '0')}0`.slice(0, 12) + '0', `Jardin ${i}`)
			);
		expect((await searchArticles('jardin', 20)).articles).toHaveLength(20);
	});
});

describe('importCatalogue', () => {
	it('writes every batch in one transaction and updates by EAN, keeping stock when the file has none', async () => {
		const db = freshDatabase();
		await saveArticle({ ...catalogue[0]!, stock: 7 });
		const batches = [
			[
				{
					article: { ...catalogue[0]!, title: 'L’Étranger (nouvelle édition)', stock: 0 },
					hasStock: false
				}
			],
			catalogue.slice(1).map((a) => ({ article: a, hasStock: true }))
		];
		const seen: number[] = [];
		const result = await importCatalogue(
			async () => batches.shift() ?? null,
			(n) => seen.push(n)
		);
		expect(result.written).toBe(5);
		expect(seen).toEqual([1, 5]);
		expect(await db.articles.get(catalogue[0]!.ean)).toMatchObject({
			title: 'L’Étranger (nouvelle édition)'
		});
		expect(await getStock(catalogue[0]!.ean)).toBe(7);
		expect(await getStock(catalogue[1]!.ean)).toBe(1);
		expect(await db.articles.count()).toBe(5);
		expect((await db.journal.toArray()).at(-1)).toMatchObject({
			type: 'catalogue-imported',
			detail: { articles: 5 }
		});
	});

	it('sets the stock the file gives, writing no row for a 0 that replaces none', async () => {
		const db = freshDatabase();
		const rows = (stock: (i: number) => number) =>
			catalogue.map((a, i) => ({ article: { ...a, stock: stock(i) }, hasStock: true }));
		const importRows = async (batch: { article: Article; hasStock: boolean }[]) => {
			const batches = [batch];
			await importCatalogue(
				async () => batches.shift() ?? null,
				() => undefined
			);
		};
		await importRows(rows((i) => (i < 2 ? 0 : i)));
		expect((await db.stock.toArray()).map((row) => row.quantity)).toEqual([2, 3, 4]);
		await importRows(rows((i) => (i < 3 ? 5 : 0)));
		expect(await Promise.all(catalogue.map((a) => getStock(a.ean)))).toEqual([5, 5, 5, 0, 0]);
		expect(await db.stock.count()).toBe(3);
	});

	it('imports nothing when a batch fails midway', async () => {
		const db = freshDatabase();
		let calls = 0;
		const failing = importCatalogue(
			async () => {
				calls++;
				if (calls === 1) return catalogue.map((a) => ({ article: a, hasStock: true }));
				throw new Error('fichier illisible');
			},
			() => undefined
		);
		await expect(failing).rejects.toThrow('fichier illisible');
		expect(await db.articles.count()).toBe(0);
		expect(await db.stock.count()).toBe(0);
	});
});

/** Every search statistic equals the count of its range of the `words` index, and none is missing. */
/**
 * The search statistics equal the index's counts, and the search lists hold exactly one entry per
 * article and word, with the article's words, in the batch its batch row names.
 */
async function expectSearchDataMatchArticles(db: ComptoirDb) {
	// The index's entries are the articles' words (reading its keys from fake-indexeddb takes
	// seconds on a few thousand articles).
	const articles = await db.articles.toArray();
	const stored = await db.searchTerms.toArray();
	expect(new Map(stored.map((row) => [row.term, row.count]))).toEqual(
		addArticlesTermCounts(new Map(), articles)
	);

	const batches = new Map((await db.searchBatches.toArray()).map((row) => [row.ean, row.batch]));
	expect([...batches.keys()].sort()).toEqual(articles.map((a) => a.ean).sort());
	const expectedEntries = articles
		.flatMap((a) => a.words.map((word) => `${batches.get(a.ean)} ${word} ${listEntry(a)}`))
		.sort();
	const lists = await db.searchLists.toArray();
	const storedEntries = lists
		.flatMap((list) => list.entries.map((entry) => `${list.batch} ${list.word} ${entry}`))
		.sort();
	expect(storedEntries).toEqual(expectedEntries);
	expect(lists.every((list) => list.entries.length > 0)).toBe(true);
}

describe('search statistics and lists', () => {
	it('stay equal to the index through edits, re-imports (an EAN twice in a batch) and removals of words', async () => {
		const db = freshDatabase();
		for (const a of catalogue) await saveArticle(a);
		await expectSearchDataMatchArticles(db);
		await saveArticle({ ...catalogue[1]!, title: 'La Peste écarlate' });
		await expectSearchDataMatchArticles(db);
		const batches = [
			[
				{ article: { ...catalogue[0]!, title: 'Noces' }, hasStock: false },
				{ article: { ...catalogue[0]!, title: 'Noces suivi de L’Été' }, hasStock: true },
				{ article: article('9782070368228', 'La Chute', 'Camus Albert'), hasStock: true }
			],
			[{ article: { ...catalogue[2]!, authors: '' }, hasStock: true }]
		];
		await importCatalogue(
			async () => batches.shift() ?? null,
			() => undefined
		);
		await expectSearchDataMatchArticles(db);
		expect((await searchArticles('camus ch')).articles.map((a) => a.title)).toEqual(['La Chute']);
		expect(await db.searchTerms.get('etranger')).toBeUndefined();
	});

	it('stay equal to the index when a first import holds an EAN twice, in one batch or two', async () => {
		const db = freshDatabase();
		const batches = [
			[
				{ article: { ...catalogue[0]!, stock: 4 }, hasStock: true },
				{ article: { ...catalogue[0]!, title: 'Noces' }, hasStock: false }
			],
			[{ article: { ...catalogue[0]!, title: 'La Chute' }, hasStock: false }]
		];
		await importCatalogue(
			async () => batches.shift() ?? null,
			() => undefined
		);
		expect(await db.articles.get(catalogue[0]!.ean)).toMatchObject({ title: 'La Chute' });
		expect(await getStock(catalogue[0]!.ean)).toBe(4);
		await expectSearchDataMatchArticles(db);
	});

	it.each([10, 2_500])(
		'add %i changes to the stored counts, dropping the terms that fall to zero',
		async (changed) => {
			// Beyond 2 000 changed terms the whole table is read at once instead of one get each.
			const db = freshDatabase();
			const term = (i: number) => `mot${String(i).padStart(5, '0')}`;
			await db.searchTerms.bulkPut(
				Array.from({ length: 3_000 }, (_, i) => ({ term: term(i), count: 2 }))
			);
			const changes = new Map(
				Array.from({ length: changed }, (_, i) => [term(i), i % 2 === 0 ? -2 : 3])
			);
			changes.set('nouveau', 1);
			await db.transaction('rw', db.searchTerms, () => applyTermCountChanges(changes));
			const stored = new Map((await db.searchTerms.toArray()).map((r) => [r.term, r.count]));
			expect(stored.get(term(0))).toBeUndefined();
			expect(stored.get(term(1))).toBe(5);
			expect(stored.get(term(2_999))).toBe(2);
			expect(stored.get('nouveau')).toBe(1);
			expect(stored.size).toBe(3_000 + 1 - Math.ceil(changed / 2));
		}
	);

	it('are rebuilt from the articles (upgrade, restore)', async () => {
		const db = freshDatabase();
		for (const a of catalogue) await saveArticle(a);
		await Promise.all([db.searchTerms.clear(), db.searchLists.clear(), db.searchBatches.clear()]);
		await fillCatalogueSearch(db);
		await expectSearchDataMatchArticles(db);
	});
});

describe('search lists', () => {
	const bookAt = (n: number, title: string) => article(`9782${String(n).padStart(8, '0')}0`, title);

	it('follow a title whose words change, and are not touched by a re-import of prices', async () => {
		const db = freshDatabase();
		for (const a of catalogue) await saveArticle(a);
		await saveArticle({ ...catalogue[1]!, title: 'La Peste écarlate' });
		const titles = async (query: string) =>
			(await searchArticles(query)).articles.map((a) => a.title);
		expect(await titles('peste ecar')).toEqual(['La Peste écarlate']);
		expect(await titles('camus peste')).toEqual(['La Peste écarlate']);
		await saveArticle({ ...catalogue[1]!, title: 'Noces', authors: 'Camus Albert' });
		expect(await titles('peste camus')).toEqual([]);
		expect(await titles('camus noc')).toEqual(['Noces']);

		const lists = await db.searchLists.toArray();
		const rows = [catalogue[0]!, catalogue[2]!].map((a) => ({
			article: { ...a, priceCents: assertCents(990) },
			hasStock: false
		}));
		const batches = [rows];
		await importCatalogue(
			async () => batches.shift() ?? null,
			() => undefined
		);
		expect((await db.articles.get(catalogue[0]!.ean))?.priceCents).toBe(990);
		expect(await db.searchLists.toArray()).toEqual(lists);
		await expectSearchDataMatchArticles(db);
	});

	it('are read batch after batch until a match or the bound, which the search then reports', async () => {
		const db = freshDatabase();
		// Each import batch fills lists of its own: three batches of 400 titles, « jardin » and
		// « jarre » in turn, then 1 300 « secret » titles, so « secret » is not the rarer term and
		// « jar… » drives: its lists are read « jardin » first, then « jarre ».
		const batches = [0, 1, 2].map((b) =>
			Array.from({ length: 400 }, (_, i) => {
				const title =
					i % 2 === 0 ? `Jardin ${i}` : b === 1 && i === 399 ? 'Jarre secret' : `Jarre ${i}`;
				return { article: bookAt(b * 400 + i, title), hasStock: false };
			})
		);
		batches.push(
			Array.from({ length: 1_300 }, (_, i) => ({
				article: bookAt(2_000 + i, `Secret ${i}`),
				hasStock: false
			}))
		);
		await importCatalogue(
			async () => batches.shift() ?? null,
			() => undefined
		);
		// 1 200 « jar… » titles in 4 batches: 4 lists read first (800 titles: all « jardin », then
		// the first « jarre »), then the next ones; the match is the 1 000th title checked.
		const found = await searchArticles('jar secret');
		expect(found.articles.map((a) => a.title)).toEqual(['Jarre secret']);
		expect(found.partial).toBe(true);
		expect(await searchArticles('jardin secret')).toEqual({ articles: [], partial: false });
		await expectSearchDataMatchArticles(db);
	});
});

describe('nextInternalEan', () => {
	it('gives in-store codes that are not already used', async () => {
		freshDatabase();
		const first = await nextInternalEan();
		await saveArticle(article(await nextInternalEan(), 'Marque-page'));
		const third = await nextInternalEan();
		expect(first).toMatch(/^2\d{12}$/u);
		expect(new Set([first, third]).size).toBe(2);
	});
});

describe('searchArticles on common words', () => {
	it('checks a common word on the rarer word’s records, read in one request', async () => {
		const db = freshDatabase();
		// "jardin" is in 4 500 titles (a common word), "secret" in half of them.
		const rows = Array.from({ length: 4_500 }, (_, i) =>
			article(
				`97820700${String(i).padStart(4, '0')}`.padEnd(12, '0').slice(0, 12) + '0',
				i % 2 === 0 ? `Jardin secret ${i}` : `Jardin ${i}`
			)
		);
		await db.articles.bulkPut(
			rows.map((a, i) => ({
				...a,
				ean: `9782${String(i).padStart(8, '0')}0`,
				words: ['jardin', ...(i % 2 === 0 ? ['secret'] : []), String(i)],
				archived: 0 as const,
				updatedAt: ''
			}))
		);
		await fillCatalogueSearch(db);
		const found = await searchArticles('jardin secr');
		expect(found.articles).toHaveLength(20);
		expect(
			found.articles.every((a) => a.words.includes('jardin') && a.words.includes('secret'))
		).toBe(true);
		expect(await searchArticles('jardin zzz')).toEqual({ articles: [], partial: false });
	});
});
