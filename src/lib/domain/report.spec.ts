import { describe, expect, it } from 'vitest';
import { assertVatRateBp } from './vat';
import { summarizeTickets, type ReportTicket } from './report';

const r = assertVatRateBp;
const sale: ReportTicket = {
	totalCents: 5260,
	changeCents: 740,
	cancelsTicketId: null,
	rates: [
		{ vatRateBp: r(550), ttcCents: 4540, htCents: 4303, vatCents: 237, discountCents: 0 },
		{ vatRateBp: r(2000), ttcCents: 720, htCents: 600, vatCents: 120, discountCents: 80 }
	],
	payments: [{ method: 'especes', amountCents: 6000 }]
};
const cancel: ReportTicket = {
	totalCents: -5260,
	changeCents: 0,
	cancelsTicketId: 1,
	rates: sale.rates.map((x) => ({
		...x,
		ttcCents: -x.ttcCents,
		htCents: -x.htCents,
		vatCents: -x.vatCents,
		discountCents: -x.discountCents
	})),
	payments: [{ method: 'especes', amountCents: -5260 }]
};

describe('summarizeTickets (X report, closings)', () => {
	it('adds up per rate and per method, change deducted from cash', () => {
		expect(summarizeTickets([sale])).toEqual({
			ticketCount: 1,
			cancellationCount: 0,
			ttcCents: 5260,
			htCents: 4903,
			vatCents: 357,
			discountCents: 80,
			byRate: [
				{ vatRateBp: 550, ttcCents: 4540, htCents: 4303, vatCents: 237 },
				{ vatRateBp: 2000, ttcCents: 720, htCents: 600, vatCents: 120 }
			],
			byMethod: [{ method: 'especes', amountCents: 5260 }],
			cashNetCents: 5260
		});
	});
	it('a cancellation nets its original out', () => {
		const summary = summarizeTickets([
			sale,
			cancel,
			{ ...sale, changeCents: 0, payments: [{ method: 'carte', amountCents: 5260 }] }
		]);
		expect(summary).toMatchObject({
			ticketCount: 3,
			cancellationCount: 1,
			ttcCents: 5260,
			cashNetCents: 0,
			discountCents: 80
		});
		expect(summary.byMethod).toEqual([
			{ method: 'especes', amountCents: 0 },
			{ method: 'carte', amountCents: 5260 }
		]);
	});
	it('an empty period is all zeros', () => {
		expect(summarizeTickets([])).toMatchObject({
			ticketCount: 0,
			ttcCents: 0,
			byRate: [],
			byMethod: []
		});
	});
});
