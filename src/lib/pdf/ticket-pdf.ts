/** A recorded ticket as an A4 PDF (the « Afficher au format PDF » of the tickets module). */
import { type RowInput } from 'jspdf-autotable';
import {
	formatDay,
	formatEuros,
	PAYMENT_METHOD_LABELS,
	formatBp,
	formatLongDateTime,
	type ShopSettings,
	type RecordedTicket
} from '$lib/domain';
import { PDF_FONT } from './fonts';
import {
	MARGIN,
	PAGE_WIDTH,
	newDocument,
	sellerLines,
	writeLines,
	numberPages,
	table,
	vatTable
} from './layout';

export interface TicketPdfInput {
	readonly ticket: RecordedTicket;
	readonly shop: ShopSettings;
	readonly invoiceNumber: string;
	readonly customerNumber: string;
	readonly loyaltyCard: string;
	readonly customerAddress: string;
	readonly cancelledByNumber: number | null;
	readonly cancelsNumber: number | null;
}

/** "Afficher au format PDF" of a ticket: the detail screen on paper (docs/features.md). */
export async function ticketPdf(input: TicketPdfInput): Promise<Blob> {
	const { ticket, shop } = input;
	const title = `Ticket de caisse ${ticket.number}`;
	const doc = await newDocument(title, shop);
	const at = new Date(ticket.createdAt);
	doc.setFontSize(9);
	let y = writeLines(doc, sellerLines(shop), MARGIN, 18, 110);
	doc.setFont(PDF_FONT, 'bold');
	doc.setFontSize(14);
	doc.text(`${title} du ${formatLongDateTime(at)}`, MARGIN, y + 6);
	doc.setFont(PDF_FONT, 'normal');
	doc.setFontSize(9);
	y = writeLines(
		doc,
		[
			...(ticket.training === 1 ? ['FORMATION – ticket factice'] : []),
			`Caisse ${ticket.tillId} — N° de ticket ${ticket.number}${input.invoiceNumber ? ` — N° de facture ${input.invoiceNumber}` : ''}`,
			...(input.customerNumber ? [`N° de client ${input.customerNumber}`] : []),
			...(input.loyaltyCard ? [`N° de carte fidélité ${input.loyaltyCard}`] : []),
			...(input.customerAddress ? [`Client : ${input.customerAddress}`] : []),
			...(ticket.cashier ? [`Vendeur : ${ticket.cashier}`] : []),
			...(ticket.dueDate ? [`Échéance du règlement en compte : ${formatDay(ticket.dueDate)}`] : []),
			...(input.cancelsNumber !== null
				? [`Ce ticket annule le ticket n° ${input.cancelsNumber}`]
				: []),
			...(input.cancelledByNumber !== null
				? [`Ce ticket est annulé par le ticket n° ${input.cancelledByNumber}`]
				: [])
		],
		MARGIN,
		y + 13,
		PAGE_WIDTH - 2 * MARGIN
	);
	y = table(doc, {
		startY: y + 2,
		columnStyles: {
			4: { halign: 'right' },
			5: { halign: 'right' },
			6: { halign: 'right' },
			7: { halign: 'right' },
			8: { halign: 'right' }
		},
		head: [
			[
				'Référence',
				'Titre',
				'Éditeur',
				'Auteur',
				'TVA',
				'Qté',
				'Unitaire TTC',
				'Total TTC',
				'Remise TTC'
			]
		],
		body: ticket.lines.map((line) => [
			line.ean || 'Divers',
			line.title,
			line.publisher,
			line.authors,
			formatBp(line.vatRateBp),
			String(line.quantity),
			formatEuros(line.unitPriceCents),
			formatEuros(line.ttcCents),
			line.discountCents ? formatEuros(line.discountCents) : ''
		])
	});
	const discount = ticket.rates.reduce((sum, rate) => sum + rate.discountCents, 0);
	y = vatTable(doc, y + 4, ticket.rates, {
		ht: ticket.rates.reduce((sum, rate) => sum + rate.htCents, 0),
		vat: ticket.rates.reduce((sum, rate) => sum + rate.vatCents, 0),
		ttc: ticket.totalCents,
		discount
	});
	table(doc, {
		startY: y + 4,
		margin: { left: MARGIN, right: MARGIN + 90 },
		columnStyles: { 1: { halign: 'right' } },
		head: [['Type de paiement', 'Montant TTC']],
		body: [
			...ticket.payments.map((payment): RowInput => [
				`${PAYMENT_METHOD_LABELS[payment.method]}${payment.reference ? ` ${payment.reference}` : ''}`,
				formatEuros(payment.amountCents)
			]),
			...(ticket.changeCents ? [['Rendu', formatEuros(-ticket.changeCents)]] : [])
		]
	});
	numberPages(doc, title);
	return doc.output('blob');
}
