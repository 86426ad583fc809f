import type { ArticleKind, CustomerStatus, Discount } from './discount';
import { assertCents, roundDivide, sumCents, type Cents } from './money';
import { err, ok, type Result } from './result';
import type { PaymentMethod } from './payment';
import type { ShopSettings } from './shop';
import type { RateTotals } from './ticket';
import type { InvoiceReferences, PostalAddress } from './ticket-annotations';
import { htFromTtc, splitHtByRate, type VatRateBp } from './vat';

/** A line as sold, with its figures: on a recorded ticket, and on the invoice made of it. */
export interface InvoiceLine {
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
	/** On a credit note: the line of the credited invoice it credits. */
	readonly creditedLine?: number;
}

/** What an invoice needs of a recorded ticket (its figures are never recomputed). */
export interface InvoicedTicket {
	readonly id: number;
	readonly tillId: string;
	readonly number: number;
	readonly createdAt: string;
	readonly day: string;
	readonly dueDate: string | null;
	readonly lines: readonly InvoiceLine[];
	readonly rates: readonly RateTotals[];
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
	/** A company's SIREN and directory address (reform e-invoices); absent on older invoices. */
	readonly siren?: string;
	readonly einvoiceAddress?: string;
	readonly gln: string;
	readonly email: string;
	readonly showShopIban: boolean;
	/** Chorus Pro directory flags of a public buyer (docs/rules.md#chorus-pro). */
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
	/** Date of sale when it differs from the issue date (docs/rules.md#invoices). */
	readonly saleDay: string;
	readonly lines: readonly InvoiceLine[];
	readonly rates: readonly RateTotals[];
	readonly totalCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	/** What was paid at the counter (cash change deducted); the rest is due. */
	readonly paidCents: Cents;
	readonly payments: readonly { readonly method: PaymentMethod; readonly amountCents: Cents }[];
	readonly dueDate: string | null;
	/** Chorus Pro cadre de facturation: A2 "facture déjà payée" for a ticket paid at the counter. */
	readonly frame: 'A1' | 'A2';
	/** Text lines of a standalone invoice, each printed before the priced line at `beforeLine`. */
	readonly textLines?: readonly { readonly beforeLine: number; readonly text: string }[];
}

/** What an issued invoice row keeps, with the credited invoice of a credit note (BT-25, BT-26). */
export type IssuedDocument = InvoiceDocument & {
	readonly creditedInvoice?: { readonly number: string; readonly issueDate: string };
};

export type InvoiceKind = 'proforma' | 'invoice' | 'credit-note';

