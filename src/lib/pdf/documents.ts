import { jsPDF } from 'jspdf';
import { autoTable, type RowInput, type UserOptions } from 'jspdf-autotable';
import type { TicketRow } from '$lib/db/schema';
import {
	addressText,
	closingAnchorLines,
	type ChainHeads,
	ARTICLE_KIND_LABELS,
	assertCents,
	ciiXml,
	eInvoiceOf,
	formatDate,
	formatDay,
	formatEuros,
	formatSiret,
	isProfessionalBuyer,
	formatTime,
	formatUnitPrice,
	PAYMENT_METHOD_LABELS,
	formatBp,
	formatLongDateTime,
	formatLongDay,
	reminderLetter,
	type DueDocument,
	frenchSpacing,
	type EInvoice,
	type InvoiceDocument,
	type ArticleKind,
	type IssuedInvoice,
	type PaymentMethod,
	type PeriodTotals,
	type PostalAddress,
	type ShopSettings
} from '$lib/domain';
import { toFacturX } from './facturx';
import { embedFonts, PDF_FONT } from './fonts';

/**
 * The PDFs of the tickets and invoices module: A4, text (selectable, searchable), DejaVu Sans
 * embedded, tables split over pages with their header repeated, "Page n / N" on every page.
 */

const MARGIN = 15;
const PAGE_WIDTH = 210;

async function newDocument(title: string, shop: ShopSettings): Promise<jsPDF> {
	// Only the fonts a page uses go in its resources: jsPDF otherwise lists the 14 standard
	// fonts, which are never embedded (PDF/A-3 §6.2.11.4.1).
	const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
	await embedFonts(doc);
	doc.setProperties({
		title,
		author: shop.legalName,
		creator: 'Comptoir',
		subject: title
	});
	doc.setLanguage('fr-FR');
	return doc;
}

/** The seller block: identity the law requires on every invoice (CGI ann. II art. 242 nonies A). */
function sellerLines(shop: ShopSettings): string[] {
	const capital =
		shop.shareCapitalCents !== null ? ` au capital de ${formatEuros(shop.shareCapitalCents)}` : '';
	return [
		shop.tradeName && shop.tradeName !== shop.legalName
			? `${shop.tradeName} — ${shop.legalName}`
			: shop.legalName,
		shop.addressLine1,
		...(shop.addressLine2 ? [shop.addressLine2] : []),
		`${shop.postalCode} ${shop.city}`,
		`SIRET ${formatSiret(shop.siret)}${shop.vatNumber ? ` — N° TVA ${shop.vatNumber}` : ''}`,
		[shop.legalForm && `${shop.legalForm}${capital}`, shop.rcsCity && `RCS ${shop.rcsCity}`]
			.filter(Boolean)
			.join(' — '),
		[shop.phone && `Tél. ${shop.phone}`, shop.email].filter(Boolean).join(' — ')
	].filter(Boolean);
}

function writeLines(doc: jsPDF, lines: readonly string[], x: number, y: number, width: number) {
	let cursor = y;
	for (const line of lines) {
		for (const part of doc.splitTextToSize(frenchSpacing(line), width) as string[]) {
			doc.text(part, x, cursor);
			cursor += 4.6;
		}
	}
	return cursor;
}

/** An address as an envelope shows it: name, street, postal code and city, country abroad. */
function addressLines(address: PostalAddress | null, fallbackName: string): string[] {
	if (!address) return fallbackName ? [fallbackName] : [];
	const person = [address.lastName.toUpperCase(), address.firstName].filter(Boolean).join(' ');
	const names = [address.professionalName, person].filter(Boolean);
	return [
		...(names.length > 0 ? names : fallbackName ? [fallbackName] : []),
		address.line1,
		address.line2,
		[address.postalCode, address.city.toUpperCase()].filter(Boolean).join(' '),
		address.country && address.country.toUpperCase() !== 'FRANCE'
			? address.country.toUpperCase()
			: ''
	].filter(Boolean);
}

