import { describe, expect, it } from 'vitest';
import { creditedQuantities, type IssuedInvoice } from './invoice-document';
import {
	draftLinesOf,
	invoiceDocumentFromDraft,
	validateFreeLine,
	validateInvoicePayment,
	type DraftLine,
	type InvoiceDraft
} from './invoice-draft';
import { assertCents } from './money';
import { INVOICE_CASES, TEST_SELLER } from '../../../tests/fixtures/invoices';
import { NO_REFERENCES } from './ticket-annotations';
import { daysBetween } from './ticket-period';
import { assertVatRateBp } from './vat';

const book: DraftLine = {
	type: 'article',
	ean: '9782070612758',
	title: 'Le Petit Prince',
	authors: 'Antoine de Saint-Exupéry',
	publisher: 'Folio',
	kind: 'livre',
	quantity: 10,
	unitPriceCents: assertCents(850),
	vatRateBp: assertVatRateBp(550),
	discount: { kind: 'percent', bp: 900 }
};

const draft = (
	lines: DraftLine[],
	buyerStatus: InvoiceDraft['buyerStatus'] = 'bibliotheque'
): InvoiceDraft => ({
	seller: TEST_SELLER,
	buyer: null,
	buyerStatus,
	billing: null,
	delivery: null,
	references: NO_REFERENCES,
	note: '',
	saleDay: '2026-11-20',
	dueDate: '2026-12-20',
	lines
});

describe('invoiceDocumentFromDraft', () => {
	it('prices lines as the till does, keeps text lines at their place, nothing paid, cadre A1', () => {
		const result = invoiceDocumentFromDraft(
			draft([
				{ type: 'text', text: 'Commande de la rentrée' },
				book,
				{ type: 'text', text: 'Livraison comprise' },
				{
					...book,
					type: 'free',
					ean: '',
					title: 'Frais de port',
					kind: 'autre',
					quantity: 1,
					unitPriceCents: assertCents(690),
					vatRateBp: assertVatRateBp(2000),
					discount: null
				}
			])
		);
		if (!result.ok) throw new Error(result.error.message);
		expect(result.value).toMatchObject({
			totalCents: 8425,
			paidCents: 0,
			payments: [],
			frame: 'A1',
			dueDate: '2026-12-20',
			tickets: [],
			textLines: [
				{ beforeLine: 0, text: 'Commande de la rentrée' },
				{ beforeLine: 1, text: 'Livraison comprise' }
			]
		});
		expect(result.value.lines[0]).toMatchObject({ discountCents: 765, vatRateBp: 550 });
		// Opened again in the editor: the same lines in the same order.
		expect(
			draftLinesOf(result.value).map((line) => (line.type === 'text' ? line.text : line.type))
		).toEqual(['Commande de la rentrée', 'article', 'Livraison comprise', 'free']);
		const trailing = { ...result.value, textLines: [{ beforeLine: 2, text: 'Merci' }] };
		expect(draftLinesOf(trailing).at(-1)).toEqual({ type: 'text', text: 'Merci' });
		expect(draftLinesOf({ ...result.value, textLines: undefined }).length).toBe(2);
	});

	it('refuses an invoice without a priced line, and a discount beyond the Loi Lang cap', () => {
		expect(invoiceDocumentFromDraft(draft([{ type: 'text', text: 'Rien' }]))).toMatchObject({
			ok: false,
			error: { code: 'INVOICE_EMPTY' }
		});
		expect(invoiceDocumentFromDraft(draft([book], 'particulier')).ok).toBe(false);
	});
});

describe('validateFreeLine', () => {
	const form = {
		title: ' Frais de port ',
		quantity: '1',
		unitPrice: '6,90',
		vatRate: '20',
		discount: ''
	};
	it('reads a free line: TTC price, VAT rate, no discount', () => {
		expect(validateFreeLine(form)).toEqual({
			ok: true,
			value: {
				type: 'free',
				ean: '',
				title: 'Frais de port',
				authors: '',
				publisher: '',
				kind: 'autre',
				quantity: 1,
				unitPriceCents: 690,
				vatRateBp: 2000,
				discount: null
			}
		});
	});

	it.each([
		[{ ...form, title: ' ' }, 'title'],
		[{ ...form, quantity: '1,5' }, 'quantity'],
		[{ ...form, quantity: '0' }, 'quantity'],
		[{ ...form, quantity: '10000' }, 'quantity'],
		[{ ...form, unitPrice: 'six' }, 'unitPrice'],
		[{ ...form, vatRate: '7' }, 'vatRate'],
		[{ ...form, discount: 'beaucoup' }, 'discount']
	])('refuses %j at %s', (input, field) => {
		const result = validateFreeLine(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.field).toBe(field);
	});
});

describe('payments and due dates', () => {
	it('counts whole days between two days', () => {
		expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7);
		expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-11-23', '2026-02-31')).toBeNaN();
		expect(daysBetween('23/11/2026', '2026-11-23')).toBeNaN();
	});

	it.each([
		[{ day: '2026-11-20', amount: '12,50' }, 0, undefined],
		[{ day: '', amount: '12,50' }, 0, 'day'],
		[{ day: '2026-02-31', amount: '12,50' }, 0, 'day'],
		[{ day: '2026-11-24', amount: '12,50' }, 0, 'day'],
		[{ day: '2026-11-20', amount: 'douze' }, 0, 'amount'],
		[{ day: '2026-11-20', amount: '0' }, 0, 'amount'],
		[{ day: '2026-11-20', amount: '20' }, 0, 'amount']
	])('payment %j', (input, _unused, field) => {
		const result = validateInvoicePayment(input, 1500, '2026-11-23');
		if (field === undefined)
			expect(result).toEqual({ ok: true, value: { day: '2026-11-20', amountCents: 1250 } });
		else expect(result.ok ? undefined : result.error.field).toBe(field);
	});
});

describe('creditedQuantities', () => {
	it('adds up what each credit note took per invoice line, ignoring lines of no invoice line', () => {
		const note = INVOICE_CASES['avoir partiel'] as IssuedInvoice;
		const plain = {
			...note,
			document: {
				...note.document,
				lines: note.document.lines.map(({ creditedLine: _c, ...line }) => line)
			}
		};
		expect([...creditedQuantities([note, note, plain])]).toEqual([
			[0, 2],
			[1, 4]
		]);
	});
});
