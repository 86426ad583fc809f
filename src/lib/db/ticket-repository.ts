import {
	addTicketToDay,
	applyLoanReturn,
	applyOrderStep,
	emptyDayTotals,
	formatDay,
	formatEuros,
	parisDay,
	type BalanceKind,
	type Cents,
	type RecordedTicket
} from '$lib/domain';
import { ACCOUNT_KIND_FOR_METHOD, balanceOf, openBalanceAccount } from './balance-repository';
import { getDb, nextInSequence, type ComptoirDb } from './db';
import {
	ticketHead,
	type BalanceIssueRow,
	type DailyTotalsRow,
	type NewTicket,
	type PaymentRow,
	type TicketRow,
	type Unsaved
} from './schema';
import { addJournalEntry, seal } from './chain-repository';
import { loanRow } from './loan-rows';
import { customerOrderRow } from './order-repository';

/** A sale refused inside its transaction (nothing was written). */
export class SaleRejectedError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'SaleRejectedError';
	}
}

export function ticketSequenceName(tillId: string, training: boolean): string {
	return `${training ? 'training' : 'ticket'}:${tillId}`;
}

/**
 * The tables a sale writes. A transaction that records a sale inside itself (a cancellation)
 * opens at least these: Dexie refuses a nested transaction on a table its parent lacks.
 */
export function saleTables(db: ComptoirDb) {
	return [
		db.tickets,
		db.sequences,
		db.stock,
		db.balanceAccounts,
		db.balanceMovements,
		db.dailyTotals,
		db.ticketHeads,
		db.chainHeads,
		db.closings
	];
}

/**
 * Records a sale, a refund or a cancellation in ONE Dexie transaction: the next number of the
 * till's unbroken sequence (never reused, never skipped: the increment commits with the ticket or
 * not at all), the ticket with its lines and payments, stock decrements, the vouchers, credit
 * notes and deposits consumed (each a balance movement, re-checked here), and the day's totals.
 * After that the ticket never changes (CGI art. 286-I-3° bis). Training tickets have their own
 * sequence and touch neither stock, balances nor totals.
 */
export async function recordSale(sale: NewTicket, now = new Date()): Promise<TicketRow> {
	const db = getDb();
	return db.transaction('rw', saleTables(db), async () => {
		const training = sale.training === 1;
		const sequenceName = ticketSequenceName(sale.tillId, training);
		const number = await nextInSequence(sequenceName);
		const day = parisDay(now);
		if (!training) await assertDayOpen(sale.tillId, day);

		if (sale.cancelsTicketId !== null) {
			const original = await db.tickets.get(sale.cancelsTicketId);
			if (!original)
				throw new SaleRejectedError('ORIGINAL_MISSING', 'Le ticket à annuler est introuvable.');
			const already = await db.tickets
				.where('cancelsTicketId')
				.equals(sale.cancelsTicketId)
				.first();
			if (already) {
				throw new SaleRejectedError(
					'ALREADY_CANCELLED',
					`Ce ticket est déjà annulé par le ticket n° ${already.number}.`
				);
			}
		}

		const balanceUses = training ? [] : await checkBalances(sale, day);
		const { issues, payments, movements } = training
			? { issues: sale.issues ?? [], payments: sale.payments, movements: [] }
			: await issueBalances(sale);
		const unsealed: Unsaved<TicketRow> = {
			...sale,
			payments,
			references: [
				...new Set([
					...sale.references,
					...payments.flatMap((p) => (p.reference ? [p.reference] : [])),
					...issues.flatMap((i) => (i.code ? [i.code] : []))
				])
			],
			number,
			createdAt: now.toISOString(),
			day,
			...(issues.length > 0 ? { issues } : {})
		};
		// Training tickets have their own chain and never mix with real sales.
		const ticket = await seal(training ? 'training-tickets' : 'tickets', unsealed);
		const id = await db.tickets.add(ticket);
		await db.ticketHeads.add(ticketHead({ ...ticket, id }));
		for (const use of [...balanceUses, ...movements]) {
			await db.balanceMovements.add({
				accountId: use.accountId,
				ticketId: id,
				amountCents: use.amountCents,
				at: ticket.createdAt
			});
		}
		// Spent on this sale: a voucher or deposit just bought is not « used » (docs/features.md).
		for (const use of balanceUses) {
			await db.balanceAccounts.update(use.accountId, { lastUsedAt: ticket.createdAt });
		}
		if (!training) {
			await decrementStock(sale);
			await addToDailyTotals(ticket);
		}
		return { ...ticket, id };
	});
}

