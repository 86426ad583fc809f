import {
	accountBalance,
	accountOverdraft,
	err,
	ok,
	spendId,
	OVERDRAFT_SETTLEMENT_LABELS,
	validateOverdraftFix,
	type AccountMovement,
	type BalanceKind,
	type Cents,
	type Overdraft,
	type OverdraftFix,
	type OverdraftFixForm,
	type RecordRevision,
	type Result
} from '$lib/domain';
import { balanceOf, openBalanceAccountWithCode } from './balance-repository';
import { syncingTill } from './catalogue-sync';
import { addJournalEntry } from './chain-repository';
import { getDb } from './db';
import { queueRecords } from './outbox';
import type { BalanceAccountRow } from './schema';

/**
 * Vouchers, credit notes and deposits spent at two tills while both were offline
 * (docs/replication.md#double-spend): found when the second spend arrives, listed until the shop
 * settles them by a movement of its own, with its author; no ticket is ever rewritten.
 */

/** Journal entry of an overdraft found: the worklist is read from these. */
const FOUND = 'double-spend-found';
/** Journal entry of a settlement: integrity counts its amount among the sealed balance credits. */
const SETTLED = 'overdraft-settled';

/**
 * After another till's ticket drew on an account, inside the transaction keeping it: an account
 * now below zero is journaled as a double spend (with the ticket that revealed it).
 */
export async function noteOverdraft(
	accountId: number,
	code: string,
	ticket: { tillId: string; number: number; createdAt: string }
): Promise<void> {
	const db = getDb();
	const account = await db.balanceAccounts.get(accountId);
	if (!account) return;
	const balance = await balanceOf(account);
	if (balance >= 0) return;
	await addJournalEntry({
		at: new Date().toISOString(),
		type: FOUND,
		detail: {
			code,
			kind: account.kind,
			balanceCents: balance,
			tillId: ticket.tillId,
			number: ticket.number
		}
	});
}

/** The account's movements with what caused them: this till's tickets, another's, settlements. */
async function movementsOf(
	account: BalanceAccountRow,
	ownTill: string
): Promise<AccountMovement[]> {
	const db = getDb();
	const rows = await db.balanceMovements.where('accountId').equals(account.id).toArray();
	const own = new Map(
		(
			await db.tickets.bulkGet(rows.flatMap((row) => (row.ticketId === null ? [] : [row.ticketId])))
		).flatMap((ticket) => (ticket ? [[ticket.id, ticket] as const] : []))
	);
	const movements: AccountMovement[] = rows.map((row) => {
		const ticket = row.ticketId === null ? undefined : own.get(row.ticketId);
		return {
			amountCents: row.amountCents,
			at: row.at,
			ticket:
				row.peer ?? (ticket ? { tillId: ticket.tillId || ownTill, number: ticket.number } : null),
			fix: row.fix ?? null
		};
	});
	// The amount it was opened with (a voucher of the demonstration, of a former version).
	if (account.initialCents !== 0) {
		movements.push({
			amountCents: account.initialCents,
			at: account.createdAt,
			ticket: null,
			fix: null
		});
	}
	return movements;
}

/** An account by its code, with its movements and its overdraft (null when none). */
async function accountByCode(code: string, ownTill: string) {
	const account = await getDb().balanceAccounts.where('code').equals(code).first();
	if (!account) return null;
	const movements = await movementsOf(account, ownTill);
	return {
		account,
		movements,
		overdraft: accountOverdraft(code, account.kind as BalanceKind, movements)
	};
}

/** The overdrafts still to settle, the oldest found first. */
export async function overdraftWorklist(): Promise<Overdraft[]> {
	const found = await getDb().journal.where('type').equals(FOUND).toArray();
	const codes = [...new Set(found.map((entry) => String(entry.detail['code'])))];
	const ownTill = (await syncingTill()) ?? '';
	const list: Overdraft[] = [];
	for (const code of codes) {
		const overdraft = (await accountByCode(code, ownTill))?.overdraft;
		if (overdraft) list.push(overdraft);
	}
	return list;
}

/**
 * Settles an overdraft at this till: a movement bringing the account back to zero, with its
 * author, reason and note, journaled (sealed) and sent to the other tills in one transaction.
 */
