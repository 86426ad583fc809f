import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	editedEntries,
	freshBatchStart,
	listEdits,
	listEntry,
	listedTitle,
	openBatch,
	placeTitles,
	termMatches,
	TITLES_PER_LIST_BATCH,
	type ListedTitle,
	type SearchList
} from './search-lists';

const etranger = { ean: '9782070360024', words: ['etranger', 'camus', 'folio'] };

describe('list entries', () => {
	it('carry the EAN and every word, and read back as the title', () => {
		expect(listEntry(etranger)).toBe('9782070360024 etranger camus folio');
		expect(listedTitle(listEntry(etranger))).toEqual(etranger);
	});

	const cases: [string, boolean, boolean][] = [
		['camus', false, true],
		['cam', false, false],
		['cam', true, true],
		['peste', true, false]
	];
	for (const [word, isPrefix, matches] of cases) {
		it(`« ${word} »${isPrefix ? ' (prefix)' : ''} ${matches ? 'matches' : 'does not match'} L’Étranger`, () => {
			expect(termMatches({ word, isPrefix }, etranger.words)).toBe(matches);
		});
	}
});

describe('batches', () => {
	const cases: [number, number, number][] = [
		// placed so far, fresh start, open batch
		[0, 0, 0],
		[1, TITLES_PER_LIST_BATCH, 0],
		[TITLES_PER_LIST_BATCH, TITLES_PER_LIST_BATCH, 1],
		[TITLES_PER_LIST_BATCH + 1, 2 * TITLES_PER_LIST_BATCH, 1]
	];
	for (const [placed, fresh, open] of cases) {
		it(`after ${placed} titles: new batches start at ${fresh}, one title joins batch ${open}`, () => {
			expect(freshBatchStart(placed)).toBe(fresh);
			expect(openBatch(placed)).toBe(open);
		});
	}

	it('places titles in order, one list per word and batch', () => {
		const titles = [
			{ ean: 'a', words: ['jardin', 'secret'] },
			{ ean: 'b', words: ['jardin'] }
		];
		const placement = placeTitles(titles, TITLES_PER_LIST_BATCH - 1);
		expect(placement.placed).toBe(TITLES_PER_LIST_BATCH + 1);
		expect(placement.batches).toEqual([
			{ ean: 'a', batch: 0 },
			{ ean: 'b', batch: 1 }
		]);
		expect(placement.lists).toEqual([
			{ word: 'jardin', batch: 0, entries: ['a jardin secret'] },
			{ word: 'secret', batch: 0, entries: ['a jardin secret'] },
			{ word: 'jardin', batch: 1, entries: ['b jardin'] }
		]);
	});
});

describe('list edits', () => {
	it('leave out a title whose words did not change (a new price)', () => {
		expect(listEdits([{ ean: 'a', batch: 0, before: ['x', 'y'], after: ['x', 'y'] }])).toEqual([]);
	});

	it('take the old entry out of every list of the title, and put the new one in those of its words', () => {
		const [keep, drop, add] = listEdits([
			{ ean: 'a', batch: 3, before: ['jardin', 'secret'], after: ['jardin', 'public'] }
		]);
		expect([keep?.word, drop?.word, add?.word]).toEqual(['jardin', 'secret', 'public']);
		expect(editedEntries(['a jardin secret', 'b jardin'], keep!)).toEqual([
			'b jardin',
			'a jardin public'
		]);
		expect(editedEntries(['a jardin secret'], drop!)).toEqual([]);
		expect(editedEntries([], add!)).toEqual(['a jardin public']);
	});
});

/** Every (batch, word, entry) of stored lists, sorted: what a search can read. */
const contents = (lists: Iterable<SearchList>) =>
	[...lists].flatMap((l) => l.entries.map((e) => `${l.batch} ${l.word} ${e}`)).sort();

describe('lists kept by edits', () => {
	const word = fc.constantFrom('jardin', 'secret', 'camus', 'peste', 'folio');
	const words = fc.uniqueArray(word, { minLength: 1, maxLength: 4 });
	const ean = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');

	it('hold what placing the final catalogue in the same batches would hold', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ ean, words }), { maxLength: 6 }),
				fc.array(fc.record({ ean, words }), { maxLength: 12 }),
				fc.integer({ min: 0, max: 2 * TITLES_PER_LIST_BATCH }),
				(first, changes, placedBefore) => {
					// A first load placed in fresh batches, then titles saved one by one.
					const initial = new Map(first.map((t) => [t.ean, t]));
					const placement = placeTitles([...initial.values()], placedBefore);
					const stored = new Map(placement.lists.map((l) => [`${l.batch} ${l.word}`, l]));
					const batchOf = new Map(placement.batches.map((b) => [b.ean, b.batch]));
					const catalogue = new Map<string, ListedTitle>(initial);
					let placed = placement.placed;
					for (const title of changes) {
						const before = catalogue.get(title.ean);
						if (!batchOf.has(title.ean)) batchOf.set(title.ean, openBatch(placed++));
						const batch = batchOf.get(title.ean)!;
						for (const edit of listEdits([
							{ ean: title.ean, batch, before: before?.words ?? [], after: title.words }
						])) {
							const key = `${edit.batch} ${edit.word}`;
							const entries = editedEntries(stored.get(key)?.entries ?? [], edit);
							if (entries.length > 0) stored.set(key, { ...edit, entries });
							else stored.delete(key);
						}
						catalogue.set(title.ean, title);
					}
					const expected = [...catalogue.values()].flatMap((t) =>
						t.words.map((w) => `${batchOf.get(t.ean)} ${w} ${listEntry(t)}`)
					);
					expect(contents(stored.values())).toEqual(expected.sort());
				}
			)
		);
	});
});
