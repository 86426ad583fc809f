import { liveQuery, type Collection, type Table } from 'dexie';
import {
	checkKeyChange,
	checkReplica,
	formatLongDateTime,
	KEY_CHANGE_EVENT,
	type KeyChangeMessage,
	type KeyChangeRecord,
	COPIED_KINDS,
	foldAmendments,
	customerRef,
	ticketBalanceMovements,
	type Cents,
	COPIED_CHAINS,
	type CopiedKind,
	type CopyMessage,
	type ReplicaVerdict,
	type SyncCredentials,
	formatEuros,
	parisDay,
	type DayRange,
	type Overdraft,
	type RecordMessage,
	type RevisionMessage,
	type TicketListEntry,
	type TicketMessage,
	type TillKeyMessage
} from '$lib/domain';
import { publicKeyFromSpki, verifyText } from '$lib/signature';
import { addTicketBalanceMovements, BALANCE_CODE_BLOCK } from './balance-repository';
import { noteOverdraft, overdraftWorklist } from './overdraft-repository';
import { addJournalEntry, CHAIN_TABLES, tillKeys } from './chain-repository';
import { getDb } from './db';
import {
	keepRevisions,
	keptRevisionTables,
	syncingTill,
	writePendingSearch
} from './catalogue-sync';
import { customerDisplayName } from './customer-repository';
import { customerOfRef, keepRecords, keptRecordTables } from './record-sync';
import type {
	Chained,
	CustomerRow,
	JournalRow,
	OutboxRow,
	PeerRow,
	PeerTicketRow,
	TicketRow
} from './schema';
import { addToDailyTotals, decrementStock } from './ticket-repository';
import type { TicketView } from './ticket-browse-repository';

/**
 * What replication keeps on this till (docs/replication.md): the shop server's address and this
 * till's credentials, how far this till's tickets were sent (the ticket chain is the outbox: a
 * sealed ticket is never changed, so « everything after the last one the server acknowledged »
 * is exactly what is left to send, whatever crashed when), how far the shop's stream was read,
 * and the tickets other tills sent, each checked before it is kept.
 */

/** The last of this till's ticket ids the server acknowledged. */
export const SENT_SEQUENCE = 'sync:sent-ticket-id';
/** The last message of the shop's stream applied here (its stream sequence). */
const READ_SEQUENCE = 'sync:stream-position';

export interface SyncSettings extends SyncCredentials {
	/** The public key announced to the server for these credentials, once acknowledged. */
	readonly announcedKey?: string;
	/** Why the link stopped for good: a copy of this till sells besides it (docs/replication.md#forks). */
	readonly forked?: string;
	/** Set on a till replaced on a new computer: its own changes to take again from the stream. */
	readonly replay?: ReplayPlan;
}

/**
 * What a till replaced on a new computer takes again from its own subjects as it reads the shop's
 * stream from the start (docs/replication.md#lost-till): its catalogue and customer changes, and
 * the stock its tickets took, up to the last message of its own it read back.
 */
export interface ReplayPlan {
	readonly throughSeq: number;
	/** Its tickets up to this number are counted in the stock it published as it joined. */
	readonly stockThroughTicket: number;
	/** The ids it gave to other tills' customer files, by their reference. */
	readonly customerIds: Readonly<Record<string, number>>;
}

/**
 * Notes the replay plan of a till just replaced, and keeps the customer ids it gave free: the
 * other tills' files arriving first take ids above them (IndexedDB's key generator moves past a
 * key written explicitly, and does not go back when it is deleted).
 */
export async function saveReplayPlan(
	plan: ReplayPlan & { readonly highestCustomerId: number }
): Promise<void> {
	const { highestCustomerId, ...replay } = plan;
	const db = getDb();
	await db.transaction('rw', [db.settings, db.customers], async () => {
		const current = await getSyncSettings();
		if (current) await db.settings.put({ key: 'sync', value: { ...current, replay } });
		if (highestCustomerId > 0 && !(await db.customers.get(highestCustomerId))) {
			await db.customers.put({ id: highestCustomerId } as CustomerRow);
			await db.customers.delete(highestCustomerId);
		}
	});
}

/**
 * Tickets of this till read again from the stream by the till that replaced it: the stock they
 * took, once, with the read position, in ONE transaction (the tickets themselves came back with
 * the till's history).
 */
export async function replayOwnTicketsStock(
	delivered: readonly { message: TicketMessage; streamSeq: number }[],
	stockThroughTicket: number
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.sequences, db.stock], async () => {
		// The whole batch in one read and one write of the position and of its titles' stock.
		const position = await sequence(READ_SEQUENCE);
		const fresh = delivered.filter(({ streamSeq }) => streamSeq > position);
		const last = fresh.at(-1);
		if (!last) return;
		await db.sequences.put({ name: READ_SEQUENCE, last: last.streamSeq });
		await decrementStock({
			lines: fresh.flatMap(({ message }) =>
				message.ticket.number > stockThroughTicket ? message.ticket.lines : []
			)
		});
	});
}