/** An invoice, pro forma or credit note as issued: its number, dates and frozen document. */
export interface IssuedInvoice {
	readonly kind: InvoiceKind;
	/** "PF-…" for pro forma, the continuous series number otherwise ("AV-…" for credit notes). */
	readonly number: string;
	/** ISO timestamp of issue. */
	readonly issueDate: string;
	readonly dueDate: string | null;
	readonly document: IssuedDocument;
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

/** Quantities credited per line of an invoice (line index → quantity). */
export type CreditedQuantities = ReadonlyMap<number, number>;

/** What the credit notes already made on an invoice took from each of its lines. */
export function creditedQuantities(creditNotes: readonly IssuedInvoice[]): CreditedQuantities {
	const credited = new Map<number, number>();
	for (const note of creditNotes) {
		for (const line of note.document.lines) {
			if (line.creditedLine === undefined) continue;
			credited.set(
				line.creditedLine,
				(credited.get(line.creditedLine) ?? 0) + Math.abs(line.quantity)
			);
		}
	}
	return credited;
}

/**
 * A credit note (avoir) on part or all of an invoice (docs/rules.md#invoices): the chosen quantities of its
 * lines, each line's TTC and discount in proportion (the whole line when all of it is credited,
 * so a total credit note is the invoice's exact mirror), VAT per rate by the ticket's rule.
 * Figures are negative, as a cancellation's are; what was paid at the counter stays with the
 * invoice. Refuses quantities beyond what is left to credit after earlier credit notes.
 */
export function creditNoteDocument(
	original: IssuedInvoice,
	selection: readonly { readonly lineIndex: number; readonly quantity: number }[],
	alreadyCredited: CreditedQuantities = new Map()
): Result<IssuedDocument> {
	if (original.kind !== 'invoice') {
		return err('NOT_AN_INVOICE', 'Un avoir ne peut être fait que sur une facture définitive.');
	}
	const chosen = selection.filter((item) => item.quantity !== 0);
	if (chosen.length === 0) {
		return err(
			'CREDIT_EMPTY',
			'Choisissez au moins une ligne et une quantité à créditer.',
			'lines'
		);
	}
	const lines: InvoiceLine[] = [];
	for (const { lineIndex, quantity } of chosen) {
		const line = original.document.lines[lineIndex];
		const field = `lines.${lineIndex}.quantity`;
		if (!line) return err('LINE_UNKNOWN', 'Cette ligne n’existe pas sur la facture.', field);
		const left = Math.abs(line.quantity) - (alreadyCredited.get(lineIndex) ?? 0);
		if (!Number.isInteger(quantity) || quantity < 0 || quantity > left) {
			return err(
				'CREDIT_QUANTITY',
				left === 0
					? `«\u00a0${line.title}\u00a0» est déjà entièrement crédité.`
					: `Quantité à créditer pour «\u00a0${line.title}\u00a0»\u00a0: un nombre entier de 1 à ${left}.`,
				field
			);
		}
		const share = (cents: number) =>
			quantity === Math.abs(line.quantity)
				? cents
				: Number(roundDivide(BigInt(cents) * BigInt(quantity), BigInt(Math.abs(line.quantity))));
		const sign = Math.sign(line.quantity);
		// 0 − x, not −x: a credited line with no discount keeps 0, not −0.
		const credited = (cents: number) => assertCents(0 - share(cents));
		lines.push({
			...line,
			creditedLine: lineIndex,
			quantity: -quantity * sign,
			grossCents: credited(line.grossCents),
			discountCents: credited(line.discountCents),
			ttcCents: credited(line.ttcCents),
			htCents: assertCents(0),
			vatCents: assertCents(0)
		});
	}
	const split = splitHtByRate(lines, htFromTtc);
	const withFigures = lines.map((line, index) => {
		const htCents = split.htByLine[index] as Cents;
		return { ...line, htCents, vatCents: assertCents(line.ttcCents - htCents) };
	});
	const rates = split.rates.map((rate) => ({
		vatRateBp: rate.vatRateBp,
		ttcCents: rate.ttcCents,
		htCents: rate.htCents,
		vatCents: assertCents(rate.ttcCents - rate.htCents),
		discountCents: sumCents(
			withFigures.filter((l) => l.vatRateBp === rate.vatRateBp).map((l) => l.discountCents)
		)
	}));
	const totalCents = sumCents(rates.map((rate) => rate.ttcCents));
	return ok({
		...original.document,
		textLines: [],
		lines: withFigures,
		rates,
		totalCents,
		htCents: sumCents(rates.map((rate) => rate.htCents)),
		vatCents: sumCents(rates.map((rate) => rate.vatCents)),
		paidCents: assertCents(0),
		payments: [],
		dueDate: null,
		frame: 'A1',
		creditedInvoice: { number: original.number, issueDate: original.issueDate }
	});
}

/**
 * « Émettre un avoir et refacturer » (docs/invoices.md#reissue): the credit note on all of an
 * invoice, and the new invoice's document with the corrected details. What was paid at the counter
 * is carried to the new invoice: on the credit note it is a negative « paid », the part of it
 * repaid (domain/invoice-account).
 */
export function reissueDocuments(
	original: IssuedInvoice,
	fix: {
		readonly seller: ShopSettings;
		readonly buyer: InvoiceBuyer | null;
		readonly billing: PostalAddress | null;
		readonly delivery: PostalAddress | null;
		readonly references: InvoiceReferences;
	}
): Result<{ creditNote: IssuedDocument; invoice: InvoiceDocument }> {
	const credited = creditNoteDocument(
		original,
		original.document.lines.map((line, lineIndex) => ({
			lineIndex,
			quantity: Math.abs(line.quantity)
		}))
	);
	if (!credited.ok) return credited;
	const invoice: InvoiceDocument = {
		...original.document,
		...fix,
		buyer: fix.buyer ?? original.document.buyer
	};
	return ok({
		creditNote: { ...credited.value, paidCents: assertCents(0 - original.document.paidCents) },
		invoice
	});
}
