import {
	creditedQuantities,
	currentCustomerId,
	currentInvoiceOf,
	deferredCents,
	formatDay,
	invertRecordedTicket,
	invoiceDocumentFromTickets,
	type InvoiceDetails,
	type Cents,
	type PaymentMethod,
	type TicketAmendment
} from '$lib/domain';
import { invoiceBuyerOf } from './customer-repository';
import { getDb } from './db';
import { ticketAnnotations } from './ticket-browse-repository';
import type { InvoiceRow, NewTicket, TicketRow } from './schema';
import { recordSale, saleTables, SaleRejectedError } from './ticket-repository';
import { issueCreditNote, issueInvoice } from './invoice-repository';
import { addJournalEntry } from './chain-repository';

/**
 * Changes made to a recorded ticket from "Gérer le ticket" (docs/features.md). The ticket row is never
 * written again (CGI art. 286-I-3° bis): each change is a dated amendment naming who made it; a
 * cancellation is a new inverse ticket; an invoice is a new record in its continuous series.
 */

async function addAmendment(
	ticketId: number,
	amendment: TicketAmendment,
	by: string,
	now: Date
): Promise<void> {
	const db = getDb();
	if (!(await db.tickets.get(ticketId))) {
		throw new SaleRejectedError('TICKET_MISSING', 'Ce ticket est introuvable.');
	}
	await db.ticketAmendments.add({ ...amendment, ticketId, by, at: now.toISOString() });
	await addJournalEntry({
		at: now.toISOString(),
		type: `ticket-${amendment.kind}`,
		detail: { ticketId, by }
	});
}

/** "Attacher un client ou le changer" (null detaches). */
export async function attachCustomerToTicket(
	ticketId: number,
	customerId: number | null,
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.tickets, db.ticketAmendments, db.journal, db.chainHeads], () =>
		addAmendment(ticketId, { kind: 'customer', customerId }, by, now)
	);
}

/**
 * "Enregistrer le règlement" of a ticket left to pay at a due date ("en compte"): the day it was
 * paid, which is its cashing day under VAT on receipts (docs/features.md), and how.
 */
export async function recordSettlement(
	ticketId: number,
	settlement: { settledDay: string; method: Exclude<PaymentMethod, 'en-compte'> },
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.tickets, db.ticketAmendments, db.journal, db.chainHeads],
		async () => {
			const ticket = await db.tickets.get(ticketId);
			const due = deferredCents(ticket?.payments ?? []);
			if (!ticket || !due) {
				throw new SaleRejectedError('NOTHING_DUE', 'Ce ticket n’a rien à régler à échéance.');
			}
			const annotations = await ticketAnnotations(ticketId);
			if (annotations.settledDay) {
				throw new SaleRejectedError(
					'ALREADY_SETTLED',
					`Ce ticket est déjà réglé (le ${formatDay(annotations.settledDay)}).`
				);
			}
			if (settlement.settledDay < ticket.day) {
				throw new SaleRejectedError(
					'SETTLED_BEFORE_SALE',
					'Le règlement ne peut pas précéder la vente.'
				);
			}
			await addAmendment(
				ticketId,
				{ kind: 'settlement', ...settlement, amountCents: due },
				by,
				now
			);
		}
	);
}

/** "Enregistrer une note interne": shown on the ticket's invoice. */
export async function saveTicketNote(
	ticketId: number,
	note: string,
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.tickets, db.ticketAmendments, db.journal, db.chainHeads], () =>
		addAmendment(ticketId, { kind: 'note', note: note.trim().slice(0, 1000) }, by, now)
	);
}

export interface SavedInvoiceDetails {
	/** The invoice made by this save, or null when the ticket already had one. */
	readonly created: InvoiceRow | null;
	readonly invoice: InvoiceRow;
}

/**
 * "Enregistrer et créer une facture" (docs/features.md): records the billing and delivery addresses
 * and the customer's references, and issues the ticket's invoice with the next number of the
 * continuous series if it has none (CGI ann. II art. 242 nonies A). All in one transaction.
 * An invoice once issued is never changed: a later save records the new details only.
 */
export async function saveInvoiceDetails(
	ticketId: number,
	{ dueDay, ...details }: InvoiceDetails,
	by: string,
	now = new Date()
): Promise<SavedInvoiceDetails> {
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.tickets,
			db.ticketAmendments,
			db.journal,
			db.chainHeads,
			db.invoices,
			db.sequences,
			db.customers,
			db.settings
		],
		async () => {
			const ticket = await db.tickets.get(ticketId);
			if (!ticket) throw new SaleRejectedError('TICKET_MISSING', 'Ce ticket est introuvable.');
			if (ticket.training === 1) {
				throw new SaleRejectedError(
					'TRAINING_INVOICE',
					'Un ticket de formation ne donne pas lieu à une facture.'
				);
			}
			if (ticket.cancelsTicketId !== null) {
				throw new SaleRejectedError(
					'CANCELLATION_INVOICE',
					'Un ticket d’annulation ne se facture pas\u00a0: son avoir est fait à l’annulation.'
				);
			}
			await addAmendment(ticketId, { kind: 'invoice-details', ...details }, by, now);
			const existing = currentInvoiceOf(
				await db.invoices.where('ticketIds').equals(ticketId).toArray()
			);
			if (existing) return { created: null, invoice: existing };
			const row = await db.settings.get('shop');
			const shop = row?.key === 'shop' ? row.value : undefined;
			if (!shop) {
				throw new SaleRejectedError(
					'SHOP_MISSING',
					'Renseignez d’abord la boutique dans Paramètres\u00a0: elle figure sur la facture.'
				);
			}
			const annotations = await ticketAnnotations(ticketId);
			const customerId = currentCustomerId(ticket, annotations);
			const customer = customerId === null ? undefined : await db.customers.get(customerId);
			const document = invoiceDocumentFromTickets({
				seller: shop,
				buyer: invoiceBuyerOf(customer),
				billing: details.billing,
				delivery: details.delivery,
				references: details.references,
				note: annotations.note,
				tickets: [{ ...ticket, id: ticketId }]
			});
			const invoice = await issueInvoice(
				{
					document: { ...document, dueDate: dueDay ?? document.dueDate },
					customerId,
					ticketIds: [ticketId]
				},
				customer,
				now
			);
			await addJournalEntry({
				at: now.toISOString(),
				type: 'invoice-issued',
				detail: { invoiceId: invoice.id, number: invoice.number, ticketId, by }
			});
			return { created: invoice, invoice };
		}
	);
}

