import { customerInvoiceDetails } from '$lib/domain';
import { getCustomer } from '$lib/db/customer-repository';
import { recordReminder, type DueEntry } from '$lib/db/due-repository';
import { getShopSettings } from '$lib/db/settings-repository';

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
export { listDueEntries, type DueEntry } from '$lib/db/due-repository';
export type { ChorusStatusRow, InvoiceRow } from '$lib/db/schema';

/**
 * The reminder letter of an overdue sale or invoice, as a PDF to download; journaled with who
 * made it (docs/invoices.md#reminders).
 */
export async function remindCustomer(input: {
	entry: DueEntry;
	by: string;
}): Promise<{ pdf: Blob; fileName: string }> {
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
