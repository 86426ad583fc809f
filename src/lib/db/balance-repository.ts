import {
	addDays,
	assertCents,
	BALANCE_KIND_OF_METHOD,
	balanceCode,
	balanceSequenceNumber,
	balanceStatus,
	discountCapBp,
	formatDay,
	loyaltyVoucherCents,
	ticketBalanceMovements,
	type BalanceKind,
	type Cents,
	type RecordedTicket
} from '$lib/domain';
import { getDb, nextInSequence } from './db';
import { ticketsOfCustomer } from './ticket-browse-repository';
import type { BalanceAccountKind, BalanceAccountRow } from './schema';
import { addJournalEntry } from './chain-repository';

export interface AccountWithBalance {
	account: BalanceAccountRow;
	balanceCents: Cents;
}

/**
 * A gift voucher, credit note or deposit by its printed code, with its balance: the initial
 * amount plus every movement recorded against it (a balance is never stored, never edited).
 */
export async function findAccountByCode(code: string): Promise<AccountWithBalance | undefined> {
	const db = getDb();
	const account = await db.balanceAccounts.where('code').equals(code.trim().toUpperCase()).first();
	if (!account?.id) return undefined;
	return { account, balanceCents: await balanceOf(account) };
}

export async function balanceOf(account: BalanceAccountRow): Promise<Cents> {
	const movements = await getDb().balanceMovements.where('accountId').equals(account.id).toArray();
	return assertCents(account.initialCents + movements.reduce((sum, m) => sum + m.amountCents, 0));
}

/** The kind of account each balance payment method draws on (domain BALANCE_KIND_OF_METHOD). */
export const ACCOUNT_KIND_FOR_METHOD: Readonly<Record<string, BalanceAccountKind>> =
	BALANCE_KIND_OF_METHOD;

/**
 * The sequence row holding this till's rank in the shop once it syncs (absent for a till alone):
 * a row of `sequences` because every code is drawn inside a transaction that has that table.
 */
export const BALANCE_CODE_BLOCK = 'balance-code-block';

/**
 * Opens a voucher, deposit or credit note with the next code of its kind (codes already taken,
 * such as the demo's, are skipped). Its balance starts at zero: the credit is a movement linked
 * to what caused it. To be called inside the caller's transaction.
 */
export async function openBalanceAccount(input: {
	kind: BalanceKind;
	customerId: number | null;
	validUntil: string | null;
	orderReference: string;
	loyalty?: BalanceAccountRow['loyalty'];
}): Promise<{ id: number; code: string }> {
	const db = getDb();
	let code: string;
	// With several tills, this till's block of codes (docs/replication.md#codes).
	const block = (await db.sequences.get(BALANCE_CODE_BLOCK))?.last ?? null;
	do {
		const next = await nextInSequence(`balance:${input.kind}`);
		code = balanceCode(input.kind, balanceSequenceNumber(block, next));
	} while ((await db.balanceAccounts.where('code').equals(code).count()) > 0);
	return { id: await openBalanceAccountWithCode(code, input), code };
}

/**
 * The vouchers, credit notes and deposits a sealed ticket issued or spent, as its till wrote them
 * (domain ticketBalanceMovements), inside the caller's transaction: each on the account with its
 * code, opened at its first movement with `customerId` (the customer's deposit or credit shows in
 * their file). `by`: this till's ticket (its id) or another till's (docs/replication.md#codes).
 * Answers each movement with its account.
 */
