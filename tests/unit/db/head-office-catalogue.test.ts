// The catalogue and prices a chain's head office sets, as a shop's till keeps them
// (docs/replication.md#head-office-catalogue): taken where the shop has no price of its own, a
// shop's own price kept against the head office's next ones, and never reported as a conflict.
import { describe, expect, it } from 'vitest';
import { getArticle, getStock, saveArticle } from '$lib/db/article-repository';
import {
	keepPeerRevisionBatch,
	latestConflicts,
	saveSyncSettings
} from '$lib/db/replication-repository';
import { searchArticles } from '$lib/db/search/catalogue-search';
import {
	articleRevision,
	assertCents,
	HEAD_OFFICE_TILL,
	type ArticleRevision,
	type RevisionMessage
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { book } from './sale-fixtures';
import { tillCredentials } from './sync-fixtures';

const { stock: _stock, ...bookFields } = book; // eslint-disable-line @typescript-eslint/no-unused-vars -- a title as the head office sends it, without stock
let seq = 0;

/** A head office message as it reaches the shop's stream, delivered to this till. */
async function fromHeadOffice(items: ArticleRevision[]): Promise<void> {
	seq += 1;
	const message: RevisionMessage = {
		type: 'revisions',
		uid: `siege-${seq}`,
		at: new Date(Date.UTC(2026, 11, 4, 9, seq)).toISOString(),
		by: 'Siège (Claire)',
		items
	};
	await keepPeerRevisionBatch([{ message, tillId: HEAD_OFFICE_TILL, streamSeq: seq }]);
}

const priced = (cents: number, change: Partial<typeof bookFields> = {}): ArticleRevision => ({
	...(articleRevision(
		null,
		{ ...bookFields, ...change, priceCents: assertCents(cents) },
		0
	) as ArticleRevision),
	base: null
});

describe('the head office’s catalogue at a shop’s till', () => {
	it('sets titles and prices, keeps the shop’s own price against its next ones, and says no conflict', async () => {
		freshDatabase();
		seq = 0;
		await saveSyncSettings(tillCredentials('CAISSE1', 1), 'Anne');
		await saveArticle({ ...book, stock: 3 }, 'Anne');

		await fromHeadOffice([
			priced(900),
			priced(1_250, { ean: '9782070368228', title: 'Le Petit Prince', authors: 'Saint-Exupéry' })
		]);
		expect(await getArticle(book.ean)).toMatchObject({ priceCents: 900 });
		expect(await getStock(book.ean)).toBe(3);
		expect(await getArticle('9782070368228')).toMatchObject({
			title: 'Le Petit Prince',
			priceCents: 1_250
		});
		expect((await searchArticles('petit prince')).articles).toHaveLength(1);

		// The shop sets its own price; the head office's next one leaves it, and sets the title.
		await saveArticle({ ...book, priceCents: assertCents(850), stock: 3 }, 'Anne');
		await fromHeadOffice([priced(950, { title: 'Perry Rhodan n° 318' })]);
		expect(await getArticle(book.ean)).toMatchObject({
			priceCents: 850,
			title: 'Perry Rhodan n° 318',
			headOffice: { priceCents: 950 }
		});
		// The other title still follows the head office.
		await fromHeadOffice([
			priced(1_290, { ean: '9782070368228', title: 'Le Petit Prince', authors: 'Saint-Exupéry' })
		]);
		expect(await getArticle('9782070368228')).toMatchObject({ priceCents: 1_290 });
		// Delivered twice (a source caught up after a cut): applied once.
		await keepPeerRevisionBatch([
			{
				message: {
					type: 'revisions',
					uid: 'siege-1',
					at: '2026-12-04T09:01:00.000Z',
					by: 'Siège (Claire)',
					items: [priced(100)]
				},
				tillId: HEAD_OFFICE_TILL,
				streamSeq: 99
			}
		]);
		expect(await getArticle(book.ean)).toMatchObject({ priceCents: 850 });
		expect(await latestConflicts()).toEqual([]);
	});
});
