/**
 * Quotes in IndexedDB (docs/orders.md#quotes): each change is one transaction with its
 * journal entry. An accepted quote becomes an invoice or a customer order in the same transaction
 * as its status, so a quote is never « terminé » without what it became, nor invoiced twice.
 */
import {
	applyQuoteStep,
	createOrder,
	customerInvoiceDetails,
	defaultDiscount,
	draftLinesOf,
	dueDayAfter,
	invoiceDocumentFromDraft,
	NO_REFERENCES,
	referencesOver,
	orderLinesOfQuote,
	parisDay,
	quoteIsEditable,
	termDaysOf,
	validateQuoteValidity,
	type InvoiceDraft,
	type InvoiceReferences,
	type QuoteOutcome,
	type QuoteStep,
	type StepContext
} from '$lib/domain';
import { addJournalEntry } from './chain-repository';
import { invoiceBuyerOf } from './customer-repository';
import { getDb, nextInSequence } from './db';
import { issueInvoice, reject, shopOrReject } from './invoice-repository';
import { customerOrderRow, FILE_SEQUENCE } from './order-repository';
import { getPreferences } from './settings-repository';
import type { CustomerRow, InvoiceRow, QuoteRow, Unsaved } from './schema';

function context(by: string, now: Date) {
	return { at: now.toISOString(), day: parisDay(now), by };
}

async function customerOrReject(customerId: number | null): Promise<CustomerRow | undefined> {
	if (customerId === null) return undefined;
	const customer = await getDb().customers.get(customerId);
	if (!customer) reject('CUSTOMER_MISSING', 'Ce client est introuvable.');
	return customer;
}

/** What the quote editor sends: the invoice editor's draft, with a validity date for a due date. */
export type QuoteDraft = Omit<InvoiceDraft, 'seller' | 'buyer' | 'buyerStatus' | 'dueDate'>;

/**
 * A new quote numbered in the file's series, or an open quote's new content. Its figures come from
 * the till's engine for the customer's status (a library's 9 % Loi Lang cap is on the quote).
 */
export async function saveQuote(input: {
	id: number | null;
	draft: QuoteDraft;
	customerId: number | null;
	validUntil: string;
	by: string;
	now?: Date;
}): Promise<QuoteRow> {
	const now = input.now ?? new Date();
	const step = context(input.by, now);
	const db = getDb();
	return db.transaction(
		'rw',
		[db.quotes, db.customers, db.settings, db.sequences, db.journal, db.chainHeads],
		async () => {
			const existing = input.id === null ? undefined : await db.quotes.get(input.id);
			if (input.id !== null && !existing) reject('QUOTE_MISSING', 'Ce devis est introuvable.');
			if (existing && !quoteIsEditable(existing, step.day)) {
				reject('QUOTE_CLOSED', 'Ce devis a reçu sa réponse\u00a0: il ne se modifie plus.');
			}
			const validity = validateQuoteValidity(input.validUntil, step.day);
			if (!validity.ok) reject(validity.error.code, validity.error.message);
			const seller = await shopOrReject('le devis');
			const customer = await customerOrReject(input.customerId);
			// A catalogue line gets the buyer's usual discount (a library's 9 %) unless one was set.
			const policy = await getPreferences();
			const buyer = customer ?? { status: 'particulier' as const };
			const lines = input.draft.lines.map((line) =>
				line.type === 'article' && line.discount === null
					? { ...line, discount: defaultDiscount(line.kind, buyer, policy) }
					: line
			);
			const built = invoiceDocumentFromDraft({
				...input.draft,
				lines,
				dueDate: null,
				seller,
				buyer: invoiceBuyerOf(customer),
				buyerStatus: customer?.status ?? 'particulier'
			});
			if (!built.ok) reject(built.error.code, built.error.message);
			const unsaved: Unsaved<QuoteRow> = existing
				? {
						...existing,
						customerId: input.customerId,
						validUntil: validity.value,
						document: built.value,
						updatedOn: step.day,
						// A quote past its date, given a new one, is open again.
						status: 'en-cours',
						history: [...existing.history, { at: step.at, by: step.by, text: 'Devis modifié' }]
					}
				: {
						number: await nextInSequence(FILE_SEQUENCE),
						customerId: input.customerId,
						createdOn: step.day,
						updatedOn: step.day,
						closedOn: null,
						validUntil: validity.value,
						status: 'en-cours',
						document: built.value,
						refusalReason: '',
						outcome: null,
						history: [{ at: step.at, by: step.by, text: 'Devis établi' }]
					};
			const id = existing ? existing.id : await db.quotes.add(unsaved);
			const row: QuoteRow = { ...unsaved, id };
			if (existing) await db.quotes.put(row);
			await addJournalEntry({
				at: step.at,
				type: existing ? 'quote-updated' : 'quote-created',
				detail: { quoteId: id, number: row.number, by: input.by }
			});
			return row;
		}
	);
}