export async function addTicketBalanceMovements(
	ticket: Pick<RecordedTicket, 'payments' | 'issues' | 'createdAt'>,
	customerId: number | null,
	by: { readonly ticketId: number } | { readonly peer: { tillId: string; number: number } }
): Promise<{ accountId: number; code: string; amountCents: number }[]> {
	const db = getDb();
	const moved: { accountId: number; code: string; amountCents: number }[] = [];
	for (const movement of ticketBalanceMovements(ticket)) {
		const account = await db.balanceAccounts.where('code').equals(movement.code).first();
		const issue = ticket.issues?.find((item) => item.code === movement.code);
		const accountId =
			account?.id ??
			(await openBalanceAccountWithCode(movement.code, {
				kind: movement.kind,
				customerId,
				validUntil: issue?.validUntil ?? null,
				orderReference: issue?.orderReference ?? ''
			}));
		await db.balanceMovements.add({
			accountId,
			amountCents: movement.amountCents as Cents,
			at: ticket.createdAt,
			...('ticketId' in by ? { ticketId: by.ticketId } : { ticketId: null, peer: by.peer })
		});
		moved.push({ accountId, code: movement.code, amountCents: movement.amountCents });
	}
	return moved;
}

/**
 * Opens, inside the caller's transaction, the account of a voucher, credit note or deposit under
 * `code`: one of this till's (openBalanceAccount), or one another till of the shop issued
 * (docs/replication.md#codes). Its balance starts at zero.
 */
export async function openBalanceAccountWithCode(
	code: string,
	input: {
		kind: BalanceKind;
		customerId: number | null;
		validUntil: string | null;
		orderReference: string;
		loyalty?: BalanceAccountRow['loyalty'];
	}
): Promise<number> {
	return getDb().balanceAccounts.add({
		kind: input.kind,
		code,
		customerId: input.customerId,
		initialCents: 0 as Cents,
		validUntil: input.validUntil,
		orderReference: input.orderReference,
		status: 'active',
		createdAt: new Date().toISOString(),
		lastUsedAt: null,
		...(input.loyalty ? { loyalty: input.loyalty } : {})
	});
}

/** A customer's voucher, deposit or credit note as the customer file lists it (docs/features.md). */
export interface CustomerAccount {
	readonly account: BalanceAccountRow;
	/** When it was paid or issued: its first credit. */
	readonly issuedAt: string;
	readonly issuedCents: Cents;
	readonly balanceCents: Cents;
	readonly status: string;
	/** When it was last spent (a payment drawn on it), null while unused. */
	readonly usedAt: string | null;
}

export async function customerAccounts(
	customerId: number,
	today: string
): Promise<CustomerAccount[]> {
	const db = getDb();
	const accounts = await db.balanceAccounts.where('customerId').equals(customerId).toArray();
	return Promise.all(
		accounts.map(async (account) => {
			const movements = await db.balanceMovements
				.where('accountId')
				.equals(account.id)
				.sortBy('at');
			const issued =
				account.initialCents +
				movements.filter((m) => m.amountCents > 0).reduce((s, m) => s + m.amountCents, 0);
			const balance = account.initialCents + movements.reduce((s, m) => s + m.amountCents, 0);
			return {
				account,
				issuedAt: movements[0]?.at ?? account.createdAt,
				// Read from the movements, not the account's lastUsedAt, which older versions also
				// set on the day it was bought.
				usedAt: movements.filter((m) => m.amountCents < 0).at(-1)?.at ?? null,
				issuedCents: assertCents(issued),
				balanceCents: assertCents(balance),
				status: balanceStatus(account, issued, balance, today)
			};
		})
	);
}

export class NothingToRewardError extends Error {
	constructor(since: string | null) {
		super(
			since
				? `Aucun achat à récompenser depuis le bon de fidélité du ${formatDay(since)}.`
				: 'Aucun achat à récompenser\u00a0: ce client n’a pas encore d’achat.'
		);
		this.name = 'NothingToRewardError';
	}
}

/**
 * The loyalty voucher of a customer for the purchases made since their last one (docs/features.md:
 * period, amount of purchases, voucher amount, validity), within the Loi Lang cap of the
 * customer's status on books. Valid six months. One transaction.
 */
