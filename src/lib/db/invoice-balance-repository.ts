import {
	amountOwed,
	creditedCents,
	dueState,
	type DueState,
	type InvoiceAccount
} from '$lib/domain';
import { getDb } from './db';
import type { InvoicePaymentRow, InvoiceRow, TicketAmendmentRow } from './schema';

/**
 * What is owed on each invoice: its total less the credit notes and payments recorded against it
 * (domain invoice-account.ts), read for one invoice or for a list at once.
 */

/**
 * Where an invoice's payment stands (docs/invoices.md#what-is-owed): what it asked at issue (EN
 * 16931 BT-115: nothing for a ticket paid at the counter), what its credit notes took back, what
 * was received since (its tickets settled at their due date, payments recorded on it), and what
 * is still owed.
 */
export interface InvoiceBalance {
	readonly account: InvoiceAccount;
	readonly dueCents: number;
	readonly creditedCents: number;
	readonly receivedCents: number;
	readonly leftCents: number;
}

export function invoiceBalance(
	invoice: InvoiceRow,
	payments: readonly InvoicePaymentRow[],
	settlements: readonly TicketAmendmentRow[],
	creditNotes: readonly InvoiceRow[]
): InvoiceBalance {
	if (invoice.kind !== 'invoice') {
		const account = { totalCents: 0, paidAtIssueCents: 0, credits: [], receivedCents: 0 };
		return { account, dueCents: 0, creditedCents: 0, receivedCents: 0, leftCents: 0 };
	}
	const settled = settlements
		.filter((row) => invoice.ticketIds.includes(row.ticketId))
		.reduce((sum, row) => sum + (row.kind === 'settlement' ? row.amountCents : 0), 0);
	const received = payments.reduce((sum, row) => sum + row.amountCents, settled);
	const account: InvoiceAccount = {
		totalCents: invoice.document.totalCents,
		paidAtIssueCents: invoice.document.paidCents,
		credits: creditNotes
			.filter((note) => note.kind === 'credit-note' && note.creditedInvoiceId === invoice.id)
			.map(creditOf),
		receivedCents: received
	};
	return {
		account,
		dueCents: account.totalCents - account.paidAtIssueCents,
		creditedCents: creditedCents(account),
		receivedCents: received,
		leftCents: Math.max(0, amountOwed(account))
	};
}

/**
 * A credit note's part of an account: its amount, and what of it was paid back (a cancelled
 * ticket's refund) or carried to a replacing invoice, kept as a negative « paid » on it.
 */
export function creditOf(note: InvoiceRow): { amountCents: number; repaidCents: number } {
	return {
		amountCents: Math.abs(note.document.totalCents),
		repaidCents: Math.abs(Math.min(0, note.document.paidCents))
	};
}

/**
 * The balances of some invoices, read inside the caller's transaction: their payments, their
 * tickets' settlements and their credit notes, in three reads whatever their number.
 */
export async function balancesOf(
	invoices: readonly InvoiceRow[]
): Promise<Map<number, InvoiceBalance>> {
	const db = getDb();
	const ids = invoices.map((row) => row.id);
	const ticketIds = invoices.flatMap((row) => row.ticketIds);
	const [payments, settlements, creditNotes] = await Promise.all([
		db.invoicePayments.where('invoiceId').anyOf(ids).toArray(),
		ticketIds.length > 0 ? db.ticketAmendments.where('ticketId').anyOf(ticketIds).toArray() : [],
		db.invoices.where('creditedInvoiceId').anyOf(ids).toArray()
	]);
	return new Map(
		invoices.map((invoice) => [
			invoice.id,
			invoiceBalance(
				invoice,
				payments.filter((row) => row.invoiceId === invoice.id),
				settlements,
				creditNotes
			)
		])
	);
}

/** One invoice's balance, read inside the caller's transaction. */
export async function balanceOf(invoice: InvoiceRow): Promise<InvoiceBalance> {
	return (await balancesOf([invoice])).get(invoice.id) as InvoiceBalance;
}

/** What each of some invoices still owes and where it stands, e.g. those of a customer file. */
export async function invoiceStandings(
	invoices: readonly InvoiceRow[],
	today: string
): Promise<Map<number, { leftCents: number; state: DueState; daysLate: number }>> {
	const balances = await balancesOf(invoices.filter((row) => row.kind === 'invoice'));
	const standings = new Map<number, { leftCents: number; state: DueState; daysLate: number }>();
	for (const invoice of invoices) {
		const balance = balances.get(invoice.id);
		if (!balance) continue;
		const due = dueState(balance.account, invoice.dueDate?.slice(0, 10) ?? null, today);
		standings.set(invoice.id, { leftCents: balance.leftCents, ...due });
	}
	return standings;
}
