/** Invoices, credit notes and pro forma as PDF, the Factur-X PDF/A-3 with its CII XML (docs/invoices.md), and the payment reminder letter. */
import type { jsPDF } from 'jspdf';
import { type RowInput } from 'jspdf-autotable';
import {
	addressText,
	assertCents,
	ciiXml,
	eInvoiceOf,
	formatDate,
	formatDay,
	formatEuros,
	formatSiret,
	isProfessionalBuyer,
	formatUnitPrice,
	PAYMENT_METHOD_LABELS,
	formatBp,
	formatLongDay,
	reminderLetter,
	type DueDocument,
	type EInvoice,
	type IssuedInvoice,
	type PostalAddress,
	type ShopSettings
} from '$lib/domain';
import { toFacturX } from './facturx';
import { PDF_FONT } from './fonts';
import {
	MARGIN,
	PAGE_WIDTH,
	newDocument,
	sellerLines,
	writeLines,
	addressLines,
	totalsBox,
	numberPages,
	table,
	vatTable
} from './layout';

interface InvoiceLayout {
	readonly doc: jsPDF;
	readonly title: string;
	readonly einvoice: EInvoice;
}

/**
 * An invoice or a credit note with every mention of CGI ann. II art. 242 nonies A and Code de
 * commerce L441-9 (docs/rules.md#invoices), and the labels Chorus Pro's "Déposer facture" reader looks for:
 * "SIRET client", "Code service", "N° d'engagement", "N° de marché" (docs/rules.md#chorus-pro). Its figures
 * are the EN 16931 ones the CII and UBL exports carry (`eInvoiceOf`), so the paper and the XML
 * always agree; a credit note states its amounts positive, as its type says they are credited.
 */
async function layoutInvoice(
	invoice: IssuedInvoice,
	quote?: { readonly validUntil: string }
): Promise<InvoiceLayout> {
	const document = invoice.document;
	const einvoice = eInvoiceOf(invoice);
	const { amounts } = einvoice;
	const shop = document.seller;
	const creditNote = invoice.kind === 'credit-note';
	const title = `${quote ? 'Devis' : creditNote ? 'Avoir' : invoice.kind === 'proforma' ? 'Facture pro forma' : 'Facture'} n° ${invoice.number}`;
	const doc = await newDocument(title, shop);
	const issued = new Date(invoice.issueDate);
	doc.setFontSize(9);
	const sellerEnd = writeLines(doc, sellerLines(shop), MARGIN, 18, 95);

	const buyer = document.buyer;
	const buyerLines = [
		...addressLines(document.billing, buyer?.name ?? ''),
		...(buyer?.customerNumber ? [`N° de client ${buyer.customerNumber}`] : []),
		...(einvoice.channel === 'plateforme' && einvoice.buyer.siren
			? [`SIREN client ${einvoice.buyer.siren}`]
			: []),
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
	doc.text(creditNote || quote ? 'Client' : 'Facturé à', 120, 18);
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
			...(invoice.kind === 'proforma' && !quote
				? ['Document sans valeur de facture : la facture définitive portera un autre numéro.']
				: []),
			`Date d'émission : ${formatDate(issued)}`,
			...(quote ? [`Devis valable jusqu’au ${formatDay(quote.validUntil)}`] : []),
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
		[
			quote ? 'Montant du devis' : creditNote ? 'Montant de l’avoir' : 'Net à payer',
			formatEuros(amounts.dueCents)
		]
	]);
	const paidWith = document.payments
		.filter((p) => p.method !== 'en-compte')
		.map((p) => PAYMENT_METHOD_LABELS[p.method])
		.join(', ');
	const mentions = quote
		? [
				`Prix en euros toutes taxes comprises, valables jusqu’au ${formatDay(quote.validUntil)}.`,
				'Livres : prix unique du livre (loi n° 81-766 du 10 août 1981), remise plafonnée selon l’acheteur.',
				...(shop.invoiceFooter ? [shop.invoiceFooter] : []),
				'',
				'Bon pour accord — date, nom, signature et cachet :'
			]
		: invoiceMentions();
	function invoiceMentions(): string[] {
		return [
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
	}
	if (y + 6 + mentions.length * 4.6 > 282) {
		doc.addPage();
		y = 12;
	}
	writeLines(doc, mentions, MARGIN, y + 6, PAGE_WIDTH - 2 * MARGIN);
	numberPages(doc, title);
	return { doc, title, einvoice };
}

/** The plain text PDF: for printing, e-mail, and Chorus Pro's "Déposer facture" (docs/rules.md#chorus-pro). */
export async function invoicePdf(invoice: IssuedInvoice): Promise<Blob> {
	const { doc } = await layoutInvoice(invoice);
	return doc.output('blob');
}

/**
 * A quote (« devis ») as the customer receives it: the invoice's layout and figures (Loi Lang caps
 * applied), its validity date and a « bon pour accord » to sign; no payment terms, as nothing is
 * owed yet (docs/orders.md#quotes).
 */
export async function quotePdf(quote: {
	readonly number: number;
	/** Its date: the day it was last written. */
	readonly updatedOn: string;
	readonly validUntil: string;
	readonly document: IssuedInvoice['document'];
}): Promise<Blob> {
	const { doc } = await layoutInvoice(
		{
			kind: 'proforma',
			number: String(quote.number),
			issueDate: `${quote.updatedOn}T12:00:00.000Z`,
			dueDate: null,
			document: quote.document
		},
		{ validUntil: quote.validUntil }
	);
	return doc.output('blob');
}

/** The Factur-X EN 16931 PDF/A-3: the same PDF with the CII XML inside (docs/rules.md#einvoice). */
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
