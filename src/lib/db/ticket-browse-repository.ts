import {
	cashingDay,
	currentCustomerId,
	currentInvoiceOf,
	foldAmendments,
	type DayRange,
	type TicketAnnotations,
	type TicketListEntry,
	type VatRegime
} from '$lib/domain';
import { customerDisplayName } from './customer-repository';
import { getDb } from './db';
import type {
	BalanceAccountKind,
	CustomerRow,
	InvoiceRow,
	TicketAmendmentRow,
	TicketHeadRow,
	TicketRow
} from './schema';

/**
 * Reading tickets back (docs/features.md "Tickets de caisse"): lists by cashing day, the searches, and a
 * ticket with everything added to it since. Every read is an index range or a key lookup, so a
 * day's list stays instant with ten years of sales stored.
 */

/** Ids close together (a day's tickets) are read as one key range; scattered ids one by one. */
function idsQuery<T>(
	ids: readonly number[],
	range: (lower: number, upper: number) => Promise<T[]>,
	each: (ids: number[]) => Promise<T[]>
): Promise<T[]> {
	if (ids.length === 0) return Promise.resolve([]);
	const lower = Math.min(...ids);
	const upper = Math.max(...ids);
	return upper - lower < ids.length * 4 ? range(lower, upper) : each([...ids]);
}

async function amendmentsOf(ids: readonly number[]): Promise<Map<number, TicketAmendmentRow[]>> {
	const table = getDb().ticketAmendments;
	const rows = await idsQuery(
		ids,
		(lower, upper) => table.where('ticketId').between(lower, upper, true, true).toArray(),
		(list) => table.where('ticketId').anyOf(list).toArray()
	);
	const byTicket = new Map<number, TicketAmendmentRow[]>();
	for (const row of rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
		byTicket.set(row.ticketId, [...(byTicket.get(row.ticketId) ?? []), row]);
	}
	return byTicket;
}

async function invoicesOf(ids: readonly number[]): Promise<Map<number, InvoiceRow>> {
	const table = getDb().invoices;
	const rows = await idsQuery(
		ids,
		(lower, upper) => table.where('ticketIds').between(lower, upper, true, true).toArray(),
		(list) => table.where('ticketIds').anyOf(list).toArray()
	);
	const byTicket = new Map<number, InvoiceRow>();
	// A ticket's invoice is its latest (one reissued after a credit note replaces the first); a
	// cancelling ticket of an invoiced one has its credit note.
	for (const invoice of rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
		if (invoice.kind === 'proforma') continue;
		for (const id of invoice.ticketIds) byTicket.set(id, invoice);
	}
	return byTicket;
}

/** What was added to a recorded ticket since, in recording order (inside or outside a transaction). */
export async function ticketAnnotations(ticketId: number): Promise<TicketAnnotations> {
	return foldAmendments(
		await getDb().ticketAmendments.where('ticketId').equals(ticketId).sortBy('id')
	);
}

/** The list rows of some tickets, with today's customer, invoice and cancellation links. */
export async function ticketListEntries(
	tickets: readonly TicketHeadRow[]
): Promise<TicketListEntry[]> {
	const db = getDb();
	// One read transaction for the five lookups: each transaction costs a round trip.
	return db.transaction(
		'r',
		[db.tickets, db.ticketHeads, db.ticketAmendments, db.invoices, db.customers],
		() => listEntries(tickets)
	);
}

