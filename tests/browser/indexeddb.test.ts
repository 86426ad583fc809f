import { describe, expect, it } from 'vitest';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { getDatabaseCounts, loadDemoShop } from '$lib/db/demo-repository';
import { generateDemoShop } from '$lib/demo/demo-data';

describe('IndexedDB in real Chromium', () => {
	it('loads the full demonstration shop and finds articles by EAN and word prefix', async () => {
		const db = createDatabase(`browser-${Date.now()}`);
		useDatabaseForTests(db);
		const demo = generateDemoShop();
		await loadDemoShop(demo);
		const counts = await getDatabaseCounts();
		expect(counts.articles).toBe(demo.articles.length);
		expect(counts.articles).toBeGreaterThanOrEqual(20_000);

		const first = demo.articles[0]!;
		expect((await db.articles.get(first.ean))?.title).toBe(first.title);
		const word = first.words.find((w) => w.length > 4)!;
		const found = await db.articles.where('words').startsWith(word.slice(0, 4)).limit(20).toArray();
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((a) => a.words.some((w) => w.startsWith(word.slice(0, 4))))).toBe(true);
		db.close();
		await db.delete();
		// Writing 20 500 articles with their search data takes seconds alone and much longer on a
		// loaded CI machine: the test waits for the load, it does not time it (that is the bench's).
	}, 180_000);
});
