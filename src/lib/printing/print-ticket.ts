import { errorMessage } from '$lib/errors';
import { getTicket, nextTicketPrintNumber, registerTicketPrint } from '$lib/db/ticket-repository';
import type { TicketRow } from '$lib/db/schema';
import type { ShopSettings } from '$lib/domain';
import { printer } from './printer.svelte';
import { buildReceipt } from './receipt-model';

/** Tickets being printed now: a second click waits for the first print instead of doubling it. */
const printing = new Set<number>();

/**
 * Prints a recorded ticket on the receipt printer (or the browser's 80 mm page): the first print
 * is the original, every later one says DUPLICATA n° … and is journaled (DOMAIN.md §4); a gift
 * receipt shows no price. A print is recorded only once the printer (or the print dialog) has
 * taken it: a print that failed leaves the next one the original, never a duplicate. Returns what
 * to tell the user.
 */
export async function printTicket(
	ticket: TicketRow,
	shop: ShopSettings,
	kind: 'ticket' | 'gift',
	customerName?: string
): Promise<string> {
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
			where = await printer.print(receipt);
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
	} finally {
		printing.delete(ticket.id);
	}
}