/** The totals in a framed box on the right, the last row (what is to pay) in bold. */
function totalsBox(doc: jsPDF, startY: number, rows: readonly (readonly [string, string])[]) {
	const width = 80;
	const x = PAGE_WIDTH - MARGIN - width;
	const rowHeight = 5.4;
	let y = startY;
	if (y + rows.length * rowHeight + 4 > 282) {
		doc.addPage();
		y = 12;
	}
	doc.setDrawColor(60);
	doc.setLineWidth(0.3);
	doc.rect(x, y, width, rows.length * rowHeight + 2);
	rows.forEach(([label, value], index) => {
		const last = index === rows.length - 1;
		doc.setFont(PDF_FONT, last ? 'bold' : 'normal');
		doc.setFontSize(last ? 11 : 9);
		const baseline = y + 4.6 + index * rowHeight;
		doc.text(frenchSpacing(label), x + 3, baseline);
		doc.text(frenchSpacing(value), x + width - 3, baseline, { align: 'right' });
	});
	doc.setFont(PDF_FONT, 'normal');
	doc.setFontSize(9);
	return y + rows.length * rowHeight + 2;
}

function numberPages(doc: jsPDF, label: string) {
	const count = doc.getNumberOfPages();
	for (let page = 1; page <= count; page++) {
		doc.setPage(page);
		doc.setFont(PDF_FONT, 'normal');
		doc.setFontSize(8);
		doc.text(`${label} — Page ${page} / ${count}`, PAGE_WIDTH - MARGIN, 290, { align: 'right' });
	}
}

const tableStyles = {
	font: PDF_FONT,
	fontSize: 8,
	cellPadding: 1.2,
	lineColor: 160,
	lineWidth: 0.1,
	textColor: 20
} as const;

