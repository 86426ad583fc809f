/**
 * What a recorded sale and a recorded invoice are, in the words every layer shares: the till
 * builds them, storage keeps them (its rows add only their key and their seal), printing and
 * documents read them. Amounts in integer cents, rates in basis points, dates as ISO strings.
 */
import type { BalanceIssue } from './balance';
import type { ArticleKind, CustomerStatus, Discount } from './discount';
import type { InvoiceKind, IssuedDocument } from './invoice-document';
import type { ProformaStatus } from './invoice-draft';
import type { Cents } from './money';
import type { PaymentMethod } from './payment';
import type { VatRateBp } from './vat';

/** A line as sold: what was scanned, its price and discount, and its share of each total. */
export interface RecordedLine {
	/** The article's EAN, or '' for an "article divers" not kept in the catalogue. */
	ean: string;
	title: string;
	authors: string;
	publisher: string;
	kind: ArticleKind;
	quantity: number;
	unitPriceCents: Cents;
	vatRateBp: VatRateBp;
	discount: Discount | null;
	grossCents: Cents;
	discountCents: Cents;
	ttcCents: Cents;
	htCents: Cents;
	vatCents: Cents;
}

export interface RecordedPayment {
	method: PaymentMethod;
	amountCents: Cents;
	/** Voucher, credit note or deposit code. */
	reference: string | null;
}

/** A ticket's totals for one VAT rate. */
export interface RateTotal {
	vatRateBp: VatRateBp;
	ttcCents: Cents;
	htCents: Cents;
	vatCents: Cents;
	discountCents: Cents;
}

/** A voucher, deposit or credit note bought or taken back on a ticket (code set when recorded). */
export type RecordedBalanceIssue = BalanceIssue & { code?: string };

/** A sale as recorded: never changed afterwards (CGI art. 286-I-3° bis, docs/rules.md). */
export interface RecordedTicket {
	tillId: string;
	/** Unbroken per-till sequence, never reused. */
	number: number;
	/** ISO date-time of validation. */
	createdAt: string;
	/** Cashing day, Europe/Paris, YYYY-MM-DD: the day lists and reports are built on. */
	day: string;
	cashier: string;
	customerId: number | null;
	customerStatus: CustomerStatus;
	lines: RecordedLine[];
	ticketDiscount: Discount | null;
	rates: RateTotal[];
	totalCents: Cents;
	payments: RecordedPayment[];
	changeCents: Cents;
	/** Deferred payment ("en compte"): due date; the VAT regime decides which date counts. */
	dueDate: string | null;
	/** Set on a cancelling (inverse) ticket; the original is found through it, never edited. */
	cancelsTicketId: number | null;
	/** Codes of the vouchers, credit notes and deposits used or issued, for searches. */
	references: string[];
	training: 0 | 1;
	note: string;
	/**
	 * Vouchers, deposits and credit notes bought (positive) or taken back (negative) on this
	 * ticket: paid with it but outside its VAT base and its sales total. Absent on older tickets.
	 * Recorded issues always carry their code; a ticket being built may not have it yet.
	 */
	issues?: RecordedBalanceIssue[];
}

/**
 * A ticket to record: the till gives it its number, time and cashing day as it records it. New
 * vouchers and deposits get their code then too; taking one back names it.
 */
export type NewTicket = Omit<RecordedTicket, 'number' | 'createdAt' | 'day'>;

/**
 * Where an invoice stands in the shop's own books: a pro forma being prepared or sent, an invoice
 * issued (owed or paid on issue), a credit note issued. Chorus Pro's statuses are apart.
 */
export type InvoiceStatus = ProformaStatus | 'émise' | 'payée' | 'émis';

/** An invoice, credit note or pro forma as recorded. */
export interface RecordedInvoice {
	kind: InvoiceKind;
	/** "PF-…" for pro forma, the continuous series number otherwise. */
	number: string;
	status: InvoiceStatus;
	issueDate: string;
	dueDate: string | null;
	customerId: number | null;
	ticketIds: number[];
	creditedInvoiceId: number | null;
	/** The full document as issued (lines, addresses, references, totals). */
	document: IssuedDocument;
	/** An invoice issued again with corrections after a credit note on this one. */
	replacesInvoiceId?: number;
	totalCents: Cents;
	paidCents: Cents;
	createdAt: string;
}
