import { describe, expect, it } from 'vitest';
import {
	chorusAction,
	chorusPreflight,
	CHORUS_STATUSES,
	depositGuide,
	preflightPasses,
	validateChorusStatus
} from './chorus';
import { eInvoiceOf } from './einvoice';
import type { IssuedInvoice } from './invoice-document';
import { INVOICE_CASES, TEST_SELLER } from '../../../tests/fixtures/invoices';

const state = INVOICE_CASES['service de l’État'] as IssuedInvoice;
const creditNote = INVOICE_CASES['avoir partiel'] as IssuedInvoice;
const paid = INVOICE_CASES['ticket payé au comptoir (A2)'] as IssuedInvoice;
const TODAY = '2026-11-23';

function problems(invoice: IssuedInvoice, today = TODAY): string[] {
	return chorusPreflight(invoice, eInvoiceOf(invoice), today).flatMap((check) =>
		check.problem ? [check.problem] : []
	);
}

function withDocument(
	invoice: IssuedInvoice,
	change: Partial<IssuedInvoice['document']>
): IssuedInvoice {
	return { ...invoice, document: { ...invoice.document, ...change } };
}

describe('chorusPreflight', () => {
	it('passes every case the validator accepts', () => {
		for (const invoice of Object.values(INVOICE_CASES)) {
			const checks = chorusPreflight(invoice, eInvoiceOf(invoice), TODAY);
			expect(problems(invoice)).toEqual([]);
			expect(preflightPasses(checks)).toBe(true);
		}
	});

	const buyer = state.document.buyer as NonNullable<IssuedInvoice['document']['buyer']>;
	const references = state.document.references;
	it.each([
		['a pro forma', { ...state, kind: 'proforma' as const }, 'pro forma ne se dépose pas'],
		[
			'no shop address',
			withDocument(state, { seller: { ...TEST_SELLER, addressLine1: '', city: '' } }),
			'adresse, ville'
		],
		[
			'no shop name nor postal code',
			withDocument(state, { seller: { ...TEST_SELLER, legalName: ' ', postalCode: '' } }),
			'raison sociale, code postal'
		],
		[
			'a bad shop SIRET',
			withDocument(state, { seller: { ...TEST_SELLER, siret: '40483304800023' } }),
			'SIRET de la librairie'
		],
		[
			'no shop VAT number',
			withDocument(state, { seller: { ...TEST_SELLER, vatNumber: '' } }),
			'numéro de TVA'
		],
		['no customer', withDocument(state, { buyer: null }), 'pas de client'],
		[
			'no customer SIRET',
			withDocument(state, { buyer: { ...buyer, siret: '' } }),
			'SIRET de Rectorat'
		],
		[
			'a bad customer SIRET',
			withDocument(state, { buyer: { ...buyer, siret: '11000201100045' } }),
			'est invalide'
		],
		[
			'a required code service left empty',
			withDocument(state, { references: { ...references, serviceCode: '' } }),
			'exige un code service'
		],
		[
			'a code service with accents',
			withDocument(state, { references: { ...references, serviceCode: 'SERVICE_É' } }),
			'lettres sans accent'
		],
		[
			'a required engagement left empty',
			withDocument(state, { references: { ...references, engagementNumber: '' } }),
			'exige un n° d’engagement'
		],
		[
			'an engagement of 51 characters',
			withDocument(state, { references: { ...references, engagementNumber: 'E'.repeat(51) } }),
			'fait 51 caractères'
		],
		[
			'neither code service nor engagement when one is required',
			withDocument(state, {
				buyer: {
					...buyer,
					serviceCodeRequired: false,
					engagementRequired: false,
					oneOfRequired: true
				},
				references: { ...references, serviceCode: '', engagementNumber: '' }
			}),
			'l’un des deux'
		],
		[
			'a credit note without its invoice',
			withDocument(creditNote, { creditedInvoice: undefined as never }),
			'ne cite pas la facture'
		],
		[
			'a transfer without IBAN',
			withDocument(state, { seller: { ...TEST_SELLER, iban: '' } }),
			'sans IBAN'
		],
		['a number over 20 characters', { ...state, number: 'F'.repeat(21) }, 'dépasse 20 caractères'],
		['a date in the future', { ...state, issueDate: '2026-12-01T10:00:00Z' }, 'dans le futur']
	])('blocks %s', (_name, invoice, message) => {
		const found = problems(invoice);
		expect(found.join(' | ')).toContain(message);
		expect(preflightPasses(chorusPreflight(invoice, eInvoiceOf(invoice), TODAY))).toBe(false);
	});

	it('lets a buyer who requires nothing go without code service or engagement', () => {
		const invoice = withDocument(state, {
			buyer: {
				...buyer,
				serviceCodeRequired: false,
				engagementRequired: false,
				oneOfRequired: false
			},
			references: { serviceCode: '', engagementNumber: '', marketNumber: '' }
		});
		expect(problems(invoice)).toEqual([]);
	});
});

