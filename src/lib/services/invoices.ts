import {
	customerInvoiceDetails,
	type Cents,
	type ChorusStatus,
	type InvoiceDetails,
	type InvoiceDraft,
	type PaymentMethod,
	type Result
} from '$lib/domain';
import * as invoicesDb from '$lib/db/invoice-repository';
import * as chorusDb from '$lib/db/chorus-repository';
import type { InvoiceRow } from '$lib/db/schema';
import { attempt } from './outcome';
import { getCustomer } from '$lib/db/customer-repository';
import { recordReminder, type DueEntry } from '$lib/db/due-repository';
import { getShopSettings } from '$lib/db/settings-repository';

/**
 * Invoices, credit notes and pro forma: issuing them from tickets or from a pro forma, payments
 * received, reminders of what is owed, and the Chorus Pro statuses typed from the portal.
 */
export { invoiceableTickets, invoiceSends } from '$lib/db/invoice-repository';
export {
	getInvoiceView,
	listInvoices,
	type InvoiceListEntry,
	type InvoiceView
} from '$lib/db/invoice-list-repository';
export { chorusWorklist, type WorklistEntry } from '$lib/db/chorus-repository';
export { listDueEntries, type DueEntry } from '$lib/db/due-repository';
export type { ChorusStatusRow, InvoiceRow } from '$lib/db/schema';

/**
 * The reminder letter of an overdue sale or invoice, as a PDF to download; journaled with who
 * made it (docs/invoices.md#reminders).
 */
export function remindCustomer(input: {
	entry: DueEntry;
	by: string;
}): Promise<Result<{ pdf: Blob; fileName: string }>> {
	return attempt(() => writeReminder(input));
}

async function writeReminder(input: { entry: DueEntry; by: string }) {
	const { entry, by } = input;
	const shop = await getShopSettings();
	if (!shop) throw new Error('Renseignez d’abord la boutique dans Paramètres.');
	const customer = entry.customerId === null ? undefined : await getCustomer(entry.customerId);
	const { reminderPdf } = await import('$lib/pdf/invoice-pdf');
	const fileName = `relance-${entry.kind === 'invoice' ? 'facture' : 'ticket'}-${entry.number}.pdf`;
	const pdf = await reminderPdf({
		shop,
		document: entry,
		address: customer ? customerInvoiceDetails(customer).billing : null,
		professional: customer ? customer.status !== 'particulier' || customer.siret !== '' : false,
		printedAt: new Date()
	});
	await recordReminder(entry, by);
	return { pdf, fileName };
}

/** Invoices the chosen tickets of one customer, in one transaction (docs/invoices.md). */
export function invoiceTickets(input: {
	customerId: number;
	ticketIds: readonly number[];
	details: InvoiceDetails;
	by: string;
}): Promise<Result<InvoiceRow>> {
	const { customerId, ticketIds, details, by } = input;
	return attempt(() => invoicesDb.invoiceTickets(customerId, ticketIds, details, by));
}

/** Saves a pro forma (a new one when `id` is null); it takes its number now. */
export function saveProforma(input: {
	id: number | null;
	draft: Omit<InvoiceDraft, 'seller' | 'buyer' | 'buyerStatus'>;
	customerId: number | null;
	by: string;
}): Promise<Result<InvoiceRow>> {
	const { id, draft, customerId, by } = input;
	return attempt(() => invoicesDb.saveProforma(id, draft, customerId, by));
}

/** A pro forma sent to the customer: it can no longer be deleted, only finalized. */
export function markProformaSent(input: { id: number; by: string }): Promise<Result<void>> {
	return attempt(() => invoicesDb.markProformaSent(input.id, input.by));
}

/** Issues the final invoice of a pro forma, numbered in the invoices' series. */
export function finalizeProforma(input: { id: number; by: string }): Promise<Result<InvoiceRow>> {
	return attempt(() => invoicesDb.finalizeProforma(input.id, input.by));
}

/** Deletes a pro forma never sent (its number stays used, journaled). */
export function deleteProforma(input: { id: number; by: string }): Promise<Result<void>> {
	return attempt(() => invoicesDb.deleteProforma(input.id, input.by));
}

/** A credit note for some lines of an invoice (docs/invoices.md#credit-notes). */
export function createCreditNote(input: {
	invoiceId: number;
	selection: readonly { lineIndex: number; quantity: number }[];
	by: string;
}): Promise<Result<InvoiceRow>> {
	const { invoiceId, selection, by } = input;
	return attempt(() => invoicesDb.createCreditNote(invoiceId, selection, by));
}

/** Credits an invoice in full and issues it again with corrected details, in one transaction. */
export function reissueInvoice(input: {
	invoiceId: number;
	details: InvoiceDetails;
	by: string;
}): Promise<Result<{ creditNote: InvoiceRow; invoice: InvoiceRow }>> {
	const { invoiceId, details, by } = input;
	return attempt(() => invoicesDb.reissueInvoice(invoiceId, details, by));
}

/** A payment received on an invoice. */
export function recordInvoicePayment(input: {
	invoiceId: number;
	payment: { day: string; method: PaymentMethod; amountCents: Cents };
	by: string;
}): Promise<Result<void>> {
	const { invoiceId, payment, by } = input;
	return attempt(() => invoicesDb.recordInvoicePayment(invoiceId, payment, by));
}

/** Where and how an invoice was sent (shared, or mailed with its PDF). */
export function recordInvoiceSent(input: {
	invoiceId: number;
	to: string;
	channel: string;
	by: string;
}): Promise<Result<void>> {
	const { invoiceId, to, channel, by } = input;
	return attempt(() => invoicesDb.recordInvoiceSent(invoiceId, { to, channel }, by));
}

/** A status read on Chorus Pro and typed here (docs/invoices.md#chorus-pro). */
export function recordChorusStatus(input: {
	invoiceId: number;
	entry: { status: ChorusStatus; day: string; certificateNumber: string; note: string };
	by: string;
}): Promise<Result<void>> {
	const { invoiceId, entry, by } = input;
	return attempt(() => chorusDb.recordChorusStatus(invoiceId, entry, by));
}