export async function getSyncSettings(): Promise<SyncSettings | null> {
	const row = await getDb().settings.get('sync');
	return row ? (row.value as unknown as SyncSettings) : null;
}

/**
 * Saves the shop server's address and this till's credentials (or forgets them: the till then
 * works alone, as before), journaled with who did it.
 */
export async function saveSyncSettings(credentials: SyncCredentials | null, by: string) {
	const db = getDb();
	await db.transaction('rw', [db.settings, db.sequences, db.journal, db.chainHeads], async () => {
		if (credentials) {
			await db.settings.put({ key: 'sync', value: { ...credentials } });
			await db.sequences.put({ name: BALANCE_CODE_BLOCK, last: credentials.tillIndex });
		} else {
			await db.settings.delete('sync');
			// Alone again, the till keeps its block: codes it prints stay apart from the others'.
		}
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'settings-changed',
			detail: credentials
				? { section: 'sync', server: credentials.server, tillId: credentials.tillId, by }
				: { section: 'sync', server: null, by }
		});
	});
}

/** Notes that the server acknowledged this till's public key. */
export async function noteKeyAnnounced(publicKeySpki: string): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.settings, async () => {
		const current = await getSyncSettings();
		if (current)
			await db.settings.put({ key: 'sync', value: { ...current, announcedKey: publicKeySpki } });
	});
}

async function sequence(name: string): Promise<number> {
	return (await getDb().sequences.get(name))?.last ?? 0;
}

/**
 * The sealed change that brought this till's key, when the till was replaced on a new computer
 * (docs/replication.md#lost-till): announced in place of the key alone, so that the other tills
 * take the new key through it.
 */
export async function ownKeyChange(publicKeySpki: string): Promise<KeyChangeRecord | null> {
	const changes = await sealedKeyChanges();
	return changes.findLast((change) => change.detail.publicKeySpki === publicKeySpki) ?? null;
}

/** The key changes this till sealed (a till replaced on a new computer), as they travel. */
async function sealedKeyChanges(): Promise<KeyChangeRecord[]> {
	const entries = await getDb().journal.where('type').equals(KEY_CHANGE_EVENT).toArray();
	return entries.map(keyChangeRecord);
}

/** A sealed key change as it travels: the journal entry without its id here. */
export function keyChangeRecord(entry: JournalRow): KeyChangeRecord {
	const record: Partial<JournalRow> = { ...entry };
	delete record.id;
	return record as unknown as KeyChangeRecord;
}

/** This till's key message, for the server. */
export async function tillKeyMessage(tillId: string): Promise<TillKeyMessage> {
	const { publicKeySpki } = await tillKeys();
	return { type: 'till-key', tillId, publicKeySpki, at: new Date().toISOString() };
}

/**
 * This till's sealed tickets not yet acknowledged by the server, in chain order, as they travel,
 * and the last id looked at (`throughId`: noted as sent once they are, training tickets and
 * tickets of a former till id included, since those never travel).
 */
export async function ticketsToSend(
	tillId: string,
	limit = 200
): Promise<{ messages: TicketMessage[]; examined: number; throughId: number }> {
	const after = await sequence(SENT_SEQUENCE);
	const rows = await getDb().tickets.where(':id').above(after).limit(limit).toArray();
	const messages = rows.flatMap((row) => {
		if (!travels(row, tillId)) return [];
		const { id, ...sealed } = row;
		return [{ type: 'ticket' as const, originId: id, ticket: sealed as TicketMessage['ticket'] }];
	});
	return { messages, examined: rows.length, throughId: rows.at(-1)?.id ?? after };
}

function travels(row: TicketRow, tillId: string): boolean {
	return row.training === 0 && row.tillId === tillId && Boolean(row.hash && row.signature);
}

/**
 * This till's records of one kind's table after `after` (an id), in chain order, and which of them
 * are copies to send (sealed, of that kind: a pro forma is no invoice). Training tickets are read
 * through their till's index: a few among a million tickets.
 */
async function copiesAfter(kind: CopiedKind, after: number) {
	const db = getDb();
	const { table, keep } = CHAIN_TABLES[COPIED_CHAINS[kind]];
	const isCopy = (row: Chained & { id: number }) =>
		keep(row as unknown as Record<string, unknown>) && Boolean(row.hash && row.signature);
	if (kind === 'training-ticket') {
		const tillId = (await syncingTill()) ?? '';
		const rows = db.tickets
			.where('[tillId+training+number]')
			.between([tillId, 1, 0], [tillId, 1, Infinity])
			.filter((row) => row.id > after);
		return { rows: rows as unknown as Collection<Chained & { id: number }, number>, isCopy };
	}
	const rows = (db.table(table) as unknown as Table<Chained & { id: number }, number>)
		.where(':id')
		.above(after);
	return { rows, isCopy };
}

