/** The period report (X, Z, month, year) as a PDF, with the chain fingerprints its closing sealed (docs/integrity.md#sealed-figures). */
import {
	closingAnchorLines,
	type ChainHeads,
	ARTICLE_KIND_LABELS,
	formatDate,
	formatEuros,
	formatSiret,
	formatTime,
	PAYMENT_METHOD_LABELS,
	formatBp,
	type ArticleKind,
	type PaymentMethod,
	type PeriodTotals,
	type ShopSettings
} from '$lib/domain';
import { PDF_FONT } from './fonts';
import {
	MARGIN,
	PAGE_WIDTH,
	newDocument,
	sellerLines,
	writeLines,
	numberPages,
	table
} from './layout';

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
