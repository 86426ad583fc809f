import {
	addTermCountChanges,
	articleRevision,
	articleSearchWords,
	ARTICLE_FIELDS,
	HEAD_OFFICE_TILL,
	mergeArticleRevision,
	mergeHeadOfficeRevision,
	tillSubject,
	type Article,
	type ArticleFields,
	type ArticleRevision,
	type ListedTitle,
	type RevisionConflict,
	type RevisionMessage
} from '$lib/domain';
import { addJournalEntry } from './chain-repository';
import { getDb, rowsByKey, type ComptoirDb } from './db';
import type { ArticleRow } from './schema';
import { searchTables } from './search/catalogue-search';
import { addNewTitlesToSearchLists, editSearchLists } from './search/lists';
import { applyTermCountChanges } from './search/statistics';

/**
 * The catalogue between the shop's tills (docs/replication.md#revisions): each change of a title
 * goes out as a revision (the fields it changed, the stock it moved), queued in the change's own
 * transaction; revisions from the other tills are merged field by field.
 */

/** Revisions per message: a million-title import travels as 2 000 messages. */
const PER_MESSAGE = 500;
/** An edit's revisions are kept as the titles' history; an import's are too many to keep. */
const KEPT_AS_HISTORY = 20;

/** The tables a write that queues revisions adds to its transaction. */
export function revisionTables(db: ComptoirDb) {
	return [db.settings, db.outbox, db.revisions];
}

/** Whether this till syncs, inside a transaction with `settings`. */
export async function syncingTill(): Promise<string | null> {
	const row = await getDb().settings.get('sync');
	return row ? String((row.value as { tillId?: unknown }).tillId ?? '') || null : null;
}

/**
 * Queues catalogue changes for the other tills, inside the caller's transaction (with
 * revisionTables): sent only once this transaction commits, lost only with it. A till alone
 * queues nothing.
 */
export async function queueRevisions(
	items: readonly ArticleRevision[],
	by: string,
	at: string,
	tillId?: string | null,
	stockThroughTicket?: number
): Promise<void> {
	if (items.length === 0) return;
	const till = tillId === undefined ? await syncingTill() : tillId;
	if (!till) return;
	const db = getDb();
	for (let start = 0; start < items.length; start += PER_MESSAGE) {
		const chunk = items.slice(start, start + PER_MESSAGE);
		const message: RevisionMessage = {
			type: 'revisions',
			uid: crypto.randomUUID(),
			at,
			by,
			items: chunk,
			...(stockThroughTicket === undefined ? {} : { stockThroughTicket })
		};
		await db.outbox.add({ subject: tillSubject(till, 'revisions'), message });
		await db.revisions.add(revisionRow(message, till, []));
	}
}

function revisionRow(message: RevisionMessage, tillId: string, conflicts: RevisionRowConflicts) {
	const history = message.items.length <= KEPT_AS_HISTORY;
	return {
		uid: message.uid,
		eans: history ? message.items.map((item) => item.ean) : [],
		tillId,
		at: message.at,
		by: message.by,
		items: history ? [...message.items] : [],
		count: message.items.length,
		conflicts
	};
}

type RevisionRowConflicts = (RevisionConflict & { ean: string })[];

/** A stock movement of a title (an order received, a copy kept): queued when the shop syncs. */
export async function queueStockMovement(ean: string, delta: number, by: string, at: string) {
	if (delta === 0) return;
	await queueRevisions([{ ean, base: null, fields: {}, stockDelta: delta }], by, at);
}

/** The fields of a stored title. */
export function articleFields(row: ArticleRow | Article): ArticleFields & { ean: string } {
	return {
		ean: row.ean,
		...(Object.fromEntries(ARTICLE_FIELDS.map((field) => [field, row[field]])) as ArticleFields)
	};
}

/** The tables keepRevisions writes. */
export function keptRevisionTables(db: ComptoirDb) {
	return [
		db.articles,
		db.stock,
		db.revisions,
		db.peers,
		db.journal,
		db.chainHeads,
		...searchTables()
	];
}

