import { describe, expect, it } from 'vitest';
import type { IssuedInvoice } from './invoice-document';
import { sofiaCsvRows, sofiaRows, sofiaTotals } from './sofia';
import { INVOICE_CASES } from '../../../tests/fixtures/invoices';

/** The test cases' library, given a GLN: a lending library declared to SOFIA. */
function lending(invoice: IssuedInvoice | undefined, gln = '3012345678901'): IssuedInvoice {
	if (!invoice?.document.buyer) throw new Error('test case without buyer');
	return {
		...invoice,
		document: { ...invoice.document, buyer: { ...invoice.document.buyer, gln } }
	};
}

describe('the SOFIA declaration', () => {
	it('declares the book lines at 5,5 % with 6 % of the public price excluding VAT', () => {
		const rows = sofiaRows([lending(INVOICE_CASES['livres, papeterie et presse'])]);
		// Stationery and press are not books: only the two book lines.
		expect(
			rows.map((row) => [
				row.quantity,
				row.publicTtcCents,
				row.publicHtCents,
				row.remunerationCents
			])
		).toEqual([
			[3, 6870, 6512, 391],
			[1, 845, 801, 48]
		]);
		expect(rows[0]).toMatchObject({
			invoiceNumber: '2',
			issueDay: '2026-11-20',
			gln: '3012345678901',
			library: 'Médiathèque de Lens'
		});
	});

	it('takes the public price before the collectivity discount, and the amount billed after', () => {
		const [row] = sofiaRows([lending(INVOICE_CASES['remise collectivité 9 %'])]);
		expect(row).toMatchObject({
			quantity: 7,
			publicTtcCents: 13965,
			publicHtCents: 13237,
			remunerationCents: 794
		});
		expect(row?.ttcCents).toBeLessThan(row?.publicTtcCents ?? 0);
	});

	it('nets a credit note against its invoice, and skips pro formas and buyers without a GLN', () => {
		const credit = sofiaRows([lending(INVOICE_CASES['avoir partiel'])]);
		expect(credit).toHaveLength(1);
		expect(credit[0]).toMatchObject({
			invoiceNumber: 'AV-1',
			quantity: -1,
			remunerationCents: -130
		});
		expect(sofiaRows([INVOICE_CASES['un livre'] as IssuedInvoice])).toEqual([]);
		expect(sofiaRows([{ ...lending(INVOICE_CASES['un livre']), kind: 'proforma' }])).toEqual([]);
		const withoutBuyer = lending(INVOICE_CASES['un livre']);
		expect(
			sofiaRows([{ ...withoutBuyer, document: { ...withoutBuyer.document, buyer: null } }])
		).toEqual([]);
	});

	it('adds up the declaration and writes it as CSV', () => {
		const rows = sofiaRows([
			lending(INVOICE_CASES['un livre']),
			lending(INVOICE_CASES['avoir partiel'])
		]);
		expect(sofiaTotals(rows)).toEqual({
			quantity: 0,
			htCents: rows.reduce((sum, row) => sum + row.htCents, 0),
			ttcCents: 1800 - 2290,
			publicHtCents: 1706 - 2171,
			remunerationCents: 102 - 130
		});
		expect(sofiaCsvRows(rows)[0]).toEqual([
			'1',
			'20/11/2026',
			'Médiathèque de Lens',
			'3012345678901',
			expect.any(String),
			expect.any(String),
			'1',
			'18,00',
			'17,06',
			'17,06',
			'18,00',
			'1,02'
		]);
	});
});
