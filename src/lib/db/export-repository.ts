import {
	addDays,
	eReportingRows,
	invoiceChannelOf,
	owesCompanyInvoice,
	parisDay,
	reportedDays,
	salesJournal,
	soldToCompany,
	sofiaRows,
	type AccountPlan,
	type CompanyInvoicedSale,
	type JournalEntry,
	type ReportedDay,
	type ReportingPeriod,
	type SofiaRow
} from '$lib/domain';
import { recordEvent } from './chain-repository';
import { getDb } from './db';
import type { TicketRow } from './schema';
import { getAccountPlan } from './settings-repository';

/**
 * The period exports (FEC and sales journal, SOFIA, e-reporting), read from the
 * daily aggregates and the issued invoices. Each download is journaled (an export is an event
 * the tax administration may ask about).
 */

/** The days' aggregates of every till between two days, ends included. */
export function daysOf(from: string, to: string) {
	return getDb().dailyTotals.where('day').between(from, to, true, true).toArray();
}

export async function salesJournalOf(
	from: string,
	to: string
): Promise<{ entries: JournalEntry[]; plan: AccountPlan }> {
	const [days, plan] = await Promise.all([daysOf(from, to), getAccountPlan()]);
	return { entries: salesJournal(days, plan), plan };
}

/**
 * The sales between two days that travel as e-invoices, left out of the e-reporting
 * (docs/invoices.md#e-reporting): every sale to a company, at this till or another of the shop
 * (each ticket records its buyer's status), with its cancellation; and a sale made to someone
 * else then invoiced to a company here, with the cancellation its credit note cites. An invoice
 * is issued on or after its sales: those issued from the day before the first (a Paris day starts
 * the day before in UTC) are read. Each ticket counts once, even invoiced again after a credit note.
 */
export async function eInvoicedSalesOf(from: string, to: string): Promise<CompanyInvoicedSale[]> {
	const db = getDb();
	return db.transaction('r', [db.tickets, db.peerTickets, db.invoices], async () => {
		const [own, peers, invoices] = await Promise.all([
			db.tickets.where('day').between(from, to, true, true).filter(soldToCompany).toArray(),
			db.peerTickets
				.where('day')
				.between(from, to, true, true)
				.filter((peer) => soldToCompany(peer.ticket))
				.toArray(),
			db.invoices
				.where('issueDate')
				.aboveOrEqual(addDays(from, -1))
				.filter(
					(invoice) =>
						invoice.kind !== 'proforma' &&
						invoice.document.buyer !== null &&
						invoiceChannelOf(invoice.document.buyer.status) === 'plateforme'
				)
				.toArray()
		]);
		const counted = new Set(own.map((ticket) => ticket.id));
		const invoicedIds = [...new Set(invoices.flatMap((invoice) => invoice.ticketIds))].filter(
			(id) => !counted.has(id)
		);
		const invoiced = (await db.tickets.bulkGet(invoicedIds)).filter(
			(ticket): ticket is TicketRow =>
				ticket !== undefined && ticket.training === 0 && ticket.day >= from && ticket.day <= to
		);
		return [...own, ...peers.map((peer) => peer.ticket), ...invoiced].map((ticket) => ({
			day: ticket.day,
			rates: ticket.rates
		}));
	});
}

/**
 * A period's days as its e-reporting gives them (docs/invoices.md#e-reporting): every till's day
 * aggregates, less the sales that travel as e-invoices.
 */
export async function reportedDaysOf(period: ReportingPeriod): Promise<ReportedDay[]> {
	const [sold, eInvoiced] = await Promise.all([
		daysOf(period.start, period.end),
		eInvoicedSalesOf(period.start, period.end)
	]);
	return reportedDays(sold, period, eInvoiced);
}

/**
 * The numbers of the period's sales to companies that have no invoice yet (docs/invoices.md#e-reporting):
 * a sale to a company is invoiced (CGI art. 289), as an e-invoice, so it is never e-reported;
 * its period waits until it is. Training tickets, cancellations and sales cancelled are not asked.
 */
export async function companySalesNotInvoicedOf(from: string, to: string): Promise<number[]> {
	const db = getDb();
	return db.transaction('r', [db.tickets, db.invoices], async () => {
		const sold = await db.tickets
			.where('day')
			.between(from, to, true, true)
			.filter(owesCompanyInvoice)
			.toArray();
		if (sold.length === 0) return [];
		const ids = sold.map((ticket) => ticket.id);
		const [invoices, cancellations] = await Promise.all([
			db.invoices.where('ticketIds').anyOf(ids).toArray(),
			db.tickets.where('cancelsTicketId').anyOf(ids).toArray()
		]);
		const settled = new Set<number | null>([
			...invoices
				.filter((invoice) => invoice.kind !== 'proforma')
				.flatMap((invoice) => invoice.ticketIds),
			...cancellations.map((cancellation) => cancellation.cancelsTicketId)
		]);
		return sold.filter((ticket) => !settled.has(ticket.id)).map((ticket) => ticket.number);
	});
}

export async function eReportingOf(from: string, to: string): Promise<string[][]> {
	return eReportingRows(await daysOf(from, to));
}

/**
 * The SOFIA lines of the invoices and credit notes issued between two days (Europe/Paris) to
 * customers with a GLN. Issue dates are instants: a day either side is read, then cut by day.
 */
export async function sofiaOf(from: string, to: string): Promise<SofiaRow[]> {
	const invoices = await getDb()
		.invoices.where('issueDate')
		.between(addDays(from, -1), `${addDays(to, 1)}T99`, true, true)
		.toArray();
	const inPeriod = invoices
		.filter((invoice) => {
			const day = parisDay(new Date(invoice.issueDate));
			return day >= from && day <= to;
		})
		.sort((a, b) => a.issueDate.localeCompare(b.issueDate));
	return sofiaRows(inPeriod);
}

/** Journals a download: what, which period, how many rows, by whom. */
export function recordExport(
	what: string,
	detail: { from: string; to: string; rows: number; by: string; typeCode?: string }
): Promise<void> {
	return recordEvent('export', { what, ...detail });
}

/** How many times an export of this kind and period was made already, as the journal says. */
export async function exportsMade(what: string, from: string, to: string): Promise<number> {
	return getDb()
		.journal.where('type')
		.equals('export')
		.filter(({ detail }) => detail.what === what && detail.from === from && detail.to === to)
		.count();
}
