import {
	creditedQuantities,
	dueState,
	isChorusBuyer,
	type DueState,
	type InvoiceAccount
} from '$lib/domain';
import { getDb } from './db';
import type { ChorusStatusRow, CustomerRow, InvoicePaymentRow, InvoiceRow } from './schema';
import { invoiceBalance } from './invoice-balance-repository';
/** The invoices as the Factures screens list and show them, with what is owed on each. */

export interface InvoiceListEntry {
	readonly invoice: InvoiceRow;
	readonly customerName: string;
	/** What the invoice asks to be paid (EN 16931 BT-115: nothing for a paid ticket). */
	readonly dueCents: number;
	readonly leftCents: number;
	/** Where its payment stands, for an invoice (null for pro forma and credit notes). */
	readonly due: { readonly state: DueState; readonly daysLate: number } | null;
	readonly chorus: ChorusStatusRow | null;
	/** A public buyer: the invoice goes through Chorus Pro. */
	readonly forChorus: boolean;
}

/** Every invoice, pro forma and credit note, newest first, with where each one stands. */
export async function listInvoices(today: string): Promise<InvoiceListEntry[]> {
	const db = getDb();
	return db.transaction(
		'r',
		[db.invoices, db.invoicePayments, db.chorusStatuses, db.ticketAmendments],
		async () => {
			const [invoices, payments, statuses, settlements] = await Promise.all([
				db.invoices.toArray(),
				db.invoicePayments.toArray(),
				db.chorusStatuses.orderBy('at').toArray(),
				db.ticketAmendments.where('settledDay').above('').toArray()
			]);
			const latest = new Map(statuses.map((row) => [row.invoiceId, row]));
			const creditNotes = invoices.filter((row) => row.kind === 'credit-note');
			return invoices
				.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id ?? 0) - (a.id ?? 0))
				.map((invoice) => {
					const own = payments.filter((row) => row.invoiceId === invoice.id);
					const balance = invoiceBalance(invoice, own, settlements, creditNotes);
					return {
						invoice,
						customerName: invoice.document.buyer?.name ?? '',
						dueCents: balance.dueCents,
						leftCents: balance.leftCents,
						due:
							invoice.kind === 'invoice'
								? dueState(balance.account, invoice.dueDate?.slice(0, 10) ?? null, today)
								: null,
						chorus: latest.get(invoice.id) ?? null,
						forChorus: invoice.kind !== 'proforma' && isChorusBuyer(invoice.document.buyer)
					};
				});
		}
	);
}

export interface InvoiceView {
	readonly invoice: InvoiceRow;
	readonly customer: CustomerRow | null;
	readonly statuses: readonly ChorusStatusRow[];
	readonly payments: readonly InvoicePaymentRow[];
	readonly account: InvoiceAccount;
	readonly receivedCents: number;
	readonly dueCents: number;
	readonly creditedCents: number;
	readonly leftCents: number;
	/** Credit notes made on this invoice, and the invoice a credit note credits. */
	readonly creditNotes: readonly InvoiceRow[];
	readonly credited: InvoiceRow | null;
	/** Quantities already credited per line of this invoice. */
	readonly creditedQuantities: ReadonlyMap<number, number>;
	readonly forChorus: boolean;
}

export async function getInvoiceView(id: number): Promise<InvoiceView | null> {
	const db = getDb();
	return db.transaction(
		'r',
		[
			db.invoices,
			db.customers,
			db.chorusStatuses,
			db.invoicePayments,
			db.ticketAmendments,
			db.tickets
		],
		async () => {
			const invoice = await db.invoices.get(id);
			if (!invoice) return null;
			const [customer, statuses, payments, creditNotes, credited, settlements] = await Promise.all([
				invoice.customerId === null ? undefined : db.customers.get(invoice.customerId),
				db.chorusStatuses.where('invoiceId').equals(id).sortBy('at'),
				db.invoicePayments.where('invoiceId').equals(id).sortBy('day'),
				db.invoices.where('creditedInvoiceId').equals(id).toArray(),
				invoice.creditedInvoiceId === null ? undefined : db.invoices.get(invoice.creditedInvoiceId),
				invoice.ticketIds.length > 0
					? db.ticketAmendments.where('ticketId').anyOf(invoice.ticketIds).toArray()
					: []
			]);
			return {
				invoice,
				customer: customer ?? null,
				statuses,
				payments,
				...invoiceBalance(invoice, payments, settlements, creditNotes),
				creditNotes,
				credited: credited ?? null,
				creditedQuantities: creditedQuantities(creditNotes),
				forChorus: invoice.kind !== 'proforma' && isChorusBuyer(invoice.document.buyer)
			};
		}
	);
}