async function quoteOrReject(id: number): Promise<QuoteRow> {
	const quote = await getDb().quotes.get(id);
	if (!quote) reject('QUOTE_MISSING', 'Ce devis est introuvable.');
	return quote;
}

/**
 * The quote become what `outcome` says, or its refusal thrown (nothing is written): checked once
 * with a placeholder before any number is taken, then with the invoice or order made.
 */
function fulfilled(quote: QuoteRow, outcome: QuoteOutcome, step: StepContext): QuoteRow {
	const next = applyQuoteStep(quote, { kind: 'fulfil', outcome }, step);
	if (!next.ok) reject(next.error.code, next.error.message);
	return { ...next.value, id: quote.id };
}

/** « Accepté » or « Refusé », as the customer answered. */
export async function answerQuote(input: {
	id: number;
	step: Extract<QuoteStep, { kind: 'accept' | 'refuse' }>;
	by: string;
	now?: Date;
}): Promise<QuoteRow> {
	const now = input.now ?? new Date();
	const db = getDb();
	return db.transaction('rw', [db.quotes, db.journal, db.chainHeads], async () => {
		const quote = await quoteOrReject(input.id);
		const next = applyQuoteStep(quote, input.step, context(input.by, now));
		if (!next.ok) reject(next.error.code, next.error.message);
		const row: QuoteRow = { ...next.value, id: quote.id };
		await db.quotes.put(row);
		await addJournalEntry({
			at: now.toISOString(),
			type: 'quote-step',
			detail: { quoteId: row.id, number: row.number, step: input.step.kind, by: input.by }
		});
		return row;
	});
}

/**
 * « Facturer le devis »: the final invoice of the quote's lines, numbered in the invoices' series,
 * for the customer as their file stands today (address, SIRET) with the quote's Chorus Pro
 * references, due by the customer's term. An invoice that lacks a mention is refused before it
 * takes a number, and the quote stays as it was (docs/invoices.md#checked-before-numbering).
 */
