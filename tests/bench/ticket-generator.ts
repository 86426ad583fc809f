/**
 * Ten years of a bookshop's sales for the benchmarks, deterministic: about 320 tickets a day,
 * Saturdays busier, closed on Sundays, 1 to 4 lines each; 5 % with a known customer, 2 % with an
 * invoice. Rows are shaped exactly as the app records them.
 */
import type { InvoiceRow, TicketRow, Unsaved } from '$lib/db/schema';
import { seededRandom as random } from '$lib/demo/demo-data';
import { addDays, assertCents, computeTicketTotals, type TicketInput } from '$lib/domain';
import type { CatalogueGenerator } from './catalogue-generator';

export const HISTORY_START = '2016-01-04';
export const HISTORY_DAYS = 3_653;

export interface GeneratedDay {
	day: string;
	tickets: TicketRow[];
	invoices: Unsaved<InvoiceRow>[];
}

/** Opening days of the history (Sundays closed). */
export function openDays(): string[] {
	const days: string[] = [];
	for (let i = 0; i < HISTORY_DAYS; i++) {
		if (i % 7 !== 6) days.push(addDays(HISTORY_START, i)); // 2016-01-04 is a Monday.
	}
	return days;
}

/** Tickets per day so that `total` tickets fill the ten years (Saturday × 1.6). */
function dailyCounts(total: number, days: readonly string[]): number[] {
	const weights = days.map((_, i) => (i % 6 === 5 ? 1.6 : 1));
	const sum = weights.reduce((a, b) => a + b, 0);
	let cumulative = 0;
	let assigned = 0;
	return weights.map((weight) => {
		cumulative += weight;
		const target = Math.round((total * cumulative) / sum);
		const count = target - assigned;
		assigned = target;
		return count;
	});
}

export function* ticketHistory(
	catalogue: CatalogueGenerator,
	total: number,
	catalogueSize: number
): Generator<GeneratedDay> {
	const days = openDays();
	const counts = dailyCounts(total, days);
	const next = random(1981);
	let id = 0;
	let invoiceNumber = 0;
	for (const [d, day] of days.entries()) {
		const tickets: TicketRow[] = [];
		const invoices: Unsaved<InvoiceRow>[] = [];
		const count = counts[d] ?? 0;
		for (let k = 0; k < count; k++) {
			id++;
			const minutes = 9 * 60 + 30 + Math.floor((k / Math.max(1, count)) * 600);
			const createdAt = `${day}T${String(Math.floor(minutes / 60) - 1).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
			const lineCount = 1 + Math.floor(next() * 4);
			const articles = Array.from({ length: lineCount }, () =>
				catalogue.article(Math.floor(next() * catalogueSize))
			);
			const customerId = next() < 0.05 ? 1 + Math.floor(next() * 500) : null;
			const input: TicketInput = {
				customerStatus: 'particulier',
				lines: articles.map((a) => ({
					label: a.title,
					quantity: 1,
					unitPriceCents: a.priceCents,
					vatRateBp: a.vatRateBp,
					articleKind: a.kind
				}))
			};
			const totals = computeTicketTotals(input);
			if (!totals.ok) throw new Error(totals.error.message);
			const ticket: TicketRow = {
				id,
				tillId: 'CAISSE1',
				number: id,
				createdAt,
				day,
				cashier: 'Anne',
				customerId,
				customerStatus: 'particulier',
				lines: articles.map((a, i) => {
					const figures = totals.value.lines[i];
					if (!figures) throw new Error('line totals');
					return {
						ean: a.ean,
						title: a.title,
						authors: a.authors,
						publisher: a.publisher,
						kind: a.kind,
						quantity: 1,
						unitPriceCents: a.priceCents,
						discount: null,
						...figures
					};
				}),
				ticketDiscount: null,
				rates: totals.value.rates.map((r) => ({ ...r })),
				totalCents: totals.value.ttcCents,
				payments: [
					{
						method: next() < 0.6 ? 'carte' : 'especes',
						amountCents: totals.value.ttcCents,
						reference: null
					}
				],
				changeCents: assertCents(0),
				dueDate: null,
				cancelsTicketId: null,
				references: [],
				training: 0,
				note: ''
			};
			tickets.push(ticket);
			if (customerId !== null && next() < 0.4) {
				invoiceNumber++;
				invoices.push({
					kind: 'invoice',
					number: String(invoiceNumber),
					status: 'payée',
					issueDate: createdAt,
					dueDate: null,
					customerId,
					ticketIds: [id],
					creditedInvoiceId: null,
					// Volume only: the benchmarks read invoice numbers, never the documents.
					document: {} as InvoiceRow['document'],
					totalCents: ticket.totalCents,
					paidCents: ticket.totalCents,
					createdAt
				});
			}
		}
		yield { day, tickets, invoices };
	}
}
