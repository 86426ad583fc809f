import {
	assertCents,
	checkCredit,
	checkPayment,
	checkReissue,
	creditedQuantities,
	dueDayAfter,
	issueBlockers,
	parisDay,
	termDaysOf,
	type InvoiceDetails,
	type IssuedDocument,
	creditNoteDocument,
	reissueDocuments,
	currentCustomerId,
	foldAmendments,
	invoiceDocumentFromDraft,
	invoiceDocumentFromTickets,
	type Cents,
	type InvoiceDraft,
	type PaymentMethod
} from '$lib/domain';
import { invoiceBuyerOf } from './customer-repository';
import { getDb, nextInSequence } from './db';
import type { CustomerRow, InvoiceRow, TicketRow, Unsaved } from './schema';
import { SaleRejectedError } from './ticket-repository';
import { syncingTill } from './catalogue-sync';
import { journal, seal } from './chain-repository';
import { balanceOf, creditOf } from './invoice-balance-repository';

/**
 * The invoices module (docs/features.md): pro forma documents (PF-n, editable, deletable),
 * final invoices numbered in one continuous series, credit notes (AV-n) citing their invoice,
 * payments received, and the Chorus Pro statuses typed by hand. A final invoice is never written
 * again; each later fact is its own record, and every change is journaled with who made it.
 */

export class InvoiceRejectedError extends SaleRejectedError {}

/** Refuses an invoice action with its French reason; nothing of it is written. */
export function reject(code: string, message: string): never {
	throw new InvoiceRejectedError(code, message);
}

/** The shop's settings, or the refusal: `document` (« la facture », « le devis ») names them. */
export async function shopOrReject(document = 'la facture') {
	const row = await getDb().settings.get('shop');
	if (row?.key !== 'shop') {
		reject(
			'SHOP_MISSING',
			`Renseignez d’abord la boutique dans Paramètres\u00a0: elle figure sur ${document}.`
		);
	}
	return row.value;
}

/**
 * The next number of a series, inside the caller's transaction (with `sequences` and `settings`):
 * « 12 », « AV-3 ». When the shop has several tills each keeps its own continuous series, its id
 * first, « CAISSE2-12 », « CAISSE2-AV-3 », so that two tills never give one number twice
 * (CGI ann. II art. 242 nonies A: continuous series, several allowed; docs/replication.md#invoices).
 */
async function nextDocumentNumber(series: 'invoice' | 'credit-note'): Promise<string> {
	const tillId = await syncingTill();
	const next = await nextInSequence(tillId ? `${series}:${tillId}` : series);
	const number = series === 'invoice' ? String(next) : `AV-${next}`;
	return tillId ? `${tillId}-${number}` : number;
}

/**
 * Gives a final invoice its number and records it, once nothing blocks it
 * (docs/invoices.md#checked-before-numbering). The number is drawn inside the caller's
 * transaction: a refusal aborts it, so the series keeps no gap. A document asking for payment
 * without a due date gets the customer's payment term from today.
 */
export async function issueInvoice(
	draft: {
		readonly document: IssuedDocument;
		readonly customerId: number | null;
		readonly ticketIds: readonly number[];
		readonly replacesInvoiceId?: number;
	},
	customer: CustomerRow | undefined,
	now: Date
): Promise<InvoiceRow> {
	const today = parisDay(now);
	const { document } = draft;
	const owed = document.totalCents - document.paidCents;
	const dueDate =
		document.dueDate ??
		(owed > 0 ? dueDayAfter(today, termDaysOf(customer ?? { status: 'particulier' })) : null);
	const unsealed: Unsaved<InvoiceRow> = {
		kind: 'invoice',
		number: await nextDocumentNumber('invoice'),
		status: owed > 0 ? 'émise' : 'payée',
		issueDate: now.toISOString(),
		dueDate,
		customerId: draft.customerId,
		ticketIds: [...draft.ticketIds],
		creditedInvoiceId: null,
		...(draft.replacesInvoiceId === undefined
			? {}
			: { replacesInvoiceId: draft.replacesInvoiceId }),
		document: { ...document, dueDate },
		totalCents: document.totalCents,
		paidCents: document.paidCents,
		createdAt: now.toISOString()
	};
	const blockers = issueBlockers(unsealed, today);
	if (blockers.length > 0) {
		reject(
			'INVOICE_INCOMPLETE',
			`La facture n’est pas émise (aucun numéro n’est pris)\u00a0: ${blockers.join(' ')}`
		);
	}
	const sealed = await seal('invoices', unsealed);
	return { ...sealed, id: await getDb().invoices.add(sealed) };
}