describe('depositGuide', () => {
	it('gives the portal’s fields in its order, amounts with a decimal comma', () => {
		const guide = depositGuide(eInvoiceOf(state));
		expect(guide.header.map((field) => field.label)).toEqual([
			'Cadre de facturation',
			'Destinataire (SIRET)',
			'Code service',
			'N° de facture',
			'Date de facture',
			'Type de facture',
			'Type de TVA',
			'Mode de règlement',
			'N° d’engagement',
			'N° de marché',
			'Devise'
		]);
		expect(guide.header[0]?.value).toMatch(/^A1/u);
		expect(guide.header[6]?.value).toBe('TVA sur les débits');
		expect(guide.header[7]?.value).toBe('VIREMENT');
		expect(guide.lines[0]).toContainEqual({ label: 'Taux de TVA', value: '5,5 %' });
		expect(guide.lines[0]).toContainEqual({ label: 'Référence', value: '9782266248549' });
		const odd = INVOICE_CASES['un livre'] as IssuedInvoice;
		const withCode = withDocument(odd, {
			lines: odd.document.lines.map((line) => ({ ...line, ean: 'DIVERS' }))
		});
		expect(depositGuide(eInvoiceOf(withCode)).lines[0]).toContainEqual({
			label: 'Référence',
			value: 'DIVERS'
		});
		expect(guide.lines[0]).toContainEqual({ label: 'Référence', value: '9782266248549' });
		const special = depositGuide(eInvoiceOf(INVOICE_CASES['caractères spéciaux'] as IssuedInvoice));
		expect(special.lines[2]).toContainEqual({ label: 'Référence', value: '2000000000015' });
		expect(guide.totals.at(-1)).toEqual({ label: 'Net à payer', value: '349,44' });
	});

	it('a paid ticket: A2 and the amount already paid; a credit note: its invoice, no payment', () => {
		const paidGuide = depositGuide(eInvoiceOf(paid));
		expect(paidGuide.header[0]?.value).toMatch(/^A2/u);
		expect(paidGuide.totals).toContainEqual({ label: 'Montant déjà payé', value: '39,10' });
		const creditGuide = depositGuide(eInvoiceOf(creditNote));
		expect(creditGuide.header).toContainEqual({ label: 'Type de facture', value: 'Avoir' });
		expect(creditGuide.header).toContainEqual({ label: 'N° de la facture d’origine', value: '6' });
		expect(creditGuide.header).toContainEqual({ label: 'Mode de règlement', value: '' });
		const receipts = eInvoiceOf(
			withDocument(state, { seller: { ...TEST_SELLER, vatRegime: 'encaissements' } })
		);
		expect(depositGuide(receipts).header).toContainEqual({
			label: 'Type de TVA',
			value: 'TVA sur les encaissements'
		});
	});
});

describe('Chorus Pro statuses', () => {
	it.each([
		[null, 'À déposer'],
		['a-recycler', 'même numéro'],
		['suspendue', 'pièces jointes'],
		['rejetee', 'nouvelle facture'],
		['mise-a-disposition', null],
		['mise-en-paiement', null]
	] as const)('%s asks: %s', (status, action) => {
		const text = chorusAction(status);
		if (action === null) expect(text).toBeNull();
		else expect(text).toContain(action);
	});

	const entry = { status: 'deposee', day: '2026-11-20', certificateNumber: ' CPP123 ', note: '' };
	it('records a deposit with its certificate number', () => {
		expect(validateChorusStatus(entry, TODAY)).toEqual({
			ok: true,
			value: { status: 'deposee', day: '2026-11-20', certificateNumber: 'CPP123', note: '' }
		});
		expect(CHORUS_STATUSES).toContain('mise-en-paiement');
	});

	it.each([
		[{ ...entry, status: 'perdue' }, 'status'],
		[{ ...entry, day: '20/11/2026' }, 'day'],
		[{ ...entry, day: '2026-11-24' }, 'day'],
		[{ ...entry, certificateNumber: ' ' }, 'certificateNumber'],
		[{ ...entry, status: 'rejetee' }, 'note']
	])('refuses %j at the field %s', (input, field) => {
		const result = validateChorusStatus(input, TODAY);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.field).toBe(field);
	});
});