/**
 * Vouchers and deposits bought on the ticket get their code and their account; a refund paid as
 * a credit note ("avoir" with no code) issues one; a cancellation takes back what its original
 * issued, provided nothing of it was spent. All inside the sale's transaction.
 */
async function issueBalances(sale: NewTicket) {
	const db = getDb();
	const created: { accountId: number; amountCents: Cents }[] = [];
	const movements: { accountId: number; amountCents: Cents }[] = [];
	const open = async (
		kind: BalanceKind,
		amountCents: Cents,
		validUntil: string | null,
		orderReference: string
	) => {
		const { id, code } = await openBalanceAccount({
			kind,
			customerId: sale.customerId,
			validUntil,
			orderReference
		});
		created.push({ accountId: id, amountCents });
		return code;
	};
	const issues: BalanceIssueRow[] = [];
	for (const issue of sale.issues ?? []) {
		if (issue.amountCents > 0) {
			const code = await open(
				issue.kind,
				issue.amountCents,
				issue.validUntil,
				issue.orderReference
			);
			issues.push({ ...issue, code });
			continue;
		}
		const account = issue.code
			? await db.balanceAccounts.where('code').equals(issue.code).first()
			: undefined;
		if (!account?.id) {
			throw new SaleRejectedError('BALANCE_UNKNOWN', `Code ${issue.code ?? ''} inconnu.`);
		}
		const left = await balanceOf(account);
		if (left < -issue.amountCents) {
			throw new SaleRejectedError(
				'BALANCE_SPENT',
				`${issue.code} a déjà servi (reste ${formatEuros(left)})\u00a0: il ne peut plus être repris en entier.`
			);
		}
		movements.push({ accountId: account.id, amountCents: issue.amountCents });
		issues.push(issue);
	}
	const payments: PaymentRow[] = [];
	for (const payment of sale.payments) {
		if (payment.method === 'avoir' && payment.amountCents < 0 && !payment.reference) {
			const code = await open('credit-note', -payment.amountCents as Cents, null, '');
			payments.push({ ...payment, reference: code });
		} else payments.push(payment);
	}
	// Opening credits are movements linked to the ticket, like every other change of a balance.
	movements.push(...created);
	return { issues, payments, movements };
}

async function checkBalances(sale: NewTicket, day: string) {
	const db = getDb();
	const uses: { accountId: number; amountCents: Cents }[] = [];
	for (const payment of sale.payments) {
		const kind = ACCOUNT_KIND_FOR_METHOD[payment.method];
		if (!kind || !payment.reference) continue; // a refund as a new credit note: issued below
		const account = await db.balanceAccounts.where('code').equals(payment.reference).first();
		if (!account?.id || account.kind !== kind) {
			throw new SaleRejectedError('BALANCE_UNKNOWN', `Code ${payment.reference} inconnu.`);
		}
		if (payment.amountCents > 0) {
			if (account.validUntil && account.validUntil < day) {
				throw new SaleRejectedError(
					'BALANCE_EXPIRED',
					`${payment.reference} n’est plus valable depuis le ${formatDay(account.validUntil)}.`
				);
			}
			// Earlier tenders of this ticket on the same code count as already spent (their uses are negative).
			const balance =
				(await balanceOf(account)) +
				uses.filter((u) => u.accountId === account.id).reduce((sum, u) => sum + u.amountCents, 0);
			if (payment.amountCents > balance) {
				throw new SaleRejectedError(
					'BALANCE_EXCEEDED',
					`Solde insuffisant sur ${payment.reference}\u00a0: ${formatEuros(balance)} disponibles.`
				);
			}
		}
		uses.push({ accountId: account.id, amountCents: -payment.amountCents as Cents });
	}
	return uses;
}

/**
 * Takes the sold quantities off the stock (a refund's negative quantities put them back): small
 * StockRows, not the article records and their index entries (schema.ts StockRow).
 */
