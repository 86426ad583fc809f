import { DUE_STATE_LABELS, type DueState } from './invoice-account';
import { centsToFrenchDecimal, formatEuros } from './format';
import { formatDay } from './ticket-period';

/** A document of « Les échéances », as its CSV row and its reminder letter need it. */
export interface DueDocument {
	readonly kind: 'ticket' | 'invoice';
	readonly label: string;
	readonly number: string;
	readonly customerName: string;
	readonly issueDay: string;
	readonly dueDay: string | null;
	readonly askedCents: number;
	readonly leftCents: number;
	readonly state: DueState;
	readonly daysLate: number;
	readonly reminders: readonly string[];
}

export const DUE_CSV_HEADER = [
	'Document',
	'Numéro',
	'Client',
	'Date',
	'Échéance',
	'Montant à échéance (EUR)',
	'Reste dû (EUR)',
	'État',
	'Jours de retard',
	'Relances'
] as const;

/** One CSV row per document, amounts as French decimals, days as dd/mm/yyyy. */
export function dueCsvRows(entries: readonly DueDocument[]): string[][] {
	return entries.map((entry) => [
		entry.kind === 'invoice' ? 'Facture' : 'Ticket en compte',
		entry.number,
		entry.customerName,
		formatDay(entry.issueDay),
		entry.dueDay ? formatDay(entry.dueDay) : '',
		centsToFrenchDecimal(entry.askedCents),
		centsToFrenchDecimal(entry.leftCents),
		DUE_STATE_LABELS[entry.state],
		String(entry.daysLate),
		String(entry.reminders.length)
	]);
}

/**
 * The text of a reminder letter (relance) for an overdue document, with the late-payment mentions
 * of Code de commerce L441-10 (penalties) and D441-5 (40 € recovery fee, professionals only).
 */
export function reminderLetter(input: {
	readonly document: DueDocument;
	readonly professional: boolean;
	readonly previousReminders: number;
}): { subject: string; paragraphs: string[] } {
	const { document } = input;
	const what =
		document.kind === 'invoice'
			? `notre facture n° ${document.number} du ${formatDay(document.issueDay)}`
			: `votre achat du ${formatDay(document.issueDay)} (ticket n° ${document.number}), laissé en compte`;
	const due = document.dueDay ? formatDay(document.dueDay) : formatDay(document.issueDay);
	const paid = document.askedCents - document.leftCents;
	return {
		subject: `${input.previousReminders > 0 ? `${input.previousReminders + 1}e relance` : 'Relance'} — ${document.label}`,
		paragraphs: [
			'Madame, Monsieur,',
			`Sauf erreur ou omission de notre part, ${what}, d’un montant de ${formatEuros(document.askedCents)}, ${document.kind === 'invoice' ? 'échue' : 'échu'} le ${due}, n’est pas entièrement réglé${document.kind === 'invoice' ? 'e' : ''} à ce jour${paid > 0 ? ` (${formatEuros(paid)} reçus)` : ''}.`,
			`Le montant restant dû est de ${formatEuros(document.leftCents)}, en retard de ${document.daysLate} jour${document.daysLate > 1 ? 's' : ''}. Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs délais. Si votre paiement nous est parvenu entre-temps, merci de ne pas tenir compte de ce courrier.`,
			`Pénalités de retard : trois fois le taux d’intérêt légal (Code de commerce L441-10).${
				input.professional
					? ' Indemnité forfaitaire pour frais de recouvrement : 40 € (Code de commerce D441-5).'
					: ''
			}`,
			'Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.'
		]
	};
}
