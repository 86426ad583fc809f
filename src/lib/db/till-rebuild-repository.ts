import {
	balanceKindOfCode,
	chainHash,
	chainRecordLabel,
	COPIED_CHAINS,
	COPIED_KINDS,
	GENESIS_HASH,
	KEY_CHANGE_EVENT,
	lastSeriesNumbers,
	pinFingerprint,
	validatePin,
	type Cents,
	type ChainName,
	type CopiedKind,
	type KeyChangeDetail,
	type KeyChangeRecord,
	type SyncCredentials
} from '$lib/domain';
import { publicKeyFromSpki, verifyText } from '$lib/signature';
import { hasBusinessData } from './backup-repository';
import {
	addTicketBalanceMovements,
	BALANCE_CODE_BLOCK,
	openBalanceAccountWithCode
} from './balance-repository';
import { addJournalEntry, CHAIN_TABLES, tillKeys } from './chain-repository';
import { getDb } from './db';
import { copySequence, keyChangeRecord, SENT_SEQUENCE } from './replication-repository';
import { storedPinFor } from './security-repository';
import {
	ticketHead,
	type BalanceAccountRow,
	type Chained,
	type JournalRow,
	type TicketHeadRow,
	type TicketRow
} from './schema';
import { addTicketsToDailyTotals, ticketSequenceName } from './ticket-repository';

/**
 * « Remplacer une caisse » (docs/replication.md#lost-till): a new computer, its database empty,
 * takes the place of a till whose computer was lost or broke. The till's sealed records come back
 * from the shop server's off-site copies exactly as they were sealed, each checked (content, link,
 * signature by a key the till announced) before it is written; then the till seals the change of
 * key that lets it go on with its own chains, numbers and series. Everything else (the catalogue,
 * customer files, the other tills' tickets) arrives by the usual synchronisation.
 */

export class RebuildRefusedError extends Error {}

/** A record read back from the till's own subjects, in stream order. */
export interface OwnRecord {
	readonly kind: 'ticket' | CopiedKind;
	/** Its id at the lost till: kept, so that records naming one another still do. */
	readonly originId: number;
	readonly record: Chained & { hash: string; signature: string } & Record<string, unknown>;
}

const CHAIN_OF: Readonly<Record<OwnRecord['kind'], ChainName>> = {
	ticket: 'tickets',
	...COPIED_CHAINS
};

/** The tables the till's history comes back into. */
function historyTables() {
	const db = getDb();
	return [
		db.tickets,
		db.ticketHeads,
		db.invoices,
		db.closings,
		db.journal,
		db.reprints,
		db.archives,
		db.chainHeads,
		db.sequences,
		db.dailyTotals,
		db.balanceAccounts,
		db.balanceMovements
	];
}

/**
 * This page's mark on a replacement it runs: a replacement marked by another page was cut short
 * (the browser closed midway) and is undone when the app starts again.
 */
const THIS_PAGE = crypto.randomUUID();
const IN_PROGRESS = 'replacement';

/**
 * Starts a replacement on an empty database: refused where a shop already is; else the chains
 * of this browser's unused till (its journal holds only its own start) give way to the lost
 * till's, as a restored backup's do, and the replacement is marked as in progress until its key
 * change is sealed (docs/replication.md#lost-till).
 */
export async function startReplacement(): Promise<void> {
	if (await hasBusinessData()) {
		throw new RebuildRefusedError(
			'Cette caisse contient déjà des ventes, des articles ou des clients\u00a0: une caisse se remplace sur un ordinateur neuf (ou un navigateur dont les données du site ont été effacées).'
		);
	}
	await clearHistory({ page: THIS_PAGE, startedAt: new Date().toISOString() });
}

/** A replacement that failed leaves nothing behind: it can be started again. */
export async function abandonReplacement(): Promise<void> {
	await clearHistory(null);
}

/** Whether this page is replacing a till now (its journal is then the lost till's, coming back). */
export async function replacingNow(): Promise<boolean> {
	return (await replacementMark()) === THIS_PAGE;
}

/** The page that marked a replacement in progress, or null. */
async function replacementMark(): Promise<string | null> {
	const row = await getDb().settings.get(IN_PROGRESS);
	return row?.key === IN_PROGRESS ? String(row.value['page']) : null;
}

/**
 * At the app's start: a replacement another page began and never finished (the browser closed
 * midway) is undone, so that the browser is empty again and the replacement can be made whole.
 * Answers whether one was.
 */