/** Refuses a credit note that would take more than the invoice is owed (its refund aside). */
export async function checkInvoiceCredit(
	invoice: InvoiceRow,
	creditDocument: IssuedDocument
): Promise<void> {
	const allowed = checkCredit(
		(await balanceOf(invoice)).account,
		creditOf({ ...invoice, document: creditDocument })
	);
	if (!allowed.ok) reject(allowed.error.code, allowed.error.message);
}

/**
 * Records a credit note (AV-n) on an invoice, citing it (docs/rules.md#invoices), once it takes no more
 * than is owed; journaled with who made it (null for a cancellation at the till, journaled there).
 */
export async function issueCreditNote(
	invoice: InvoiceRow,
	document: IssuedDocument,
	ticketIds: readonly number[],
	by: string | null,
	now: Date
): Promise<InvoiceRow> {
	await checkInvoiceCredit(invoice, document);
	const unsaved = await seal('invoices', {
		kind: 'credit-note',
		number: await nextDocumentNumber('credit-note'),
		status: 'émis',
		issueDate: now.toISOString(),
		dueDate: null,
		customerId: invoice.customerId,
		ticketIds: [...ticketIds],
		creditedInvoiceId: invoice.id,
		document,
		totalCents: document.totalCents,
		paidCents: document.paidCents,
		createdAt: now.toISOString()
	} satisfies Unsaved<InvoiceRow>);
	const note: InvoiceRow = { ...unsaved, id: await getDb().invoices.add(unsaved) };
	await journal(
		'credit-note-issued',
		{
			invoiceId: note.id,
			number: note.number,
			creditedInvoiceId: invoice.id,
			...(by === null ? {} : { by })
		},
		now
	);
	return note;
}

/** A customer's recorded sales that can still be invoiced: not invoiced, not cancelled. */
export async function invoiceableTickets(customerId: number): Promise<TicketRow[]> {
	const db = getDb();
	return db.transaction('r', [db.tickets, db.ticketAmendments, db.invoices], async () => {
		const attached = await db.ticketAmendments.where('customerId').equals(customerId).toArray();
		const ids = new Set([
			...(await db.tickets.where('customerId').equals(customerId).primaryKeys()),
			...attached.map((row) => row.ticketId)
		]);
		const tickets = (await db.tickets.bulkGet([...ids])).filter(
			(ticket): ticket is TicketRow => ticket !== undefined
		);
		const result: TicketRow[] = [];
		for (const ticket of tickets) {
			const id = ticket.id;
			if (ticket.training === 1 || ticket.cancelsTicketId !== null) continue;
			if ((await db.tickets.where('cancelsTicketId').equals(id).count()) > 0) continue;
			const invoiced = await db.invoices.where('ticketIds').equals(id).toArray();
			if (invoiced.some((row) => row.kind === 'invoice')) continue;
			const amendments = await db.ticketAmendments.where('ticketId').equals(id).sortBy('id');
			if (currentCustomerId(ticket, foldAmendments(amendments)) !== customerId) continue;
			result.push(ticket);
		}
		return result.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	});
}

export type { InvoiceDetails } from '$lib/domain';

/**
 * "Facturer des tickets": one final invoice for several sales of one customer (docs/features.md "Depuis
 * un dossier"), with the next number of the continuous series. A sale is invoiced once.
 */
export async function invoiceTickets(
	customerId: number,
	ticketIds: readonly number[],
	details: InvoiceDetails,
	by: string,
	now = new Date()
): Promise<InvoiceRow> {
	if (ticketIds.length === 0) reject('NO_TICKET', 'Cochez au moins un ticket à facturer.');
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.tickets,
			db.ticketAmendments,
			db.invoices,
			db.customers,
			db.settings,
			db.sequences,
			db.journal,
			db.chainHeads
		],
		async () => {
			const shop = await shopOrReject();
			const customer = await db.customers.get(customerId);
			if (!customer) reject('CUSTOMER_MISSING', 'Ce client est introuvable.');
			const invoiceable = new Map(
				(await invoiceableTickets(customerId)).map((ticket) => [ticket.id, ticket])
			);
			const tickets = ticketIds.map((id) => {
				const ticket = invoiceable.get(id);
				if (!ticket) {
					reject(
						'TICKET_NOT_INVOICEABLE',
						`Le ticket interne ${id} ne peut plus être facturé à ce client (déjà facturé, annulé ou d’un autre client).`
					);
				}
				return { ...ticket, id };
			});
			const document = invoiceDocumentFromTickets({
				seller: shop,
				buyer: invoiceBuyerOf(customer),
				billing: details.billing,
				delivery: details.delivery,
				references: details.references,
				note: '',
				tickets
			});
			const invoice = await issueInvoice(
				{
					document: { ...document, dueDate: details.dueDay ?? document.dueDate },
					customerId,
					ticketIds
				},
				customer,
				now
			);
			await journal(
				'invoice-issued',
				{ invoiceId: invoice.id, number: invoice.number, ticketIds, by },
				now
			);
			return invoice;
		}
	);
}

