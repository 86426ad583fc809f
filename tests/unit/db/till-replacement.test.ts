// « Remplacer une caisse » (docs/replication.md#lost-till): a till's history read back from the
// server's copies into an empty database, checked record by record, then its sealed key change,
// which the other tills and « Vérifier l'intégrité » accept — and nothing else.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import {
	copiesToSend,
	keepKeyChange,
	keepPeerRecords,
	outboxEntries,
	keepPeerTicket,
	keepTillKey,
	ownKeyChange,
	ownRecordFork,
	replayOwnTicketsStock,
	saveSyncSettings,
	tillKeyMessage,
	ticketsToSend
} from '$lib/db/replication-repository';
import { findAccountByCode } from '$lib/db/balance-repository';
import { tillKeys } from '$lib/db/chain-repository';
import { checkManagerPin } from '$lib/db/security-repository';
import { nextTicketNumber, recordSale } from '$lib/db/ticket-repository';
import { closePeriod } from '$lib/db/closing-repository';
import { createArchive } from '$lib/db/archive-repository';
import { anyKeyVerifier, publicKeyFromSpki } from '$lib/signature';
import { getShopSettings, saveShopSettings } from '$lib/db/settings-repository';
import { publishRecords } from '$lib/db/record-sync';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	abandonReplacement,
	keepOwnRecords,
	RebuildRefusedError,
	sealKeyChange,
	startReplacement,
	undoInterruptedReplacement,
	type OwnRecord
} from '$lib/db/till-rebuild-repository';
import { recordAppStart } from '$lib/services/journal';
import {
	assertCents,
	COPIED_KINDS,
	EMPTY_CUSTOMER_FILE,
	verifyArchive,
	type RecordMessage,
	type TicketMessage
} from '$lib/domain';
import { canReplaceTill, replaceLostTill } from '$lib/services/sync';
import { freshDatabase } from './fresh-db';
import { tillCredentials } from './sync-fixtures';
import { bookSale, issueSale, spend } from './sale-fixtures';

const run = promisify(execFile);

const at = new Date('2026-12-03T10:00:00Z');
const nextDay = new Date('2026-12-04T10:00:00Z');
const credentials = tillCredentials;

/** A till CAISSE1 that sold three tickets (a voucher among them), and what its server holds. */
async function lostTill(): Promise<{ db: ComptoirDb; records: OwnRecord[]; key: string }> {
	const db = freshDatabase();
	await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
	await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
	await recordSale(bookSale({ tillId: 'CAISSE1' }), at);
	const voucher = await recordSale(issueSale('gift-voucher', 3_000), at);
	const code = voucher.issues?.[0]?.code ?? '';
	await recordSale(spend(code, 1_000), at);
	await recordSale(bookSale({ tillId: 'CAISSE1', training: 1 }), at);
	// The day's Z seals the heads of every chain, the training tickets' included.
	await closePeriod('CAISSE1', 'day', '2026-12-03', '2026-12-04', 'Anne');
	return {
		db,
		records: await serverCopies(),
		key: (await tillKeyMessage('CAISSE1')).publicKeySpki
	};
}

/** What the server holds of the till whose database is the app's: its tickets, then its copies. */
async function serverCopies(): Promise<OwnRecord[]> {
	const tickets = (await ticketsToSend('CAISSE1')).messages.map((message): OwnRecord => ({
		kind: 'ticket',
		originId: message.originId,
		record: message.ticket as unknown as OwnRecord['record']
	}));
	const copies: OwnRecord[] = [];
	for (const kind of COPIED_KINDS) {
		for (const message of (await copiesToSend(kind)).messages) {
			copies.push({
				kind,
				originId: message.originId,
				record: message.record as OwnRecord['record']
			});
		}
	}
	return [...tickets, ...copies];
}

/** The other till, CAISSE2, which kept CAISSE1's key and tickets. */
async function otherTill(records: readonly OwnRecord[], key: string): Promise<ComptoirDb> {
	const db = freshDatabase();
	await saveSyncSettings(credentials('CAISSE2', 2), 'Paul');
	await keepTillKey(
		{ type: 'till-key', tillId: 'CAISSE1', publicKeySpki: key, at: at.toISOString() },
		1
	);
	let seq = 1;
	for (const record of records.filter((r) => r.kind === 'ticket')) {
		const message = {
			type: 'ticket',
			originId: record.originId,
			ticket: record.record
		} as unknown as TicketMessage;
		expect((await keepPeerTicket(message, 'CAISSE1', ++seq)).action).toBe('keep');
	}
	return db;
}