/**
 * What keepRevisions leaves for the caller to write once for all the messages of its transaction:
 * the search statistics' changes, and the titles new here, placed together in the search lists
 * (one call per 500-title message would open a fresh 5 000-title batch each time, leaving a
 * pulled catalogue in ten times the batches a search reads).
 */
export interface PendingSearchWrites {
	readonly termChanges: Map<string, number>;
	readonly newTitles: Map<string, ListedTitle>;
}

/** Writes what keepRevisions left pending, inside the same transaction. */
export async function writePendingSearch(pending: PendingSearchWrites): Promise<void> {
	await applyTermCountChanges(pending.termChanges);
	await addNewTitlesToSearchLists([...pending.newTitles.values()]);
}

/**
 * Applies another till's catalogue message inside the caller's transaction (which then writes
 * `pending` with writePendingSearch): each title merged field by field (domain
 * mergeArticleRevision), its stock moved, its search entries kept in step; each conflict
 * journaled where Paramètres › Synchronisation shows it. A message already applied changes
 * nothing.
 */
export async function keepRevisions(
	message: RevisionMessage,
	tillId: string,
	pending: PendingSearchWrites
): Promise<number> {
	const { termChanges } = pending;
	const db = getDb();
	if ((await db.revisions.where('uid').equals(message.uid).count()) > 0) return 0;
	const conflicts: RevisionRowConflicts = [];
	const eans = message.items.map((item) => item.ean);
	// Read by key range, written in one request each: a catalogue pulled whole goes at bulk speed.
	const current = await rowsByKey(db.articles, eans);
	const stock = new Map(
		[...(await rowsByKey(db.stock, eans))].map(([ean, row]) => [ean, row.quantity] as const)
	);
	const rows = new Map<string, ArticleRow>();
	const before = new Map<string, readonly string[] | undefined>();
	const moved = new Set<string>();
	// The chain's head office sets titles and prices; a shop's own value of a field is kept
	// (docs/replication.md#head-office-catalogue). Another till's change is merged field by field.
	const fromHeadOffice = tillId === HEAD_OFFICE_TILL;
	for (const item of message.items) {
		const previous = rows.get(item.ean) ?? current.get(item.ean);
		const merged = fromHeadOffice
			? {
					...mergeHeadOfficeRevision(
						previous ? { fields: articleFields(previous), headOffice: previous.headOffice } : null,
						item
					),
					conflicts: []
				}
			: {
					...mergeArticleRevision(
						previous ? { fields: articleFields(previous), updatedAt: previous.updatedAt } : null,
						item,
						message.at
					),
					headOffice: previous?.headOffice
				};
		const unchanged =
			previous !== undefined &&
			merged.fields !== null &&
			ARTICLE_FIELDS.every((field) => merged.fields?.[field] === previous[field]) &&
			// Another till's revision keeps the head office's values as they were: no need to compare.
			(merged.headOffice === previous.headOffice ||
				JSON.stringify(merged.headOffice) === JSON.stringify(previous.headOffice));
		// A title already as received is not written again (its ~10 index entries each time).
		if (merged.fields && !unchanged) {
			if (!before.has(item.ean)) before.set(item.ean, current.get(item.ean)?.words);
			rows.set(item.ean, {
				ean: item.ean,
				...merged.fields,
				words: articleSearchWords(merged.fields),
				archived: previous?.archived ?? 0,
				updatedAt: latest(previous?.updatedAt, item.editedAt ?? message.at),
				...(merged.headOffice ? { headOffice: merged.headOffice } : {})
			});
		}
		// A title new here takes the stock its till published with it (docs/replication.md#stock).
		const initial = !current.has(item.ean) && !moved.has(item.ean) ? (item.initialStock ?? 0) : 0;
		if (item.stockDelta !== 0 || initial !== 0) {
			stock.set(item.ean, (stock.get(item.ean) ?? 0) + initial + item.stockDelta);
			moved.add(item.ean);
		}
		for (const conflict of merged.conflicts) {
			conflicts.push({ ...conflict, ean: item.ean });
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'revision-conflict',
				detail: {
					ean: item.ean,
					title: merged.fields?.title ?? previous?.title ?? '',
					tillId,
					field: conflict.field,
					here: conflict.here,
					received: conflict.received,
					kept: conflict.kept
				}
			});
		}
	}
	await db.articles.bulkPut([...rows.values()]);
	const titles = [...rows.values()];
	// Written by the caller once for all the messages it keeps together.
	for (const row of titles) addTermCountChanges(termChanges, before.get(row.ean), row.words);
	// A title new in this transaction, changed again by a later message of it, is still to be
	// placed: placed once, with its last words.
	for (const row of titles) {
		if (!before.get(row.ean) || pending.newTitles.has(row.ean)) {
			pending.newTitles.set(row.ean, { ean: row.ean, words: row.words });
		}
	}
	await editSearchLists(
		titles.flatMap((row) => {
			const words = before.get(row.ean);
			return words && !pending.newTitles.has(row.ean)
				? [{ ean: row.ean, before: words, after: row.words }]
				: [];
		})
	);
	// No row means 0 (StockRow).
	const movedRows = [...moved].map((ean) => ({ ean, quantity: stock.get(ean) ?? 0 }));
	await db.stock.bulkPut(movedRows.filter((row) => row.quantity !== 0));
	await db.stock.bulkDelete(movedRows.filter((row) => row.quantity === 0).map((row) => row.ean));
	await db.revisions.add(revisionRow(message, tillId, conflicts));
	if (message.stockThroughTicket !== undefined) {
		const peer = await db.peers.get(tillId);
		if (peer) await db.peers.put({ ...peer, stockCountedThrough: message.stockThroughTicket });
	}
	return message.items.length;
}

