/**
 * Recorded tickets: finding them, what was done to them afterwards (customer, note, invoice
 * details, settlement, cancellation) and printing them again. A recorded ticket is never edited:
 * every change is its own record (docs/rules.md).
 */
import { errorMessage } from '$lib/errors';
import type {
	DayRange,
	InvoiceDetails,
	PaymentMethod,
	Result,
	ShopSettings,
	TicketListEntry,
	VatRegime
} from '$lib/domain';
import { attempt } from './outcome';
import {
	getPeerTicketView,
	peerTicketEntries,
	peerTicketsOfCustomer,
	receivedTicketsStore,
	searchPeerTickets
} from '$lib/db/replication-repository';

export { getPeerTicketView, receivedTicketsStore };
export type { PeerTicketView } from '$lib/db/replication-repository';
import {
	CODE_SEARCHES,
	searchTickets,
	ticketListEntries,
	ticketsOfCustomer,
	ticketsOfPeriod,
	type TicketSearchKind
} from '$lib/db/ticket-browse-repository';
import { getTicket, nextTicketPrintNumber, registerTicketPrint } from '$lib/db/ticket-repository';
import type { TicketRow } from '$lib/db/schema';
import { buildReceipt } from '$lib/printing/receipt-model';

export {
	getTicketView,
	neighbourTicketId,
	searchTickets,
	ticketListEntries,
	ticketsOfCustomer,
	ticketsOfPeriod,
	TICKET_SEARCH_LABELS,
	type TicketSearchKind,
	type TicketView
} from '$lib/db/ticket-browse-repository';
import * as amendments from '$lib/db/ticket-amendment-repository';
export type { TicketRow };

/**
 * The list of a period: this till's tickets and, when the shop syncs, those of its other tills
 * (column « Caisse »), in the order they were validated.
 */
export async function shopTicketsOfPeriod(
	range: DayRange,
	regime: VatRegime
): Promise<TicketListEntry[]> {
	const [own, peers] = await Promise.all([
		ticketsOfPeriod(range, regime).then(ticketListEntries),
		peerTicketEntries(range)
	]);
	return mergedByTime(own, peers);
}

/** « Rechercher un client »: the customer's tickets at this till and at the shop's other tills. */
export async function shopTicketsOfCustomer(customerId: number): Promise<TicketListEntry[]> {
	const [own, peers] = await Promise.all([
		ticketsOfCustomer(customerId).then(ticketListEntries),
		peerTicketsOfCustomer(customerId)
	]);
	return mergedByTime(own, peers);
}