/** The last of this till's records of `kind` the server acknowledged (its id). */
export const copySequence = (kind: CopiedKind) => `sync:sent-${kind}-id`;

/**
 * This till's sealed records of one kind not yet acknowledged by the server, in chain order: the
 * chain is the outbox, as for tickets. A pro forma (not sealed, not an invoice) stays here.
 */
export async function copiesToSend(
	kind: CopiedKind,
	limit = 200
): Promise<{ messages: CopyMessage[]; examined: number; throughId: number }> {
	const after = await sequence(copySequence(kind));
	const waiting = await copiesAfter(kind, after);
	const rows = await waiting.rows.limit(limit).toArray();
	const messages = rows.flatMap((row) => {
		const { id, ...record } = row;
		return waiting.isCopy(row)
			? [{ type: 'copy' as const, kind, originId: id, record: record as CopyMessage['record'] }]
			: [];
	});
	return { messages, examined: rows.length, throughId: rows.at(-1)?.id ?? after };
}

/** The server acknowledged this till's records of `kind` up to `id`; only moves forward. */
export async function noteCopiesSent(kind: CopiedKind, id: number): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.sequences, async () => {
		if (id > (await sequence(copySequence(kind)))) {
			await db.sequences.put({ name: copySequence(kind), last: id });
		}
	});
}

/** How many of this till's sealed records wait for their off-site copy. */
export async function copiesWaiting(): Promise<number> {
	const counts = await Promise.all(
		COPIED_KINDS.map(async (kind) => {
			const { rows, isCopy } = await copiesAfter(kind, await sequence(copySequence(kind)));
			return rows.filter(isCopy).count();
		})
	);
	return counts.reduce((sum, count) => sum + count, 0);
}

/** How many of this till's tickets wait for the server's acknowledgement. */
export async function ticketsWaiting(tillId: string): Promise<number> {
	const after = await sequence(SENT_SEQUENCE);
	return getDb()
		.tickets.where(':id')
		.above(after)
		.filter((row) => travels(row, tillId))
		.count();
}

/**
 * How far this till's off-site copy is behind: sealed records and changes the server has not
 * acknowledged, and the day of the oldest ticket among them (docs/replication.md#copies).
 */
export async function offsiteCopyState(
	tillId: string
): Promise<{ waiting: number; oldestWaitingDay: string | null }> {
	const db = getDb();
	const after = await sequence(SENT_SEQUENCE);
	// One pass over the tickets waiting: how many, and the first of them.
	let tickets = 0;
	let oldest: TicketRow | undefined;
	const [copies, changes] = await Promise.all([
		copiesWaiting(),
		db.outbox.count(),
		db.tickets
			.where(':id')
			.above(after)
			.filter((row) => travels(row, tillId))
			.each((row) => {
				tickets += 1;
				oldest ??= row;
			})
	]);
	return {
		waiting: tickets + copies + changes,
		oldestWaitingDay: oldest ? parisDay(new Date(oldest.createdAt)) : null
	};
}

/**
 * A record on this till's own subjects, read back from the server: this till's own, or a copy of
 * this till selling besides it (an old backup restored, a copied browser profile). The reason in
 * French when it is not this till's; null when it is (docs/replication.md#forks).
 */
export async function ownRecordFork(
	message: TicketMessage | TillKeyMessage | KeyChangeMessage,
	tillId: string
): Promise<string | null> {
	if (message.type === 'till-key') {
		const { publicKeySpki } = await tillKeys();
		// A key this till replaced (docs/replication.md#lost-till) is its own past, not a copy.
		if (message.publicKeySpki === publicKeySpki) return null;
		return (await formerOwnKeys()).includes(message.publicKeySpki)
			? null
			: `une autre clé de signature est enregistrée sur le serveur sous le nom de cette caisse (${tillId})`;
	}
	if (message.type === 'key-change') {
		return (await sealedKeyChanges()).some((change) => change.hash === message.record.hash)
			? null
			: `la caisse ${tillId} a été remplacée sur un autre ordinateur («\u00a0Remplacer une caisse\u00a0», le ${formatLongDateTime(new Date(message.record.at))}, par ${message.record.detail.by})\u00a0: cet ordinateur n’est plus cette caisse`;
	}
	const { ticket } = message;
	const own = await getDb()
		.tickets.where('[tillId+training+number]')
		.equals([tillId, 0, ticket.number])
		.first();
	if (own?.hash === ticket.hash) return null;
	return own
		? `le serveur a reçu un autre ticket n°\u00a0${ticket.number} de la caisse ${tillId} que celui enregistré ici`
		: `le serveur a reçu un ticket n°\u00a0${ticket.number} de la caisse ${tillId} que cette caisse n’a jamais enregistré`;
}

