import { centsToFrenchDecimal, parisDay } from './format';
import type { IssuedInvoice } from './invoice-document';
import { assertCents, roundDivide, type Cents } from './money';
import { formatDay } from './ticket-period';
import { htFromTtc, type VatRateBp } from './vat';

/**
 * The SOFIA declaration of the droit de prêt (loi 2003-517, CPI art. L133-3; docs/rules.md#public-bodies): the
 * bookshop pays SOFIA 6 % of the public price excluding VAT of the books it sells to lending
 * libraries (customers with a GLN), and declares those sales per invoice: number, date, amounts
 * HT and TTC, the library's GLN, the book lines at 5,5 %. SOFIA publishes no file layout: this
 * is a plain CSV with those columns. Credit notes come out negative and net their invoice.
 */

export const SOFIA_RATE_PERCENT = 6;
const BOOK_RATE = 550;

export interface SofiaRow {
	readonly invoiceNumber: string;
	readonly issueDay: string;
	readonly library: string;
	readonly gln: string;
	readonly ean: string;
	readonly title: string;
	readonly quantity: number;
	/** Public price (prix unique) × quantity, VAT included, before any discount. */
	readonly publicTtcCents: Cents;
	readonly publicHtCents: Cents;
	/** What the library paid for the line. */
	readonly htCents: Cents;
	readonly ttcCents: Cents;
	/** 6 % of the public price excluding VAT. */
	readonly remunerationCents: Cents;
}

/** The declared lines of the given invoices and credit notes, in the order given. */
export function sofiaRows(invoices: readonly IssuedInvoice[]): SofiaRow[] {
	return invoices.flatMap((invoice) => {
		const buyer = invoice.document.buyer;
		if (invoice.kind === 'proforma' || !buyer || buyer.gln === '') return [];
		return invoice.document.lines
			.filter(
				(line) =>
					(line.kind === 'livre' || line.kind === 'livre-scolaire') && line.vatRateBp === BOOK_RATE
			)
			.map((line) => {
				const publicHt = htFromTtc(line.grossCents, line.vatRateBp as VatRateBp);
				return {
					invoiceNumber: invoice.number,
					issueDay: parisDay(new Date(invoice.issueDate)),
					library: buyer.name,
					gln: buyer.gln,
					ean: line.ean,
					title: line.title,
					quantity: line.quantity,
					publicTtcCents: line.grossCents,
					publicHtCents: publicHt,
					htCents: line.htCents,
					ttcCents: line.ttcCents,
					remunerationCents: assertCents(
						Number(roundDivide(BigInt(publicHt) * BigInt(SOFIA_RATE_PERCENT), 100n))
					)
				};
			});
	});
}

export interface SofiaTotals {
	readonly quantity: number;
	readonly htCents: Cents;
	readonly ttcCents: Cents;
	readonly publicHtCents: Cents;
	readonly remunerationCents: Cents;
}

export function sofiaTotals(rows: readonly SofiaRow[]): SofiaTotals {
	const sum = (pick: (row: SofiaRow) => number) =>
		rows.reduce((total, row) => total + pick(row), 0);
	return {
		quantity: sum((row) => row.quantity),
		htCents: assertCents(sum((row) => row.htCents)),
		ttcCents: assertCents(sum((row) => row.ttcCents)),
		publicHtCents: assertCents(sum((row) => row.publicHtCents)),
		remunerationCents: assertCents(sum((row) => row.remunerationCents))
	};
}

export const SOFIA_CSV_HEADER = [
	'N° facture',
	'Date facture',
	'Bibliothèque',
	'GLN bibliothèque',
	'EAN',
	'Titre',
	'Quantité',
	'Prix public TTC',
	'Prix public HT',
	'Montant HT facturé',
	'Montant TTC facturé',
	`Rémunération ${SOFIA_RATE_PERCENT} %`
] as const;

export function sofiaCsvRows(rows: readonly SofiaRow[]): string[][] {
	return rows.map((row) => [
		row.invoiceNumber,
		formatDay(row.issueDay),
		row.library,
		row.gln,
		row.ean,
		row.title,
		String(row.quantity),
		centsToFrenchDecimal(row.publicTtcCents),
		centsToFrenchDecimal(row.publicHtCents),
		centsToFrenchDecimal(row.htCents),
		centsToFrenchDecimal(row.ttcCents),
		centsToFrenchDecimal(row.remunerationCents)
	]);
}
