import { centsToFrenchDecimal, formatDate, formatEuros, formatTime } from './format';
import { normalizeForSearch } from './search';
import type { VatRegime } from './shop';

/** One row of the tickets list (docs/features.md), customer fields as they stand today. */
export interface TicketListEntry {
	readonly id: number;
	readonly tillId: string;
	/** Invoice number when an invoice was made from the ticket, else ''. */
	readonly invoiceNumber: string;
	readonly number: number;
	/** ISO date-time of validation. */
	readonly createdAt: string;
	readonly totalCents: number;
	readonly name: string;
	readonly postalCode: string;
	readonly city: string;
	/** "Annule le ticket n° …" / "Annulé par le ticket n° …" (CGI art. 286-I-3° bis). */
	readonly info: string;
	/** A ticket another till of the shop recorded (docs/replication.md): shown, managed there. */
	readonly peer?: boolean;
}

/**
 * The day a ticket counts in the list (docs/features.md, "date d'encaissement"): the day it went
 * through the till, except under VAT on receipts (TVA sur les encaissements) where a ticket left
 * to pay at a due date counts on the day it is settled, and in no day's list before.
 */
export function cashingDay(
	ticket: { readonly day: string; readonly dueDate: string | null },
	regime: VatRegime,
	settledDay: string | null
): string | null {
	if (regime === 'debits' || ticket.dueDate === null) return ticket.day;
	return settledDay;
}

/**
 * @example ticketCountText(7) // '7 tickets sont affichés.'
 */
export function ticketCountText(count: number): string {
	if (count === 0) return 'Aucun ticket n’est affiché.';
	if (count === 1) return '1 ticket est affiché.';
	return `${count.toLocaleString('fr-FR')} tickets sont affichés.`;
}

/** The cells a user sees in a row, in the seed's column order. */
export function ticketListCells(entry: TicketListEntry): string[] {
	const at = new Date(entry.createdAt);
	return [
		entry.invoiceNumber,
		String(entry.number),
		formatDate(at),
		formatTime(at),
		formatEuros(entry.totalCents),
		entry.name,
		entry.postalCode,
		entry.city,
		entry.info
	];
}

/**
 * "Rechercher dans la liste": keeps the rows where every typed word appears in one of the cells
 * as shown (case and accents ignored), so "livralog 45,40" or "27/09" find what the eye sees.
 */
export function filterTicketList(
	entries: readonly TicketListEntry[],
	query: string
): TicketListEntry[] {
	const words = normalizeForSearch(query).split(/\s+/u).filter(Boolean);
	if (words.length === 0) return [...entries];
	return entries.filter((entry) => {
		const text = normalizeForSearch(ticketListCells(entry).join(' ').replace(/\s/gu, ' '));
		return words.every((word) => text.includes(word));
	});
}

export const TICKET_LIST_CSV_HEADER = [
	'Facture N°',
	'N° ticket',
	'Caisse',
	'Date',
	'Heure',
	'Montant TTC',
	'Nom',
	'Code postal',
	'Ville',
	'Info'
] as const;

/**
 * The displayed list as CSV rows for a French spreadsheet: amounts with a decimal comma and no
 * currency sign, so they stay numbers in LibreOffice or Excel.
 */
export function ticketListCsvRows(entries: readonly TicketListEntry[]): string[][] {
	return entries.map((entry) => {
		const at = new Date(entry.createdAt);
		return [
			entry.invoiceNumber,
			String(entry.number),
			entry.tillId,
			formatDate(at),
			formatTime(at),
			centsToFrenchDecimal(entry.totalCents),
			entry.name,
			entry.postalCode,
			entry.city,
			entry.info
		];
	});
}