/**
 * Stops this till's link for good when a copy of it sells besides it: journaled as an incident,
 * kept with the credentials, shown in Synchronisation. Nothing is merged; the shop decides.
 */
export async function noteOwnFork(detail: string, streamSeq: number): Promise<string> {
	const reason = `Synchronisation arrêtée\u00a0: ${detail}. Une copie de cette caisse (sauvegarde ancienne restaurée, profil de navigateur copié) enregistre sous son nom\u00a0; rien n’a été fusionné. Gardez une seule caisse sous ce nom, puis contactez le responsable de la boutique.`;
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		const current = await getSyncSettings();
		if (!current || current.forked) return;
		await db.settings.put({ key: 'sync', value: { ...current, forked: reason } });
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'sync-fork',
			detail: { tillId: current.tillId, reason, streamSeq }
		});
	});
	return reason;
}

/** The server acknowledged this till's tickets up to `id`; the position only moves forward. */
export async function noteTicketsSent(id: number): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.sequences, async () => {
		if (id > (await sequence(SENT_SEQUENCE))) {
			await db.sequences.put({ name: SENT_SEQUENCE, last: id });
		}
	});
}

/** The stream sequence of the last message applied here (0 before the first). */
export function streamPosition(): Promise<number> {
	return sequence(READ_SEQUENCE);
}

/** Moves the read position past a message that needs nothing here (this till's own, say). */
export async function passMessage(streamSeq: number): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.sequences, () => advance(streamSeq));
}

/** Inside a transaction with `sequences`: the read position moves with what was applied. */
async function advance(streamSeq: number): Promise<boolean> {
	const db = getDb();
	if (streamSeq <= (await sequence(READ_SEQUENCE))) return false;
	await db.sequences.put({ name: READ_SEQUENCE, last: streamSeq });
	return true;
}

/**
 * Keeps another till's public key, as its own subject on the server delivered it (only that
 * till's credentials may publish there). A till that announces a different key later (a new
 * computer) without a sealed key change before it is a copy of that till (keepKeyChange takes a
 * replacement's key; docs/replication.md#lost-till).
 */
export async function keepTillKey(message: TillKeyMessage, streamSeq: number): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.peers, db.sequences, db.journal, db.chainHeads], async () => {
		if (!(await advance(streamSeq))) return;
		const known = await db.peers.get(message.tillId);
		if (
			known?.publicKeySpki === message.publicKeySpki ||
			known?.formerKeys?.includes(message.publicKeySpki) ||
			known?.stopped
		)
			return;
		if (known) {
			// A second key under one till's name: a copy of that till (an old backup restored on
			// another computer) signs besides it. Its records are no longer taken; nothing is merged
			// (docs/replication.md#forks).
			const reason = `la caisse ${message.tillId} annonce une autre clé de signature que celle connue ici (sauvegarde ancienne restaurée sur un autre ordinateur, ou caisse remplacée)\u00a0: ses enregistrements ne sont plus pris, rien n’est fusionné.`;
			await db.peers.put({ ...known, stopped: reason });
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'peer-record-refused',
				detail: {
					tillId: message.tillId,
					code: 'OTHER_KEY',
					reason,
					publicKeySpki: message.publicKeySpki
				}
			});
			return;
		}
		await db.peers.put({
			tillId: message.tillId,
			publicKeySpki: message.publicKeySpki,
			keyAt: message.at
		});
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'peer-key',
			detail: { tillId: message.tillId, publicKeySpki: message.publicKeySpki }
		});
	});
}

/** The keys this till signed with before its replacement, as its sealed key changes name them. */
async function formerOwnKeys(): Promise<string[]> {
	return (await sealedKeyChanges()).flatMap((change) => change.detail.keys);
}

/**
 * Another till replaced after its computer was lost: its sealed key change, checked (domain
 * checkKeyChange) before its new key is taken, with the read position in ONE transaction. Kept,
 * that till's next tickets are checked against the new key; refused, its records are no longer
 * taken and the reason is journaled (docs/replication.md#lost-till).
 */
export async function keepKeyChange(
	record: KeyChangeRecord,
	subjectTill: string,
	streamSeq: number
): Promise<ReplicaVerdict> {
	const signatureValid = await publicKeyFromSpki(record.detail.publicKeySpki)
		.then((key) => verifyText(key, record.hash, record.signature))
		.catch(() => false);
	const db = getDb();
	return db.transaction('rw', [db.peers, db.sequences, db.journal, db.chainHeads], async () => {
		if (!(await advance(streamSeq))) return { action: 'skip' } as const;
		const peer = await db.peers.get(subjectTill);
		if (peer?.stopped) return { action: 'skip' } as const;
		const verdict = checkKeyChange(peer, subjectTill, record, signatureValid);
		if (verdict.action === 'refuse') {
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'peer-record-refused',
				detail: { tillId: subjectTill, code: verdict.code, reason: verdict.message }
			});
			if (peer) await db.peers.put({ ...peer, stopped: verdict.message });
			return verdict;
		}
		if (verdict.action === 'skip' || !peer) return verdict;
		await db.peers.put({
			...peer,
			publicKeySpki: record.detail.publicKeySpki,
			keyAt: record.at,
			formerKeys: [...new Set([...(peer.formerKeys ?? []), ...record.detail.keys])]
		});
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'peer-key-changed',
			detail: {
				tillId: subjectTill,
				publicKeySpki: record.detail.publicKeySpki,
				by: record.detail.by,
				keyChangeHash: record.hash
			}
		});
		return verdict;
	});
}