async function listEntries(tickets: readonly TicketHeadRow[]): Promise<TicketListEntry[]> {
	const db = getDb();
	const ids = tickets.map((ticket) => ticket.id);
	const [amendments, invoices, cancellations] = await Promise.all([
		amendmentsOf(ids),
		invoicesOf(ids),
		idsQuery(
			ids,
			(lower, upper) =>
				db.tickets.where('cancelsTicketId').between(lower, upper, true, true).toArray(),
			(list) => db.tickets.where('cancelsTicketId').anyOf(list).toArray()
		)
	]);
	const cancelledBy = new Map(cancellations.map((t) => [t.cancelsTicketId, t]));
	const customerIds = new Map<number, number | null>();
	for (const ticket of tickets) {
		const id = ticket.id;
		customerIds.set(id, currentCustomerId(ticket, foldAmendments(amendments.get(id) ?? [])));
	}
	const wanted = [...new Set([...customerIds.values()].filter((id) => id !== null))];
	const customers = new Map(
		(await db.customers.bulkGet(wanted)).flatMap((c) => (c?.id ? [[c.id, c] as const] : []))
	);
	const originalIds = tickets.flatMap((t) => (t.cancelsTicketId ? [t.cancelsTicketId] : []));
	const originals = new Map(
		(await db.ticketHeads.bulkGet(originalIds)).flatMap((t) => (t?.id ? [[t.id, t] as const] : []))
	);
	return tickets.map((ticket) => {
		const id = ticket.id;
		const customerId = customerIds.get(id) ?? null;
		const customer = customerId === null ? undefined : customers.get(customerId);
		const address = customer?.addresses.find((a) => a.isDefaultBilling) ?? customer?.addresses[0];
		const cancelling = cancelledBy.get(id);
		const original = ticket.cancelsTicketId ? originals.get(ticket.cancelsTicketId) : undefined;
		return {
			id,
			tillId: ticket.tillId,
			invoiceNumber: invoices.get(id)?.number ?? '',
			number: ticket.number,
			createdAt: ticket.createdAt,
			totalCents: ticket.totalCents,
			name: customer ? customerDisplayName(customer) : '',
			postalCode: address?.postalCode ?? customer?.postalCode ?? '',
			city: address?.city.toUpperCase() ?? '',
			info: cancelling
				? `Annulé par le ticket n° ${cancelling.number}`
				: original
					? `Annule le ticket n° ${original.number}`
					: ''
		};
	});
}

const byTime = (a: TicketHeadRow, b: TicketHeadRow) =>
	a.createdAt.localeCompare(b.createdAt) || (a.id ?? 0) - (b.id ?? 0);

/**
 * The tickets cashed in a period, all tills, training excluded. Under VAT on receipts a ticket
 * left to pay at a due date counts on the day it was settled (docs/features.md).
 */
export async function ticketsOfPeriod(
	range: DayRange,
	regime: VatRegime
): Promise<TicketHeadRow[]> {
	const db = getDb();
	// The list rows, not the whole tickets: a day's list reads a few kilobytes.
	const sold = (
		await db.ticketHeads.where('day').between(range.from, range.to, true, true).toArray()
	).filter((ticket) => ticket.training === 0);
	if (regime === 'debits') return sold.sort(byTime);
	const settlements = await db.ticketAmendments
		.where('settledDay')
		.between(range.from, range.to, true, true)
		.toArray();
	const deferred = sold.filter((ticket) => ticket.dueDate !== null).map((t) => t.id);
	const settledOf = new Map<number, string | null>();
	for (const [id, rows] of await amendmentsOf(deferred)) {
		settledOf.set(id, foldAmendments(rows).settledDay);
	}
	const kept = sold.filter((ticket) => {
		const day = cashingDay(ticket, regime, settledOf.get(ticket.id) ?? null);
		return day !== null && day >= range.from && day <= range.to;
	});
	const keptIds = new Set(kept.map((ticket) => ticket.id));
	const settledLater = await db.ticketHeads.bulkGet(
		[...new Set(settlements.map((s) => s.ticketId))].filter((id) => !keptIds.has(id))
	);
	return [...kept, ...settledLater.flatMap((t) => (t && t.training === 0 ? [t] : []))].sort(byTime);
}

export type TicketSearchKind =
	| 'ticket'
	| 'invoice'
	| 'gift-voucher-used'
	| 'deposit-linked'
	| 'deposit-paid'
	| 'credit-note-used'
	| 'credit-note-issued';