export async function createLoyaltyVoucher(
	customerId: number,
	rateBp: number,
	today: string
): Promise<{ code: string; amountCents: Cents }> {
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.customers,
			db.balanceAccounts,
			db.balanceMovements,
			db.sequences,
			db.tickets,
			db.ticketAmendments,
			db.journal,
			db.chainHeads
		],
		async () => {
			const customer = await db.customers.get(customerId);
			if (!customer) throw new Error('Ce client est introuvable.');
			const previous =
				(await db.balanceAccounts.where('customerId').equals(customerId).toArray())
					.flatMap((a) => (a.loyalty ? [a.loyalty.to] : []))
					.sort()
					.at(-1) ?? null;
			const tickets = (await ticketsOfCustomer(customerId)).filter(
				(t) => (previous === null || t.day > previous) && t.day <= today
			);
			const purchases = tickets.map((ticket) => {
				let bookGrossCents = 0;
				let bookDiscountCents = 0;
				let otherCents = 0;
				for (const line of ticket.lines) {
					if (line.kind === 'livre' || line.kind === 'livre-scolaire') {
						bookGrossCents += line.grossCents;
						bookDiscountCents += line.discountCents;
					} else otherCents += line.ttcCents;
				}
				return { bookGrossCents, bookDiscountCents, otherCents };
			});
			const amountCents = loyaltyVoucherCents(
				purchases,
				rateBp,
				discountCapBp('livre', customer.status) ?? 900
			);
			if (amountCents <= 0) throw new NothingToRewardError(previous);
			const purchasesCents = assertCents(
				tickets.reduce((sum, t) => sum + t.lines.reduce((s, l) => s + l.ttcCents, 0), 0)
			);
			const from = tickets.map((t) => t.day).sort()[0] ?? today;
			const validUntil = addDays(today, 182);
			const loyalty = { from, to: today, purchasesCents };
			const { id, code } = await openBalanceAccount({
				kind: 'gift-voucher',
				customerId,
				validUntil,
				orderReference: '',
				loyalty
			});
			const at = new Date().toISOString();
			await db.balanceMovements.add({ accountId: id, ticketId: null, amountCents, at });
			// All the account says, sealed: a till replaced on a new computer opens it again from
			// here (docs/replication.md#lost-till).
			await addJournalEntry({
				at,
				type: 'loyalty-voucher-issued',
				detail: { customerId, code, amountCents, validUntil, loyalty }
			});
			return { code, amountCents };
		}
	);
}

/**
 * What is left on a deposit whose order will not be collected becomes a credit note in the same
 * customer's name, in one transaction: the deposit is spent to zero, the credit note opened with
 * that amount, the journal says who did it (docs/orders.md#deposits: never lost, never kept).
 */
export async function depositToCreditNote(input: {
	depositCode: string;
	by: string;
	now?: Date;
}): Promise<{ code: string; amountCents: Cents }> {
	const db = getDb();
	const at = (input.now ?? new Date()).toISOString();
	return db.transaction(
		'rw',
		[db.balanceAccounts, db.balanceMovements, db.sequences, db.journal, db.chainHeads],
		async () => {
			const deposit = await db.balanceAccounts.where('code').equals(input.depositCode).first();
			if (!deposit || deposit.kind !== 'deposit') {
				throw new Error(`Acompte n°\u00a0${input.depositCode} introuvable.`);
			}
			const amountCents = await balanceOf(deposit);
			if (amountCents <= 0) {
				throw new Error(`L’acompte n°\u00a0${deposit.code} n’a plus rien à rendre.`);
			}
			await db.balanceMovements.add({
				accountId: deposit.id,
				ticketId: null,
				amountCents: assertCents(-amountCents),
				at
			});
			const { id, code } = await openBalanceAccount({
				kind: 'credit-note',
				customerId: deposit.customerId,
				validUntil: null,
				orderReference: deposit.orderReference
			});
			await db.balanceMovements.add({ accountId: id, ticketId: null, amountCents, at });
			await addJournalEntry({
				at,
				type: 'deposit-to-credit-note',
				detail: { deposit: deposit.code, creditNote: code, amountCents, by: input.by }
			});
			return { code, amountCents };
		}
	);
}
