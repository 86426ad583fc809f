import type { ArticleKind, CustomerStatus, Discount } from './discount';
import { assertCents, type Cents } from './money';
import type { PaymentMethod } from './payment';
import type { ShopSettings } from './shop';
import type { InvoiceReferences, PostalAddress } from './ticket-annotations';
import type { VatRateBp } from './vat';

/** What an invoice needs of a recorded ticket (its figures are never recomputed). */
export interface InvoicedTicket {
	readonly id: number;
	readonly tillId: string;
	readonly number: number;
	readonly createdAt: string;
	readonly day: string;
	readonly dueDate: string | null;
	readonly lines: readonly {
		readonly ean: string;
		readonly title: string;
		readonly authors: string;
		readonly publisher: string;
		readonly kind: ArticleKind;
		readonly quantity: number;
		readonly unitPriceCents: Cents;
		readonly vatRateBp: VatRateBp;
		readonly discount: Discount | null;
		readonly grossCents: Cents;
		readonly discountCents: Cents;
		readonly ttcCents: Cents;
		readonly htCents: Cents;
		readonly vatCents: Cents;
	}[];
	readonly rates: readonly {
		readonly vatRateBp: VatRateBp;
		readonly ttcCents: Cents;
		readonly htCents: Cents;
		readonly vatCents: Cents;
		readonly discountCents: Cents;
	}[];
	readonly totalCents: Cents;
	readonly payments: readonly { readonly method: PaymentMethod; readonly amountCents: Cents }[];
	readonly changeCents: Cents;
}

/** The buyer as the invoice names it (CGI ann. II art. 242 nonies A: name, address, SIREN). */
export interface InvoiceBuyer {
	readonly customerNumber: string;
	readonly name: string;
	readonly status: CustomerStatus;
	readonly siret: string;
	readonly gln: string;
	readonly email: string;
	readonly showShopIban: boolean;
	/** Chorus Pro directory flags of a public buyer (DOMAIN.md §6). */
	readonly serviceCodeRequired: boolean;
	readonly engagementRequired: boolean;
	readonly oneOfRequired: boolean;
}

/**
 * An invoice as issued: everything it shows, frozen at issue time (the customer file or the
 * shop's address may change later; the invoice must not). Amounts are the tickets' own.
 */
export interface InvoiceDocument {
	readonly seller: ShopSettings;
	readonly buyer: InvoiceBuyer | null;
	readonly billing: PostalAddress | null;
	readonly delivery: PostalAddress | null;
	readonly references: InvoiceReferences;
	readonly note: string;
	readonly tickets: readonly { id: number; tillId: string; number: number; day: string }[];
	/** Date of sale when it differs from the issue date (DOMAIN.md §5). */
	readonly saleDay: string;
	readonly lines: InvoicedTicket['lines'];
	readonly rates: readonly {
		readonly vatRateBp: VatRateBp;
		readonly ttcCents: Cents;
		readonly htCents: Cents;
		readonly vatCents: Cents;
		readonly discountCents: Cents;
	}[];
	readonly totalCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	/** What was paid at the counter (cash change deducted); the rest is due. */
	readonly paidCents: Cents;
	readonly payments: readonly { readonly method: PaymentMethod; readonly amountCents: Cents }[];
	readonly dueDate: string | null;
	/** Chorus Pro cadre de facturation: A2 "facture déjà payée" for a ticket paid at the counter. */
	readonly frame: 'A1' | 'A2';
}

/**
 * The invoice of one or several tickets of one customer: their lines one after the other, VAT
 * per rate as the sum of the tickets' own per-rate figures (so the invoice equals the tickets to
 * the cent), payments added up, the latest due date.
 */
export function invoiceDocumentFromTickets(input: {
	readonly seller: ShopSettings;
	readonly buyer: InvoiceBuyer | null;
	readonly billing: PostalAddress | null;
	readonly delivery: PostalAddress | null;
	readonly references: InvoiceReferences;
	readonly note: string;
	readonly tickets: readonly InvoicedTicket[];
}): InvoiceDocument {
	const tickets = [...input.tickets].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	const rates = new Map<VatRateBp, { ttc: number; ht: number; vat: number; discount: number }>();
	const payments = new Map<PaymentMethod, number>();
	let paid = 0;
	for (const ticket of tickets) {
		for (const rate of ticket.rates) {
			const sum = rates.get(rate.vatRateBp) ?? { ttc: 0, ht: 0, vat: 0, discount: 0 };
			rates.set(rate.vatRateBp, {
				ttc: sum.ttc + rate.ttcCents,
				ht: sum.ht + rate.htCents,
				vat: sum.vat + rate.vatCents,
				discount: sum.discount + rate.discountCents
			});
		}
		for (const payment of ticket.payments) {
			const amount =
				payment.method === 'especes'
					? payment.amountCents - ticket.changeCents
					: payment.amountCents;
			payments.set(payment.method, (payments.get(payment.method) ?? 0) + amount);
			if (payment.method !== 'en-compte') paid += amount;
		}
	}
	const rateRows = [...rates.entries()]
		.sort(([a], [b]) => a - b)
		.map(([vatRateBp, sum]) => ({
			vatRateBp,
			ttcCents: assertCents(sum.ttc),
			htCents: assertCents(sum.ht),
			vatCents: assertCents(sum.vat),
			discountCents: assertCents(sum.discount)
		}));
	const total = tickets.reduce((sum, ticket) => sum + ticket.totalCents, 0);
	const dueDates = tickets.flatMap((ticket) => (ticket.dueDate ? [ticket.dueDate] : [])).sort();
	const lastTicket = tickets.at(-1);
	if (!lastTicket) throw new RangeError('invoiceDocumentFromTickets: an invoice needs a ticket');
	return {
		seller: input.seller,
		buyer: input.buyer,
		billing: input.billing,
		delivery: input.delivery,
		references: input.references,
		note: input.note,
		tickets: tickets.map(({ id, tillId, number, day }) => ({ id, tillId, number, day })),
		saleDay: lastTicket.day,
		lines: tickets.flatMap((ticket) => ticket.lines),
		rates: rateRows,
		totalCents: assertCents(total),
		htCents: assertCents(rateRows.reduce((sum, rate) => sum + rate.htCents, 0)),
		vatCents: assertCents(rateRows.reduce((sum, rate) => sum + rate.vatCents, 0)),
		paidCents: assertCents(paid),
		payments: [...payments.entries()]
			.filter(([, amount]) => amount !== 0)
			.map(([method, amountCents]) => ({ method, amountCents: assertCents(amountCents) })),
		dueDate: dueDates.at(-1) ?? null,
		frame: paid === total && total !== 0 ? 'A2' : 'A1'
	};
}
