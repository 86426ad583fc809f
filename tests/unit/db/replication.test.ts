import { describe, expect, it } from 'vitest';
import { findAccountByCode } from '$lib/db/balance-repository';
import { useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import {
	keepPeerTicket,
	keepTillKey,
	noteTicketsSent,
	peerTicketEntries,
	saveSyncSettings,
	streamPosition,
	tillKeyMessage,
	ticketsToSend,
	ticketsWaiting
} from '$lib/db/replication-repository';
import { recordSale } from '$lib/db/ticket-repository';
import type { TicketMessage } from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale, issueSale, spend } from './sale-fixtures';

const at = new Date('2026-12-03T10:00:00Z');
const credentials = (tillId: string, tillIndex: number) => ({
	server: 'ws://127.0.0.1:9222',
	tillId,
	tillIndex,
	user: tillId,
	password: 'secret'
});

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

describe('replication between two tills (docs/replication.md)', () => {
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
		expect(await findAccountByCode(own.issues?.[0]?.code as string)).toMatchObject({
			balanceCents: 500
		});
		expect((await verifyIntegrity()).problems).toEqual([]);
	});
});