const peerKeys = new Map<string, Promise<CryptoKey>>();

function peerKey(spki: string): Promise<CryptoKey> {
	let key = peerKeys.get(spki);
	if (!key) {
		key = publicKeyFromSpki(spki);
		peerKeys.set(spki, key);
	}
	return key;
}

/** A ticket another till sent, as the stream delivered it. */
export interface DeliveredTicket {
	readonly message: TicketMessage;
	/** The till whose subject it came on. */
	readonly tillId: string;
	readonly streamSeq: number;
}

/**
 * Checks a ticket another till sent, then keeps it with all it changes here, in ONE transaction
 * with the read position: the ticket, the stock its lines took, the day's totals of its till,
 * the vouchers, credit notes and deposits it used or issued. A refused ticket is journaled with
 * its reason and kept nowhere; a ticket already kept changes nothing.
 */
export async function keepPeerTicket(
	message: TicketMessage,
	subjectTill: string,
	streamSeq: number
): Promise<ReplicaVerdict> {
	const [verdict] = await keepPeerTickets([{ message, tillId: subjectTill, streamSeq }]);
	return verdict ?? { action: 'skip' };
}

/**
 * The same for tickets delivered one after the other (a till catching up): their signatures
 * checked together first, then all kept in one transaction, each in stream order.
 */
export async function keepPeerTickets(
	delivered: readonly DeliveredTicket[]
): Promise<ReplicaVerdict[]> {
	const db = getDb();
	const keys = new Map(
		(await db.peers.bulkGet([...new Set(delivered.map((item) => item.tillId))])).flatMap((peer) =>
			peer ? [[peer.tillId, peer.publicKeySpki] as const] : []
		)
	);
	// WebCrypto is asynchronous: checked before the transaction, against the keys known now.
	const signed = await Promise.all(
		delivered.map(async ({ message, tillId }) => {
			const spki = keys.get(tillId);
			if (!spki) return false;
			return verifyText(await peerKey(spki), message.ticket.hash, message.ticket.signature);
		})
	);
	return db.transaction(
		'rw',
		[
			db.peers,
			db.peerTickets,
			db.sequences,
			db.stock,
			db.dailyTotals,
			db.balanceAccounts,
			db.balanceMovements,
			db.customers,
			db.journal,
			db.chainHeads
		],
		async () => {
			const verdicts: ReplicaVerdict[] = [];
			for (const [index, item] of delivered.entries()) {
				verdicts.push(await keepOne(item, signed[index] === true, keys.get(item.tillId)));
			}
			return verdicts;
		}
	);
}

/** One delivered ticket, inside keepPeerTickets' transaction. */
async function keepOne(
	{ message, tillId, streamSeq }: DeliveredTicket,
	signatureValid: boolean,
	checkedKey: string | undefined
): Promise<ReplicaVerdict> {
	const db = getDb();
	const { ticket } = message;
	if (!(await advance(streamSeq))) return { action: 'skip' };
	const peer = await db.peers.get(tillId);
	if (peer?.stopped) return { action: 'skip' };
	const kept = await db.peerTickets.get([tillId, ticket.number]);
	const verdict = checkReplica(
		peer,
		tillId,
		ticket,
		peer?.publicKeySpki === checkedKey && signatureValid,
		kept?.ticket
	);
	if (verdict.action === 'refuse') {
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'peer-record-refused',
			detail: { tillId, number: ticket.number, code: verdict.code, reason: verdict.message }
		});
		if (verdict.code === 'FORK' && peer) await db.peers.put({ ...peer, stopped: verdict.message });
		return verdict;
	}
	if (verdict.action === 'skip' || !peer) return verdict;
	const receivedAt = new Date().toISOString();
	await db.peerTickets.add(peerTicketRow(message, receivedAt));
	// Sold before its till joined the server: counted in the stock it published then.
	if (ticket.number > (peer.stockCountedThrough ?? 0)) await decrementStock(ticket);
	await addToDailyTotals(ticket);
	await applyBalances(ticket);
	await db.peers.put({
		...peer,
		lastNumber: ticket.number,
		lastHash: ticket.hash,
		lastReceivedAt: receivedAt
	});
	return verdict;
}

