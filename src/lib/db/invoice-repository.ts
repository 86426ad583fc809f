import {
	ACKNOWLEDGE_WITHIN_DAYS,
	assertCents,
	amountOwed,
	checkCredit,
	checkPayment,
	checkReissue,
	chorusAction,
	creditedCents,
	creditedQuantities,
	dueDayAfter,
	dueState,
	isChorusBuyer,
	issueBlockers,
	parisDay,
	termDaysOf,
	type DueState,
	type InvoiceAccount,
	type InvoiceDetails,
	type IssuedDocument,
	creditNoteDocument,
	reissueDocuments,
	currentCustomerId,
	daysBetween,
	foldAmendments,
	invoiceDocumentFromDraft,
	invoiceDocumentFromTickets,
	type ChorusStatus,
	type Cents,
	type InvoiceDraft,
	type PaymentMethod
} from '$lib/domain';
import { invoiceBuyerOf } from './customer-repository';
import { getDb, nextInSequence } from './db';
import type {
	ChorusStatusRow,
	CustomerRow,
	InvoicePaymentRow,
	InvoiceRow,
	TicketAmendmentRow,
	TicketRow
} from './schema';
import { SaleRejectedError } from './ticket-repository';
import { journal, seal } from './chain-repository';

/**
 * The invoices module (seed 001): pro forma documents (PF-n, editable, deletable),
 * final invoices numbered in one continuous series, credit notes (AV-n) citing their invoice,
 * payments received, and the Chorus Pro statuses typed by hand. A final invoice is never written
 * again; each later fact is its own record, and every change is journaled with who made it.
 */

export class InvoiceRejectedError extends SaleRejectedError {}

function reject(code: string, message: string): never {
	throw new InvoiceRejectedError(code, message);
}

async function shopOrReject() {
	const row = await getDb().settings.get('shop');
	if (row?.key !== 'shop') {
		reject(
			'SHOP_MISSING',
			'Renseignez d’abord la boutique dans Paramètres\u00a0: elle figure sur la facture.'
		);
	}
	return row.value;
}

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
function creditOf(note: InvoiceRow): { amountCents: number; repaidCents: number } {
	return {
		amountCents: Math.abs(note.document.totalCents),
		repaidCents: Math.abs(Math.min(0, note.document.paidCents))
	};
}

/**
 * The balances of some invoices, read inside the caller's transaction: their payments, their
 * tickets' settlements and their credit notes, in three reads whatever their number.
 */