export async function invoiceQuote(input: {
	id: number;
	/** References typed at invoicing (a library's purchase order arrives with its acceptance). */
	references?: InvoiceReferences;
	by: string;
	now?: Date;
}): Promise<{
	quote: QuoteRow;
	invoice: InvoiceRow;
}> {
	const now = input.now ?? new Date();
	const step = context(input.by, now);
	const db = getDb();
	return db.transaction(
		'rw',
		[db.quotes, db.invoices, db.customers, db.settings, db.sequences, db.journal, db.chainHeads],
		async () => {
			const quote = await quoteOrReject(input.id);
			// Checked first: a quote that may not be invoiced takes no invoice number.
			fulfilled(quote, { kind: 'invoice', invoiceId: 0, number: '' }, step);
			const seller = await shopOrReject('le devis');
			const customer = await customerOrReject(quote.customerId);
			const { document } = quote;
			// What the quote left blank, the customer's file gives (its address, its Chorus Pro codes);
			// a purchase order typed at invoicing comes first.
			const file = customer ? customerInvoiceDetails(customer) : null;
			const references = referencesOver(
				input.references,
				referencesOver(document.references, file?.references ?? NO_REFERENCES)
			);
			const built = invoiceDocumentFromDraft({
				seller,
				buyer: invoiceBuyerOf(customer),
				buyerStatus: customer?.status ?? 'particulier',
				billing: document.billing ?? file?.billing ?? null,
				delivery: document.delivery ?? file?.delivery ?? null,
				references,
				note: document.note || `Selon notre devis n°\u00a0${quote.number}`,
				saleDay: step.day,
				dueDate: dueDayAfter(step.day, termDaysOf(customer ?? { status: 'particulier' })),
				lines: draftLinesOf(document)
			});
			if (!built.ok) reject(built.error.code, built.error.message);
			const invoice = await issueInvoice(
				{ document: built.value, customerId: quote.customerId, ticketIds: [] },
				customer,
				now
			);
			const row = fulfilled(
				quote,
				{ kind: 'invoice', invoiceId: invoice.id, number: invoice.number },
				step
			);
			await db.quotes.put(row);
			await addJournalEntry({
				at: step.at,
				type: 'invoice-issued',
				detail: { invoiceId: invoice.id, number: invoice.number, quoteId: quote.id, by: input.by }
			});
			return { quote: row, invoice };
		}
	);
}

/**
 * « Commander les titres du devis »: a customer order « à commander » of the quote's catalogue
 * titles, at the prices quoted, citing the quote in its note.
 */
export async function orderQuote(input: { id: number; by: string; now?: Date }): Promise<{
	quote: QuoteRow;
	orderId: number;
}> {
	const now = input.now ?? new Date();
	const step = context(input.by, now);
	const db = getDb();
	return db.transaction(
		'rw',
		[db.quotes, db.customerOrders, db.sequences, db.journal, db.chainHeads],
		async () => {
			const quote = await quoteOrReject(input.id);
			fulfilled(quote, { kind: 'order', orderId: 0, number: 0 }, step);
			const lines = orderLinesOfQuote(quote.document);
			if (lines.length === 0) {
				reject(
					'QUOTE_NOTHING_TO_ORDER',
					'Ce devis n’a aucun titre du catalogue à commander\u00a0: facturez-le plutôt.'
				);
			}
			const created = createOrder(
				0,
				{
					customerId: quote.customerId,
					contactName: quote.document.buyer?.name ?? '',
					contactPhone: '',
					contactEmail: quote.document.buyer?.email ?? '',
					note: `Devis n°\u00a0${quote.number}${quote.document.note ? ` — ${quote.document.note}` : ''}`,
					depositCode: null,
					lines
				},
				step
			);
			if (!created.ok) reject(created.error.code, created.error.message);
			const number = await nextInSequence(FILE_SEQUENCE);
			const order = customerOrderRow({ ...created.value, number });
			const orderId = await db.customerOrders.add(order);
			const row = fulfilled(quote, { kind: 'order', orderId, number }, step);
			await db.quotes.put(row);
			await addJournalEntry({
				at: step.at,
				type: 'order-created',
				detail: { orderId, number, quoteId: quote.id, by: input.by }
			});
			return { quote: row, orderId };
		}
	);
}

export async function getQuote(id: number): Promise<QuoteRow | undefined> {
	return getDb().quotes.get(id);
}

/** A customer's quotes, newest first. */
export async function quotesOf(customerId: number): Promise<QuoteRow[]> {
	const rows = await getDb().quotes.where('customerId').equals(customerId).toArray();
	return rows.sort((a, b) => b.number - a.number);
}

/** The last quotes, newest first. */
export async function latestQuotes(limit = 200): Promise<QuoteRow[]> {
	return getDb().quotes.orderBy('number').reverse().limit(limit).toArray();
}