/**
 * Creates or updates a pro forma (PF-n, outside the invoice series: docs/rules.md#invoices). The buyer and
 * its Loi Lang status come from the customer file as it is now.
 */
export async function saveProforma(
	id: number | null,
	draft: Omit<InvoiceDraft, 'seller' | 'buyer' | 'buyerStatus'>,
	customerId: number | null,
	by: string,
	now = new Date()
): Promise<InvoiceRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.invoices, db.customers, db.settings, db.sequences, db.journal, db.chainHeads],
		async () => {
			const seller = await shopOrReject();
			const customer = customerId === null ? undefined : await db.customers.get(customerId);
			if (customerId !== null && !customer)
				reject('CUSTOMER_MISSING', 'Ce client est introuvable.');
			const built = invoiceDocumentFromDraft({
				...draft,
				seller,
				buyer: invoiceBuyerOf(customer),
				buyerStatus: customer?.status ?? 'particulier'
			});
			if (!built.ok) reject(built.error.code, built.error.message);
			const document = built.value;
			const existing = id === null ? undefined : await db.invoices.get(id);
			if (id !== null && existing?.kind !== 'proforma') {
				reject(
					'NOT_EDITABLE',
					'Seule une facture pro forma se modifie\u00a0; une facture émise ne change plus.'
				);
			}
			const unsaved: Unsaved<InvoiceRow> & { id?: number } = {
				...(existing ?? {
					kind: 'proforma' as const,
					number: `PF-${await nextInSequence('proforma')}`,
					status: 'en-preparation',
					ticketIds: [],
					creditedInvoiceId: null,
					createdAt: now.toISOString()
				}),
				issueDate: now.toISOString(),
				dueDate: draft.dueDate,
				customerId,
				document,
				totalCents: document.totalCents,
				paidCents: assertCents(0)
			};
			const row: InvoiceRow = { ...unsaved, id: await db.invoices.put(unsaved) };
			await journal(
				existing ? 'proforma-updated' : 'proforma-created',
				{ invoiceId: row.id, number: row.number, by },
				now
			);
			return row;
		}
	);
}

async function proformaOrReject(id: number): Promise<InvoiceRow> {
	const row = await getDb().invoices.get(id);
	if (!row) reject('INVOICE_MISSING', 'Cette facture est introuvable.');
	if (row.kind !== 'proforma') {
		reject(
			'NOT_PROFORMA',
			'Cette facture est définitive\u00a0: elle ne change plus (faites un avoir).'
		);
	}
	return row;
}

export async function markProformaSent(id: number, by: string, now = new Date()): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.invoices, db.journal, db.chainHeads], async () => {
		const row = await proformaOrReject(id);
		await db.invoices.update(id, { status: 'envoyee' });
		await journal('proforma-sent', { invoiceId: id, number: row.number, by }, now);
	});
}

/** A pro forma is not an invoice: it may be deleted (docs/features.md "Supprimer"). */
export async function deleteProforma(id: number, by: string, now = new Date()): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.invoices, db.journal, db.chainHeads], async () => {
		const row = await proformaOrReject(id);
		await db.invoices.delete(id);
		await journal('proforma-deleted', { invoiceId: id, number: row.number, by }, now);
	});
}

/**
 * "Produire facture finale": the pro forma becomes the invoice with the next number of the
 * continuous series, dated today, and is never written again. The invoice is a new record (its
 * own id); the pro forma's number stays in the journal.
 */
export async function finalizeProforma(
	id: number,
	by: string,
	now = new Date()
): Promise<InvoiceRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.invoices, db.customers, db.settings, db.sequences, db.journal, db.chainHeads],
		async () => {
			const row = await proformaOrReject(id);
			const customer = row.customerId === null ? undefined : await db.customers.get(row.customerId);
			// The pro forma gives way to the invoice, a new record sealed on the invoices' chain: a
			// chain is read in record order, so an invoice may not take an older pro forma's place.
			await db.invoices.delete(id);
			const final = await issueInvoice(
				{
					document: { ...row.document, dueDate: row.dueDate },
					customerId: row.customerId,
					ticketIds: row.ticketIds
				},
				customer,
				now
			);
			await journal(
				'invoice-issued',
				{ invoiceId: final.id, number: final.number, proformaId: id, proforma: row.number, by },
				now
			);
			return final;
		}
	);
}

/**
 * "Créditer": a credit note (AV-n) on the chosen quantities of an invoice's lines, citing its
 * number and date (docs/rules.md#invoices); what earlier credit notes took is counted.
 */
