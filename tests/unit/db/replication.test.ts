import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccountByCode } from '$lib/db/balance-repository';
import { overdraftWorklist, settleOverdraft } from '$lib/db/overdraft-repository';
import {
	backupStatus,
	createBackup,
	setWeeklyBackupReminder,
	weeklyBackupReminder
} from '$lib/db/backup-repository';
import { getDb, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { getArticle, getStock, saveArticle } from '$lib/db/article-repository';
import { publishCatalogue } from '$lib/db/catalogue-sync';
import { searchArticles } from '$lib/db/search/catalogue-search';
import {
	getPeerTicketView,
	copiesToSend,
	copiesWaiting,
	noteCopiesSent,
	keepPeerRevisionBatch,
	keepPeerRevisions,
	keepPeerRecords,
	keepPeerTicket,
	latestConflicts,
	outboxEntries,
	removeFromOutbox,
	keepTillKey,
	noteTicketsSent,
	noteOwnFork,
	ownRecordFork,
	getSyncSettings,
	peerTicketEntries,
	peerTicketsOfCustomer,
	saveSyncSettings,
	searchPeerTickets,
	streamPosition,
	tillKeyMessage,
	ticketsToSend,
	ticketsWaiting
} from '$lib/db/replication-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { reportedDaysOf } from '$lib/db/export-repository';
import { customerAccounts } from '$lib/db/balance-repository';
import { saveCustomerFile, searchCustomers } from '$lib/db/customer-repository';
import { publishRecords } from '$lib/db/record-sync';
import { getShopSettings, saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import type { CustomerRow } from '$lib/db/schema';
import {
	assertCents,
	COPIED_KINDS,
	EMPTY_ADDRESS,
	EMPTY_CUSTOMER_FILE,
	parseShopMessage,
	validateCustomerFile,
	articleRevision,
	type ArticleRevision,
	type RevisionMessage,
	type TicketMessage
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { tillCredentials } from './sync-fixtures';
import { book, bookSale, issueSale, reportedBookSaleDay, spend } from './sale-fixtures';

const at = new Date('2026-12-03T10:00:00Z');
const credentials = tillCredentials;

/** Two tills' databases; `on(db)` makes one the app's, as each browser has its own. */
async function twoTills(): Promise<{ a: ComptoirDb; b: ComptoirDb; on: (db: ComptoirDb) => void }> {
	const a = freshDatabase();
	await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
	const b = freshDatabase();
	await saveSyncSettings(credentials('CAISSE2', 2), 'Paul');
	return { a, b, on: useDatabaseForTests };
}

/** Everything till `from` would send, delivered to till `to` as the stream would, from `seq`. */
async function deliver(
	from: { db: ComptoirDb; tillId: string },
	to: ComptoirDb,
	on: (db: ComptoirDb) => void,
	seq: number
): Promise<{ messages: TicketMessage[]; seq: number }> {
	on(from.db);
	const key = await tillKeyMessage(from.tillId);
	const { messages, throughId } = await ticketsToSend(from.tillId);
	await noteTicketsSent(throughId);
	on(to);
	let next = seq;
	await keepTillKey(key, ++next);
	for (const message of messages) await keepPeerTicket(message, from.tillId, ++next);
	return { messages, seq: next };
}

/** Every change and ticket waiting at `from` delivered to `to` as the stream would, from `seq`. */
async function deliverAll(
	from: { db: ComptoirDb; tillId: string },
	to: ComptoirDb,
	on: (db: ComptoirDb) => void,
	seq: number
): Promise<number> {
	on(from.db);
	const entries = await outboxEntries(100);
	for (const entry of entries) await removeFromOutbox(entry.seq);
	on(to);
	let next = seq;
	for (const { message } of entries) {
		if (message.type === 'records') await keepPeerRecords(message, from.tillId, ++next);
		else await keepPeerRevisions(message, from.tillId, ++next);
	}
	return (await deliver(from, to, on, next)).seq;
}

describe('replication between two tills (docs/replication.md)', () => {
	it('leaves out of the shop’s e-reporting, made at another till, a company’s sale: it travels as an e-invoice', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1', customerStatus: 'entreprise' }), at);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		on(b);
		expect(await reportedDaysOf({ start: '2026-12-01', end: '2026-12-31' })).toEqual([
			reportedBookSaleDay('2026-12-03')
		]);
	});

	it('sends a till’s sealed tickets once, and the other till keeps them with their stock and totals', async () => {
		const { a, b, on } = await twoTills();
		on(b);
		await b.stock.put({ ean: '9782266248549', quantity: 10 });
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		await recordSale(bookSale({ tillId: 'CAISSE1', training: 1 }), at);
		expect(await ticketsWaiting('CAISSE1')).toBe(2);

		const { messages } = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		expect(messages.map((m) => m.ticket.number)).toEqual([1, 2]);
		on(a);
		expect(await ticketsWaiting('CAISSE1')).toBe(0);
		expect((await ticketsToSend('CAISSE1')).messages).toEqual([]);

		on(b);
		expect(await b.peerTickets.count()).toBe(2);
		expect(await b.tickets.count()).toBe(0);
		expect((await b.stock.get('9782266248549'))?.quantity).toBe(6);
		expect(await b.dailyTotals.get(['CAISSE1', '2026-12-03'])).toMatchObject({
			ticketCount: 2,
			ttcCents: 3_440
		});
		expect(await streamPosition()).toBe(3);
		const list = await peerTicketEntries({ from: '2026-12-03', to: '2026-12-03' });
		expect(list.map((entry) => [entry.tillId, entry.number, entry.peer])).toEqual([
			['CAISSE1', 1, true],
			['CAISSE1', 2, true]
		]);
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('applies a message delivered twice once, and refuses an altered ticket, journaled', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		const { messages, seq } = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		const [first] = messages as [TicketMessage];

		on(b);
		// The same record again, as after a crash between the server's ack and its note.
		expect(await keepPeerTicket(first, 'CAISSE1', seq + 1)).toEqual({ action: 'skip' });
		// The same stream message again (a consumer restarted before its position was read).
		expect(await keepPeerTicket(first, 'CAISSE1', seq)).toEqual({ action: 'skip' });
		expect(await b.peerTickets.count()).toBe(1);

		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		const [second] = (await ticketsToSend('CAISSE1')).messages as [TicketMessage];
		on(b);
		const altered = { ...second, ticket: { ...second.ticket, totalCents: 1 } };
		expect(await keepPeerTicket(altered as TicketMessage, 'CAISSE1', seq + 2)).toMatchObject({
			action: 'refuse',
			code: 'ALTERED'
		});
		// Sent by another till under this till's subject: the server refuses it; here too.
		expect(await keepPeerTicket(second, 'CAISSE3', seq + 3)).toMatchObject({ code: 'NO_KEY' });
		expect(await b.peerTickets.count()).toBe(1);
		const refused = await b.journal.where('type').equals('peer-record-refused').toArray();
		expect(refused.map((entry) => entry.detail['code'])).toEqual(['ALTERED', 'NO_KEY']);
		// The genuine ticket, coming after, is kept.
		expect(await keepPeerTicket(second, 'CAISSE1', seq + 4)).toEqual({ action: 'keep' });
		expect(await b.peerTickets.count()).toBe(2);
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('stops taking a till’s tickets when its chain forks (a copied profile), saying why', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		const { seq } = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		// The same till's profile copied elsewhere sells its own ticket n° 1.
		const copy = freshDatabase();
		await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
		await recordSale(bookSale(), new Date('2026-12-03T11:00:00Z'));
		const [forked] = (await ticketsToSend('CAISSE1')).messages as [TicketMessage];
		on(b);
		expect(await keepPeerTicket(forked, 'CAISSE1', seq + 1)).toMatchObject({ code: 'FORK' });
		expect((await b.peers.get('CAISSE1'))?.stopped).toMatch(
			/un autre ticket porte déjà ce numéro/u
		);
		on(copy);
	});

	it('stops taking a till’s records when a second key signs under its name, and a till reading back a copy of itself stops its own link (docs/replication.md#forks)', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		const { messages, seq } = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		const [first] = messages as [TicketMessage];
		on(a);
		// Read back from the server: its own key and ticket are its own.
		expect(await ownRecordFork(await tillKeyMessage('CAISSE1'), 'CAISSE1')).toBeNull();
		expect(await ownRecordFork(first, 'CAISSE1')).toBeNull();

		// An old backup of CAISSE1 restored on another computer: another key, its own ticket n° 1.
		const copy = freshDatabase();
		await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
		await recordSale(bookSale(), new Date('2026-12-03T11:00:00Z'));
		const copyKey = await tillKeyMessage('CAISSE1');
		const [forked] = (await ticketsToSend('CAISSE1')).messages as [TicketMessage];
		on(a);
		expect(await ownRecordFork(copyKey, 'CAISSE1')).toMatch(/une autre clé de signature/u);
		expect(await ownRecordFork(forked, 'CAISSE1')).toMatch(/un autre ticket n°\u00a01/u);
		expect(
			await ownRecordFork({ ...forked, ticket: { ...forked.ticket, number: 9 } }, 'CAISSE1')
		).toMatch(/jamais enregistré/u);
		const reason = await noteOwnFork('un autre ticket n° 1', 7);
		expect(await getSyncSettings()).toMatchObject({ forked: reason });
		expect(await a.journal.where('type').equals('sync-fork').last()).toMatchObject({
			detail: { tillId: 'CAISSE1', reason, streamSeq: 7 }
		});

		// The other till keeps the key it knew: the copy's records are not taken, nothing merged.
		on(b);
		await keepTillKey(copyKey, seq + 1);
		expect((await b.peers.get('CAISSE1'))?.stopped).toMatch(/annonce une autre clé/u);
		expect(await b.journal.where('type').equals('peer-record-refused').last()).toMatchObject({
			detail: { code: 'OTHER_KEY' }
		});
		on(a);
		await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
		const [second] = (await ticketsToSend('CAISSE1')).messages as [TicketMessage];
		on(b);
		expect(await keepPeerTicket(second, 'CAISSE1', seq + 2)).toEqual({ action: 'skip' });
		expect(await b.peerTickets.count()).toBe(1);
		on(copy);
	});

	it('lets a voucher sold at one till be spent at the other, with codes that never collide', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		const sold = await recordSale(issueSale('gift-voucher', 3_000), at);
		const code = sold.issues?.[0]?.code as string;
		// Till 1's block of codes (docs/replication.md#codes).
		expect(code).toMatch(/^28888010000/u);
		const { seq } = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);

		on(b);
		expect(await findAccountByCode(code)).toMatchObject({ balanceCents: 3_000 });
		const spent = await recordSale({ ...spend(code, 1_000), tillId: 'CAISSE2' }, at);
		expect(spent.number).toBe(1);
		expect(await findAccountByCode(code)).toMatchObject({ balanceCents: 2_000 });
		const own = await recordSale({ ...issueSale('gift-voucher', 500), tillId: 'CAISSE2' }, at);
		expect(own.issues?.[0]?.code).toMatch(/^28888020000/u);

		await deliver({ db: b, tillId: 'CAISSE2' }, a, on, seq);
		on(a);
		expect(await findAccountByCode(code)).toMatchObject({ balanceCents: 2_000 });
		// The tickets screen's searches find the other till's tickets: the voucher spent there…
		const spentThere = await searchPeerTickets({ code, sign: -1 });
		expect(spentThere.map((entry) => [entry.tillId, entry.number])).toEqual([['CAISSE2', 1]]);
		expect(await searchPeerTickets({ code, sign: 1 })).toEqual([]);
		// …and its ticket n° 2 beside this till's own.
		expect((await searchPeerTickets({ number: 2 })).map((entry) => entry.tillId)).toEqual([
			'CAISSE2'
		]);
		expect(await findAccountByCode(own.issues?.[0]?.code as string)).toMatchObject({
			balanceCents: 500
		});
		expect((await verifyIntegrity()).problems).toEqual([]);
	});
});

describe('the catalogue between two tills (docs/replication.md#revisions)', () => {
	/** Catalogue messages waiting at `from`, delivered to `to`, then gone from the outbox. */
	async function deliverCatalogue(
		from: ComptoirDb,
		fromTill: string,
		to: ComptoirDb,
		on: (db: ComptoirDb) => void,
		seq: number
	): Promise<number> {
		on(from);
		const entries = await outboxEntries(100);
		for (const entry of entries) await removeFromOutbox(entry.seq);
		on(to);
		let next = seq;
		for (const { message } of entries) {
			if (message.type === 'revisions') await keepPeerRevisions(message, fromTill, ++next);
			else await keepPeerRecords(message, fromTill, ++next);
		}
		return next;
	}

	it('sends a price edited at one till and its stock as a movement; a title is found by its words at the other', async () => {
		const { a, b, on } = await twoTills();
		on(b);
		await saveArticle(book);
		on(a);
		await saveArticle(book);
		expect(await publishCatalogue()).toBe(1);
		await saveArticle({
			...book,
			title: 'Perry Rhodan n° 318',
			priceCents: assertCents(900),
			stock: 8
		});
		await saveArticle({ ...book, ean: '9782070368228', title: 'Le Petit Prince', stock: 2 });
		await deliverCatalogue(a, 'CAISSE1', b, on, 0);

		on(b);
		expect(await getArticle(book.ean)).toMatchObject({
			title: 'Perry Rhodan n° 318',
			priceCents: 900
		});
		// Stock as movements: 5 entered here, 5 entered at the other till, then 3 more there.
		expect(await getStock(book.ean)).toBe(13);
		// A title new here: taken whole, with its stock, and found by a search.
		expect(await getArticle('9782070368228')).toMatchObject({ title: 'Le Petit Prince' });
		expect(await getStock('9782070368228')).toBe(2);
		expect((await searchArticles('petit prince')).articles.map((row) => row.ean)).toEqual([
			'9782070368228'
		]);
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('places the titles of the messages kept together in one search batch, a title changed again with its last words', async () => {
		const { b, on } = await twoTills();
		on(b);
		const revision = (ean: string, title: string): ArticleRevision => ({
			...(articleRevision(null, { ...book, ean, title }, 0) as ArticleRevision),
			initialStock: 0
		});
		const message = (uid: string, items: ArticleRevision[]): RevisionMessage => ({
			type: 'revisions',
			uid,
			at: at.toISOString(),
			by: '',
			items
		});
		await keepPeerRevisionBatch([
			{
				message: message('m1', [
					revision('9782070368228', 'Le Petit Prince'),
					revision('9782070612758', 'Vol de nuit')
				]),
				tillId: 'CAISSE1',
				streamSeq: 1
			},
			{
				message: message('m2', [
					{
						ean: '9782070612758',
						base: null,
						fields: { title: 'Terre des hommes' },
						stockDelta: 0,
						editedAt: '2027-01-01T00:00:00.000Z'
					},
					revision('9782070408504', 'Citadelle')
				]),
				tillId: 'CAISSE1',
				streamSeq: 2
			}
		]);
		// Three titles placed side by side (one call per message would open a batch for each).
		expect((await b.sequences.get('search-list-placed'))?.last).toBe(3);
		expect((await searchArticles('terre hommes')).articles.map((row) => row.ean)).toEqual([
			'9782070612758'
		]);
		expect((await searchArticles('vol nuit')).articles).toEqual([]);
		expect((await searchArticles('petit prince')).articles).toHaveLength(1);
		expect((await searchArticles('citadelle')).articles).toHaveLength(1);
	});

	it('keeps the later of two edits of one price, journals the conflict, applies a message once', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		await saveArticle(book);
		let seq = await deliverCatalogue(a, 'CAISSE1', b, on, 0);
		on(b);
		expect(await getArticle(book.ean)).toMatchObject({ priceCents: 860 });
		await saveArticle({ ...book, priceCents: assertCents(950) });
		await new Promise((resolve) => setTimeout(resolve, 5));
		on(a);
		await saveArticle({ ...book, priceCents: assertCents(900) });
		on(a);
		const [edit] = await outboxEntries(10);
		seq = await deliverCatalogue(a, 'CAISSE1', b, on, seq);
		on(b);
		expect(await getArticle(book.ean)).toMatchObject({ priceCents: 900 });
		const [conflict] = await latestConflicts();
		expect(conflict?.text).toBe(
			'« Perry Rhodan 318 » (9782266248549), prix changé ici (9,50\u00a0€) et à la caisse CAISSE1 (9,00\u00a0€)\u00a0: 9,00\u00a0€ gardé, la modification la plus récente.'
		);
		// The same message again (sent twice after a crash): nothing moves.
		await keepPeerRevisions(edit?.message as RevisionMessage, 'CAISSE1', seq + 1);
		expect(await getStock(book.ean)).toBe(5);
	});
});

describe('a till joining the shop’s server', () => {
	it('publishes the catalogue it had with its stock, and its earlier sales move no stock twice', async () => {
		const a = freshDatabase();
		await saveArticle(book);
		await recordSale(bookSale(), at);
		await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
		expect(await publishCatalogue()).toBe(1);
		expect(await publishCatalogue()).toBe(0);
		const [published] = await outboxEntries();
		expect(published?.message).toMatchObject({ stockThroughTicket: 1 });
		const key = await tillKeyMessage('CAISSE1');
		const { messages } = await ticketsToSend('CAISSE1');

		const b = freshDatabase();
		await saveSyncSettings(credentials('CAISSE2', 2), 'Paul');
		await keepTillKey(key, 1);
		await keepPeerRevisions(published?.message as RevisionMessage, 'CAISSE1', 2);
		for (const [i, message] of messages.entries()) await keepPeerTicket(message, 'CAISSE1', 3 + i);
		// 5 received, 2 sold: the till's 3, once.
		expect(await getStock(book.ean)).toBe(3);
		expect(await b.peerTickets.count()).toBe(1);
		useDatabaseForTests(a);
		expect(await getStock(book.ean)).toBe(3);
	});
});

describe('customer files and the shop identity between two tills (docs/replication.md#records)', () => {
	const draft = {
		...EMPTY_CUSTOMER_FILE,
		lastName: 'Martin',
		firstName: 'Anne',
		addresses: [{ ...EMPTY_ADDRESS, line1: '1 rue Haute', postalCode: '44000', city: 'Nantes' }]
	};
	const fileOf = (form: typeof draft) => {
		const parsed = validateCustomerFile(form);
		if (!parsed.ok) throw new Error('invalid test file');
		return parsed.value;
	};

	it('shows a customer created at one till and edited at the other on both, with each till’s sales to them', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		const created = await saveCustomerFile(fileOf(draft), null, at);
		// Numbered from the till's own block: two tills never give one number.
		expect(created.number).toBe('1100001');
		const seqAtB = await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, 0);

		const [atB] = await searchCustomers('mart');
		expect(atB).toMatchObject({ number: '1100001', lastName: 'Martin', origin: 'CAISSE1:1' });
		// B sells to A's customer, and changes their phone.
		await recordSale({ ...issueSale('deposit', 3_000, atB?.id ?? null), tillId: 'CAISSE2' }, at);
		await saveCustomerFile(
			fileOf({ ...draft, phone: '02 40 00 00 00' }),
			atB?.id ?? null,
			new Date('2026-12-03T10:05:00Z')
		);
		await deliverAll({ db: b, tillId: 'CAISSE2' }, a, on, 0);

		expect(await a.customers.get(created.id)).toMatchObject({
			phone: '02 40 00 00 00',
			refs: [`CAISSE2:${atB?.id}`]
		});
		const [sold] = await peerTicketEntries({ from: '2026-12-03', to: '2026-12-03' });
		expect(sold).toMatchObject({ tillId: 'CAISSE2', name: 'MARTIN Anne', postalCode: '44000' });
		expect(await peerTicketsOfCustomer(created.id)).toHaveLength(1);
		// Its own page, read only, names the customer as A knows them.
		expect(await getPeerTicketView('CAISSE2', 1)).toMatchObject({
			ticket: { tillId: 'CAISSE2', number: 1, totalCents: 0 },
			customer: { id: created.id, phone: '02 40 00 00 00' },
			cancelledByNumber: null,
			cancelsNumber: null
		});
		expect(await getPeerTicketView('CAISSE2', 2)).toBeNull();
		// The deposit taken at B is in the customer's accounts at A.
		const [deposit] = await customerAccounts(created.id, '2026-12-03');
		expect(deposit).toMatchObject({ balanceCents: 3_000, account: { kind: 'deposit' } });

		// A's next change reaches B (the alias B announced does not come back to B).
		on(a);
		await saveCustomerFile(
			fileOf({ ...draft, firstName: 'Anne-Marie', phone: '02 40 00 00 00' }),
			created.id,
			new Date('2026-12-03T10:10:00Z')
		);
		await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, seqAtB);
		expect(await b.customers.get(atB?.id ?? 0)).toMatchObject({
			firstName: 'Anne-Marie',
			phone: '02 40 00 00 00'
		});
		expect(await b.customers.count()).toBe(1);
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('keeps the later of two changes of one field, journals the conflict, and never gives one number twice', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		const created = await saveCustomerFile(fileOf(draft), null, at);
		await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		const [atB] = await searchCustomers('mart');
		// Both change the e-mail; B's change is the later.
		await saveCustomerFile(
			fileOf({ ...draft, email: 'anne@b.fr' }),
			atB?.id ?? null,
			new Date('2026-12-03T10:20:00Z')
		);
		on(a);
		await saveCustomerFile(
			fileOf({ ...draft, email: 'anne@a.fr' }),
			created.id,
			new Date('2026-12-03T10:10:00Z')
		);
		await deliverAll({ db: b, tillId: 'CAISSE2' }, a, on, 0);
		expect((await a.customers.get(created.id))?.email).toBe('anne@b.fr');
		const [conflict] = await latestConflicts();
		expect(conflict?.text).toBe(
			'Fiche client « MARTIN Anne », e-mail changé ici (anne@a.fr) et à la caisse CAISSE2 (anne@b.fr)\u00a0: anne@b.fr gardé, la modification la plus récente.'
		);

		// A customer B created before it shared its files carries the same number as one of A's.
		const c = freshDatabase();
		await saveCustomerFile(fileOf({ ...draft, lastName: 'Durand' }), null, at);
		expect((await c.customers.toArray())[0]?.number).toBe('1000001');
		await saveSyncSettings(credentials('CAISSE3', 3), 'Lou');
		await publishRecords();
		on(a);
		const mine = await saveCustomerFile(fileOf({ ...draft, lastName: 'Petit' }), null, at);
		await a.customers.update(mine.id, { number: '1000001' });
		await deliverAll({ db: c, tillId: 'CAISSE3' }, a, on, 10);
		expect((await searchCustomers('durand'))[0]?.number).toBe('1000001-CAISSE3');
	});

	it('links the copies of one file both tills had before they shared them (one backup, the demonstration)', async () => {
		const { a, b, on } = await twoTills();
		for (const db of [a, b]) {
			on(db);
			await db.customers.add({
				...fileOf(draft),
				number: '1000001',
				words: ['martin'],
				postalCode: '44000',
				createdAt: '2026-11-01T10:00:00.000Z'
			} as CustomerRow);
		}
		on(a);
		await publishRecords();
		on(b);
		await publishRecords();
		await recordSale({ ...issueSale('deposit', 1_000, 1), tillId: 'CAISSE2' }, at);
		await deliverAll({ db: b, tillId: 'CAISSE2' }, a, on, 0);
		expect(await a.customers.count()).toBe(1);
		expect((await a.customers.get(1))?.refs).toEqual(['CAISSE2:1']);
		expect(await peerTicketsOfCustomer(1)).toHaveLength(1);
	});

	it('gives the shop’s identity changed at one till to the other, its own till id kept', async () => {
		const { a, b, on } = await twoTills();
		on(b);
		await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE2' });
		on(a);
		await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
		await saveShopSettings({
			...DEMO_SHOP,
			tillId: 'CAISSE1',
			city: 'Liévin'
		});
		await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		expect(await getShopSettings()).toEqual({
			...DEMO_SHOP,
			tillId: 'CAISSE2',
			city: 'Liévin'
		});
		const journal = await b.journal.where('type').equals('settings-changed').toArray();
		expect(journal.at(-1)?.detail).toEqual({
			section: 'shop',
			fields: ['city'],
			fromTill: 'CAISSE1'
		});
	});
});

