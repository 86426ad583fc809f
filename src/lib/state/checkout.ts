import type {
	BalanceIssue,
	Cents,
	NewTicket,
	RecordedPayment,
	PaymentSummary,
	TenderInput,
	TicketInput,
	TicketTotals
} from '$lib/domain';
import type { CartCustomer, CartLine } from './cart.svelte';

/**
 * The ticket to record, from the cart as the domain computed it and the validated tenders.
 * Every amount comes from the domain's totals; nothing is recomputed here.
 */
export function buildNewTicket(input: {
	tillId: string;
	cashier: string;
	lines: readonly CartLine[];
	ticketInput: TicketInput;
	totals: TicketTotals;
	tenders: readonly TenderInput[];
	payment: PaymentSummary;
	customer: CartCustomer | null;
	dueDate?: string | null;
	training?: boolean;
	cancelsTicketId?: number | null;
	issues?: readonly BalanceIssue[];
}): NewTicket {
	const payments: RecordedPayment[] = input.tenders.map((tender) => ({
		method: tender.method,
		amountCents: tender.amountCents,
		reference: tender.reference ?? null
	}));
	return {
		tillId: input.tillId,
		cashier: input.cashier,
		customerId: input.customer?.id ?? null,
		customerStatus: input.ticketInput.customerStatus,
		lines: input.lines.map((line, index) => {
			const figures = input.totals.lines[index];
			if (!figures) throw new Error(`buildNewTicket: no totals for line ${index}`);
			return {
				ean: line.ean,
				title: line.title,
				authors: line.authors,
				publisher: line.publisher,
				kind: line.kind,
				quantity: line.quantity,
				unitPriceCents: line.unitPriceCents,
				vatRateBp: line.vatRateBp,
				discount: input.ticketInput.lines[index]?.discount ?? null,
				grossCents: figures.grossCents,
				discountCents: figures.discountCents,
				ttcCents: figures.ttcCents,
				htCents: figures.htCents,
				vatCents: figures.vatCents
			};
		}),
		ticketDiscount: input.ticketInput.discount ?? null,
		rates: input.totals.rates.map((rate) => ({ ...rate })),
		totalCents: input.totals.ttcCents,
		payments,
		changeCents: input.payment.changeCents as Cents,
		dueDate: input.dueDate ?? null,
		cancelsTicketId: input.cancelsTicketId ?? null,
		references: payments.flatMap((payment) => (payment.reference ? [payment.reference] : [])),
		training: input.training ? 1 : 0,
		note: '',
		...(input.issues && input.issues.length > 0
			? { issues: input.issues.map((issue) => ({ ...issue })) }
			: {})
	};
}