/** Replaces CAISSE1 in a new, empty database from `records`; the manager's PIN 2468. */
async function replace(records: readonly OwnRecord[], key: string): Promise<ComptoirDb> {
	const replacing = freshDatabase();
	await startReplacement();
	await keepOwnRecords('CAISSE1', records, [key]);
	await sealKeyChange({
		credentials: credentials('CAISSE1', 1),
		formerKeys: [key],
		pin: '2468',
		by: 'Marie (gérante)'
	});
	return replacing;
}

describe('a till replaced on a new computer (docs/replication.md#lost-till)', () => {
	it('comes back whole from the server’s copies, goes on with its numbers under a new key, and the other till follows', async () => {
		const lost = await lostTill();
		const other = await otherTill(lost.records, lost.key);

		const replacing = await replace(lost.records, lost.key);
		const newKey = (await tillKeys()).publicKeySpki;
		expect(newKey).not.toBe(lost.key);
		// Whole: no longer marked as in progress.
		expect(await replacing.settings.get('replacement')).toBeUndefined();
		// Its tickets, their day and the voucher's balance are back; the chain holds across the key change.
		expect(await replacing.tickets.count()).toBe(4);
		expect(await replacing.closings.count()).toBe(1);
		expect(await nextTicketNumber('CAISSE1')).toBe(4);
		const voucher = lost.records.find((r) => r.kind === 'ticket' && r.originId === 2)
			?.record as unknown as {
			issues: { code: string }[];
		};
		const account = await findAccountByCode(voucher.issues[0]?.code ?? '');
		expect(account?.balanceCents).toBe(2_000);
		expect(await replacing.dailyTotals.get(['CAISSE1', '2026-12-03'])).toMatchObject({
			ticketCount: 3
		});
		expect((await verifyIntegrity()).problems).toEqual([]);
		// The stock its tickets took comes back as the synchronisation reads them again, once.
		const sold = lost.records.filter((r) => r.kind === 'ticket');
		const replayed = sold.map((record, index) => ({
			message: {
				type: 'ticket',
				originId: record.originId,
				ticket: record.record
			} as unknown as TicketMessage,
			streamSeq: index + 1
		}));
		const ean = '9782266248549';
		const copies = replayed
			.flatMap(({ message }) => message.ticket.lines)
			.filter((line) => line.ean === ean)
			.reduce((sum, line) => sum + line.quantity, 0);
		expect(copies).toBeGreaterThan(0);
		await replacing.stock.put({ ean, quantity: 10 });
		await replayOwnTicketsStock(replayed, 0);
		await replayOwnTicketsStock(replayed, 0);
		expect((await replacing.stock.get(ean))?.quantity).toBe(10 - copies);
		// The manager's new PIN guards the manager's actions.
		await expect(checkManagerPin('1111', 'change-settings')).rejects.toThrow('Code PIN incorrect');
		await expect(checkManagerPin('2468', 'change-settings')).resolves.toBeUndefined();
		// Its old key, read back from the server under its name, is its own past, not a copy.
		expect(
			await ownRecordFork(
				{ type: 'till-key', tillId: 'CAISSE1', publicKeySpki: lost.key, at: '' },
				'CAISSE1'
			)
		).toBeNull();

		const next = await recordSale(bookSale({ tillId: 'CAISSE1' }), nextDay);
		expect(next.number).toBe(4);
		expect(next.previousHash).toBe(
			lost.records.filter((r) => r.kind === 'ticket').at(-1)?.record.hash
		);
		expect((await verifyIntegrity()).problems).toEqual([]);
		const change = await ownKeyChange(newKey);
		if (!change) throw new Error('no key change sealed');
		const [sent] = (await ticketsToSend('CAISSE1')).messages;
		expect(sent?.ticket.number).toBe(4);

		// The other till takes the new key through the sealed change, then the ticket it signed.
		useDatabaseForTests(other);
		expect(await keepKeyChange(change, 'CAISSE1', 10)).toEqual({ action: 'keep' });
		expect((await other.peers.get('CAISSE1'))?.publicKeySpki).toBe(newKey);
		expect((await keepPeerTicket(sent as TicketMessage, 'CAISSE1', 11)).action).toBe('keep');
		expect(await other.journal.where('type').equals('peer-key-changed').count()).toBe(1);
		expect((await verifyIntegrity()).problems).toEqual([]);
		// A copy of the lost till, found again and announcing its old key, is not taken back.
		await keepTillKey({ type: 'till-key', tillId: 'CAISSE1', publicKeySpki: lost.key, at: '' }, 12);
		expect((await other.peers.get('CAISSE1'))?.publicKeySpki).toBe(newKey);
		expect((await other.peers.get('CAISSE1'))?.stopped).toBeUndefined();

		// The lost till itself, if it comes back, learns that it was replaced and stops.
		useDatabaseForTests(lost.db);
		expect(await ownRecordFork({ type: 'key-change', record: change }, 'CAISSE1')).toMatch(
			/a été remplacée sur un autre ordinateur/u
		);
	});

	it('refuses a copy altered on the server, and leaves the new computer empty to try again', async () => {
		const lost = await lostTill();
		const [first, second, ...rest] = lost.records;
		if (!first || !second) throw new Error('no records');
		const altered: OwnRecord = {
			...second,
			record: { ...second.record, totalCents: 1 } as OwnRecord['record']
		};
		const replacing = freshDatabase();
		await startReplacement();
		await expect(keepOwnRecords('CAISSE1', [first, altered, ...rest], [lost.key])).rejects.toThrow(
			RebuildRefusedError
		);
		await abandonReplacement();
		expect(await replacing.tickets.count()).toBe(0);
		expect(await replacing.chainHeads.count()).toBe(0);
		// Nor does it take records signed by a key the till never announced.
		await expect(
			keepOwnRecords('CAISSE1', lost.records, [(await tillKeys()).publicKeySpki])
		).rejects.toThrow(/ne se suit pas ou a été altérée/u);
	});

	it('says in French when the shop server does not answer, and keeps nothing', async () => {
		// Node 20 has no WebSocket of its own: the NATS client takes the global one, as in a browser.
		Object.assign(globalThis, { WebSocket });
		const empty = freshDatabase();
		const text = JSON.stringify({ ...credentials('CAISSE1', 1), server: 'ws://127.0.0.1:9' });
		const refused = await replaceLostTill({ text, pin: '2468', by: 'Marie' });
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.error.message).toBe(
				'La caisse CAISSE1 n’a pas été remplacée\u00a0: le serveur de la boutique (ws://127.0.0.1:9) ne répond pas\u00a0: vérifiez qu’il est démarré et joignable depuis cet ordinateur, puis recommencez.'
			);
		}
		expect(await empty.settings.get('sync')).toBeUndefined();
		const badPin = await replaceLostTill({ text, pin: '12', by: 'Marie' });
		expect(badPin).toMatchObject({ ok: false, error: { field: 'pin' } });
	});

	it('undoes a replacement a closed page left half made, and journals no start of the app during one', async () => {
		const lost = await lostTill();
		const replacing = freshDatabase();
		await startReplacement();
		// The app starting in this very page while it replaces the till: its journal stays the lost one's.
		await recordAppStart({ userAgent: 'test' });
		expect(await replacing.journal.count()).toBe(0);
		await keepOwnRecords('CAISSE1', lost.records.slice(0, 2), [lost.key]);
		expect(await canReplaceTill()).toBe(false);
		// The browser closed midway: the next page finds the mark of another page and undoes it all.
		await replacing.settings.put({
			key: 'replacement',
			value: { page: 'une page fermée', startedAt: at.toISOString() }
		});
		expect(await undoInterruptedReplacement()).toBe(true);
		expect(await replacing.tickets.count()).toBe(0);
		expect(await replacing.settings.get('replacement')).toBeUndefined();
		expect(await canReplaceTill()).toBe(true);
		await recordAppStart({ userAgent: 'test' });
		expect(await replacing.journal.count()).toBe(1);
	});

	it('is offered in an empty browser only, and refused in one that already holds a shop', async () => {
		freshDatabase();
		expect(await canReplaceTill()).toBe(true);
		await lostTill();
		expect(await canReplaceTill()).toBe(false);
		await expect(startReplacement()).rejects.toThrow(/contient déjà des ventes/u);
	});

	it('shows a key change that no longer links to the chain in « Vérifier l’intégrité »', async () => {
		const lost = await lostTill();
		const replacing = await replace(lost.records, lost.key);
		const entry = await replacing.journal.where('type').equals('till-key-changed').first();
		if (!entry) throw new Error('no key change');
		// As if it had been sealed after another journal than the till's own.
		await replacing.journal.put({ ...entry, previousHash: 'e'.repeat(64) });
		expect((await verifyIntegrity()).problems.join(' ')).toMatch(/Journal des événements/u);
	});
});