export async function decrementStock(sale: Pick<NewTicket, 'lines'>) {
	const db = getDb();
	const sold = new Map<string, number>();
	for (const line of sale.lines) {
		if (line.ean) sold.set(line.ean, (sold.get(line.ean) ?? 0) + line.quantity);
	}
	const eans = [...sold.keys()];
	if (eans.length === 0) return;
	const current = await db.stock.bulkGet(eans);
	await db.stock.bulkPut(
		eans.map((ean, i) => ({
			ean,
			quantity: (current[i]?.quantity ?? 0) - (sold.get(ean) ?? 0)
		}))
	);
}

/**
 * Daily aggregates written with the sale, so month and year reports read 31 or 366 rows; the
 * integrity check and the closings recompute them from the sealed tickets (addTicketToDay).
 */
export async function addToDailyTotals(ticket: RecordedTicket) {
	await addTicketsToDailyTotals([ticket]);
}

/** The same for several tickets, one read and one write per till and day (a history coming back). */
export async function addTicketsToDailyTotals(tickets: readonly RecordedTicket[]) {
	const db = getDb();
	const days = new Map<string, DailyTotalsRow>();
	for (const ticket of tickets) {
		const key = `${ticket.tillId}|${ticket.day}`;
		const current: DailyTotalsRow = days.get(key) ??
			(await db.dailyTotals.get([ticket.tillId, ticket.day])) ?? {
				tillId: ticket.tillId,
				...(emptyDayTotals(ticket.day) as Omit<DailyTotalsRow, 'tillId'>)
			};
		// The row's till rides along: addTicketToDay keeps every member it does not add to.
		days.set(key, addTicketToDay(current, ticket) as DailyTotalsRow);
	}
	for (const row of days.values()) await db.dailyTotals.put(row);
}

/**
 * A sale rung up at the till: recorded, and the sale kept on disk while it was being rung up
 * (the cart draft) removed in the same transaction. A crash right after the commit then never
 * brings the recorded sale back on screen to be rung up twice.
 */
export async function recordTillSale(
	sale: NewTicket,
	now = new Date(),
	collections: readonly OrderCollection[] = [],
	loanKeeps: readonly LoanKeep[] = []
): Promise<TicketRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[...saleTables(db), db.settings, db.customerOrders, db.loans, db.journal],
		async () => {
			const ticket = await recordSale(sale, now);
			// Copies of customer orders sold on this ticket become « retirée » with it, and copies
			// kept from a loan are sold with it, or the sale is not recorded at all (docs/orders.md).
			if (sale.training === 0) {
				for (const collection of collections) await collect(collection, ticket, now);
				for (const keep of loanKeeps) await sellKept(keep, ticket, now);
			}
			await db.settings.delete('cart-draft');
			return ticket;
		}
	);
}

/** Copies of a customer order's line sold at the till. */
export interface OrderCollection {
	readonly orderId: number;
	readonly line: number;
	readonly quantity: number;
}

async function collect(collection: OrderCollection, ticket: TicketRow, now: Date): Promise<void> {
	const db = getDb();
	const order = await db.customerOrders.get(collection.orderId);
	if (!order) {
		throw new SaleRejectedError('ORDER_UNKNOWN', 'La commande de ce livre est introuvable.');
	}
	const next = applyOrderStep(
		order,
		{ kind: 'collect', line: collection.line, quantity: collection.quantity },
		{ at: now.toISOString(), day: ticket.day, by: ticket.cashier }
	);
	if (!next.ok) {
		throw new SaleRejectedError(
			next.error.code,
			`Commande n°\u00a0${order.number}\u00a0: ${next.error.message}`
		);
	}
	await db.customerOrders.put({ ...customerOrderRow(next.value), id: order.id });
	await addJournalEntry({
		at: now.toISOString(),
		type: 'order-step',
		detail: { orderId: order.id, number: order.number, step: 'collect', ticketId: ticket.id }
	});
}

/** Copies of a loan's line the borrower keeps, sold at the till. */
export interface LoanKeep {
	readonly loanId: number;
	readonly line: number;
	readonly quantity: number;
}