export async function undoInterruptedReplacement(): Promise<boolean> {
	const mark = await replacementMark();
	if (mark === null || mark === THIS_PAGE) return false;
	await clearHistory(null);
	return true;
}

/** Empties the history tables and sets (or lifts) the mark of a replacement, in ONE transaction. */
async function clearHistory(mark: { page: string; startedAt: string } | null): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.settings, ...historyTables()], async () => {
		for (const table of historyTables()) await table.clear();
		if (mark) await db.settings.put({ key: IN_PROGRESS, value: mark });
		else await db.settings.delete(IN_PROGRESS);
	});
}

/**
 * Writes a batch of the till's own records read back, in ONE transaction: each must follow the
 * last one of its chain (hash recomputed from its content, link, signature by one of `keys`), or
 * the whole replacement stops with the record named. A ticket brings back what it changed: the
 * day's totals, its vouchers, credit notes and deposits, its number in the till's sequence. The
 * batch is checked in memory and written a table at a time (a till of ten years comes back in
 * minutes, not hours).
 */
export async function keepOwnRecords(
	tillId: string,
	records: readonly OwnRecord[],
	keys: readonly string[]
): Promise<void> {
	const verifiers = await Promise.all(keys.map((spki) => publicKeyFromSpki(spki)));
	const signed = await Promise.all(
		records.map(async ({ record }) => {
			for (const key of verifiers)
				if (await verifyText(key, record.hash, record.signature)) return true;
			return false;
		})
	);
	const db = getDb();
	await db.transaction('rw', historyTables(), async () => {
		const heads = new Map((await db.chainHeads.toArray()).map((head) => [head.chain, head]));
		const rows = new Map<string, object[]>();
		const tickets: TicketRow[] = [];
		const ticketHeads: TicketHeadRow[] = [];
		const journal: JournalRow[] = [];
		const sequences = new Map<string, number>();
		for (const [index, own] of records.entries()) {
			const chain = CHAIN_OF[own.kind];
			const head = heads.get(chain);
			const { record } = own;
			const previousHash = record.previousHash ?? GENESIS_HASH;
			const intact =
				previousHash === (head?.hash ?? GENESIS_HASH) &&
				chainHash(previousHash, record) === record.hash &&
				signed[index] === true;
			if (!intact) {
				throw new RebuildRefusedError(
					`La copie du serveur ne se suit pas ou a été altérée (${chainRecordLabel(chain, record)})\u00a0: la caisse n’est pas remplacée. Vérifiez que le fichier d’accès est bien celui de cette caisse.`
				);
			}
			heads.set(chain, { chain, hash: record.hash, count: (head?.count ?? 0) + 1 });
			const row = { ...record, id: own.originId };
			const table = CHAIN_TABLES[chain].table;
			const list = rows.get(table) ?? [];
			list.push(row);
			rows.set(table, list);
			if (own.kind === 'ticket' || own.kind === 'training-ticket') {
				const ticket = row as unknown as TicketRow;
				const training = own.kind === 'training-ticket';
				ticketHeads.push(ticketHead(ticket));
				sequences.set(ticketSequenceName(tillId, training), ticket.number);
				if (!training) {
					sequences.set(SENT_SEQUENCE, ticket.id);
					tickets.push(ticket);
				}
			} else if (own.kind === 'journal') {
				journal.push(row as unknown as JournalRow);
			}
		}
		for (const [table, added] of rows) await db.table(table).bulkAdd(added);
		await db.ticketHeads.bulkAdd(ticketHeads);
		await db.chainHeads.bulkPut([...heads.values()]);
		await db.sequences.bulkPut([...sequences].map(([name, last]) => ({ name, last })));
		await addTicketsToDailyTotals(tickets);
		for (const ticket of tickets) {
			await addTicketBalanceMovements(ticket, ticket.customerId, { ticketId: ticket.id });
		}
		for (const entry of journal) await keepJournalBalances(entry);
	});
}

/**
 * Balances credited outside a ticket, as the till's journal sealed them: the demonstration's
 * opening balances and loyalty vouchers come back with their accounts (a settlement of an
 * overdraft comes back with its record, overdraft-repository keepOverdraftFix).
 */
