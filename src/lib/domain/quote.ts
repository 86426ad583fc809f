/**
 * Quotes (« devis », docs/orders.md#quotes): what a library or a school is offered before it
 * buys, with the prices it would pay (Loi Lang caps applied by the till's engine) and a validity
 * date. Pure: each step takes a quote and answers the next one, or a French reason it cannot
 * happen. A quote is never deleted: it ends accepted into an order or an invoice, or refused.
 */
import type { NewOrderLine, OrderEvent, StepContext } from './customer-order';
import type { InvoiceDocument } from './invoice-document';
import { err, ok, type Result } from './result';
import { daysBetween, formatDay } from './ticket-period';

/** A quote's status as stored; « expiré » is read from the date (`quoteStatusOn`). */
export type StoredQuoteStatus = 'en-cours' | 'accepte' | 'refuse' | 'termine';

export type QuoteStatus = StoredQuoteStatus | 'expire';

export const QUOTE_STATUS_LABELS: Readonly<Record<QuoteStatus, string>> = {
	'en-cours': 'En cours',
	accepte: 'Accepté',
	refuse: 'Refusé',
	expire: 'Expiré',
	termine: 'Terminé'
};

/** The usual validity of a bookshop's quote; the bookseller may choose another date. */
export const QUOTE_VALIDITY_DAYS = 30;

/** What an accepted quote became. */
export type QuoteOutcome =
	| { readonly kind: 'invoice'; readonly invoiceId: number; readonly number: string }
	| { readonly kind: 'order'; readonly orderId: number; readonly number: number };

export interface Quote {
	/** In the seed's one series of « Commandes - Devis - Prêts ». */
	readonly number: number;
	readonly customerId: number | null;
	readonly createdOn: string;
	readonly updatedOn: string;
	/** The day it was refused or turned into an order or an invoice. */
	readonly closedOn: string | null;
	/** Last day the offer holds (YYYY-MM-DD). */
	readonly validUntil: string;
	readonly status: StoredQuoteStatus;
	/** Its lines, figures, buyer, addresses and Chorus Pro references, as the PDF shows them. */
	readonly document: InvoiceDocument;
	readonly refusalReason: string;
	readonly outcome: QuoteOutcome | null;
	readonly history: readonly OrderEvent[];
}

/** « Expiré » once its validity date has passed without an answer. */
export function quoteStatusOn(
	quote: Pick<Quote, 'status' | 'validUntil'>,
	today: string
): QuoteStatus {
	return quote.status === 'en-cours' && today > quote.validUntil ? 'expire' : quote.status;
}

/** The quote's status as the customer file lists it (« devis en cours », « devis terminé »). */
export function quoteFileLabel(quote: Pick<Quote, 'status' | 'validUntil'>, today: string): string {
	return `devis ${QUOTE_STATUS_LABELS[quoteStatusOn(quote, today)].toLowerCase()}`;
}

/** A validity date as typed: a real day, not before today. */
export function validateQuoteValidity(validUntil: string, today: string): Result<string> {
	if (!/^\d{4}-\d{2}-\d{2}$/u.test(validUntil) || Number.isNaN(Date.parse(validUntil))) {
		return err(
			'QUOTE_VALIDITY_INVALID',
			'Donnez la date de fin de validité du devis.',
			'validUntil'
		);
	}
	if (validUntil < today) {
		return err(
			'QUOTE_VALIDITY_PAST',
			'La date de validité du devis ne peut pas être déjà passée.',
			'validUntil'
		);
	}
	return ok(validUntil);
}

/** Only a quote still open may be edited: an answered one is what the customer answered to. */
export function quoteIsEditable(
	quote: Pick<Quote, 'status' | 'validUntil'>,
	today: string
): boolean {
	const status = quoteStatusOn(quote, today);
	return status === 'en-cours' || status === 'expire';
}

export type QuoteStep =
	| { readonly kind: 'accept' }
	| { readonly kind: 'refuse'; readonly reason: string }
	| { readonly kind: 'fulfil'; readonly outcome: QuoteOutcome };

function outcomeText(outcome: QuoteOutcome): string {
	return outcome.kind === 'invoice'
		? `Facturé\u00a0: facture n°\u00a0${outcome.number}`
		: `Commandé\u00a0: commande n°\u00a0${outcome.number}`;
}

function expiredError(quote: Quote) {
	return err(
		'QUOTE_EXPIRED',
		`Ce devis a expiré le ${formatDay(quote.validUntil)}\u00a0: prolongez sa validité (Modifier) avant de l’accepter.`,
		'status'
	);
}

/**
 * The quote after `step`, or why it cannot happen. « Accepté » needs an open quote still valid;
 * an accepted quote (or an open one, accepted by the same gesture) becomes an order or an invoice
 * and is then « terminé ».
 */
export function applyQuoteStep(quote: Quote, step: QuoteStep, context: StepContext): Result<Quote> {
	const status = quoteStatusOn(quote, context.day);
	const closed = status === 'refuse' || status === 'termine';
	if (closed) {
		return err(
			'QUOTE_CLOSED',
			`Ce devis est ${QUOTE_STATUS_LABELS[status].toLowerCase()}\u00a0: il ne change plus.`,
			'status'
		);
	}
	const event = (text: string) => [...quote.history, { at: context.at, by: context.by, text }];
	switch (step.kind) {
		case 'accept':
			if (status === 'expire') return expiredError(quote);
			if (status === 'accepte') {
				return err('QUOTE_ALREADY_ACCEPTED', 'Ce devis est déjà accepté.', 'status');
			}
			return ok({
				...quote,
				status: 'accepte',
				updatedOn: context.day,
				history: event('Devis accepté par le client')
			});
		case 'refuse': {
			const reason = step.reason.trim();
			return ok({
				...quote,
				status: 'refuse',
				refusalReason: reason,
				updatedOn: context.day,
				closedOn: context.day,
				history: event(`Devis refusé${reason ? `\u00a0: ${reason}` : ''}`)
			});
		}
		case 'fulfil':
			if (status === 'expire') return expiredError(quote);
			return ok({
				...quote,
				status: 'termine',
				outcome: step.outcome,
				updatedOn: context.day,
				closedOn: context.day,
				history: [
					...(status === 'en-cours' ? event('Devis accepté par le client') : quote.history),
					{ at: context.at, by: context.by, text: outcomeText(step.outcome) }
				]
			});
	}
}

/**
 * The titles of a quote a customer order can hold: its catalogue lines (free lines such as
 * carriage are the quote's, not a book to order), at the price quoted before any discount.
 */
export function orderLinesOfQuote(document: InvoiceDocument): NewOrderLine[] {
	return document.lines
		.filter((line) => line.ean !== '' && line.quantity > 0)
		.map(({ ean, title, authors, publisher, kind, vatRateBp, unitPriceCents, quantity }) => ({
			ean,
			title,
			authors,
			publisher,
			kind,
			vatRateBp,
			unitPriceCents,
			quantity
		}));
}

/** Days left before a quote expires (0 on its last day; negative once expired). */
export function quoteDaysLeft(quote: Pick<Quote, 'validUntil'>, today: string): number {
	return daysBetween(today, quote.validUntil);
}
