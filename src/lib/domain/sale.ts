/**
 * The ticket to record, built from the domain's totals: each line's figures come back with the
 * line they were computed for (LineTotals.line), so nothing is matched by position and nothing is
 * recomputed here.
 */
import type { BalanceIssue } from './balance';
import type { PaymentSummary, TenderInput } from './payment';
import type { NewTicket, RecordedPayment } from './recorded';
import type { TicketInput, TicketLineInput, TicketTotals } from './ticket';

/** A line of a sale as the till totals it: the article the ticket will record, and its price. */
export interface SaleLineInput extends TicketLineInput {
	/** The article's EAN, or '' for an "article divers" not kept in the catalogue. */
	readonly ean: string;
	readonly title: string;
	readonly authors: string;
	readonly publisher: string;
}

export interface SaleToRecord {
	tillId: string;
	cashier: string;
	customerId: number | null;
	/** What was totalled: the customer's status and the ticket discount. */
	ticketInput: TicketInput<SaleLineInput>;
	totals: TicketTotals<SaleLineInput>;
	tenders: readonly TenderInput[];
	payment: PaymentSummary;
	dueDate?: string | null;
	training?: boolean;
	cancelsTicketId?: number | null;
	issues?: readonly BalanceIssue[];
}

export function buildNewTicket(sale: SaleToRecord): NewTicket {
	const payments: RecordedPayment[] = sale.tenders.map((tender) => ({
		method: tender.method,
		amountCents: tender.amountCents,
		reference: tender.reference ?? null
	}));
	return {
		tillId: sale.tillId,
		cashier: sale.cashier,
		customerId: sale.customerId,
		customerStatus: sale.ticketInput.customerStatus,
		lines: sale.totals.lines.map(({ line, ...figures }) => ({
			ean: line.ean,
			title: line.title,
			authors: line.authors,
			publisher: line.publisher,
			kind: line.articleKind,
			quantity: line.quantity,
			unitPriceCents: line.unitPriceCents,
			vatRateBp: line.vatRateBp,
			discount: line.discount ?? null,
			grossCents: figures.grossCents,
			discountCents: figures.discountCents,
			ttcCents: figures.ttcCents,
			htCents: figures.htCents,
			vatCents: figures.vatCents
		})),
		ticketDiscount: sale.ticketInput.discount ?? null,
		rates: sale.totals.rates.map((rate) => ({ ...rate })),
		totalCents: sale.totals.ttcCents,
		payments,
		changeCents: sale.payment.changeCents,
		dueDate: sale.dueDate ?? null,
		cancelsTicketId: sale.cancelsTicketId ?? null,
		references: payments.flatMap((payment) => (payment.reference ? [payment.reference] : [])),
		training: sale.training ? 1 : 0,
		note: '',
		...(sale.issues && sale.issues.length > 0
			? { issues: sale.issues.map((issue) => ({ ...issue })) }
			: {})
	};
}