export async function createCreditNote(
	invoiceId: number,
	selection: readonly { lineIndex: number; quantity: number }[],
	by: string,
	now = new Date()
): Promise<InvoiceRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.invoices,
			db.invoicePayments,
			db.ticketAmendments,
			db.settings,
			db.sequences,
			db.journal,
			db.chainHeads
		],
		async () => {
			const invoice = await db.invoices.get(invoiceId);
			if (!invoice) reject('INVOICE_MISSING', 'Cette facture est introuvable.');
			const earlier = await db.invoices.where('creditedInvoiceId').equals(invoiceId).toArray();
			const built = creditNoteDocument(invoice, selection, creditedQuantities(earlier));
			if (!built.ok) reject(built.error.code, built.error.message);
			const document = built.value;
			return issueCreditNote(invoice, document, [], by, now);
		}
	);
}

/**
 * « Émettre un avoir et refacturer » (docs/invoices.md#reissue): an issued invoice is never
 * changed, so a wrong one is credited in full by a credit note citing it, and a new invoice with
 * the next number carries the corrected addresses and references, the customer file and the shop
 * as they are now. What was paid at the counter moves to the new invoice. One transaction: both
 * documents or neither.
 */
export async function reissueInvoice(
	invoiceId: number,
	details: InvoiceDetails,
	by: string,
	now = new Date()
): Promise<{ creditNote: InvoiceRow; invoice: InvoiceRow }> {
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.invoices,
			db.invoicePayments,
			db.ticketAmendments,
			db.customers,
			db.settings,
			db.sequences,
			db.journal,
			db.chainHeads
		],
		async () => {
			const original = await db.invoices.get(invoiceId);
			if (original?.kind !== 'invoice') {
				reject('INVOICE_MISSING', 'Seule une facture définitive se refait.');
			}
			const reissuable = checkReissue((await balanceOf(original)).account);
			if (!reissuable.ok) reject(reissuable.error.code, reissuable.error.message);
			const shop = await shopOrReject();
			const customer =
				original.customerId === null ? undefined : await db.customers.get(original.customerId);
			const built = reissueDocuments(original, {
				billing: details.billing,
				delivery: details.delivery,
				references: details.references,
				seller: shop,
				buyer: invoiceBuyerOf(customer)
			});
			if (!built.ok) reject(built.error.code, built.error.message);
			const creditDocument = built.value.creditNote;
			const document = built.value.invoice;
			const creditNote = await issueCreditNote(original, creditDocument, [], by, now);
			const invoice = await issueInvoice(
				{
					document: { ...document, dueDate: details.dueDay ?? original.dueDate },
					customerId: original.customerId,
					ticketIds: original.ticketIds,
					replacesInvoiceId: invoiceId
				},
				customer,
				now
			);
			await journal(
				'invoice-reissued',
				{
					invoiceId,
					number: original.number,
					creditNoteId: creditNote.id,
					creditNote: creditNote.number,
					newInvoiceId: invoice.id,
					newNumber: invoice.number,
					by
				},
				now
			);
			return { creditNote, invoice };
		}
	);
}

/** A payment received on an invoice (échéances): its day, means and amount. */
export async function recordInvoicePayment(
	invoiceId: number,
	payment: { day: string; method: PaymentMethod; amountCents: Cents },
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.invoices, db.invoicePayments, db.ticketAmendments, db.journal, db.chainHeads],
		async () => {
			const invoice = await db.invoices.get(invoiceId);
			if (invoice?.kind !== 'invoice')
				reject('INVOICE_MISSING', 'Seule une facture définitive reçoit un règlement.');
			const paid = checkPayment((await balanceOf(invoice)).account, payment.amountCents);
			if (!paid.ok) reject(paid.error.code, paid.error.message);
			await db.invoicePayments.add({ invoiceId, ...payment, by, at: now.toISOString() });
			await journal('invoice-payment', { invoiceId, ...payment, by }, now);
		}
	);
}

/** An invoice sent to the customer (« Envoyer »): journaled with where it went and how. */
export async function recordInvoiceSent(
	invoiceId: number,
	sent: { to: string; channel: string },
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.invoices, db.journal, db.chainHeads], async () => {
		const invoice = await db.invoices.get(invoiceId);
		if (!invoice) reject('INVOICE_MISSING', 'Cette facture est introuvable.');
		await journal('invoice-sent', { invoiceId, number: invoice.number, ...sent, by }, now);
	});
}

/** When, to whom and by whom an invoice was sent, oldest first. */
export async function invoiceSends(
	invoiceId: number
): Promise<{ at: string; to: string; channel: string; by: string }[]> {
	const rows = await getDb().journal.where('type').equals('invoice-sent').toArray();
	return rows
		.filter((row) => row.detail['invoiceId'] === invoiceId)
		.map((row) => ({
			at: row.at,
			to: String(row.detail['to'] ?? ''),
			channel: String(row.detail['channel'] ?? ''),
			by: String(row.detail['by'] ?? '')
		}));
}