describe('off-site copies of the other sealed records (docs/replication.md#copies)', () => {
	it('sends each sealed journal entry, invoice and closing once, in chain order, and never a pro forma', async () => {
		const { a, on } = await twoTills();
		on(a);
		await recordSale(bookSale(), at);
		const waiting = await copiesWaiting();
		expect(waiting).toBeGreaterThan(0);
		const journal = await copiesToSend('journal');
		expect(journal.messages.length).toBe(await a.journal.count());
		expect(journal.messages[0]).toMatchObject({
			type: 'copy',
			kind: 'journal',
			originId: 1,
			record: { type: 'settings-changed' }
		});
		expect(journal.messages.every((m) => m.record.hash && m.record.signature)).toBe(true);
		expect(parseShopMessage(JSON.stringify(journal.messages[0]))).toMatchObject({ ok: true });
		await noteCopiesSent('journal', journal.throughId);
		expect((await copiesToSend('journal')).messages).toEqual([]);
		expect(await copiesWaiting()).toBe(waiting - journal.messages.length);

		// A pro forma is no fiscal record: it has no seal and is never copied.
		await a.invoices.add({ number: 'PF-1', kind: 'proforma' } as never);
		const invoices = await copiesToSend('invoice');
		expect(invoices).toMatchObject({ messages: [], examined: 1 });
		await noteCopiesSent('invoice', invoices.throughId);
		await noteCopiesSent('invoice', 0);
		expect((await copiesToSend('invoice')).throughId).toBe(invoices.throughId);
	});

	it('lets a till that syncs drop the weekly backup reminder, which comes back when its records stop reaching the server', async () => {
		const { a, on } = await twoTills();
		on(a);
		await recordSale(bookSale(), at);
		// The weekly reminder stays until the shop turns it off.
		expect(await backupStatus('2026-12-03')).toMatchObject({ due: true });
		await setWeeklyBackupReminder(false, 'Anne');
		expect(await weeklyBackupReminder()).toBe(false);
		const waiting = (await ticketsWaiting('CAISSE1')) + (await copiesWaiting());
		const since = `${waiting} enregistrements attendent le serveur de la boutique depuis le 03/12/2026.`;
		expect(await backupStatus('2026-12-05')).toEqual({ due: false, text: since });
		expect(await backupStatus('2026-12-06')).toEqual({ due: true, text: since });

		await noteTicketsSent((await ticketsToSend('CAISSE1')).throughId);
		for (const kind of COPIED_KINDS)
			await noteCopiesSent(kind, (await copiesToSend(kind)).throughId);
		expect(await backupStatus('2026-12-06')).toEqual({
			due: false,
			text: 'Copie continue\u00a0: tout est sur le serveur de la boutique.'
		});
		// The choice is journaled with its author; a backup keeps it.
		expect(await a.journal.where('type').equals('settings-changed').last()).toMatchObject({
			detail: { section: 'backup', weeklyReminder: false, by: 'Anne' }
		});
		await createBackup('Anne', at);
		expect(await weeklyBackupReminder()).toBe(false);
	});
});

