import { describe, expect, it } from 'vitest';
import { getStock, saveArticle } from '$lib/db/article-repository';
import { searchArticles } from '$lib/db/search/catalogue-search';
import { addArticlesTermCounts, assertCents, assertVatRateBp } from '$lib/domain';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { recordCustomerOrder } from '$lib/db/order-repository';
import { recordSale } from '$lib/db/ticket-repository';
import {
	LATEST_VERSION,
	SCHEMA_VERSIONS,
	type TicketAmendmentRow,
	type Unsaved
} from '$lib/db/schema';
import { articlesBeforeV6, databaseAtVersion, freshDatabase } from './fresh-db';
import { book, bookSale, issueSale } from './sale-fixtures';

describe('schema', () => {
	it('opens with every table of the product', async () => {
		const db = freshDatabase();
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(db.tables.map((t) => t.name).sort()).toEqual(
			Object.keys(Object.assign({}, ...Object.values(SCHEMA_VERSIONS))).sort()
		);
		db.close();
	});

	it('upgrades a database filled at v1 to v2 without losing a record', async () => {
		const { name, older: v1 } = databaseAtVersion(1);
		await v1.table('tickets').add({ ...ticketAt(7), id: 1 });
		await v1.table('sequences').put({ name: 'ticket:CAISSE1', last: 7 });
		await v1.table('settings').put({ key: 'preferences', value: { autoPrint: true } });
		v1.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.tickets.get(1)).toMatchObject({ number: 7, tillId: 'CAISSE1' });
		expect(await db.sequences.get('ticket:CAISSE1')).toEqual({ name: 'ticket:CAISSE1', last: 7 });
		expect(await db.settings.get('preferences')).toMatchObject({ value: { autoPrint: true } });
		const note: Unsaved<TicketAmendmentRow> = {
			ticketId: 1,
			kind: 'note',
			note: 'ok',
			by: 'Anne',
			at: 'x'
		};
		await db.ticketAmendments.add(note);
		expect(await db.ticketAmendments.where('ticketId').equals(1).count()).toBe(1);
		db.close();
	});

	it('upgrades a database filled at v3 to v4: invoices stay, payments can be recorded', async () => {
		const { name, older: v3 } = databaseAtVersion(3);
		await v3.table('invoices').add({ id: 4, kind: 'invoice', number: '12', ticketIds: [1] });
		v3.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.invoices.get(4)).toMatchObject({ number: '12', ticketIds: [1] });
		await db.invoicePayments.add({
			invoiceId: 4,
			day: '2026-11-20',
			method: 'virement',
			amountCents: 100 as never,
			by: 'Anne',
			at: 'x'
		});
		expect(await db.invoicePayments.where('invoiceId').equals(4).count()).toBe(1);
		db.close();
	});

	it('upgrades a database filled at v4 to v5: the catalogue gets its search statistics', async () => {
		const { name, older: v4 } = databaseAtVersion(4);
		await v4.table('articles').bulkAdd(
			Array.from({ length: 5_003 }, (_, i) => ({
				ean: String(i).padStart(13, '0'),
				words: i < 3 ? ['camus', 'peste'] : ['jardin', `w${i}`]
			}))
		);
		v4.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.searchTerms.bulkGet(['camus', '#ca', '#c', 'jardin', '#j', '#w'])).toEqual([
			{ term: 'camus', count: 3 },
			{ term: '#ca', count: 3 },
			{ term: '#c', count: 3 },
			{ term: 'jardin', count: 5_000 },
			{ term: '#j', count: 5_000 },
			{ term: '#w', count: 5_000 }
		]);
		db.close();
	});

	it('upgrades a database filled at v5 to v6: the stock moves to its own table, 0 as no row', async () => {
		const { name, older: v5 } = databaseAtVersion(5);
		await v5
			.table('articles')
			.bulkAdd(articlesBeforeV6(5_003, (i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? 2 : -1)));
		v5.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.stock.count()).toBe(3_335);
		expect(await db.stock.bulkGet(['0000000000000', '0000000000001', '0000000000002'])).toEqual([
			undefined,
			{ ean: '0000000000001', quantity: 2 },
			{ ean: '0000000000002', quantity: -1 }
		]);
		useDatabaseForTests(db);
		const sale = bookSale(); // 2 copies
		await recordSale({ ...sale, lines: sale.lines.map((l) => ({ ...l, ean: '0000000000001' })) });
		expect(await getStock('0000000000001')).toBe(0);
		db.close();
	});

	it('upgrades a database filled at v6 to v7: every title gets its search lists, and two words find it', async () => {
		const { name, older: v6 } = databaseAtVersion(6);
		const rows = Array.from({ length: 5_003 }, (_, i) => ({
			ean: String(i).padStart(13, '0'),
			title: i % 2 === 0 ? 'Jardin secret' : 'Jardin public',
			words: ['jardin', i % 2 === 0 ? 'secret' : 'public'],
			archived: 0
		}));
		await v6.table('articles').bulkAdd(rows);
		const counts = addArticlesTermCounts(new Map(), rows);
		await v6.table('searchTerms').bulkAdd([...counts].map(([term, count]) => ({ term, count })));
		v6.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.searchBatches.count()).toBe(5_003);
		expect(await db.searchBatches.get('0000000005002')).toEqual({ ean: '0000000005002', batch: 1 });
		expect((await db.searchLists.get(['jardin', 0]))?.entries).toHaveLength(5_000);
		expect((await db.searchLists.get(['secret', 1]))?.entries).toEqual([
			'0000000005000 jardin secret',
			'0000000005002 jardin secret'
		]);
		useDatabaseForTests(db);
		const found = await searchArticles('jardin secr');
		expect(found.articles).toHaveLength(20);
		expect(found.articles.every((a) => a.title === 'Jardin secret')).toBe(true);
		// A title added after the upgrade joins the last batch, which is not full.
		await saveArticle({
			ean: '9782070360024',
			title: 'Le jardin de Camus',
			authors: '',
			publisher: '',
			collection: '',
			priceCents: assertCents(800),
			vatRateBp: assertVatRateBp(550),
			kind: 'livre',
			stock: 0
		});
		expect(await db.searchBatches.get('9782070360024')).toEqual({ ean: '9782070360024', batch: 1 });
		expect((await searchArticles('jardin cam')).articles.map((a) => a.title)).toEqual([
			'Le jardin de Camus'
		]);
		db.close();
	});

	it('upgrades a database filled at v7 to v8: the tickets « en compte » are found by due date', async () => {
		const { name, older: v7 } = databaseAtVersion(7);
		await v7.table('ticketHeads').bulkAdd([
			{ id: 1, day: '2026-11-02', dueDate: null, training: 0 },
			{ id: 2, day: '2026-11-03', dueDate: '2026-12-03', training: 0 }
		]);
		v7.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.ticketHeads.count()).toBe(2);
		expect(await db.ticketHeads.where('dueDate').above('').primaryKeys()).toEqual([2]);
		db.close();
	});

	it('upgrades a database filled at v8 to v9: everything kept, customer orders can be recorded', async () => {
		const { name, older: v8 } = databaseAtVersion(8);
		await v8.table('ticketHeads').add({ id: 1, day: '2026-11-02', dueDate: null, training: 0 });
		await v8.table('sequences').put({ name: 'customer', last: 1_000_012 });
		v8.close();

		const db = createDatabase(name);
		useDatabaseForTests(db);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.ticketHeads.count()).toBe(1);
		expect(await db.customerOrders.count()).toBe(0);
		const recorded = await recordCustomerOrder({
			by: 'Anne',
			order: {
				customerId: null,
				contactName: 'Mme Roux',
				contactPhone: '06 12 34 56 78',
				contactEmail: '',
				note: '',
				depositCode: null,
				lines: [
					{
						ean: '',
						title: 'Un titre introuvable',
						authors: '',
						publisher: '',
						kind: 'livre',
						vatRateBp: assertVatRateBp(550),
						unitPriceCents: assertCents(1500),
						quantity: 1
					}
				]
			}
		});
		expect(recorded).toMatchObject({ ok: true, value: { number: 1 } });
		expect(await db.sequences.get('customer')).toEqual({ name: 'customer', last: 1_000_012 });
		db.close();
	});

	it('upgrades a database filled at v10 to v11: everything kept, a till alone queues nothing to send', async () => {
		const { name, older: v10 } = databaseAtVersion(10);
		await v10.table('ticketHeads').add({ id: 99, day: '2026-11-02', dueDate: null, training: 0 });
		await v10.table('quotes').add({ id: 1, number: 1, customerId: 3, status: 'en cours' });
		await v10.table('sequences').put({ name: 'balance:gift-voucher', last: 7 });
		v10.close();

		const db = createDatabase(name);
		useDatabaseForTests(db);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.ticketHeads.count()).toBe(1);
		expect(await db.quotes.count()).toBe(1);
		expect(await db.peers.count()).toBe(0);
		expect(await db.peerTickets.count()).toBe(0);
		// A till alone: a title saved queues nothing for other tills, and codes keep their sequence.
		await saveArticle(book);
		expect(await db.outbox.count()).toBe(0);
		const sold = await recordSale(issueSale('gift-voucher', 1_000));
		expect(sold.issues?.[0]?.code).toBe('2888800000080');
		db.close();
	});

	it('upgrades a database filled at v11 to v12: the customers of tickets kept from other tills are found', async () => {
		const { name, older: v11 } = databaseAtVersion(11);
		const ticket = (number: number, customerId: number | null) => ({
			tillId: 'CAISSE2',
			number,
			day: '2026-12-02',
			references: [],
			originId: number,
			receivedAt: 'x',
			ticket: { ...ticketAt(number), tillId: 'CAISSE2', customerId }
		});
		await v11.table('peerTickets').bulkAdd([ticket(1, 4), ticket(2, null)]);
		await v11.table('customers').add({ id: 1, number: '1000001', words: ['martin'] });
		v11.close();

		const db = createDatabase(name);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.peerTickets.where('customerRef').equals('CAISSE2:4').count()).toBe(1);
		expect((await db.peerTickets.get(['CAISSE2', 2]))?.customerRef).toBeUndefined();
		expect(await db.customers.get(1)).toMatchObject({ number: '1000001' });
		db.close();
	});

	it('upgrades a database filled at v2 to v3: every ticket gets its list row', async () => {
		const { name, older: v2 } = databaseAtVersion(2);
		await v2.table('tickets').bulkAdd(
			Array.from({ length: 12_003 }, (_, i) => ({
				...ticketAt(i + 1),
				id: i + 1,
				day: i < 5 ? '2026-11-22' : '2026-11-23'
			}))
		);
		await v2
			.table('ticketAmendments')
			.add({ ticketId: 3, kind: 'note', note: 'gardée', by: 'Anne', at: 'x' });
		v2.close();

		const db = createDatabase(name);
		await db.open();
		expect(await db.ticketHeads.count()).toBe(12_003);
		expect(await db.ticketHeads.where('day').equals('2026-11-22').toArray()).toEqual(
			[1, 2, 3, 4, 5].map((id) => ({
				id,
				tillId: 'CAISSE1',
				number: id,
				createdAt: '2026-11-23T10:00:00.000Z',
				day: '2026-11-22',
				totalCents: 0,
				customerId: null,
				cancelsTicketId: null,
				training: 0,
				dueDate: null
			}))
		);
		expect(await db.ticketAmendments.get(1)).toMatchObject({ note: 'gardée' });
		db.close();
	});

	it('refuses two tickets with the same number on one till (unbroken sequence)', async () => {
		const db = freshDatabase();
		// A factory: Dexie writes the generated id back into the object it adds.
		const ticket = () => ticketAt(1);
		await db.tickets.add(ticket());
		await expect(db.tickets.add(ticket())).rejects.toMatchObject({ name: 'ConstraintError' });
		await db.tickets.add({ ...ticket(), tillId: 'CAISSE2' });
		// Training tickets have their own numbering on the same till.
		await db.tickets.add({ ...ticket(), training: 1 });
		expect(await db.tickets.count()).toBe(3);
		db.close();
	});
});

function ticketAt(number: number) {
	return {
		tillId: 'CAISSE1',
		number,
		createdAt: '2026-11-23T10:00:00.000Z',
		day: '2026-11-23',
		cashier: 'Anne',
		customerId: null,
		customerStatus: 'particulier' as const,
		lines: [],
		ticketDiscount: null,
		rates: [],
		totalCents: 0 as never,
		payments: [],
		changeCents: 0 as never,
		dueDate: null,
		cancelsTicketId: null,
		references: [],
		training: 0 as const,
		note: ''
	};
}