/** Titles read at a time while a till publishes its catalogue. */
const PUBLISHED_PER_STEP = 5_000;
/** Set in the sync settings once this till's catalogue went into the outbox. */
const PUBLISHED = 'cataloguePublished';

/**
 * Publishes this till's whole catalogue once, as it joins the shop's server: the titles it had
 * before, each with its stock as `initialStock` (taken by a till that does not have the title),
 * and the last ticket that stock counts (docs/replication.md#stock). One transaction, so the stock
 * and that ticket number agree: on a million titles the till waits for it once, at set-up.
 * Returns the titles queued (0 once done, or for a till alone).
 */
export async function publishCatalogue(): Promise<number> {
	const db = getDb();
	// Asked at every send (after each sale): once published, answered by one read, without the
	// write transaction over the articles, stock and tickets a sale would have to wait for.
	const before = await db.settings.get('sync');
	if (!before || (before.value as Record<string, unknown>)[PUBLISHED]) return 0;
	const tables = [db.articles, db.stock, db.tickets, ...revisionTables(db)];
	return db.transaction('rw', tables, async () => {
		const settings = await db.settings.get('sync');
		const tillId = await syncingTill();
		if (!settings || !tillId || (settings.value as Record<string, unknown>)[PUBLISHED]) return 0;
		const last = await db.tickets
			.where('[tillId+training+number]')
			.between([tillId, 0, 0], [tillId, 0, Infinity])
			.last();
		const at = new Date().toISOString();
		let published = 0;
		let after = '';
		for (;;) {
			const rows = await db.articles.where(':id').above(after).limit(PUBLISHED_PER_STEP).toArray();
			if (rows.length === 0) break;
			after = rows.at(-1)?.ean ?? after;
			const stock = await db.stock.bulkGet(rows.map((row) => row.ean));
			const items = rows.map((row, i) => ({
				...(articleRevision(null, articleFields(row), 0) as ArticleRevision),
				initialStock: stock[i]?.quantity ?? 0,
				editedAt: row.updatedAt
			}));
			await queueRevisions(items, '', at, tillId, last?.number ?? 0);
			published += rows.length;
		}
		await db.settings.put({ key: 'sync', value: { ...settings.value, [PUBLISHED]: at } });
		return published;
	});
}

function latest(a: string | undefined, b: string): string {
	return a !== undefined && a > b ? a : b;
}