describe('a voucher spent at two tills while both were offline (docs/replication.md#double-spend)', () => {
	it('lists the overdraft at both tills as the tickets meet, and a settlement at one clears it at both', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		const sold = await recordSale(issueSale('gift-voucher', 3_000), at);
		const code = sold.issues?.[0]?.code as string;
		let seqAtB = await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		// Both offline: each till lets the customer spend what it knows of the balance.
		on(a);
		const here = await recordSale(spend(code, 2_500), new Date('2026-12-03T10:05:00Z'));
		on(b);
		const there = await recordSale(
			{ ...spend(code, 2_000), tillId: 'CAISSE2' },
			new Date('2026-12-03T10:00:00Z')
		);
		await deliverAll({ db: b, tillId: 'CAISSE2' }, a, on, 0);
		seqAtB = await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, seqAtB);

		const expected = {
			code,
			kind: 'gift-voucher',
			overdraftCents: 1_500,
			spends: [
				{ tillId: 'CAISSE2', number: there.number, amountCents: 2_000 },
				{ tillId: 'CAISSE1', number: here.number, amountCents: 2_500 }
			].map((spent) => expect.objectContaining(spent))
		};
		for (const db of [a, b]) {
			on(db);
			expect(await overdraftWorklist()).toEqual([expected]);
			expect(await findAccountByCode(code)).toMatchObject({ balanceCents: -1_500 });
			// Found and journaled, never hidden: the tickets stay as they were sealed.
			expect(await db.journal.where('type').equals('double-spend-found').count()).toBe(1);
			expect((await verifyIntegrity()).problems).toEqual([]);
		}

		on(a);
		expect(
			await settleOverdraft({ code, form: { settlement: 'collected', note: '' }, by: 'Anne' })
		).toMatchObject({ ok: false, error: { field: 'note' } });
		expect(
			await settleOverdraft({
				code,
				form: { settlement: 'collected', note: 'ticket 5, espèces' },
				by: 'Anne'
			})
		).toEqual({ ok: true, value: { amountCents: 1_500 } });
		expect(await overdraftWorklist()).toEqual([]);
		expect(await findAccountByCode(code)).toMatchObject({ balanceCents: 0 });
		expect(await a.journal.where('type').equals('overdraft-settled').last()).toMatchObject({
			detail: { code, amountCents: 1_500, settlement: 'collected', by: 'Anne', tillId: 'CAISSE1' }
		});
		// Settled once: a second settlement finds nothing to settle.
		expect(
			await settleOverdraft({
				code,
				form: { settlement: 'written-off', note: 'geste commercial' },
				by: 'Paul'
			})
		).toMatchObject({ ok: false, error: { code: 'NO_OVERDRAFT' } });
		expect((await verifyIntegrity()).problems).toEqual([]);

		await deliverAll({ db: a, tillId: 'CAISSE1' }, b, on, seqAtB);
		on(b);
		expect(await overdraftWorklist()).toEqual([]);
		expect(await findAccountByCode(code)).toMatchObject({ balanceCents: 0 });
		expect(await b.journal.where('type').equals('overdraft-settled').last()).toMatchObject({
			detail: { code, amountCents: 1_500, by: 'Anne', tillId: 'CAISSE1' }
		});
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('gives a third till the same balances, overdrafts and stock whatever order the two tills’ tickets arrive in', async () => {
		const { a, b, on } = await twoTills();
		on(a);
		const voucher = await recordSale(issueSale('gift-voucher', 3_000), at);
		const code = voucher.issues?.[0]?.code as string;
		const {
			messages: [first]
		} = await deliver({ db: a, tillId: 'CAISSE1' }, b, on, 0);
		on(a);
		await recordSale(spend(code, 1_000), at);
		await recordSale(bookSale(), at);
		on(b);
		await recordSale({ ...spend(code, 2_500), tillId: 'CAISSE2' }, at);
		await recordSale(bookSale({ tillId: 'CAISSE2' }), at);
		await recordSale({ ...issueSale('deposit', 4_000), tillId: 'CAISSE2' }, at);
		// What each till sent, in its chain's order; the voucher's sale first, as in the stream.
		const sent = async (db: ComptoirDb, tillId: string) => {
			on(db);
			return { key: await tillKeyMessage(tillId), tickets: (await ticketsToSend(tillId)).messages };
		};
		const fromA = await sent(a, 'CAISSE1');
		const fromB = await sent(b, 'CAISSE2');
		const restA = fromA.tickets;

		const outcomes = new Set<string>();
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.boolean(), {
					minLength: restA.length + fromB.tickets.length,
					maxLength: restA.length + fromB.tickets.length
				}),
				async (picks) => {
					freshDatabase();
					await saveSyncSettings(credentials('CAISSE3', 3), 'Léa');
					await getDb().stock.put({ ean: book.ean, quantity: 20 });
					let seq = 0;
					await keepTillKey(fromA.key, ++seq);
					await keepTillKey(fromB.key, ++seq);
					await keepPeerTicket(first as TicketMessage, 'CAISSE1', ++seq);
					const queues = { CAISSE1: [...restA], CAISSE2: [...fromB.tickets] };
					for (const pickA of picks) {
						const tillId =
							(pickA && queues.CAISSE1.length > 0) || queues.CAISSE2.length === 0
								? 'CAISSE1'
								: 'CAISSE2';
						const message = queues[tillId].shift() as TicketMessage;
						expect(await keepPeerTicket(message, tillId, ++seq)).toEqual({ action: 'keep' });
					}
					const deposits = await getDb().balanceAccounts.where('kind').equals('deposit').toArray();
					outcomes.add(
						JSON.stringify({
							voucher: (await findAccountByCode(code))?.balanceCents,
							deposit: (await findAccountByCode(deposits[0]?.code ?? ''))?.balanceCents,
							overdrafts: (await overdraftWorklist()).map((o) => [
								o.code,
								o.overdraftCents,
								o.spends.length
							]),
							stock: await getStock(book.ean)
						})
					);
				}
			),
			{ numRuns: 8 }
		);
		// 30 € − 10 € here − 25 € there; 20 copies − 2 − 1 − 2 − 1.
		expect([...outcomes]).toEqual([
			JSON.stringify({
				voucher: -500,
				deposit: 4_000,
				overdrafts: [[code, 500, 2]],
				stock: 14
			})
		]);
	});
});
