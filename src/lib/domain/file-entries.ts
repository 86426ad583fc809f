/**
 * The customer file's « Commandes - Devis - Prêts » (seed customer file §4.3): orders, quotes and
 * loans in one table, newest first, each with its type in the seed's words (« commande en
 * cours », « devis terminé », « prêt en cours ») and what it is linked to.
 */
import { orderStatusLabel, type CustomerOrder } from './customer-order';
import { loanFileLabel, type Loan } from './loan';
import { quoteFileLabel, type Quote } from './quote';

/** What an entry leads to: a deposit, an invoice, an order, a ticket. */
export type FileLink =
	| { readonly kind: 'deposit'; readonly code: string }
	| { readonly kind: 'invoice'; readonly id: number; readonly number: string }
	| { readonly kind: 'order'; readonly id: number; readonly number: number }
	| { readonly kind: 'ticket'; readonly id: number; readonly number: string };

export interface FileEntry {
	readonly kind: 'commande' | 'devis' | 'pret';
	readonly id: number;
	readonly number: number;
	readonly type: string;
	readonly createdOn: string;
	readonly updatedOn: string;
	readonly closedOn: string | null;
	readonly note: string;
	readonly links: readonly FileLink[];
}

export function customerFileEntries(
	input: {
		readonly orders: readonly (CustomerOrder & { readonly id: number })[];
		readonly quotes: readonly (Quote & { readonly id: number })[];
		readonly loans: readonly (Loan & { readonly id: number })[];
	},
	today: string
): FileEntry[] {
	const orders = input.orders.map((order): FileEntry => ({
		kind: 'commande',
		id: order.id,
		number: order.number,
		type: orderStatusLabel(order),
		createdOn: order.createdOn,
		updatedOn: order.updatedOn,
		closedOn: order.closedOn,
		note: order.note,
		links: order.depositCode ? [{ kind: 'deposit', code: order.depositCode }] : []
	}));
	const quotes = input.quotes.map((quote): FileEntry => ({
		kind: 'devis',
		id: quote.id,
		number: quote.number,
		type: quoteFileLabel(quote, today),
		createdOn: quote.createdOn,
		updatedOn: quote.updatedOn,
		closedOn: quote.closedOn,
		note: quote.document.note,
		links:
			quote.outcome?.kind === 'invoice'
				? [{ kind: 'invoice', id: quote.outcome.invoiceId, number: quote.outcome.number }]
				: quote.outcome?.kind === 'order'
					? [{ kind: 'order', id: quote.outcome.orderId, number: quote.outcome.number }]
					: []
	}));
	const loans = input.loans.map((loan): FileEntry => ({
		kind: 'pret',
		id: loan.id,
		number: loan.number,
		type: loanFileLabel(loan),
		createdOn: loan.createdOn,
		updatedOn: loan.updatedOn,
		closedOn: loan.closedOn,
		note: loan.note,
		links: loan.sales.map((sale) => ({ kind: sale.kind, id: sale.id, number: sale.number }))
	}));
	return [...orders, ...quotes, ...loans].sort((a, b) => b.number - a.number);
}
