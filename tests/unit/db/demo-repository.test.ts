import { describe, expect, it } from 'vitest';
import { DatabaseNotEmptyError, getDatabaseCounts, loadDemoShop } from '$lib/db/demo-repository';
import { generateDemoShop } from '$lib/demo/demo-data';
import { freshDatabase } from './fresh-db';

describe('loading the demonstration shop', () => {
	it('fills an empty database in one go', async () => {
		freshDatabase();
		const demo = generateDemoShop({ bookCount: 300 });
		await loadDemoShop(demo);
		expect(await getDatabaseCounts()).toEqual({
			articles: demo.articles.length,
			customers: demo.customers.length,
			tickets: 0,
			hasShop: true
		});
	});

	it('refuses a database that has data, and writes nothing (one transaction)', async () => {
		const db = freshDatabase();
		await db.customers.add({ ...generateDemoShop({ bookCount: 0 }).customers[0]!, number: '42' });
		await expect(loadDemoShop(generateDemoShop({ bookCount: 50 }))).rejects.toBeInstanceOf(
			DatabaseNotEmptyError
		);
		expect(await getDatabaseCounts()).toEqual({
			articles: 0,
			customers: 1,
			tickets: 0,
			hasShop: false
		});
	});

	it('leaves nothing half-written when a write fails midway', async () => {
		const db = freshDatabase();
		const demo = generateDemoShop({ bookCount: 100 });
		// Two customers with the same number: the unique index fails the bulk write mid-transaction.
		demo.customers.push({ ...demo.customers[0]! });
		await expect(loadDemoShop(demo)).rejects.toThrow();
		expect(await db.articles.count()).toBe(0);
		expect(await db.settings.count()).toBe(0);
		expect(await db.customers.count()).toBe(0);
	});
});
