/**
 * Fills the built app's own database (`comptoir`, on the app's origin) for the cold-start bench:
 * `scale` articles and `scale` tickets over ten years, the shop and an open till. Bundled by
 * esbuild and run inside a page of the served build (cold-start.mjs); written raw, by batches,
 * with relaxed durability: this is the set-up, not what is measured. No search statistics
 * (`searchTerms`): the till's first screen searches nothing.
 */
import { toArticleRow } from '$lib/db/article-repository';
import { ticketHead, type TillSessionRow } from '$lib/db/schema';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { catalogueGenerator } from './catalogue-generator';
import { done, request } from './raw-idb';
import { ticketHistory } from './ticket-generator';

export async function fill(scale: number): Promise<void> {
	const db = await request(indexedDB.open('comptoir'));
	const generator = catalogueGenerator();
	const updatedAt = new Date().toISOString();
	for (let start = 0; start < scale; start += 10_000) {
		const tx = db.transaction('articles', 'readwrite', { durability: 'relaxed' });
		const store = tx.objectStore('articles');
		for (let i = start; i < Math.min(scale, start + 10_000); i++) {
			store.put(toArticleRow(generator.article(i), updatedAt));
		}
		await done(tx);
	}
	let batch: { tickets: Parameters<typeof ticketHead>[0][] }[] = [];
	const flush = async () => {
		const tx = db.transaction(['tickets', 'ticketHeads'], 'readwrite', { durability: 'relaxed' });
		for (const day of batch) {
			for (const ticket of day.tickets) {
				tx.objectStore('tickets').put(ticket);
				tx.objectStore('ticketHeads').put(ticketHead(ticket));
			}
		}
		await done(tx);
		batch = [];
	};
	for (const day of ticketHistory(generator, scale, scale)) {
		batch.push({ tickets: day.tickets as Parameters<typeof ticketHead>[0][] });
		if (batch.length >= 20) await flush();
	}
	await flush();
	const tx = db.transaction(['settings', 'tillSessions'], 'readwrite');
	tx.objectStore('settings').put({ key: 'shop', value: { ...DEMO_SHOP, tillId: 'CAISSE1' } });
	const session: Omit<TillSessionRow, 'id'> = {
		tillId: 'CAISSE1',
		openedAt: new Date().toISOString(),
		openingFloatCents: 15_000 as TillSessionRow['openingFloatCents'],
		closedAt: null,
		countedCents: null,
		expectedCents: null,
		countDetail: null,
		cashier: 'Anne'
	};
	tx.objectStore('tillSessions').put(session);
	await done(tx);
	db.close();
}

/** The EAN of the catalogue's first article: the cold-start bench scans it as the till appears. */
export function firstEan(): string {
	return catalogueGenerator().article(0).ean;
}
