import { jsPDF } from 'jspdf';
import { autoTable, type UserOptions } from 'jspdf-autotable';
import {
	formatEuros,
	formatSiret,
	formatBp,
	frenchSpacing,
	type InvoiceDocument,
	type PostalAddress,
	type ShopSettings
} from '$lib/domain';
import { embedFonts, PDF_FONT } from './fonts';

/**
 * The page layout the shop's PDFs share: A4, text (selectable, searchable), DejaVu Sans embedded,
 * the seller's block, tables split over pages with their header repeated, "Page n / N".
 */

export const MARGIN = 15;
export const PAGE_WIDTH = 210;

export async function newDocument(title: string, shop: ShopSettings): Promise<jsPDF> {
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
export function sellerLines(shop: ShopSettings): string[] {
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

export function writeLines(
	doc: jsPDF,
	lines: readonly string[],
	x: number,
	y: number,
	width: number
) {
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
export function addressLines(address: PostalAddress | null, fallbackName: string): string[] {
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
export function totalsBox(
	doc: jsPDF,
	startY: number,
	rows: readonly (readonly [string, string])[]
) {
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

export function numberPages(doc: jsPDF, label: string) {
	const count = doc.getNumberOfPages();
	for (let page = 1; page <= count; page++) {
		doc.setPage(page);
		doc.setFont(PDF_FONT, 'normal');
		doc.setFontSize(8);
		doc.text(`${label} — Page ${page} / ${count}`, PAGE_WIDTH - MARGIN, 290, { align: 'right' });
	}
}

export const tableStyles = {
	font: PDF_FONT,
	fontSize: 8,
	cellPadding: 1.2,
	lineColor: 160,
	lineWidth: 0.1,
	textColor: 20
} as const;

/** A table in the documents' style; returns where it ends on the page. */
export function table(doc: jsPDF, options: UserOptions): number {
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

/** The VAT recap, one row per rate, then the totals (docs/rules.md#invoices: totals HT and VAT per rate). */
export function vatTable(
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
