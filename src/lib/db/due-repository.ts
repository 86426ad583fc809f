import {
	deferredCents,
	deferredTicketAccount,
	dueState,
	amountOwed,
	currentCustomerId,
	foldAmendments,
	parisDay,
	currentInvoiceOf,
	type DueDocument
} from '$lib/domain';
import { customerDisplayName } from './customer-repository';
import { getDb } from './db';
import { listInvoices } from './invoice-list-repository';
import { journal } from './chain-repository';

/**
 * « Les échéances » (docs/features.md, the till's menu; docs/invoices.md#les-échéances): every sale left
 * to pay at a due date (« en compte ») not yet invoiced, and every invoice with something asked,
 * with where each one stands.
 */
export interface DueEntry extends DueDocument {
	readonly id: number;
	readonly customerId: number | null;
}

export async function listDueEntries(today: string): Promise<DueEntry[]> {
	const db = getDb();
	const [invoices, heads, customers, reminderRows] = await Promise.all([
		listInvoices(today),
		db.ticketHeads.where('dueDate').above('').toArray(),
		db.customers.toArray(),
		db.journal.where('type').equals('reminder-sent').toArray()
	]);
	const customerOf = new Map(customers.map((row) => [row.id, row]));
	const remindersOf = (kind: string, id: number) =>
		reminderRows
			.filter((row) => row.detail['kind'] === kind && row.detail['id'] === id)
			.map((row) => row.at)
			.sort()
			.reverse();
	const entries: DueEntry[] = [];
	for (const entry of invoices) {
		const { invoice } = entry;
		if (invoice.kind !== 'invoice' || entry.dueCents <= 0 || !entry.due) continue;
		entries.push({
			kind: 'invoice',
			id: invoice.id,
			label: `Facture n° ${invoice.number}`,
			number: invoice.number,
			customerId: invoice.customerId,
			customerName: entry.customerName,
			issueDay: parisDay(new Date(invoice.issueDate)),
			dueDay: invoice.dueDate?.slice(0, 10) ?? null,
			askedCents: entry.dueCents,
			leftCents: entry.leftCents,
			state: entry.due.state,
			daysLate: entry.due.daysLate,
			reminders: remindersOf('invoice', invoice.id)
		});
	}
	const live = heads.filter((head) => head.training === 0 && head.cancelsTicketId === null);
	const ids = live.map((head) => head.id);
	const [tickets, amendments, invoicesOfTickets, cancellations] = await Promise.all([
		db.tickets.bulkGet(ids),
		db.ticketAmendments.where('ticketId').anyOf(ids).toArray(),
		db.invoices.where('ticketIds').anyOf(ids).toArray(),
		db.tickets.where('cancelsTicketId').anyOf(ids).toArray()
	]);
	const cancelled = new Set(cancellations.map((row) => row.cancelsTicketId));
	for (const ticket of tickets) {
		if (!ticket?.id || !ticket.dueDate || cancelled.has(ticket.id)) continue;
		const id = ticket.id;
		// An invoiced sale is followed on its invoice.
		if (currentInvoiceOf(invoicesOfTickets.filter((row) => row.ticketIds.includes(id)))) continue;
		const own = amendments
			.filter((row) => row.ticketId === id)
			.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
		const settled = own.reduce(
			(sum, row) => sum + (row.kind === 'settlement' ? row.amountCents : 0),
			0
		);
		const annotations = foldAmendments(own);
		const customerId = currentCustomerId(ticket, annotations);
		const customer = customerId === null ? undefined : customerOf.get(customerId);
		const asked = deferredCents(ticket.payments);
		const account = deferredTicketAccount({
			totalCents: ticket.totalCents,
			deferredCents: asked,
			settledCents: settled
		});
		const state = dueState(account, ticket.dueDate, today);
		entries.push({
			kind: 'ticket',
			id,
			label: `Ticket n° ${ticket.number} (${ticket.tillId})`,
			number: String(ticket.number),
			customerId,
			customerName: customer ? customerDisplayName(customer) : '',
			issueDay: ticket.day,
			dueDay: ticket.dueDate,
			askedCents: asked,
			leftCents: Math.max(0, amountOwed(account)),
			state: state.state,
			daysLate: state.daysLate,
			reminders: remindersOf('ticket', id)
		});
	}
	return entries.sort(
		(a, b) =>
			Number(a.leftCents === 0) - Number(b.leftCents === 0) ||
			(a.dueDay ?? '').localeCompare(b.dueDay ?? '')
	);
}

/** A reminder letter made for an overdue document: journaled with its amount and who sent it. */
export async function recordReminder(
	entry: Pick<DueEntry, 'kind' | 'id' | 'label' | 'leftCents' | 'daysLate'>,
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.journal, db.chainHeads], () =>
		journal(
			'reminder-sent',
			{
				kind: entry.kind,
				id: entry.id,
				label: entry.label,
				leftCents: entry.leftCents,
				daysLate: entry.daysLate,
				by
			},
			now
		)
	);
}