/** The seed's "Rechercher" menu, in its order and words. */
export const TICKET_SEARCH_LABELS: Readonly<Record<TicketSearchKind, string>> = {
	ticket: 'Rechercher un numéro de ticket',
	invoice: 'Rechercher un numéro de facture',
	'gift-voucher-used': 'Rechercher un bon cadeau utilisé par un client',
	'deposit-linked': 'Rechercher les tickets de caisse liés à un acompte (code ou n° de commande)',
	'deposit-paid': 'Rechercher un acompte payé par un client',
	'credit-note-used': 'Rechercher un avoir utilisé par un client',
	'credit-note-issued': 'Rechercher un avoir émis au client'
};

/** The code searches: the kind of account, and the movements sought (-1 spent, +1 issued). */
export const CODE_SEARCHES: Readonly<
	Record<
		Exclude<TicketSearchKind, 'ticket' | 'invoice'>,
		{ kind: BalanceAccountKind; sign: -1 | 0 | 1; noun: string }
	>
> = {
	'gift-voucher-used': { kind: 'gift-voucher', sign: -1, noun: 'bon cadeau' },
	'deposit-linked': { kind: 'deposit', sign: 0, noun: 'acompte' },
	'deposit-paid': { kind: 'deposit', sign: 1, noun: 'acompte' },
	'credit-note-used': { kind: 'credit-note', sign: -1, noun: 'avoir' },
	'credit-note-issued': { kind: 'credit-note', sign: 1, noun: 'avoir' }
};

export interface TicketSearchResult {
	readonly tickets: TicketRow[];
	/** Why nothing was found, in French, when nothing was. */
	readonly message: string;
}

/**
 * The searches of the seed's "Rechercher" menu. Voucher, deposit and credit-note searches follow
 * the balance movements of that code (a use is negative, a payment or an issue positive), each
 * linked to the ticket that caused it.
 */
export async function searchTickets(
	kind: TicketSearchKind,
	query: string
): Promise<TicketSearchResult> {
	const db = getDb();
	const text = query.trim();
	if (text === '') return { tickets: [], message: 'Saisissez le numéro à rechercher.' };
	if (kind === 'ticket') {
		if (!/^\d{1,9}$/u.test(text)) {
			return { tickets: [], message: 'Un numéro de ticket ne contient que des chiffres.' };
		}
		const tickets = (await db.tickets.where('number').equals(Number(text)).toArray())
			.filter((ticket) => ticket.training === 0)
			.sort(byTime);
		return { tickets, message: tickets.length ? '' : `Aucun ticket n° ${text}.` };
	}
	if (kind === 'invoice') {
		const invoice = await db.invoices.where('number').equals(text).first();
		if (!invoice) return { tickets: [], message: `Aucune facture n° ${text}.` };
		const tickets = (await db.tickets.bulkGet(invoice.ticketIds)).flatMap((t) => (t ? [t] : []));
		return {
			tickets: tickets.sort(byTime),
			message: tickets.length ? '' : `La facture n° ${text} n’est liée à aucun ticket de caisse.`
		};
	}
	const search = CODE_SEARCHES[kind];
	const code = text.replace(/\s/gu, '');
	const account = await db.balanceAccounts.where('code').equals(code).first();
	// « Liés à un acompte » also takes a customer order's number: the tickets of its deposits
	// (paid, then spent when the order was collected; docs/orders.md#deposits).
	const accounts =
		account?.kind === search.kind
			? [account]
			: kind === 'deposit-linked'
				? await db.balanceAccounts
						.where('kind')
						.equals('deposit')
						.filter((deposit) => deposit.orderReference === code)
						.toArray()
				: [];
	if (accounts.length === 0) {
		return {
			tickets: [],
			message: `Aucun ${search.noun} n° ${code}${kind === 'deposit-linked' ? ' (ni acompte de la commande n° ' + code + ')' : ''}.`
		};
	}
	const movements = await db.balanceMovements
		.where('accountId')
		.anyOf(accounts.map((a) => a.id))
		.toArray();
	const ticketIds = movements
		.filter(
			(m) => m.ticketId !== null && (search.sign === 0 || Math.sign(m.amountCents) === search.sign)
		)
		.flatMap((m) => (m.ticketId === null ? [] : [m.ticketId]));
	const tickets = (await db.tickets.bulkGet([...new Set(ticketIds)])).flatMap((t) =>
		t ? [t] : []
	);
	return {
		tickets: tickets.sort(byTime),
		message: tickets.length
			? ''
			: `Aucun ticket de caisse pour l’${search.noun === 'bon cadeau' ? 'usage du bon cadeau' : search.noun} n° ${code}.`
	};
}

