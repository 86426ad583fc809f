/**
 * Invoices, credit notes and pro forma: issuing them from tickets or from a pro forma, payments
 * received, reminders of what is owed, and the Chorus Pro statuses typed from the portal.
 */
export {
	createCreditNote,
	deleteProforma,
	finalizeProforma,
	invoiceableTickets,
	invoiceSends,
	invoiceTickets,
	markProformaSent,
	recordInvoicePayment,
	recordInvoiceSent,
	reissueInvoice,
	saveProforma
} from '$lib/db/invoice-repository';
export {
	getInvoiceView,
	listInvoices,
	type InvoiceListEntry,
	type InvoiceView
} from '$lib/db/invoice-list-repository';
export { chorusWorklist, recordChorusStatus, type WorklistEntry } from '$lib/db/chorus-repository';
export { listDueEntries, recordReminder, type DueEntry } from '$lib/db/due-repository';
export type { ChorusStatusRow, InvoiceRow } from '$lib/db/schema';
