import { liveQuery } from 'dexie';
import type { DemoShop } from '$lib/demo/demo-data';
import { getDb } from './db';
import { fillCatalogueSearch } from './search/catalogue-search';
import { addJournalEntry } from './chain-repository';

export interface DatabaseCounts {
	articles: number;
	customers: number;
	tickets: number;
	hasShop: boolean;
}

/** What the database holds, to know whether to offer the demonstration shop. */
export async function getDatabaseCounts(): Promise<DatabaseCounts> {
	const db = getDb();
	const [articles, customers, tickets, shop] = await Promise.all([
		db.articles.count(),
		db.customers.count(),
		db.tickets.count(),
		db.settings.get('shop')
	]);
	return { articles, customers, tickets, hasShop: shop !== undefined };
}

export class DatabaseNotEmptyError extends Error {
	constructor() {
		super(
			'La base contient déjà des données\u00a0: la démonstration ne se charge que dans une base vide.'
		);
		this.name = 'DatabaseNotEmptyError';
	}
}

/**
 * Loads the demonstration shop into an empty database, all or nothing (one transaction).
 * Refuses a database that already has a shop, articles, customers or tickets.
 */
export async function loadDemoShop(demo: DemoShop): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[
			db.settings,
			db.articles,
			db.stock,
			db.searchTerms,
			db.searchLists,
			db.searchBatches,
			db.customers,
			db.tickets,
			db.sequences,
			db.journal,
			db.chainHeads,
			db.balanceAccounts
		],
		async () => {
			const counts = await getDatabaseCounts();
			if (counts.articles + counts.customers + counts.tickets > 0 || counts.hasShop) {
				throw new DatabaseNotEmptyError();
			}
			await db.settings.put({ key: 'shop', value: demo.shop });
			await db.settings.put({ key: 'demo', value: { loadedAt: new Date().toISOString() } });
			await db.articles.bulkAdd(demo.articles);
			await db.stock.bulkAdd(demo.stock);
			await fillCatalogueSearch(db);
			await db.customers.bulkAdd(demo.customers);
			await db.balanceAccounts.bulkAdd(demo.balanceAccounts);
			await db.sequences.put({ name: 'customer', last: demo.customers.length + 1_000_000 });
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'demo-loaded',
				detail: {
					articles: demo.articles.length,
					customers: demo.customers.length,
					// Sealed here, the opening balances are what the integrity check holds them to.
					balances: demo.balanceAccounts.map((account) => ({
						code: account.code,
						amountCents: account.initialCents
					}))
				}
			});
		}
	);
}

/** Database counts as a live store, for the home screen. */
export function databaseCountsStore() {
	return liveQuery(() => getDatabaseCounts());
}
