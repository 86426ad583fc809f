import { parseDiscount, type CustomerStatus } from './discount';
import type { InvoiceBuyer, InvoiceDocument, InvoiceLine } from './invoice-document';
import { formatEuros } from './format';
import { assertCents, parseEuros, type Cents } from './money';
import { err, ok, type Result } from './result';
import type { ShopSettings } from './shop';
import { computeTicketTotals } from './ticket';
import { validatePastDay } from './ticket-period';
import type { InvoiceReferences, PostalAddress } from './ticket-annotations';
import { parseVatRate } from './vat';

/**
 * A standalone invoice as it is prepared (docs/features.md "Nouvelle facture", "Ajouter une ligne":
 * from the catalogue, a free line with its VAT rate, a text line). It stays a pro forma, editable
 * and deletable, until the bookseller produces the final invoice.
 */
export type DraftLine =
	| ({ readonly type: 'article' | 'free' } & ArticleFields)
	| { readonly type: 'text'; readonly text: string };

/** What a priced line says of its article (its unit price VAT-inclusive, as bookshop prices are). */
type ArticleFields = Pick<
	InvoiceLine,
	| 'ean'
	| 'title'
	| 'authors'
	| 'publisher'
	| 'kind'
	| 'quantity'
	| 'unitPriceCents'
	| 'vatRateBp'
	| 'discount'
>;

export interface InvoiceDraft {
	readonly seller: ShopSettings;
	readonly buyer: InvoiceBuyer | null;
	readonly buyerStatus: CustomerStatus;
	readonly billing: PostalAddress | null;
	readonly delivery: PostalAddress | null;
	readonly references: InvoiceReferences;
	readonly note: string;
	readonly saleDay: string;
	readonly dueDate: string | null;
	readonly lines: readonly DraftLine[];
}

/** The article fields of a line, the same in the editor and on the document. */
function articleFields(line: ArticleFields): ArticleFields {
	const { ean, title, authors, publisher, kind, quantity, unitPriceCents, vatRateBp, discount } =
		line;
	return { ean, title, authors, publisher, kind, quantity, unitPriceCents, vatRateBp, discount };
}

/**
 * The document of a standalone invoice: figures by the till's engine (Loi Lang caps apply to the
 * buyer's status, VAT per rate as on a ticket), text lines kept at their place, nothing paid.
 */
export function invoiceDocumentFromDraft(draft: InvoiceDraft): Result<InvoiceDocument> {
	const priced = draft.lines.filter((line) => line.type !== 'text');
	if (priced.length === 0) {
		return err(
			'INVOICE_EMPTY',
			'Ajoutez au moins une ligne avec un prix (article ou ligne libre).',
			'lines'
		);
	}
	const totals = computeTicketTotals({
		customerStatus: draft.buyerStatus,
		lines: priced.map((line) => ({
			label: line.title,
			quantity: line.quantity,
			unitPriceCents: line.unitPriceCents,
			vatRateBp: line.vatRateBp,
			articleKind: line.kind,
			...(line.discount ? { discount: line.discount } : {})
		}))
	});
	if (!totals.ok) return totals;
	const textLines: { beforeLine: number; text: string }[] = [];
	let index = 0;
	for (const line of draft.lines) {
		if (line.type === 'text') textLines.push({ beforeLine: index, text: line.text });
		else index++;
	}
	const { rates, ttcCents, htCents, vatCents } = totals.value;
	return ok({
		seller: draft.seller,
		buyer: draft.buyer,
		billing: draft.billing,
		delivery: draft.delivery,
		references: draft.references,
		note: draft.note,
		tickets: [],
		saleDay: draft.saleDay,
		lines: priced.map((line, position) => {
			const figures = totals.value.lines[position] as (typeof totals.value.lines)[number];
			return {
				...articleFields(line),
				grossCents: figures.grossCents,
				discountCents: figures.discountCents,
				ttcCents: figures.ttcCents,
				htCents: figures.htCents,
				vatCents: figures.vatCents
			};
		}),
		rates,
		totalCents: ttcCents,
		htCents,
		vatCents,
		paidCents: assertCents(0),
		payments: [],
		dueDate: draft.dueDate,
		frame: 'A1',
		textLines
	});
}

export interface FreeLineForm {
	readonly title: string;
	readonly quantity: string;
	readonly unitPrice: string;
	readonly vatRate: string;
	readonly discount: string;
}

/** A free line as typed: a label, a whole quantity, a TTC unit price, a VAT rate, a discount. */
export function validateFreeLine(form: FreeLineForm): Result<DraftLine> {
	const title = form.title.trim();
	if (!title) return err('TITLE_MISSING', 'Saisissez la désignation de la ligne.', 'title');
	const quantity = Number(form.quantity.trim());
	if (!/^-?\d+$/u.test(form.quantity.trim()) || quantity === 0 || Math.abs(quantity) > 9999) {
		return err('QUANTITY_INVALID', 'La quantité doit être un nombre entier non nul.', 'quantity');
	}
	const price = parseEuros(form.unitPrice);
	if (!price.ok) return err(price.error.code, price.error.message, 'unitPrice');
	const rate = parseVatRate(form.vatRate);
	if (!rate.ok) return err(rate.error.code, rate.error.message, 'vatRate');
	const discount = parseDiscount(form.discount);
	if (!discount.ok) return err(discount.error.code, discount.error.message, 'discount');
	return ok({
		type: 'free',
		ean: '',
		title,
		authors: '',
		publisher: '',
		kind: 'autre',
		quantity,
		unitPriceCents: price.value,
		vatRateBp: rate.value,
		discount: discount.value
	});
}

/** Pro forma statuses (docs/features.md): in preparation, then sent to the customer. */
export type ProformaStatus = 'en-preparation' | 'envoyee';

export const PROFORMA_STATUS_LABELS: Readonly<Record<ProformaStatus, string>> = {
	'en-preparation': 'Pro forma — en préparation',
	envoyee: 'Pro forma — envoyée'
};

/** A payment received on an invoice, as typed: its day, its amount (at most what is left). */
export function validateInvoicePayment(
	input: { readonly day: string; readonly amount: string },
	leftCents: number,
	today: string
): Result<{ day: string; amountCents: Cents }> {
	const day = validatePastDay(input.day, today, 'du règlement');
	if (!day.ok) return day;
	const amount = parseEuros(input.amount);
	if (!amount.ok) return err(amount.error.code, amount.error.message, 'amount');
	if (amount.value === 0) return err('AMOUNT_ZERO', 'Le montant du règlement est nul.', 'amount');
	if (amount.value > leftCents) {
		return err(
			'AMOUNT_TOO_LARGE',
			`Le règlement dépasse ce qui reste à payer (${formatEuros(leftCents)}).`,
			'amount'
		);
	}
	return ok({ day: day.value, amountCents: amount.value });
}

/** The lines of a saved pro forma, back in the editor's order (text lines at their place). */
export function draftLinesOf(document: InvoiceDocument): DraftLine[] {
	const lines: DraftLine[] = [];
	const texts = document.textLines ?? [];
	document.lines.forEach((line, index) => {
		for (const text of texts.filter((t) => t.beforeLine === index)) {
			lines.push({ type: 'text', text: text.text });
		}
		lines.push({
			type: line.kind === 'autre' && line.ean === '' ? 'free' : 'article',
			...articleFields(line)
		});
	});
	for (const text of texts.filter((t) => t.beforeLine >= document.lines.length)) {
		lines.push({ type: 'text', text: text.text });
	}
	return lines;
}
