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
	ticketBalanceMovements,
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
import { BALANCE_CODE_BLOCK, openBalanceAccountWithCode } from './balance-repository';
import { addJournalEntry, CHAIN_TABLES, tillKeys } from './chain-repository';
import { getDb } from './db';
import { storedPinFor } from './security-repository';
import {
	ticketHead,
	type BalanceAccountRow,
	type Chained,
	type JournalRow,
	type TicketRow
} from './schema';
import { addToDailyTotals, ticketSequenceName } from './ticket-repository';

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

/** The last ticket and copy ids sent, so that nothing read back is sent again. */
const SENT_TICKETS = 'sync:sent-ticket-id';
const sentCopies = (kind: CopiedKind) => `sync:sent-${kind}-id`;

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
 * Starts a replacement on an empty database: refused where a shop already is; else the chains
 * of this browser's unused till (its journal holds only its own start) give way to the lost
 * till's, as a restored backup's do (docs/replication.md#lost-till).
 */
export async function startReplacement(): Promise<void> {
	if (await hasBusinessData()) {
		throw new RebuildRefusedError(
			'Cette caisse contient déjà des ventes, des articles ou des clients\u00a0: une caisse se remplace sur un ordinateur neuf (ou un navigateur dont les données du site ont été effacées).'
		);
	}
	await clearHistory();
}

/** A replacement that failed leaves nothing behind: it can be started again. */
export async function abandonReplacement(): Promise<void> {
	await clearHistory();
}

async function clearHistory(): Promise<void> {
	const db = getDb();
	await db.transaction('rw', historyTables(), async () => {
		for (const table of historyTables()) await table.clear();
	});
}

/**
 * Writes a batch of the till's own records read back, in ONE transaction: each must follow the
 * last one of its chain (hash recomputed from its content, link, signature by one of `keys`), or
 * the whole replacement stops with the record named. A ticket brings back what it changed: the
 * day's totals, its vouchers, credit notes and deposits, its number in the till's sequence.
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
		for (const [index, own] of records.entries()) {
			const chain = CHAIN_OF[own.kind];
			const head = await db.chainHeads.get(chain);
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
			await db.table(CHAIN_TABLES[chain].table).add({ ...record, id: own.originId });
			await db.chainHeads.put({ chain, hash: record.hash, count: (head?.count ?? 0) + 1 });
			if (own.kind === 'ticket') {
				await keepOwnTicket(tillId, { ...(record as unknown as TicketRow), id: own.originId });
			} else if (own.kind === 'training-ticket') {
				const ticket = { ...(record as unknown as TicketRow), id: own.originId };
				await db.ticketHeads.add(ticketHead(ticket));
				await db.sequences.put({ name: ticketSequenceName(tillId, true), last: ticket.number });
			} else if (own.kind === 'journal') {
				await keepJournalBalances(record as unknown as JournalRow);
			}
		}
	});
}

async function keepOwnTicket(tillId: string, ticket: TicketRow): Promise<void> {
	const db = getDb();
	await db.ticketHeads.add(ticketHead(ticket));
	await db.sequences.put({ name: ticketSequenceName(tillId, false), last: ticket.number });
	await db.sequences.put({ name: SENT_TICKETS, last: ticket.id });
	await addToDailyTotals(ticket);
	for (const movement of ticketBalanceMovements(ticket)) {
		const account = await db.balanceAccounts.where('code').equals(movement.code).first();
		const issue = ticket.issues?.find((item) => item.code === movement.code);
		const accountId =
			account?.id ??
			(await openBalanceAccountWithCode(movement.code, {
				kind: movement.kind,
				customerId: ticket.customerId,
				validUntil: issue?.validUntil ?? null,
				orderReference: issue?.orderReference ?? ''
			}));
		await db.balanceMovements.add({
			accountId,
			ticketId: ticket.id,
			amountCents: movement.amountCents as Cents,
			at: ticket.createdAt
		});
	}
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

/** A sealed key change as it travels: the journal entry without its id here. */
export function keyChangeRecord(entry: JournalRow): KeyChangeRecord {
	const record: Partial<JournalRow> = { ...entry };
	delete record.id;
	return record as unknown as KeyChangeRecord;
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
				await db.sequences.put({ name: sentCopies(kind), last: lastId });
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
