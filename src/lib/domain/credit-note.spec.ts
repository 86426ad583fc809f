import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditNoteDocument, reissueDocuments, type IssuedInvoice } from './invoice-document';
import { INVOICE_CASES } from '../../../tests/fixtures/invoices';

const invoice = INVOICE_CASES['livres, papeterie et presse'] as IssuedInvoice;
const lines = invoice.document.lines;

describe('creditNoteDocument', () => {
	it('a total credit note is the invoice’s exact mirror, citing its number and date', () => {
		const credit = creditNoteDocument(
			invoice,
			lines.map((line, lineIndex) => ({ lineIndex, quantity: line.quantity }))
		);
		if (!credit.ok) throw new Error(credit.error.message);
		expect(credit.value.totalCents).toBe(-invoice.document.totalCents);
		expect(credit.value.rates).toEqual(
			invoice.document.rates.map((rate) => ({
				vatRateBp: rate.vatRateBp,
				ttcCents: 0 - rate.ttcCents,
				htCents: 0 - rate.htCents,
				vatCents: 0 - rate.vatCents,
				discountCents: 0 - rate.discountCents
			}))
		);
		expect(credit.value).toMatchObject({
			paidCents: 0,
			payments: [],
			frame: 'A1',
			creditedInvoice: { number: '2', issueDate: invoice.issueDate }
		});
	});

	it('a partial credit note takes its share of each chosen line (1 of 3 books at 22,90 €)', () => {
		const credit = creditNoteDocument(invoice, [
			{ lineIndex: 0, quantity: 1 },
			{ lineIndex: 2, quantity: 0 }
		]);
		if (!credit.ok) throw new Error(credit.error.message);
		expect(credit.value.lines).toHaveLength(1);
		expect(credit.value.lines[0]).toMatchObject({
			quantity: -1,
			ttcCents: -2290,
			htCents: -2171,
			vatCents: -119
		});
		expect(credit.value.totalCents).toBe(-2290);
	});

	it.each([
		[[], 'CREDIT_EMPTY', undefined],
		[[{ lineIndex: 9, quantity: 1 }], 'LINE_UNKNOWN', undefined],
		[[{ lineIndex: 0, quantity: 4 }], 'CREDIT_QUANTITY', 'de 1 à 3'],
		[[{ lineIndex: 0, quantity: 1.5 }], 'CREDIT_QUANTITY', 'de 1 à 3'],
		[[{ lineIndex: 0, quantity: -1 }], 'CREDIT_QUANTITY', 'de 1 à 3']
	])('refuses %j (%s)', (selection, code, message) => {
		const credit = creditNoteDocument(invoice, selection);
		expect(credit.ok).toBe(false);
		if (!credit.ok) {
			expect(credit.error.code).toBe(code);
			if (message) expect(credit.error.message).toContain(message);
		}
	});

	it('counts what earlier credit notes took, and says when a line is all credited', () => {
		expect(
			creditNoteDocument(invoice, [{ lineIndex: 0, quantity: 2 }], new Map([[0, 2]]))
		).toMatchObject({
			ok: false,
			error: {
				message: 'Quantité à créditer pour «\u00a0Livre\u00a0»\u00a0: un nombre entier de 1 à 1.'
			}
		});
		expect(
			creditNoteDocument(invoice, [{ lineIndex: 0, quantity: 1 }], new Map([[0, 3]]))
		).toMatchObject({
			ok: false,
			error: { message: '«\u00a0Livre\u00a0» est déjà entièrement crédité.' }
		});
	});

	it('is made only on a final invoice', () => {
		expect(
			creditNoteDocument({ ...invoice, kind: 'proforma' }, [{ lineIndex: 0, quantity: 1 }])
		).toMatchObject({
			ok: false,
			error: { code: 'NOT_AN_INVOICE' }
		});
	});

	it('HT + TVA = TTC per rate and per line, whatever the quantities chosen', () => {
		fc.assert(
			fc.property(
				fc.tuple(...lines.map((line) => fc.integer({ min: 0, max: line.quantity }))),
				(quantities) => {
					const selection = quantities.map((quantity, lineIndex) => ({ lineIndex, quantity }));
					const credit = creditNoteDocument(invoice, selection);
					fc.pre(credit.ok);
					if (!credit.ok) return;
					for (const rate of credit.value.rates)
						expect(rate.htCents + rate.vatCents).toBe(rate.ttcCents);
					for (const line of credit.value.lines)
						expect(line.htCents + line.vatCents).toBe(line.ttcCents);
					expect(credit.value.htCents + credit.value.vatCents).toBe(credit.value.totalCents);
				}
			)
		);
	});
});

describe('reissueDocuments', () => {
	it('a pro forma is not reissued: it is still editable', () => {
		const result = reissueDocuments(
			{ ...invoice, kind: 'proforma' },
			{
				seller: invoice.document.seller,
				buyer: null,
				billing: invoice.document.billing,
				delivery: null,
				references: invoice.document.references
			}
		);
		expect(!result.ok && result.error.code).toBe('NOT_AN_INVOICE');
	});

	it('credits all of it and carries the counter payment; the new one keeps the buyer when the file is gone', () => {
		const result = reissueDocuments(invoice, {
			seller: invoice.document.seller,
			buyer: null,
			billing: { ...invoice.document.billing!, line1: '3 rue de la Gare' },
			delivery: null,
			references: invoice.document.references
		});
		if (!result.ok) throw new Error(result.error.message);
		expect(result.value.creditNote.totalCents).toBe(-invoice.document.totalCents);
		expect(result.value.creditNote.paidCents).toBe(0 - invoice.document.paidCents);
		expect(result.value.invoice.buyer).toEqual(invoice.document.buyer);
		expect(result.value.invoice.billing?.line1).toBe('3 rue de la Gare');
	});
});