/** A table in the documents' style; returns where it ends on the page. */
function table(doc: jsPDF, options: UserOptions): number {
	autoTable(doc, {
		margin: { left: MARGIN, right: MARGIN },
		styles: tableStyles,
		headStyles: { fillColor: 235, fontStyle: 'bold' },
		// Before the widths are computed: « € » and « % » stay with their figure.
		didParseCell: (cell) => {
			cell.cell.text = cell.cell.text.map(frenchSpacing);
		},
		...options
	});
	return (doc as jsPDF & { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;
}

/** The VAT recap, one row per rate, then the totals (DOMAIN.md §5: totals HT and VAT per rate). */
function vatTable(
	doc: jsPDF,
	startY: number,
	rates: InvoiceDocument['rates'],
	totals: { ht: number; vat: number; ttc: number; discount: number }
) {
	return table(doc, {
		startY,
		columnStyles: {
			1: { halign: 'right' },
			2: { halign: 'right' },
			3: { halign: 'right' },
			4: { halign: 'right' },
			5: { halign: 'right' }
		},
		head: [['TVA', 'Taux', 'Base HT', 'Montant TVA', 'Total TTC', 'Remise déduite']],
		body: rates.map((rate) => [
			'TVA',
			formatBp(rate.vatRateBp),
			formatEuros(rate.htCents),
			formatEuros(rate.vatCents),
			formatEuros(rate.ttcCents),
			formatEuros(rate.discountCents)
		]),
		foot: [
			[
				'Montant total',
				'',
				formatEuros(totals.ht),
				formatEuros(totals.vat),
				formatEuros(totals.ttc),
				formatEuros(totals.discount)
			]
		],
		footStyles: { fillColor: 235, fontStyle: 'bold', halign: 'right' }
	});
}

export interface TicketPdfInput {
	readonly ticket: TicketRow;
	readonly shop: ShopSettings;
	readonly invoiceNumber: string;
	readonly customerNumber: string;
	readonly loyaltyCard: string;
	readonly customerAddress: string;
	readonly cancelledByNumber: number | null;
	readonly cancelsNumber: number | null;
}

/** "Afficher au format PDF" of a ticket: the detail screen on paper (seed 000 §3). */
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

interface InvoiceLayout {
	readonly doc: jsPDF;
	readonly title: string;
	readonly einvoice: EInvoice;
}

/**
 * An invoice or a credit note with every mention of CGI ann. II art. 242 nonies A and Code de
 * commerce L441-9 (DOMAIN.md §5), and the labels Chorus Pro's "Déposer facture" reader looks for:
 * "SIRET client", "Code service", "N° d'engagement", "N° de marché" (DOMAIN.md §6). Its figures
 * are the EN 16931 ones the CII and UBL exports carry (`eInvoiceOf`), so the paper and the XML
 * always agree; a credit note states its amounts positive, as its type says they are credited.
 */
async function layoutInvoice(invoice: IssuedInvoice): Promise<InvoiceLayout> {
	const document = invoice.document;
	const einvoice = eInvoiceOf(invoice);
	const { amounts } = einvoice;
	const shop = document.seller;
	const creditNote = invoice.kind === 'credit-note';
	const title = `${creditNote ? 'Avoir' : invoice.kind === 'proforma' ? 'Facture pro forma' : 'Facture'} n° ${invoice.number}`;
	const doc = await newDocument(title, shop);
	const issued = new Date(invoice.issueDate);
	doc.setFontSize(9);
	const sellerEnd = writeLines(doc, sellerLines(shop), MARGIN, 18, 95);

	const buyer = document.buyer;
	const buyerLines = [
		...addressLines(document.billing, buyer?.name ?? ''),
		...(buyer?.customerNumber ? [`N° de client ${buyer.customerNumber}`] : []),
		...(buyer?.siret ? [`SIRET client ${formatSiret(buyer.siret)}`] : []),
		...(document.billing?.vatNumber ? [`N° TVA client ${document.billing.vatNumber}`] : []),
		...(document.references.serviceCode ? [`Code service ${document.references.serviceCode}`] : []),
		...(document.references.engagementNumber
			? [`N° d'engagement ${document.references.engagementNumber}`]
			: []),
		...(document.references.marketNumber
			? [`N° de marché ${document.references.marketNumber}`]
			: [])
	];
	doc.setFont(PDF_FONT, 'bold');
	doc.text(creditNote ? 'Client' : 'Facturé à', 120, 18);
	doc.setFont(PDF_FONT, 'normal');
	let buyerEnd = writeLines(doc, buyerLines, 120, 22.6, 75);
	if (document.delivery && addressText(document.delivery) !== addressText(document.billing)) {
		doc.setFont(PDF_FONT, 'bold');
		doc.text('Livré à', 120, buyerEnd + 2);
		doc.setFont(PDF_FONT, 'normal');
		buyerEnd = writeLines(doc, addressLines(document.delivery, ''), 120, buyerEnd + 6.6, 75);
	}

	let y = Math.max(sellerEnd, buyerEnd) + 6;
	doc.setFont(PDF_FONT, 'bold');
	doc.setFontSize(14);
	doc.text(title, MARGIN, y);
	doc.setFont(PDF_FONT, 'normal');
	doc.setFontSize(9);
	const ticketsText = document.tickets.map((t) => `${t.number} (caisse ${t.tillId})`).join(', ');
	y = writeLines(
		doc,
		[
			...(invoice.kind === 'proforma'
				? ['Document sans valeur de facture : la facture définitive portera un autre numéro.']
				: []),
			`Date d'émission : ${formatDate(issued)}`,
			...(document.saleDay && formatDay(document.saleDay) !== formatDate(issued)
				? [`Date de la vente : ${formatDay(document.saleDay)}`]
				: []),
			...(document.creditedInvoice
				? [
						`Avoir sur la facture n° ${document.creditedInvoice.number} du ${formatDate(new Date(document.creditedInvoice.issueDate))}`
					]
				: []),
			...(ticketsText ? [`Ticket(s) de caisse : ${ticketsText}`] : []),
			'Nature de l’opération : livraison de biens',
			...(document.note ? [`Note : ${document.note}`] : [])
		],
		MARGIN,
		y + 6,
		PAGE_WIDTH - 2 * MARGIN
	);

	const textBefore = new Map<number, string[]>();
	for (const line of document.textLines ?? []) {
		textBefore.set(line.beforeLine, [...(textBefore.get(line.beforeLine) ?? []), line.text]);
	}
	const textRows = (index: number): RowInput[] =>
		(textBefore.get(index) ?? []).map((text) => [{ content: text, colSpan: 8 }]);
	// Figures never wrap (no « € » alone on its line): the description takes what is left.
	const figure = { halign: 'right', cellWidth: 'wrap' } as const;
	y = table(doc, {
		startY: y + 2,
		columnStyles: { 2: figure, 3: figure, 4: figure, 5: figure, 6: figure, 7: figure },
		head: [
			['Référence', 'Désignation', 'Qté', 'PU HT', 'TVA', 'Remise TTC', 'Total HT', 'Total TTC']
		],
		body: [
			...document.lines.flatMap((line, index): RowInput[] => {
				const figures = einvoice.lines[index] as EInvoice['lines'][number];
				const sign = Math.sign(figures.quantity) * Math.sign(line.quantity);
				return [
					...textRows(index),
					[
						line.ean || 'Divers',
						[line.title, line.authors, line.publisher].filter(Boolean).join(' — '),
						String(figures.quantity),
						formatUnitPrice(figures.unitNetPrice),
						formatBp(line.vatRateBp),
						line.discountCents ? formatEuros(line.discountCents * sign) : '',
						formatEuros(figures.netCents),
						formatEuros(line.ttcCents * sign)
					]
				];
			}),
			...textRows(document.lines.length)
		]
	});
	const sign = einvoice.typeCode === '381' && document.totalCents < 0 ? -1 : 1;
	const discountOf = (rateBp: number) =>
		sign * (document.rates.find((rate) => rate.vatRateBp === rateBp)?.discountCents ?? 0);
	y = vatTable(
		doc,
		y + 4,
		amounts.vatBreakdown.map((rate) => ({
			vatRateBp: rate.vatRateBp,
			htCents: rate.taxableCents,
			vatCents: rate.vatCents,
			ttcCents: assertCents(rate.taxableCents + rate.vatCents),
			discountCents: assertCents(discountOf(rate.vatRateBp))
		})),
		{
			ht: amounts.totalWithoutVatCents,
			vat: amounts.vatTotalCents,
			ttc: amounts.totalWithVatCents,
			discount: document.rates.reduce((sum, rate) => sum + rate.discountCents * sign, 0)
		}
	);
	const professional = isProfessionalBuyer(buyer);
	y = totalsBox(doc, y + 4, [
		['Total HT', formatEuros(amounts.totalWithoutVatCents)],
		['Total TVA', formatEuros(amounts.vatTotalCents)],
		['Total TTC', formatEuros(amounts.totalWithVatCents)],
		...(amounts.roundingCents !== 0
			? [['Arrondi', formatEuros(amounts.roundingCents)] as [string, string]]
			: []),
		...(amounts.paidCents !== 0
			? [['Déjà réglé', formatEuros(amounts.paidCents)] as [string, string]]
			: []),
		[creditNote ? 'Montant de l’avoir' : 'Net à payer', formatEuros(amounts.dueCents)]
	]);
	const paidWith = document.payments
		.filter((p) => p.method !== 'en-compte')
		.map((p) => PAYMENT_METHOD_LABELS[p.method])
		.join(', ');
	const mentions = [
		...(amounts.paidCents !== 0 && paidWith
			? [`Déjà réglé au comptoir (${paidWith}) : ${formatEuros(amounts.paidCents)}`]
			: []),
		creditNote
			? einvoice.paymentTerms
			: amounts.dueCents === 0
				? `Facture acquittée le ${formatDay(document.saleDay || invoice.issueDate.slice(0, 10))}.`
				: `Échéance : ${formatDay(einvoice.dueDay ?? einvoice.issueDay)}${
						einvoice.dueDay && einvoice.dueDay !== einvoice.issueDay
							? ''
							: ' (paiement à réception de la facture)'
					}${einvoice.paymentMeans?.code === '30' ? ' — règlement par virement' : ''}`,
		'Aucun escompte pour paiement anticipé.',
		'Pénalités de retard : trois fois le taux d’intérêt légal (Code de commerce L441-10).',
		...(professional
			? ['Indemnité forfaitaire pour frais de recouvrement : 40 € (Code de commerce D441-5).']
			: []),
		...(shop.vatRegime === 'debits'
			? ['Option pour le paiement de la taxe d’après les débits.']
			: []),
		...((buyer?.showShopIban || einvoice.paymentMeans?.code === '30') && shop.iban
			? [`IBAN ${shop.iban}${shop.bic ? ` — BIC ${shop.bic}` : ''}`]
			: []),
		'Livres : prix unique du livre (loi n° 81-766 du 10 août 1981).',
		...(shop.invoiceFooter ? [shop.invoiceFooter] : [])
	];
	if (y + 6 + mentions.length * 4.6 > 282) {
		doc.addPage();
		y = 12;
	}
	writeLines(doc, mentions, MARGIN, y + 6, PAGE_WIDTH - 2 * MARGIN);
	numberPages(doc, title);
	return { doc, title, einvoice };
}

/** The plain text PDF: for printing, e-mail, and Chorus Pro's "Déposer facture" (DOMAIN.md §6). */
export async function invoicePdf(invoice: IssuedInvoice): Promise<Blob> {
	const { doc } = await layoutInvoice(invoice);
	return doc.output('blob');
}

/** The Factur-X EN 16931 PDF/A-3: the same PDF with the CII XML inside (DOMAIN.md §7). */
export async function facturXPdf(invoice: IssuedInvoice): Promise<Blob> {
	const { doc, title, einvoice } = await layoutInvoice(invoice);
	const bytes = await toFacturX(doc.output('arraybuffer'), ciiXml(einvoice), {
		title,
		author: invoice.document.seller.legalName,
		subject: `${title} — ${invoice.document.buyer?.name ?? 'client'}`,
		createdAt: new Date(invoice.issueDate)
	});
	return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}

/**
 * A reminder letter (relance) for an overdue invoice or sale « en compte »: the shop's letterhead,
 * the customer's address where an envelope window shows it, the date, the subject and the text of
 * `reminderLetter`.
 */
export async function reminderPdf(input: {
	readonly shop: ShopSettings;
	readonly document: DueDocument;
	readonly address: PostalAddress | null;
	readonly professional: boolean;
	readonly printedAt: Date;
}): Promise<Blob> {
	const letter = reminderLetter({
		document: input.document,
		professional: input.professional,
		previousReminders: input.document.reminders.length
	});
	const doc = await newDocument(letter.subject, input.shop);
	doc.setFontSize(9);
	writeLines(doc, sellerLines(input.shop), MARGIN, 18, 95);
	doc.setFontSize(10);
	// A DL envelope's window: 110 mm from the left, 45 mm from the top (NF EN ISO 269).
	writeLines(doc, addressLines(input.address, input.document.customerName), 110, 50, 85);
	let y = writeLines(
		doc,
		[`${input.shop.city}, le ${formatLongDay(input.printedAt)}`],
		110,
		80,
		85
	);
	doc.setFont(PDF_FONT, 'bold');
	y = writeLines(doc, [`Objet : ${letter.subject}`], MARGIN, y + 10, PAGE_WIDTH - 2 * MARGIN);
	doc.setFont(PDF_FONT, 'normal');
	for (const paragraph of letter.paragraphs) {
		y = writeLines(doc, [paragraph], MARGIN, y + 5, PAGE_WIDTH - 2 * MARGIN);
	}
	writeLines(doc, [input.shop.tradeName || input.shop.legalName], 120, y + 12, 75);
	return doc.output('blob');
}

export interface ReportPdfInput {
	readonly shop: ShopSettings;
	readonly tillId: string;
	/** "novembre 2026", "le 23/11/2026", "l’année 2026". */
	readonly periodLabel: string;
	readonly totals: PeriodTotals;
	readonly closing: {
		readonly createdAt: string;
		readonly by?: string;
		readonly perpetualGrandTotalCents: number;
		readonly heads?: ChainHeads;
		readonly lastTicket?: { number: number } | null;
	} | null;
	readonly printedAt: Date;
}

/** The till report of a period: the figures of the Rapports screen on one A4 page. */
export async function reportPdf(input: ReportPdfInput): Promise<Blob> {
	const { totals, shop } = input;
	const title = `Rapport de caisse — ${input.periodLabel}`;
	const doc = await newDocument(title, shop);
	doc.setFont(PDF_FONT, 'bold');
	doc.setFontSize(14);
	doc.text(title, MARGIN, 20);
	doc.setFont(PDF_FONT, 'normal');
	doc.setFontSize(9);
	let y = writeLines(
		doc,
		[
			...sellerLines(shop).slice(0, 1),
			`SIRET ${formatSiret(shop.siret)} — caisse ${input.tillId}`,
			input.closing
				? `Période clôturée le ${formatDate(new Date(input.closing.createdAt))} par ${input.closing.by ?? '—'} — grand total perpétuel : ${formatEuros(input.closing.perpetualGrandTotalCents)}`
				: 'Période non clôturée : chiffres provisoires.',
			`Édité le ${formatDate(input.printedAt)} à ${formatTime(input.printedAt)}`
		],
		MARGIN,
		28,
		PAGE_WIDTH - 2 * MARGIN
	);
	const right = { 1: { halign: 'right' } } as const;
	y = table(doc, {
		startY: y + 2,
		columnStyles: right,
		head: [['Chiffres de la période', '']],
		body: [
			['Tickets', String(totals.ticketCount)],
			['dont annulations', String(totals.cancellationCount)],
			['Total TTC', formatEuros(totals.ttcCents)],
			['Total HT', formatEuros(totals.htCents)],
			['TVA', formatEuros(totals.vatCents)],
			['Remises accordées', formatEuros(totals.discountCents)],
			['Bons et acomptes vendus (hors chiffre d’affaires)', formatEuros(totals.balanceIssuedCents)]
		]
	});
	// The anchors the closing sealed, printed with its figures (docs/integrity.md#anchors).
	const anchors = input.closing ? closingAnchorLines(input.closing) : [];
	if (anchors.length > 0) y = writeLines(doc, anchors, MARGIN, y + 6, PAGE_WIDTH - 2 * MARGIN) - 2;
	y = table(doc, {
		startY: y + 4,
		columnStyles: { 1: { halign: 'right' }, 2: { halign: 'right' }, 3: { halign: 'right' } },
		head: [['Taux de TVA', 'Base HT', 'TVA', 'Total TTC']],
		body: totals.byRate.map((rate) => [
			formatBp(rate.vatRateBp),
			formatEuros(rate.htCents),
			formatEuros(rate.vatCents),
			formatEuros(rate.ttcCents)
		])
	});
	y = table(doc, {
		startY: y + 4,
		columnStyles: right,
		head: [['Mode de paiement', 'Montant']],
		body: totals.byMethod.map((method) => [
			PAYMENT_METHOD_LABELS[method.method as PaymentMethod] ?? method.method,
			formatEuros(method.amountCents)
		])
	});
	table(doc, {
		startY: y + 4,
		columnStyles: right,
		head: [['Famille d’articles', 'Total TTC']],
		body: totals.byKind.map((family) => [
			ARTICLE_KIND_LABELS[family.kind as ArticleKind] ?? family.kind,
			formatEuros(family.ttcCents)
		])
	});
	numberPages(doc, title);
	return doc.output('blob');
}
