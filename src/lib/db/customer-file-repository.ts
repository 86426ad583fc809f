import type { DueState, TicketListEntry } from '$lib/domain';
import { customerAccounts, type CustomerAccount } from './balance-repository';
import { getDb } from './db';
import { invoiceStandings } from './invoice-balance-repository';
import { peerTicketsOfCustomer } from './replication-repository';
import type { CustomerRow, InvoiceRow } from './schema';
import { ticketListEntries, ticketsOfCustomer } from './ticket-browse-repository';

/** Everything the customer detail shows (docs/features.md "Détail du client"). */
export interface CustomerFileView {
	readonly customer: CustomerRow;
	readonly accounts: readonly CustomerAccount[];
	readonly tickets: readonly TicketListEntry[];
	readonly invoices: readonly InvoiceRow[];
	/** What each invoice still owes, credit notes and payments counted (docs/invoices.md#what-is-owed). */
	readonly standings: ReadonlyMap<number, { leftCents: number; state: DueState; daysLate: number }>;
	/**
	 * Tickets with books sold to this lending library: the sales declared to SOFIA for the droit
	 * de prêt (docs/rules.md#public-bodies). 0 for a customer that is not a lending library.
	 */
	readonly sofiaTicketCount: number;
}

export async function getCustomerFileView(
	id: number,
	today: string
): Promise<CustomerFileView | null> {
	const db = getDb();
	const customer = await db.customers.get(id);
	if (!customer) return null;
	const [accounts, tickets, peerTickets, invoices] = await Promise.all([
		customerAccounts(id, today),
		ticketsOfCustomer(id),
		// Sold at the shop's other tills (docs/replication.md#records).
		peerTicketsOfCustomer(id),
		db.invoices.where('customerId').equals(id).reverse().sortBy('issueDate')
	]);
	const sofiaTicketCount = customer.isLendingLibrary
		? tickets.filter(
				(ticket) =>
					ticket.cancelsTicketId === null &&
					ticket.lines.some((line) => line.kind === 'livre' && line.vatRateBp === 550)
			).length
		: 0;
	return {
		customer,
		accounts,
		tickets: [...(await ticketListEntries(tickets)), ...peerTickets].sort((a, b) =>
			b.createdAt.localeCompare(a.createdAt)
		),
		invoices,
		standings: await invoiceStandings(invoices, today),
		sofiaTicketCount
	};
}
