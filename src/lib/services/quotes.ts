/**
 * Quotes (« devis », docs/orders.md#quotes): writing one, the customer's answer, and what an
 * accepted quote becomes (an invoice or a customer order) in one action.
 */
import { quoteStatusOn, type InvoiceReferences, type QuoteStatus, type Result } from '$lib/domain';
import { getCustomer } from '$lib/db/customer-repository';
import {
	answerQuote,
	getQuote,
	invoiceQuote,
	latestQuotes,
	orderQuote,
	quotesOf,
	saveQuote,
	type QuoteDraft
} from '$lib/db/quote-repository';
import type { CustomerRow, InvoiceRow, QuoteRow } from '$lib/db/schema';
import { attempt } from './outcome';

export type { QuoteDraft, QuoteRow };
export { quotesOf };

/** A new quote, or an open one rewritten; refused with the reason at the form. */
export function writeQuote(input: {
	id: number | null;
	draft: QuoteDraft;
	customerId: number | null;
	validUntil: string;
	by: string;
}): Promise<Result<QuoteRow>> {
	return attempt(() => saveQuote(input), 'Le devis n’a pas été enregistré');
}

/** The customer's answer: « Accepté » or « Refusé » (with its reason, if given). */
export function answer(input: {
	id: number;
	answer: 'accept' | 'refuse';
	reason?: string;
	by: string;
}): Promise<Result<QuoteRow>> {
	const step =
		input.answer === 'accept'
			? ({ kind: 'accept' } as const)
			: ({ kind: 'refuse', reason: input.reason ?? '' } as const);
	return attempt(
		() => answerQuote({ id: input.id, step, by: input.by }),
		'Le devis n’a pas changé'
	);
}

/** « Facturer » an accepted quote: its final invoice, numbered, with its references. */
export function invoiceFromQuote(input: {
	id: number;
	references?: InvoiceReferences;
	by: string;
}): Promise<Result<{ quote: QuoteRow; invoice: InvoiceRow }>> {
	// The refusal already says the invoice was not issued and why.
	return attempt(() => invoiceQuote(input));
}

/** « Commander » an accepted quote's titles: a customer order at the prices quoted. */
export function orderFromQuote(input: {
	id: number;
	by: string;
}): Promise<Result<{ quote: QuoteRow; orderId: number }>> {
	return attempt(() => orderQuote(input), 'La commande n’a pas été enregistrée');
}

export interface QuoteView {
	readonly quote: QuoteRow;
	readonly customer: CustomerRow | null;
	readonly status: QuoteStatus;
}

export async function getQuoteView(id: number, today: string): Promise<QuoteView | null> {
	const quote = await getQuote(id);
	if (!quote) return null;
	const customer =
		quote.customerId === null ? null : ((await getCustomer(quote.customerId)) ?? null);
	return { quote, customer, status: quoteStatusOn(quote, today) };
}

/** The last quotes, each with its status today. */
export async function listQuotes(
	today: string
): Promise<{ quote: QuoteRow; status: QuoteStatus }[]> {
	return (await latestQuotes()).map((quote) => ({ quote, status: quoteStatusOn(quote, today) }));
}

/** The quote as the PDF the customer receives, named for the download. */
export async function quoteFile(quote: QuoteRow): Promise<{ pdf: Blob; fileName: string }> {
	const { quotePdf } = await import('$lib/pdf/invoice-pdf');
	return { pdf: await quotePdf(quote), fileName: `devis-${quote.number}.pdf` };
}
