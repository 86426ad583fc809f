import { describe, expect, it } from 'vitest';
import { normalizeForSearch, parseSearchQuery, searchWords } from './search';

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
