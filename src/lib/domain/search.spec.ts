import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addArticlesTermCounts,
	addTermCountChanges,
	normalizeForSearch,
	parseSearchQuery,
	searchTermKeys,
	searchWords
} from './search';

describe('searchWords', () => {
	const cases: [string[], string[]][] = [
		[
			["L'Étranger", 'Albert Camus'],
			['etranger', 'albert', 'camus']
		],
		[['Œuvres complètes — tome 2'], ['oeuvres', 'completes', 'tome', '2']],
		[['  ', ''], []],
		[['Camus', 'CAMUS'], ['camus']]
	];
	for (const [texts, words] of cases) {
		it(`${JSON.stringify(texts)} → ${JSON.stringify(words)}`, () => {
			expect(searchWords(...texts)).toEqual(words);
		});
	}
	it('normalises as people type', () => {
		expect(normalizeForSearch('Ægis ÉCOLE')).toBe('aegis ecole');
	});
});

describe('parseSearchQuery', () => {
	const cases: [string, { exact: string[]; prefix: string | null }][] = [
		['cam', { exact: [], prefix: 'cam' }],
		['le petit pr', { exact: ['petit'], prefix: 'pr' }],
		['Petit Prince ', { exact: ['petit', 'prince'], prefix: null }],
		['petit le', { exact: ['petit'], prefix: null }],
		['le', { exact: [], prefix: 'le' }],
		['Étr', { exact: [], prefix: 'etr' }],
		['  ', { exact: [], prefix: null }],
		['!?', { exact: [], prefix: null }]
	];
	for (const [query, parsed] of cases) {
		it(`« ${query} »`, () => expect(parseSearchQuery(query)).toEqual(parsed));
	}
});

describe('search statistics', () => {
	it('counts each word and its prefixes of 1 to 3 letters', () => {
		expect(searchTermKeys(['camus', 'le2', 'x'])).toEqual([
			'camus',
			'#c',
			'#ca',
			'#cam',
			'le2',
			'#l',
			'#le',
			'#le2',
			'x',
			'#x'
		]);
	});

	const cases: [string, string[] | undefined, string[] | undefined, [string, number][]][] = [
		[
			'a new article',
			undefined,
			['ab'],
			[
				['ab', 1],
				['#a', 1],
				['#ab', 1]
			]
		],
		[
			'a removed article',
			['ab'],
			undefined,
			[
				['ab', -1],
				['#a', -1],
				['#ab', -1]
			]
		],
		[
			'a title changed by one word',
			['ab', 'ac'],
			['ab', 'ad'],
			[
				['ac', -1],
				['#ac', -1],
				['ad', 1],
				['#ad', 1]
			]
		],
		['nothing changed', ['ab'], ['ab'], []]
	];
	for (const [name, before, after, changes] of cases) {
		it(name, () => {
			expect([...addTermCountChanges(new Map(), before, after)].sort()).toEqual(changes.sort());
		});
	}

	it('a prefix total is the sum of its words’ totals, whatever the edits (property)', () => {
		const word = fc.stringMatching(/^[a-c]{1,5}$/u);
		const title = fc.uniqueArray(word, { maxLength: 4 });
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(5), title), { maxLength: 30 }), (edits) => {
				const articles = new Map<number, string[]>();
				const totals = new Map<string, number>();
				for (const [id, words] of edits) {
					addTermCountChanges(totals, articles.get(id), words);
					articles.set(id, words);
				}
				const entries = [...articles.values()].flat();
				for (const [key, total] of totals) {
					const expected = key.startsWith('#')
						? entries.filter((w) => w.startsWith(key.slice(1))).length
						: entries.filter((w) => w === key).length;
					expect(total).toBe(expected);
				}
				for (const w of entries) expect(totals.get(w)).toBe(entries.filter((e) => e === w).length);
			})
		);
	});

	it('a catalogue counted at once equals the same articles added one by one, in two batches or not (property)', () => {
		const word = fc.stringMatching(/^[a-c]{1,5}$/u);
		const article = fc.record({ words: fc.uniqueArray(word, { maxLength: 4 }) });
		fc.assert(
			fc.property(fc.array(article, { maxLength: 20 }), fc.nat(20), (articles, cut) => {
				const oneByOne = new Map<string, number>();
				for (const a of articles) addTermCountChanges(oneByOne, undefined, a.words);
				const inBatches = addArticlesTermCounts(new Map(), articles.slice(0, cut));
				addArticlesTermCounts(inBatches, articles.slice(cut));
				expect(addArticlesTermCounts(new Map(), articles)).toEqual(oneByOne);
				expect(inBatches).toEqual(oneByOne);
			})
		);
	});
});