export async function settleOverdraft(input: {
	code: string;
	form: OverdraftFixForm;
	by: string;
	at?: Date;
}): Promise<Result<{ amountCents: number }>> {
	const db = getDb();
	const at = (input.at ?? new Date()).toISOString();
	return db.transaction(
		'rw',
		[
			db.balanceAccounts,
			db.balanceMovements,
			db.tickets,
			db.settings,
			db.outbox,
			db.journal,
			db.chainHeads
		],
		async () => {
			const tillId = (await syncingTill()) ?? '';
			const found = await accountByCode(input.code, tillId);
			if (!found?.overdraft) {
				return err(
					'NO_OVERDRAFT',
					'Ce compte n’est plus à découvert (réglé à une autre caisse ?).',
					'settlement'
				);
			}
			const { account, overdraft } = found;
			const checked = validateOverdraftFix(input.form, overdraft);
			if (!checked.ok) return checked;
			const fix: OverdraftFix = {
				settlement: checked.value.settlement,
				note: checked.value.note,
				by: input.by,
				tillId
			};
			await addFix(account.id, input.code, checked.value.amountCents, fix, at);
			if (tillId) {
				const item: RecordRevision = {
					key: input.code,
					base: null,
					fields: { ...fix, kind: account.kind, amountCents: checked.value.amountCents },
					editedAt: at
				};
				await queueRecords('balance-fix', [item], tillId, at, input.by);
			}
			return ok({ amountCents: checked.value.amountCents });
		}
	);
}

/** The settlement's movement and its sealed journal entry, inside the caller's transaction. */
async function addFix(
	accountId: number,
	code: string,
	amountCents: number,
	fix: OverdraftFix,
	at: string
): Promise<void> {
	const db = getDb();
	await db.balanceMovements.add({
		accountId,
		ticketId: null,
		amountCents: amountCents as Cents,
		at,
		fix
	});
	// Already in this till's journal when its history came back from the server's copies (a till
	// replaced on a new computer): the movement is written again, its sealed entry is not, or the
	// integrity check would count the settlement twice (docs/replication.md#lost-till).
	const journaled = await db.journal
		.where('type')
		.equals(SETTLED)
		.filter(
			(entry) =>
				entry.at === at &&
				entry.detail['code'] === code &&
				entry.detail['tillId'] === fix.tillId &&
				entry.detail['amountCents'] === amountCents
		)
		.count();
	if (journaled > 0) return;
	await addJournalEntry({
		at,
		type: SETTLED,
		detail: {
			code,
			amountCents,
			settlement: fix.settlement,
			label: OVERDRAFT_SETTLEMENT_LABELS[fix.settlement],
			note: fix.note,
			by: fix.by,
			tillId: fix.tillId
		}
	});
}

/**
 * Another till's settlement, inside the transaction keeping its message (record-sync
 * keepRecords): the same movement and journal entry as there, on the account with that code.
 */
export async function keepOverdraftFix(
	item: RecordRevision,
	message: { at: string; by: string },
	tillId: string
): Promise<void> {
	const fields = item.fields as Partial<OverdraftFix> & { kind?: string; amountCents?: unknown };
	const amountCents = fields.amountCents;
	if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents)) return;
	if (fields.settlement !== 'collected' && fields.settlement !== 'written-off') return;
	const db = getDb();
	const account = await db.balanceAccounts.where('code').equals(item.key).first();
	const accountId =
		account?.id ??
		(await openBalanceAccountWithCode(item.key, {
			kind: (fields.kind ?? 'gift-voucher') as BalanceKind,
			customerId: null,
			validUntil: null,
			orderReference: ''
		}));
	await addFix(
		accountId,
		item.key,
		amountCents,
		{
			settlement: fields.settlement,
			note: String(fields.note ?? ''),
			by: String(fields.by ?? message.by),
			tillId
		},
		item.editedAt ?? message.at
	);
}

/**
 * What this till knows of an account before reserving a spend on the server: its balance and the
 * tickets already counted in it (docs/replication.md#reservations). Null for an unknown code.
 */
export async function localBalance(
	code: string,
	ownTill: string
): Promise<{ balanceCents: number; spendIds: string[] } | null> {
	const found = await accountByCode(code, ownTill);
	if (!found) return null;
	return {
		balanceCents: accountBalance(found.movements),
		spendIds: found.movements.flatMap((movement) =>
			movement.ticket ? [spendId(movement.ticket.tillId, movement.ticket.number)] : []
		)
	};
}