describe('customer files at a replaced till', () => {
	it('gives the till’s own file the id its tickets name, even when another till’s copy of it came first', async () => {
		const db = freshDatabase();
		await saveSyncSettings(credentials('CAISSE1', 1), 'Marie');
		const file = {
			...EMPTY_CUSTOMER_FILE,
			number: '1000003',
			lastName: 'Durand',
			firstName: 'Léa'
		};
		const message = (key: string, uid: string): RecordMessage => ({
			type: 'records',
			kind: 'customer',
			uid,
			at: '2026-12-04T09:00:00.000Z',
			by: 'Anne',
			items: [{ key, base: null, fields: file }]
		});
		// CAISSE2's copy of the file (both tills loaded one backup) arrives first…
		await keepPeerRecords(message('CAISSE2:9', 'a'), 'CAISSE2', 1);
		const first = await db.customers.where('number').equals('1000003').first();
		expect(first?.id).not.toBe(3);
		await db.balanceAccounts.add({
			kind: 'deposit',
			code: '2888400000428',
			customerId: first?.id ?? null,
			initialCents: assertCents(0),
			validUntil: null,
			orderReference: '',
			status: 'active',
			createdAt: '',
			lastUsedAt: null
		});
		// …then CAISSE1's own, which its tickets name « 3 »: one file, under 3, with its deposit.
		await keepPeerRecords(message('CAISSE1:3', 'b'), 'CAISSE1', 2);
		expect(await db.customers.count()).toBe(1);
		expect(await db.customers.get(3)).toMatchObject({ number: '1000003', refs: ['CAISSE2:9'] });
		expect(
			(await db.balanceAccounts.where('code').equals('2888400000428').first())?.customerId
		).toBe(3);
	});
});