function peerTicketRow(message: TicketMessage, receivedAt: string): PeerTicketRow {
	const { ticket } = message;
	return {
		tillId: ticket.tillId,
		number: ticket.number,
		day: ticket.day,
		references: ticket.references,
		originId: message.originId,
		...(ticket.customerId === null
			? {}
			: { customerRef: customerRef(ticket.tillId, ticket.customerId) }),
		receivedAt,
		ticket
	};
}

/**
 * A voucher, credit note or deposit another till sold or took: the same movements as its own
 * till wrote (domain ticketBalanceMovements), on the account with that code, opened here at its
 * first movement. Codes are unique across the shop's tills (docs/replication.md#codes).
 */
async function applyBalances(ticket: TicketMessage['ticket']): Promise<void> {
	const customer =
		ticket.customerId === null
			? undefined
			: await customerOfRef(customerRef(ticket.tillId, ticket.customerId), null);
	const moved = await addTicketBalanceMovements(ticket, customer?.id ?? null, {
		peer: { tillId: ticket.tillId, number: ticket.number }
	});
	for (const { accountId, code, amountCents } of moved) {
		// Spent here and there while both tills were offline: found as the records meet.
		if (amountCents < 0) await noteOverdraft(accountId, code, ticket);
	}
}

/** The last record another till sent that was refused here, from the journal (none: null). */
export async function lastRefusal(): Promise<{ at: string; reason: string } | null> {
	const entry = await getDb().journal.where('type').equals('peer-record-refused').last();
	return entry ? { at: entry.at, reason: String(entry.detail['reason'] ?? '') } : null;
}

/** Catalogue changes waiting for the server, oldest first. */
export function outboxEntries(limit = 50): Promise<OutboxRow[]> {
	return getDb().outbox.orderBy('seq').limit(limit).toArray();
}

/** The server acknowledged an entry: it leaves the outbox (and only then). */
export async function removeFromOutbox(seq: number): Promise<void> {
	await getDb().outbox.delete(seq);
}

/**
 * Applies another till's catalogue changes with the read position, in one transaction: merged
 * field by field, conflicts journaled (catalogue-sync keepRevisions).
 */
export async function keepPeerRevisions(
	message: RevisionMessage,
	tillId: string,
	streamSeq: number
): Promise<void> {
	await keepPeerRevisionBatch([{ message, tillId, streamSeq }]);
}

/**
 * Several catalogue messages delivered one after the other (a catalogue pulled whole), kept in
 * one transaction: the search statistics of their words written once for them all.
 */
export async function keepPeerRevisionBatch(
	delivered: readonly { message: RevisionMessage; tillId: string; streamSeq: number }[]
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.sequences, ...keptRevisionTables(db)], async () => {
		const pending = { termChanges: new Map<string, number>(), newTitles: new Map() };
		for (const { message, tillId, streamSeq } of delivered) {
			if (await advance(streamSeq)) await keepRevisions(message, tillId, pending);
		}
		await writePendingSearch(pending);
	});
}

/**
 * Customer files and shop identity from other tills, each message kept in its own transaction
 * with the stream position (they are few: a file saved, an identity changed).
 */
export async function keepPeerRecords(
	message: RecordMessage,
	tillId: string,
	streamSeq: number
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.sequences, ...keptRecordTables(db)], async () => {
		const ownTill = (await getSyncSettings())?.tillId;
		if ((await advance(streamSeq)) && ownTill) await keepRecords(message, tillId, ownTill);
	});
}

/** The latest catalogue, customer and shop conflicts, newest first, as the journal keeps them. */
export async function latestConflicts(limit = 5): Promise<{ at: string; text: string }[]> {
	const entries = await getDb()
		.journal.where('type')
		.equals('revision-conflict')
		.reverse()
		.limit(limit)
		.toArray();
	return entries.map(({ at, detail }) => ({
		at,
		text: conflictText(detail)
	}));
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
	title: 'titre',
	authors: 'auteurs',
	publisher: 'éditeur',
	collection: 'collection',
	priceCents: 'prix',
	vatRateBp: 'taux de TVA',
	kind: 'type'
};