function mergedByTime(own: TicketListEntry[], peers: TicketListEntry[]): TicketListEntry[] {
	if (peers.length === 0) return own;
	return [...own, ...peers].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * A search of the tickets screen over every till of the shop: a number finds each till's ticket
 * of that number, a voucher's, deposit's or credit note's code the tickets of every till that
 * used or issued it (an invoice's, this till's own).
 */
export async function searchShopTickets(
	kind: TicketSearchKind,
	query: string
): Promise<{ entries: TicketListEntry[]; message: string }> {
	const own = await searchTickets(kind, query);
	const text = query.trim();
	const code = text.replace(/\s/gu, '');
	const peers =
		kind === 'invoice' || text === ''
			? []
			: kind === 'ticket'
				? /^\d{1,9}$/u.test(text)
					? await searchPeerTickets({ number: Number(text) })
					: []
				: await searchPeerTickets({ code, sign: CODE_SEARCHES[kind].sign });
	const entries = mergedByTime(await ticketListEntries(own.tickets), peers);
	return { entries, message: entries.length > 0 ? '' : own.message };
}

/**
 * Cancels a recorded ticket by an inverse ticket (the ticket itself is never changed), refunding
 * by the same methods or by a credit note to the customer; an invoiced ticket gets its credit note.
 */
export function cancelTicket(input: {
	ticketId: number;
	tillId: string;
	by: string;
	refund: 'same-methods' | 'credit-note';
}) {
	const { ticketId, tillId, by, refund } = input;
	return attempt(() => amendments.cancelTicket(ticketId, tillId, by, new Date(), refund));
}

/** Names the customer of a recorded ticket, or takes it off (`customerId` null); journaled. */
export function attachCustomerToTicket(input: {
	ticketId: number;
	customerId: number | null;
	by: string;
}): Promise<Result<void>> {
	const { ticketId, customerId, by } = input;
	return attempt(() => amendments.attachCustomerToTicket(ticketId, customerId, by));
}

/** The internal note of a recorded ticket (never printed). */
export function saveTicketNote(input: {
	ticketId: number;
	note: string;
	by: string;
}): Promise<Result<void>> {
	const { ticketId, note, by } = input;
	return attempt(() => amendments.saveTicketNote(ticketId, note, by));
}

/** The settlement of what a sale left « en compte » (docs/invoices.md#payment-terms). */
export function recordSettlement(input: {
	ticketId: number;
	settlement: { settledDay: string; method: Exclude<PaymentMethod, 'en-compte'> };
	by: string;
}): Promise<Result<void>> {
	const { ticketId, settlement, by } = input;
	return attempt(() => amendments.recordSettlement(ticketId, settlement, by));
}

/**
 * A ticket's invoice addresses and references: its invoice is created the first time; an issued
 * invoice is never changed (docs/invoices.md).
 */
export function saveInvoiceDetails(input: {
	ticketId: number;
	details: InvoiceDetails;
	by: string;
}): Promise<Result<amendments.SavedInvoiceDetails>> {
	const { ticketId, details, by } = input;
	return attempt(() => amendments.saveInvoiceDetails(ticketId, details, by));
}

/** The printer and its encoder load with the first print, not with every screen. */
const loadPrinter = () => import('$lib/printing/printer.svelte').then((module) => module.printer);

/** Tickets being printed now: a second click waits for the first print instead of doubling it. */
const printing = new Set<number>();

/**
 * Prints a recorded ticket on the receipt printer (or the browser's 80 mm page): the first print
 * is the original, every later one says DUPLICATA n° … and is journaled (docs/rules.md); a gift
 * receipt shows no price. A print is recorded only once the printer (or the print dialog) has
 * taken it: a print that failed leaves the next one the original, never a duplicate. Returns what
 * to tell the user.
 */
export async function printTicket(input: {
	ticket: TicketRow;
	shop: ShopSettings;
	kind: 'ticket' | 'gift';
	customerName?: string;
}): Promise<string> {
	const { ticket, shop, kind, customerName } = input;
	if (printing.has(ticket.id)) return 'Impression déjà en cours…';
	printing.add(ticket.id);
	try {
		const duplicate = kind === 'gift' ? 0 : await nextTicketPrintNumber(ticket.id);
		const original =
			ticket.cancelsTicketId !== null ? await getTicket(ticket.cancelsTicketId) : undefined;
		const receipt = buildReceipt(ticket, shop, {
			gift: kind === 'gift',
			...(duplicate > 0 ? { duplicate } : {}),
			...(customerName ? { customerName } : {}),
			...(original ? { cancelsNumber: original.number } : {})
		});
		let where: 'usb' | 'paper';
		try {
			where = await (await loadPrinter()).print(receipt);
		} catch (error) {
			return `Impression impossible\u00a0: ${errorMessage(error)}. Rien n’a été enregistré\u00a0: vérifiez l’imprimante puis imprimez à nouveau.`;
		}
		await registerTicketPrint(ticket.id, kind);
		const what =
			kind === 'gift'
				? 'Ticket cadeau (sans prix)'
				: duplicate > 0
					? `Duplicata n° ${duplicate}`
					: 'Ticket';
		return `${what} envoyé ${where === 'usb' ? 'à l’imprimante' : 'à l’impression du navigateur'}.`;
	} catch (error) {
		return `Impression impossible\u00a0: ${errorMessage(error)}`;
	} finally {
		printing.delete(ticket.id);
	}
}
