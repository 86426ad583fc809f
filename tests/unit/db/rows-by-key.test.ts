import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowsByKey } from '$lib/db/db';
import { freshDatabase } from './fresh-db';

/** Stock rows under these EANs (the table holds nothing else). */
async function stockOf(eans: readonly string[]) {
	const db = freshDatabase();
	await db.stock.bulkPut(eans.map((ean, i) => ({ ean, quantity: i + 1 })));
	return db;
}

const ean = (n: number) => `97820000${String(n).padStart(5, '0')}`;

describe('rows read by key, by range when the keys are neighbours', () => {
	it.each([
		['an empty table', [], [ean(1), ean(2)], []],
		[
			'every key present, in a row',
			[ean(1), ean(2), ean(3)],
			[ean(3), ean(1), ean(2)],
			[ean(1), ean(2), ean(3)]
		],
		['some present, others new', [ean(2)], [ean(1), ean(2), ean(3)], [ean(2)]],
		[
			'other rows between the keys',
			[ean(1), ean(2), ean(3), ean(4), ean(5)],
			[ean(1), ean(5)],
			[ean(1), ean(5)]
		],
		['a key asked twice', [ean(7)], [ean(7), ean(7)], [ean(7)]],
		['no key asked', [ean(1)], [], []]
	])('%s', async (_, stored, asked, found) => {
		const db = await stockOf(stored);
		const rows = await db.transaction('r', db.stock, () => rowsByKey(db.stock, asked));
		expect([...rows.keys()].sort()).toEqual(found);
		for (const key of found) expect(rows.get(key)?.ean).toBe(key);
	});

	it('finds exactly the stored keys among those asked, however they are spread', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }),
				fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }),
				async (stored, asked) => {
					const db = await stockOf(stored.map(ean));
					const rows = await rowsByKey(db.stock, asked.map(ean));
					const expected = [...new Set(asked)].filter((n) => stored.includes(n)).map(ean);
					expect([...rows.keys()].sort()).toEqual(expected.sort());
					db.close();
				}
			),
			{ numRuns: 40 }
		);
	});
});