/** Fields of customer files and of the shop's identity, as Paramètres › Boutique names them. */
const RECORD_FIELD_LABELS: Readonly<Record<string, string>> = {
	lastName: 'nom',
	firstName: 'prénom',
	professionalName: 'raison sociale',
	status: 'statut',
	addresses: 'adresses',
	phone: 'téléphone',
	email: 'e-mail',
	website: 'site web',
	loyaltyCard: 'carte de fidélité',
	notes: 'notes',
	siret: 'SIRET',
	siren: 'SIREN',
	einvoiceAddress: 'adresse de facturation électronique',
	gln: 'GLN',
	isLendingLibrary: 'bibliothèque de prêt',
	schoolPricing: 'tarif scolaire',
	chorusServiceCode: 'code service Chorus Pro',
	chorusServiceCodeRequired: 'code service obligatoire',
	chorusEngagementRequired: 'engagement obligatoire',
	chorusOneOfRequired: 'code service ou engagement obligatoire',
	chorusDefaultFrame: 'cadre de facturation',
	chorusEngagementNumber: 'n° d’engagement',
	chorusMarketNumber: 'n° de marché',
	paymentTermDays: 'délai de paiement',
	showShopIban: 'IBAN sur les factures',
	legalName: 'raison sociale',
	tradeName: 'enseigne',
	addressLine1: 'adresse',
	addressLine2: 'complément d’adresse',
	postalCode: 'code postal',
	city: 'ville',
	vatNumber: 'n° de TVA',
	rcsCity: 'ville du RCS',
	shareCapitalCents: 'capital',
	legalForm: 'forme juridique',
	iban: 'IBAN',
	bic: 'BIC',
	invoiceFooter: 'pied de facture',
	vatRegime: 'régime de TVA'
};

function conflictText(detail: Record<string, unknown>): string {
	const field = String(detail['field']);
	const show = (value: unknown) => conflictValue(field, value);
	const kept = detail['kept'] === 'received' ? detail['received'] : detail['here'];
	const record =
		detail['record'] === 'shop'
			? 'Boutique'
			: detail['record'] === 'customer'
				? `Fiche client « ${String(detail['title'])} »`
				: `« ${String(detail['title'])} » (${String(detail['ean'])})`;
	const label = (detail['record'] ? RECORD_FIELD_LABELS[field] : FIELD_LABELS[field]) ?? field;
	return `${record}, ${label} changé ici (${show(detail['here'])}) et à la caisse ${String(detail['tillId'])} (${show(detail['received'])})\u00a0: ${show(kept)} gardé, la modification la plus récente.`;
}

function conflictValue(field: string, value: unknown): string {
	if ((field === 'priceCents' || field === 'shareCapitalCents') && typeof value === 'number') {
		return formatEuros(value as Cents);
	}
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (value === null || value === '') return 'vide';
	if (Array.isArray(value)) {
		return value
			.map((address: { line1?: string; postalCode?: string; city?: string }) =>
				[address.line1, address.postalCode, address.city].filter(Boolean).join(' ')
			)
			.join(' ; ');
	}
	return String(value);
}

/** What Paramètres › Synchronisation shows of the other tills. */
export function peerTills(): Promise<PeerRow[]> {
	return getDb().peers.toArray();
}

/**
 * The list rows of the tickets other tills recorded in a period (training never travels). Their
 * customers are those tills' files: not named here yet (docs/replication.md#not-yet).
 */
export async function peerTicketEntries(range: DayRange): Promise<TicketListEntry[]> {
	return peerEntries(
		await getDb().peerTickets.where('day').between(range.from, range.to, true, true).toArray()
	);
}

/**
 * The tickets other tills recorded that a search of the tickets screen finds: by number (one per
 * till), or by the code of a voucher, deposit or credit note they used (`sign` -1) or issued (+1).
 */
export async function searchPeerTickets(
	search: { number: number } | { code: string; sign: -1 | 0 | 1 }
): Promise<TicketListEntry[]> {
	const db = getDb();
	if ('number' in search) {
		const tills = (await db.peers.toArray()).map((peer) => peer.tillId);
		const rows = await db.peerTickets.bulkGet(tills.map((till) => [till, search.number]));
		return peerEntries(rows.flatMap((row) => (row ? [row] : [])));
	}
	const rows = (await db.peerTickets.where('references').equals(search.code).toArray()).filter(
		(row) =>
			search.sign === 0 ||
			ticketBalanceMovements(row.ticket).some(
				(movement) =>
					movement.code === search.code && Math.sign(movement.amountCents) === search.sign
			)
	);
	return peerEntries(rows);
}

/**
 * The tickets other tills sold to a customer kept here: under every reference the shop's tills
 * name them by (docs/replication.md#records).
 */
export async function peerTicketsOfCustomer(customerId: number): Promise<TicketListEntry[]> {
	const db = getDb();
	const customer = await db.customers.get(customerId);
	if (!customer?.refs?.length) return [];
	return peerEntries(await db.peerTickets.where('customerRef').anyOf(customer.refs).toArray());
}

/** Another till's ticket as its own page shows it (read only: it is managed at its till). */
export interface PeerTicketView extends TicketView {
	readonly receivedAt: string;
	/** Numbers of the ticket that cancels it and of the one it cancels, among those kept here. */
	readonly cancelledByNumber: number | null;
	readonly cancelsNumber: number | null;
}