async function sellKept(keep: LoanKeep, ticket: TicketRow, now: Date): Promise<void> {
	const db = getDb();
	const loan = await db.loans.get(keep.loanId);
	if (!loan) throw new SaleRejectedError('LOAN_UNKNOWN', 'Le prêt de ce livre est introuvable.');
	const next = applyLoanReturn(
		loan,
		{
			lines: [{ line: keep.line, returned: 0, kept: keep.quantity }],
			sale: { kind: 'ticket', id: ticket.id, number: String(ticket.number) }
		},
		{ at: now.toISOString(), day: ticket.day, by: ticket.cashier }
	);
	if (!next.ok) {
		throw new SaleRejectedError(
			next.error.code,
			`Prêt n°\u00a0${loan.number}\u00a0: ${next.error.message}`
		);
	}
	await db.loans.put({ ...loanRow(next.value), id: loan.id });
	await addJournalEntry({
		at: now.toISOString(),
		type: 'loan-return',
		detail: { loanId: loan.id, number: loan.number, ticketId: ticket.id }
	});
}

/** Whether the day's Z closing is made: such a day takes no sale (BOI-TVA-DECLA-30-10-30). */
export async function isDayClosed(tillId: string, day: string): Promise<boolean> {
	const closings = await getDb()
		.closings.where('[tillId+kind+periodStart]')
		.equals([tillId, 'day', day])
		.count();
	return closings > 0;
}

/** Inside the sale's transaction: a closed day accepts no sale (BOI-TVA-DECLA-30-10-30). */
async function assertDayOpen(tillId: string, day: string): Promise<void> {
	if (await isDayClosed(tillId, day)) {
		throw new SaleRejectedError(
			'DAY_CLOSED',
			`La journée du ${formatDay(day)} est clôturée\u00a0: aucune vente ne peut plus y être enregistrée.`
		);
	}
}

export async function getTicket(id: number): Promise<TicketRow | undefined> {
	return getDb().tickets.get(id);
}

/** The number this till's next real ticket will take (its sequence, as recordSale draws it). */
export async function nextTicketNumber(tillId: string): Promise<number> {
	return ((await getDb().sequences.get(ticketSequenceName(tillId, false)))?.last ?? 0) + 1;
}

/** The latest ticket of a till (for "Réimprimer le dernier ticket"). */
export async function lastTicket(tillId: string): Promise<TicketRow | undefined> {
	return getDb()
		.tickets.where('[tillId+training+number]')
		.between([tillId, 0, 0], [tillId, 0, Infinity])
		.last();
}

/** Tickets of a till recorded since an instant (for the X report of the open session). */
export async function ticketsSince(tillId: string, since: string): Promise<TicketRow[]> {
	const db = getDb();
	const fromDay = parisDay(new Date(since));
	const rows = await db.tickets
		.where('[tillId+day]')
		.between([tillId, fromDay], [tillId, '\uffff'])
		.toArray();
	return rows.filter((ticket) => ticket.createdAt >= since && ticket.training === 0);
}

/**
 * Which print of the ticket the next one will be: 0 for the original, n for DUPLICATA n°n. Read
 * before printing, written by registerTicketPrint only once the printer has taken the receipt.
 */
export async function nextTicketPrintNumber(ticketId: number): Promise<number> {
	return getDb().reprints.where('[documentType+documentId]').equals(['ticket', ticketId]).count();
}

/**
 * Records a print of a ticket and says which it is: 0 for the original, n for DUPLICATA n°n.
 * Every print is its own record (count 0 = original) and each duplicate is journaled
 * (CGI art. 286-I-3° bis; NF525: every duplicate is numbered and journaled). Gift receipts, which
 * show no price, are journaled but are not duplicates of the ticket.
 */
export async function registerTicketPrint(
	ticketId: number,
	kind: 'ticket' | 'gift' = 'ticket',
	now = new Date()
): Promise<number> {
	const db = getDb();
	return db.transaction('rw', [db.reprints, db.journal, db.chainHeads], async () => {
		const at = now.toISOString();
		if (kind === 'gift') {
			await addJournalEntry({ at, type: 'gift-receipt-printed', detail: { ticketId } });
			return 0;
		}
		const count = await db.reprints
			.where('[documentType+documentId]')
			.equals(['ticket', ticketId])
			.count();
		await db.reprints.add(
			await seal('reprints', { documentType: 'ticket', documentId: ticketId, count, at })
		);
		await addJournalEntry({
			at,
			type: count === 0 ? 'ticket-printed' : 'ticket-reprinted',
			detail: { ticketId, duplicate: count }
		});
		return count;
	});
}