export interface CancelledTicket {
	readonly cancellation: TicketRow;
	/** The credit note (avoir) issued when the cancelled ticket had an invoice. */
	readonly creditNote: InvoiceRow | null;
}

/**
 * "Annuler le ticket" (docs/features.md, docs/rules.md#till-law): records on this till the inverse ticket,
 * "Ce ticket annule le ticket n° …", paid back with the same payment types; stock, vouchers and
 * the day's totals return to where they were. An invoiced ticket also gets its credit note,
 * citing the invoice's number and date (docs/rules.md#invoices). One transaction: all of it or nothing.
 */
export async function cancelTicket(
	ticketId: number,
	tillId: string,
	cashier: string,
	now = new Date(),
	refund: 'same-methods' | 'credit-note' = 'same-methods'
): Promise<CancelledTicket> {
	const db = getDb();
	return db.transaction(
		'rw',
		[
			...saleTables(db),
			db.invoices,
			db.invoicePayments,
			db.ticketAmendments,
			db.settings,
			db.journal
		],
		async () => {
			const original = await db.tickets.get(ticketId);
			if (!original) throw new SaleRejectedError('TICKET_MISSING', 'Ce ticket est introuvable.');
			if (original.cancelsTicketId !== null) {
				throw new SaleRejectedError(
					'CANCEL_CANCELLATION',
					'Un ticket d’annulation ne s’annule pas\u00a0: repassez les articles en caisse.'
				);
			}
			const annotations = await ticketAnnotations(ticketId);
			const inverse = invertRecordedTicket(original);
			// Vouchers and deposits bought on it are taken back (refused if already spent).
			const issues = (original.issues ?? []).map((issue) => ({
				...issue,
				amountCents: -issue.amountCents as Cents
			}));
			const refunded = inverse.payments.reduce((sum, p) => sum + p.amountCents, 0) as Cents;
			// "Rembourser en avoir": the whole refund becomes a new credit note for the customer.
			const payments =
				refund === 'credit-note' && refunded < 0
					? [{ method: 'avoir' as const, amountCents: refunded, reference: null }]
					: inverse.payments;
			const newTicket: NewTicket = {
				tillId,
				cashier,
				customerId: currentCustomerId(original, annotations),
				customerStatus: original.customerStatus,
				lines: inverse.lines,
				ticketDiscount: original.ticketDiscount,
				rates: inverse.rates,
				totalCents: inverse.totalCents,
				payments,
				changeCents: inverse.changeCents,
				...(issues.length > 0 ? { issues } : {}),
				dueDate: null,
				cancelsTicketId: ticketId,
				references: original.references,
				training: original.training,
				note: `Ce ticket annule le ticket n° ${original.number}`
			};
			const cancellation = await recordSale(newTicket, now);
			await addJournalEntry({
				at: now.toISOString(),
				type: 'ticket-cancelled',
				detail: { ticketId, cancellationId: cancellation.id, by: cashier }
			});
			const invoice = currentInvoiceOf(
				await db.invoices.where('ticketIds').equals(ticketId).toArray()
			);
			if (!invoice) return { cancellation, creditNote: null };
			const issued = invoice.document;
			// The invoice's lines are its tickets' lines one after the other: where this one's start.
			const position = issued.tickets.findIndex((t) => t.id === ticketId);
			const before = await db.tickets.bulkGet(issued.tickets.slice(0, position).map((t) => t.id));
			const offset = before.reduce((count, t) => count + (t?.lines.length ?? 0), 0);
			const earlier = await db.invoices.where('creditedInvoiceId').equals(invoice.id).toArray();
			const credited = creditedQuantities(earlier);
			if (original.lines.some((_line, k) => credited.has(offset + k))) {
				throw new SaleRejectedError(
					'ALREADY_CREDITED',
					`Un avoir a déjà été fait sur ce ticket (facture n° ${invoice.number})\u00a0: faites un avoir sur le reste depuis la facture.`
				);
			}
			const creditDocument = invoiceDocumentFromTickets({
				...issued,
				tickets: [{ ...cancellation, id: cancellation.id }]
			});
			const document = {
				...creditDocument,
				lines: creditDocument.lines.map((line, k) => ({ ...line, creditedLine: offset + k })),
				creditedInvoice: { number: invoice.number, issueDate: invoice.issueDate }
			};
			const creditNote = await issueCreditNote(invoice, document, [cancellation.id], cashier, now);
			return { cancellation, creditNote };
		}
	);
}