describe('the archives of a replaced till', () => {
	it('archives a month the lost till sold in, and `npm run verify-archive` accepts it through the former key its signed manifest names', async () => {
		freshDatabase();
		await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
		await saveSyncSettings(credentials('CAISSE1', 1), 'Anne');
		await recordSale(bookSale({ tillId: 'CAISSE1' }), new Date('2026-11-27T10:00:00Z'));
		await closePeriod(
			'CAISSE1',
			'day',
			'2026-11-27',
			'2026-12-01',
			'Anne',
			new Date('2026-11-27T20:00:00Z')
		);
		await closePeriod(
			'CAISSE1',
			'month',
			'2026-11-01',
			'2026-12-01',
			'Anne',
			new Date('2026-12-01T08:00:00Z')
		);
		const key = (await tillKeyMessage('CAISSE1')).publicKeySpki;
		// The shop's identity, published as the till joined the server.
		await publishRecords();
		const identity = (await outboxEntries()).map((entry) => entry.message);
		await replace(await serverCopies(), key);
		// Taken again from the stream by the synchronisation: a till with no shop yet takes it whole.
		for (const [index, message] of identity.entries()) {
			if (message.type === 'records') await keepPeerRecords(message, 'CAISSE1', index + 1);
		}
		expect(await getShopSettings()).toMatchObject({ tillId: 'CAISSE1', siret: DEMO_SHOP.siret });

		const archive = await createArchive('CAISSE1', 'month', '2026-11-01', 'Marie', nextDay);
		const folder = await mkdtemp(join(tmpdir(), 'comptoir-replaced-'));
		const file = join(folder, archive.row.fileName);
		await writeFile(file, new Uint8Array(await archive.blob.arrayBuffer()));
		const verified = await run('npx', ['tsx', 'src/cli/verify-archive.ts', file]);
		expect(verified.stdout).toContain('Archive intègre');
		expect(verified.stdout).toContain('Clé antérieure de la caisse');
		// Without the former key, the lost till's records would not hold.
		const files = new Map(
			Object.entries(unzipSync(new Uint8Array(await archive.blob.arrayBuffer())))
		);
		const presentKeyOnly = await verifyArchive(files, async (spki) =>
			anyKeyVerifier([await publicKeyFromSpki(spki)])
		);
		expect(presentKeyOnly.problems.join(' ')).toMatch(/Tickets de caisse/u);
	});
});