export async function getPeerTicketView(
	tillId: string,
	number: number
): Promise<PeerTicketView | null> {
	const db = getDb();
	const row = await db.peerTickets.get([tillId, number]);
	if (!row) return null;
	const { ticket } = row;
	const [customer, cancelledBy, cancels] = await Promise.all([
		row.customerRef ? db.customers.where('refs').equals(row.customerRef).first() : undefined,
		db.peerTickets
			.where('[tillId+number]')
			.between([tillId, number], [tillId, Infinity], false)
			.filter((other) => other.ticket.cancelsTicketId === row.originId)
			.first(),
		ticket.cancelsTicketId === null
			? undefined
			: db.peerTickets
					.where('[tillId+number]')
					.between([tillId, 0], [tillId, number])
					.filter((other) => other.originId === ticket.cancelsTicketId)
					.first()
	]);
	return {
		ticket: { ...ticket, id: -row.originId },
		annotations: foldAmendments([]),
		customer: customer ?? null,
		invoice: null,
		creditNote: null,
		cancelledBy: null,
		cancels: null,
		printCount: 0,
		receivedAt: row.receivedAt,
		cancelledByNumber: cancelledBy?.number ?? null,
		cancelsNumber: cancels?.number ?? null
	};
}

/** The list rows of tickets kept from other tills, cancellations and customers named. */
async function peerEntries(rows: readonly PeerTicketRow[]): Promise<TicketListEntry[]> {
	const refs = [...new Set(rows.flatMap((row) => (row.customerRef ? [row.customerRef] : [])))];
	const customers = new Map<string, CustomerRow>();
	if (refs.length > 0) {
		for (const customer of await getDb().customers.where('refs').anyOf(refs).toArray()) {
			for (const ref of customer.refs ?? []) customers.set(ref, customer);
		}
	}
	const byOrigin = new Map(rows.map((row) => [`${row.tillId}:${row.originId}`, row]));
	const cancelledBy = new Map(
		rows.flatMap((row) =>
			row.ticket.cancelsTicketId === null
				? []
				: [[`${row.tillId}:${row.ticket.cancelsTicketId}`, row] as const]
		)
	);
	return rows.map(({ tillId, originId, ticket, customerRef: ref }) => {
		const customer = ref ? customers.get(ref) : undefined;
		const address = customer?.addresses.find((a) => a.isDefaultBilling) ?? customer?.addresses[0];
		const original =
			ticket.cancelsTicketId === null
				? undefined
				: byOrigin.get(`${tillId}:${ticket.cancelsTicketId}`);
		const cancelling = cancelledBy.get(`${tillId}:${originId}`);
		return {
			id: -originId,
			tillId,
			invoiceNumber: '',
			number: ticket.number,
			createdAt: ticket.createdAt,
			totalCents: ticket.totalCents,
			name: customer ? customerDisplayName(customer) : '',
			postalCode: address?.postalCode ?? customer?.postalCode ?? '',
			city: address?.city ?? '',
			info: cancelling
				? `Annulé par le ticket n° ${cancelling.number}`
				: ticket.cancelsTicketId !== null
					? original
						? `Annule le ticket n° ${original.number}`
						: 'Ticket d’annulation'
					: '',
			peer: true
		};
	});
}

/** What Paramètres › Synchronisation shows of the link's records. */
export interface SyncStatus {
	/**
	 * This till's records waiting for the server: tickets, catalogue, customer and shop changes,
	 * and the off-site copies of its other sealed records.
	 */
	readonly waiting: number;
	/** Of which this till's tickets. */
	readonly waitingTickets: number;
	readonly peers: readonly PeerRow[];
	readonly refusal: { at: string; reason: string } | null;
	readonly conflicts: readonly { at: string; text: string }[];
	/** Vouchers, credit notes and deposits spent twice while offline, still to settle. */
	readonly overdrafts: readonly Overdraft[];
}

/**
 * The link's records as they change (Dexie liveQuery is a Svelte store): each sale, each record
 * received, refused or in conflict shows at once, without polling.
 */
export function syncStatusStore() {
	return liveQuery(async (): Promise<SyncStatus> => {
		const tillId = (await getSyncSettings())?.tillId;
		const [tickets, changes, copies, peers, refusal, conflicts, overdrafts] = await Promise.all([
			tillId ? ticketsWaiting(tillId) : 0,
			getDb().outbox.count(),
			tillId ? copiesWaiting() : 0,
			peerTills(),
			lastRefusal(),
			latestConflicts(),
			overdraftWorklist()
		]);
		return {
			waiting: tickets + changes + copies,
			waitingTickets: tickets,
			peers,
			refusal,
			conflicts,
			overdrafts
		};
	});
}

/**
 * Changes each time a ticket of another till is kept here (Dexie liveQuery is a Svelte store):
 * the tickets list shows it without the bookseller asking again.
 */
export function receivedTicketsStore() {
	return liveQuery(async () =>
		(await getDb().peers.toArray()).map((peer) => `${peer.tillId}:${peer.lastNumber ?? 0}`).join()
	);
}
