import { getTicket, registerTicketPrint } from '$lib/db/ticket-repository';
import type { TicketRow } from '$lib/db/schema';
import type { ShopSettings } from '$lib/domain';
import { printer } from './printer.svelte';
import { buildReceipt } from './receipt-model';

/**
 * Prints a recorded ticket on the receipt printer (or the browser's 80 mm page): the first print
 * is the original, every later one says DUPLICATA n° … and is journaled (DOMAIN.md §4); a gift
 * receipt shows no price. Returns what to tell the user.
 */
export async function printTicket(
	ticket: TicketRow,
	shop: ShopSettings,
	kind: 'ticket' | 'gift',
	customerName?: string
): Promise<string> {
	if (ticket.id === undefined) return 'Ce ticket n’est pas enregistré.';
	const duplicate = await registerTicketPrint(ticket.id, kind);
	const original =
		ticket.cancelsTicketId !== null ? await getTicket(ticket.cancelsTicketId) : undefined;
	const receipt = buildReceipt(ticket, shop, {
		gift: kind === 'gift',
		...(duplicate > 0 ? { duplicate } : {}),
		...(customerName ? { customerName } : {}),
		...(original ? { cancelsNumber: original.number } : {})
	});
	try {
		const where = await printer.print(receipt);
		const what =
			kind === 'gift'
				? 'Ticket cadeau (sans prix)'
				: duplicate > 0
					? `Duplicata n° ${duplicate}`
					: 'Ticket';
		return `${what} envoyé ${where === 'usb' ? 'à l’imprimante' : 'à l’impression du navigateur'}.`;
	} catch (error) {
		return `Impression impossible : ${error instanceof Error ? error.message : String(error)}`;
	}
}