async function balancesOf(invoices: readonly InvoiceRow[]): Promise<Map<number, InvoiceBalance>> {
	const db = getDb();
	const ids = invoices.map((row) => row.id as number);
	const ticketIds = invoices.flatMap((row) => row.ticketIds);
	const [payments, settlements, creditNotes] = await Promise.all([
		db.invoicePayments.where('invoiceId').anyOf(ids).toArray(),
		ticketIds.length > 0 ? db.ticketAmendments.where('ticketId').anyOf(ticketIds).toArray() : [],
		db.invoices.where('creditedInvoiceId').anyOf(ids).toArray()
	]);
	return new Map(
		invoices.map((invoice) => [
			invoice.id as number,
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
async function balanceOf(invoice: InvoiceRow): Promise<InvoiceBalance> {
	return (await balancesOf([invoice])).get(invoice.id as number) as InvoiceBalance;
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
	const unsealed: InvoiceRow = {
		kind: 'invoice',
		number: String(await nextInSequence('invoice')),
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
	const invoice = await seal('invoices', unsealed);
	invoice.id = (await getDb().invoices.add(invoice)) as number;
	return invoice;
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

/** What each of some invoices still owes and where it stands, e.g. those of a customer file. */
export async function invoiceStandings(
	invoices: readonly InvoiceRow[],
	today: string
): Promise<Map<number, { leftCents: number; state: DueState; daysLate: number }>> {
	const balances = await balancesOf(invoices.filter((row) => row.kind === 'invoice'));
	const standings = new Map<number, { leftCents: number; state: DueState; daysLate: number }>();
	for (const invoice of invoices) {
		const balance = balances.get(invoice.id as number);
		if (!balance) continue;
		const due = dueState(balance.account, invoice.dueDate?.slice(0, 10) ?? null, today);
		standings.set(invoice.id as number, { leftCents: balance.leftCents, ...due });
	}
	return standings;
}

/**
 * Records a credit note (AV-n) on an invoice, citing it (DOMAIN.md §5), once it takes no more
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
	const note: InvoiceRow = await seal('invoices', {
		kind: 'credit-note',
		number: `AV-${await nextInSequence('credit-note')}`,
		status: 'émis',
		issueDate: now.toISOString(),
		dueDate: null,
		customerId: invoice.customerId,
		ticketIds: [...ticketIds],
		creditedInvoiceId: invoice.id as number,
		document,
		totalCents: document.totalCents,
		paidCents: document.paidCents,
		createdAt: now.toISOString()
	} satisfies InvoiceRow);
	note.id = (await getDb().invoices.add(note)) as number;
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
						chorus: latest.get(invoice.id as number) ?? null,
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
			const id = ticket.id as number;
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
 * "Facturer des tickets": one final invoice for several sales of one customer (seed 001 "Depuis
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
				(await invoiceableTickets(customerId)).map((ticket) => [ticket.id as number, ticket])
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
 * Creates or updates a pro forma (PF-n, outside the invoice series: DOMAIN.md §5). The buyer and
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
			const row: InvoiceRow = {
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
			row.id = (await db.invoices.put(row)) as number;
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

/** A pro forma is not an invoice: it may be deleted (seed 001 "Supprimer"). */
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
		[db.invoices, db.customers, db.sequences, db.journal, db.chainHeads],
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
 * number and date (DOMAIN.md §5); what earlier credit notes took is counted.
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
		[db.invoices, db.invoicePayments, db.ticketAmendments, db.sequences, db.journal, db.chainHeads],
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

/** A Chorus Pro status seen on the portal, typed by hand with its date and note. */
export async function recordChorusStatus(
	invoiceId: number,
	entry: { status: ChorusStatus; day: string; certificateNumber: string; note: string },
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.invoices, db.chorusStatuses, db.journal, db.chainHeads],
		async () => {
			const invoice = await db.invoices.get(invoiceId);
			if (!invoice || invoice.kind === 'proforma') {
				reject('INVOICE_MISSING', 'Seule une facture ou un avoir émis se dépose sur Chorus Pro.');
			}
			await db.chorusStatuses.add({
				invoiceId,
				status: entry.status,
				day: entry.day,
				at: now.toISOString(),
				note: entry.note,
				certificateNumber: entry.certificateNumber,
				by
			});
			await journal('chorus-status', { invoiceId, number: invoice.number, ...entry, by }, now);
		}
	);
}

export interface WorklistEntry {
	readonly entry: InvoiceListEntry;
	readonly action: string;
	/** Days left to act (acknowledgement, due date), negative when late; null when none. */
	readonly daysLeft: number | null;
}

/**
 * "Suivi" (seed 004): invoices to public buyers that need something from the bookseller, with
 * what the status asks, and unpaid invoices due within a week or overdue.
 */
export async function chorusWorklist(today: string): Promise<{
	readonly actions: WorklistEntry[];
	readonly reminders: WorklistEntry[];
}> {
	const entries = await listInvoices(today);
	const actions: WorklistEntry[] = [];
	const reminders: WorklistEntry[] = [];
	for (const entry of entries) {
		const status = (entry.chorus?.status ?? null) as ChorusStatus | null;
		const action = entry.forChorus ? chorusAction(status) : null;
		if (action) {
			const since = entry.chorus?.day ?? entry.chorus?.at.slice(0, 10);
			actions.push({
				entry,
				action,
				daysLeft:
					since && (status === 'rejetee' || status === 'suspendue')
						? ACKNOWLEDGE_WITHIN_DAYS - daysBetween(since, today)
						: null
			});
		}
		const dueDay = entry.invoice.dueDate?.slice(0, 10);
		if (entry.leftCents > 0 && dueDay) {
			const daysLeft = daysBetween(today, dueDay);
			if (daysLeft <= 7) {
				reminders.push({
					entry,
					action:
						daysLeft < 0 ? 'Relancer le client\u00a0: l’échéance est passée.' : 'Échéance proche.',
					daysLeft
				});
			}
		}
	}
	reminders.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
	return { actions, reminders };
}
