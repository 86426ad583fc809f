import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchWords } from './search';

describe('searchWords', () => {
	const cases: [string[], string[]][] = [
		[
			["L'Étranger", 'Albert Camus'],
			['l', 'etranger', 'albert', 'camus']
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
