import { assertCents, type Cents } from './money';
import type { PaymentMethod } from './payment';
import type { VatRateBp } from './vat';

/** What a report needs of a ticket. */
export interface ReportTicket {
	readonly totalCents: number;
	readonly changeCents: number;
	readonly cancelsTicketId: number | null;
	readonly rates: readonly {
		vatRateBp: VatRateBp;
		ttcCents: number;
		htCents: number;
		vatCents: number;
		discountCents: number;
	}[];
	readonly payments: readonly { method: PaymentMethod; amountCents: number }[];
}

export interface TicketsSummary {
	readonly ticketCount: number;
	readonly cancellationCount: number;
	readonly ttcCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	readonly discountCents: Cents;
	readonly byRate: readonly RateRow<VatRateBp>[];
	readonly byMethod: readonly { method: PaymentMethod; amountCents: Cents }[];
	/** Cash kept in the drawer: cash tendered minus change given. */
	readonly cashNetCents: Cents;
}

/** One VAT rate's line of a report. */
export interface RateRow<R extends number = number> {
	readonly vatRateBp: R;
	readonly ttcCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
}

/** Per-rate sums as report rows, lowest rate first (X report, till report, closings). */
export function rateRows<R extends number>(
	byRate: ReadonlyMap<R, { ttc: number; ht: number; vat: number }>
): RateRow<R>[] {
	return [...byRate]
		.sort(([a], [b]) => a - b)
		.map(([vatRateBp, sum]) => ({
			vatRateBp,
			ttcCents: assertCents(sum.ttc),
			htCents: assertCents(sum.ht),
			vatCents: assertCents(sum.vat)
		}));
}

/**
 * Totals of a set of tickets (X report, closings): per VAT rate, per payment method, the cash the
 * drawer should have gained. Cancellations are tickets too: they net out their original.
 */
export function summarizeTickets(tickets: readonly ReportTicket[]): TicketsSummary {
	const byRate = new Map<VatRateBp, { ttc: number; ht: number; vat: number }>();
	const byMethod = new Map<PaymentMethod, number>();
	let discount = 0;
	let cashNet = 0;
	for (const ticket of tickets) {
		for (const rate of ticket.rates) {
			const sum = byRate.get(rate.vatRateBp) ?? { ttc: 0, ht: 0, vat: 0 };
			byRate.set(rate.vatRateBp, {
				ttc: sum.ttc + rate.ttcCents,
				ht: sum.ht + rate.htCents,
				vat: sum.vat + rate.vatCents
			});
			discount += rate.discountCents;
		}
		// Cash is counted net of the change given back: only cash gives change.
		let cash = -ticket.changeCents;
		for (const payment of ticket.payments) {
			if (payment.method === 'especes') cash += payment.amountCents;
			else byMethod.set(payment.method, (byMethod.get(payment.method) ?? 0) + payment.amountCents);
		}
		if (cash !== 0) byMethod.set('especes', (byMethod.get('especes') ?? 0) + cash);
		cashNet += cash;
	}
	const rates = rateRows(byRate);
	return {
		ticketCount: tickets.length,
		cancellationCount: tickets.filter((t) => t.cancelsTicketId !== null).length,
		ttcCents: assertCents(tickets.reduce((sum, t) => sum + t.totalCents, 0)),
		htCents: assertCents(rates.reduce((sum, r) => sum + r.htCents, 0)),
		vatCents: assertCents(rates.reduce((sum, r) => sum + r.vatCents, 0)),
		discountCents: assertCents(discount),
		byRate: rates,
		byMethod: [...byMethod].map(([method, amount]) => ({
			method,
			amountCents: assertCents(amount)
		})),
		cashNetCents: assertCents(cashNet)
	};
}