async function keepJournalBalances(entry: JournalRow): Promise<void> {
	const db = getDb();
	const { type, detail, at } = entry;
	const accountOf = (code: string) => db.balanceAccounts.where('code').equals(code).first();
	if (type === 'demo-loaded' && Array.isArray(detail['balances'])) {
		for (const balance of detail['balances'] as { code: string; amountCents: number }[]) {
			const kind = balanceKindOfCode(balance.code);
			if (!kind) continue;
			const account = await accountOf(balance.code);
			const accountId =
				account?.id ??
				(await openBalanceAccountWithCode(balance.code, {
					kind,
					customerId: null,
					validUntil: null,
					orderReference: ''
				}));
			await db.balanceAccounts.update(accountId, { initialCents: balance.amountCents as Cents });
		}
	}
	if (type === 'loyalty-voucher-issued' && typeof detail['code'] === 'string') {
		const code = detail['code'];
		const loyalty = detail['loyalty'] as BalanceAccountRow['loyalty'];
		const account = await accountOf(code);
		const accountId =
			account?.id ??
			(await openBalanceAccountWithCode(code, {
				kind: 'gift-voucher',
				customerId: typeof detail['customerId'] === 'number' ? detail['customerId'] : null,
				validUntil: typeof detail['validUntil'] === 'string' ? detail['validUntil'] : null,
				orderReference: '',
				...(loyalty ? { loyalty } : {})
			}));
		await db.balanceMovements.add({
			accountId,
			ticketId: null,
			amountCents: Number(detail['amountCents']) as Cents,
			at
		});
	}
}

/**
 * Once every own record is back: the till's credentials, its manager PIN and the sealed change of
 * key, in ONE transaction. The change follows the last journal entry the server held and carries
 * the heads of the chains as they came back (docs/replication.md#lost-till); the PIN's
 * fingerprint is sealed after it, as every PIN set is. Returns the record the other tills receive.
 */
export async function sealKeyChange(input: {
	readonly credentials: SyncCredentials;
	readonly formerKeys: readonly string[];
	readonly pin: string;
	readonly by: string;
}): Promise<KeyChangeRecord> {
	const { credentials, formerKeys, by } = input;
	const checked = validatePin(input.pin);
	if (!checked.ok) throw new RebuildRefusedError(checked.error.message);
	const pin = await storedPinFor(checked.value);
	const { publicKeySpki } = await tillKeys();
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.settings,
			db.sequences,
			db.journal,
			db.chainHeads,
			db.tickets,
			db.invoices,
			db.closings,
			db.reprints,
			db.archives
		],
		async () => {
			const { tillId } = credentials;
			const last = await db.tickets
				.where('[tillId+training+number]')
				.between([tillId, 0, 0], [tillId, 0, Infinity])
				.last();
			const series = lastSeriesNumbers(
				tillId,
				(await db.invoices.toArray()).map((invoice) => invoice.number)
			);
			await db.sequences.bulkPut([
				{ name: BALANCE_CODE_BLOCK, last: credentials.tillIndex },
				{ name: `invoice:${tillId}`, last: series.invoice },
				{ name: `credit-note:${tillId}`, last: series.creditNote }
			]);
			for (const kind of COPIED_KINDS) {
				const table = db.table(CHAIN_TABLES[CHAIN_OF[kind]].table);
				const lastId = ((await table.toCollection().lastKey()) as number | undefined) ?? 0;
				await db.sequences.put({ name: copySequence(kind), last: lastId });
			}
			const detail: KeyChangeDetail = {
				tillId,
				publicKeySpki,
				keys: [...formerKeys],
				lastTicket: last ? { number: last.number, hash: last.hash ?? '' } : null,
				by,
				pinFingerprint: pinFingerprint(pin)
			};
			await addJournalEntry({
				at: new Date().toISOString(),
				type: KEY_CHANGE_EVENT,
				detail: { ...detail }
			});
			const sealed = (await db.journal.orderBy(':id').last()) as JournalRow;
			await db.settings.put({ key: 'security', value: { pin } });
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'manager-pin-set',
				detail: { pin: 'set', pinFingerprint: pinFingerprint(pin), by }
			});
			await db.settings.delete(IN_PROGRESS);
			// The lost till published its catalogue and customer files as it joined: they come back
			// from the stream, and are not published again as a new till's would be.
			await db.settings.put({
				key: 'sync',
				value: {
					...credentials,
					cataloguePublished: sealed.at,
					recordsPublished: sealed.at
				}
			});
			return keyChangeRecord(sealed);
		}
	);
}