/** "Rechercher un client": every ticket now belonging to the customer, attached at the sale or after. */
export async function ticketsOfCustomer(customerId: number): Promise<TicketRow[]> {
	const db = getDb();
	const [atSale, attachedLater] = await Promise.all([
		db.tickets.where('customerId').equals(customerId).toArray(),
		db.ticketAmendments.where('customerId').equals(customerId).toArray()
	]);
	const laterIds = attachedLater
		.map((a) => a.ticketId)
		.filter((id) => !atSale.some((t) => t.id === id));
	const candidates = [
		...atSale,
		...(await db.tickets.bulkGet(laterIds)).flatMap((t) => (t ? [t] : []))
	].filter((ticket) => ticket.training === 0);
	const amendments = await amendmentsOf(candidates.map((t) => t.id));
	return candidates
		.filter((ticket) => {
			const annotations = foldAmendments(amendments.get(ticket.id) ?? []);
			return currentCustomerId(ticket, annotations) === customerId;
		})
		.sort(byTime);
}

/** A ticket with everything the detail screen shows about it. */
export interface TicketView {
	readonly ticket: TicketRow;
	readonly annotations: TicketAnnotations;
	readonly customer: CustomerRow | null;
	readonly invoice: InvoiceRow | null;
	readonly creditNote: InvoiceRow | null;
	readonly cancelledBy: TicketRow | null;
	readonly cancels: TicketRow | null;
	/** Prints so far: 0 none, 1 the original, n the original and n − 1 duplicates. */
	readonly printCount: number;
}

export async function getTicketView(id: number): Promise<TicketView | null> {
	const db = getDb();
	const ticket = await db.tickets.get(id);
	if (!ticket) return null;
	const [annotations, invoices, cancelledBy, printCount] = await Promise.all([
		ticketAnnotations(id),
		db.invoices.where('ticketIds').equals(id).toArray(),
		db.tickets.where('cancelsTicketId').equals(id).first(),
		db.reprints.where('[documentType+documentId]').equals(['ticket', id]).count()
	]);
	const customerId = currentCustomerId(ticket, annotations);
	const [customer, cancels] = await Promise.all([
		customerId === null ? undefined : db.customers.get(customerId),
		ticket.cancelsTicketId === null ? undefined : db.tickets.get(ticket.cancelsTicketId)
	]);
	return {
		ticket,
		annotations,
		customer: customer ?? null,
		invoice: currentInvoiceOf(invoices),
		creditNote: invoices.find((invoice) => invoice.kind === 'credit-note') ?? null,
		cancelledBy: cancelledBy ?? null,
		cancels: cancels ?? null,
		printCount
	};
}

/** "Ticket précédent / suivant" outside a list: the neighbour by recording order, training excluded. */
export async function neighbourTicketId(id: number, direction: -1 | 1): Promise<number | null> {
	const db = getDb();
	const collection =
		direction < 0 ? db.tickets.where(':id').below(id).reverse() : db.tickets.where(':id').above(id);
	const neighbour = await collection.filter((ticket) => ticket.training === 0).first();
	return neighbour?.id ?? null;
}
