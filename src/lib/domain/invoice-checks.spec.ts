import { describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS } from './customer';
import {
	customerInvoiceDetails,
	customerPostalAddress,
	invoiceDetailsProblems,
	issueBlockers,
	type InvoicingCustomer
} from './invoice-checks';
import type { IssuedInvoice } from './invoice-document';
import { INVOICE_CASES } from '../../../tests/fixtures/invoices';
import { NO_REFERENCES } from './ticket-annotations';

const library: InvoicingCustomer = {
	lastName: '',
	firstName: '',
	professionalName: 'Médiathèque de Lens',
	addresses: [
		{ ...EMPTY_ADDRESS, id: 'a1', line1: '21 rue de Paris', postalCode: '62300', city: 'Lens' },
		{
			...EMPTY_ADDRESS,
			id: 'a2',
			label: 'Livraison',
			line1: '2 place du Cantin',
			postalCode: '62300',
			city: 'Lens',
			isDefaultBilling: false,
			isDefaultDelivery: true
		}
	].map((address, index) => ({ ...address, isDefaultDelivery: index === 1 })),
	chorusServiceCode: 'MEDIATHEQUE',
	chorusEngagementNumber: 'EJ-2026-77',
	chorusMarketNumber: ''
};

describe('customerInvoiceDetails', () => {
	it('starts from the file: billing address, a delivery address that differs, its references', () => {
		const details = customerInvoiceDetails(library);
		expect(details.billing).toMatchObject({
			professionalName: 'Médiathèque de Lens',
			line1: '21 rue de Paris',
			postalCode: '62300',
			city: 'Lens',
			country: 'FRANCE'
		});
		expect(details.delivery?.line1).toBe('2 place du Cantin');
		expect(details.references).toEqual({
			serviceCode: 'MEDIATHEQUE',
			engagementNumber: 'EJ-2026-77',
			marketNumber: ''
		});
	});

	it('an older file without standing references, nor any address ticked, gives empty ones', () => {
		const older: InvoicingCustomer = {
			lastName: 'Durand',
			firstName: 'Claire',
			professionalName: '',
			chorusServiceCode: '',
			postalCode: '62300',
			addresses: []
		};
		const details = customerInvoiceDetails(older);
		expect(details.references).toEqual(NO_REFERENCES);
		expect(details.billing).toMatchObject({ lastName: 'Durand', line1: '', postalCode: '62300' });
		expect(details.delivery).toBeNull();
		expect(customerPostalAddress({ ...older, postalCode: undefined }, 'delivery').postalCode).toBe(
			''
		);
	});

	it('keeps a foreign country as the file says it', () => {
		const abroad = {
			...library,
			addresses: [{ ...library.addresses[0]!, country: 'BE', isDefaultDelivery: true }]
		};
		expect(customerPostalAddress(abroad, 'billing').country).toBe('BE');
	});

	it('a consumer’s invoice needs only the name and address', () => {
		const consumer = { ...invoice.document.buyer!, status: 'particulier' as const, siret: '' };
		const blockers = issueBlockers(
			{
				...invoice,
				document: { ...invoice.document, buyer: consumer, references: NO_REFERENCES }
			},
			'2026-12-02'
		);
		expect(blockers).toEqual([]);
	});

	it('names no delivery address when it is the billing one', () => {
		const one = { ...library, addresses: library.addresses.slice(0, 1) };
		expect(
			customerInvoiceDetails({
				...one,
				addresses: [{ ...one.addresses[0]!, isDefaultDelivery: true }]
			}).delivery
		).toBeNull();
	});
});

const invoice = INVOICE_CASES['un livre'] as IssuedInvoice;

describe('checked before numbering', () => {
	it('an invoice without the customer’s address is not issued, and says which fields to fill', () => {
		const problems = invoiceDetailsProblems(
			{ billing: null, delivery: null, references: invoice.document.references },
			invoice.document.buyer
		);
		expect(Object.keys(problems).sort()).toEqual([
			'billing.city',
			'billing.line1',
			'billing.postalCode'
		]);
		expect(problems['billing.line1']).toMatch(/242 nonies A/u);
		const blockers = issueBlockers(
			{ ...invoice, document: { ...invoice.document, billing: null } },
			'2026-12-02'
		);
		expect(blockers).toHaveLength(3);
	});

	it('a public buyer’s required code service is asked for at its field', () => {
		const problems = invoiceDetailsProblems(
			{
				billing: invoice.document.billing,
				delivery: null,
				references: { serviceCode: '', engagementNumber: '', marketNumber: '' }
			},
			invoice.document.buyer
		);
		expect(problems).toEqual({
			'references.serviceCode': expect.stringMatching(/exige un code service/u)
		});
	});

	it('a customer with neither a file nor a name on the address is asked for one', () => {
		const problems = invoiceDetailsProblems(
			{
				billing: { ...invoice.document.billing!, professionalName: '', lastName: '' },
				delivery: null,
				references: invoice.document.references
			},
			null
		);
		expect(Object.keys(problems)).toEqual(['billing.lastName']);
	});

	it.each([
		[{ engagementRequired: true }, /exige un n° d’engagement \(bon de commande\)/u],
		[{ oneOfRequired: true, serviceCodeRequired: false }, /un code service ou un n° d’engagement/u]
	])('a public buyer requiring %o is asked for it at the engagement field', (flags, message) => {
		const buyer = { ...invoice.document.buyer!, serviceCodeRequired: false, ...flags };
		const problems = invoiceDetailsProblems(
			{ billing: invoice.document.billing, delivery: null, references: NO_REFERENCES },
			buyer
		);
		expect(problems['references.engagementNumber']).toMatch(message);
	});

	it('names a missing engagement number once too', () => {
		const blockers = issueBlockers(
			{
				...invoice,
				document: {
					...invoice.document,
					buyer: { ...invoice.document.buyer!, engagementRequired: true }
				}
			},
			'2026-12-02'
		);
		expect(blockers.filter((text) => /engagement/iu.test(text))).toHaveLength(1);
	});

	it('names a missing code service once, with what Chorus Pro refuses of the shop', () => {
		const blockers = issueBlockers(
			{
				...invoice,
				document: {
					...invoice.document,
					references: NO_REFERENCES,
					seller: { ...invoice.document.seller, siret: '123' }
				}
			},
			'2026-12-02'
		);
		expect(blockers.filter((text) => /code service/iu.test(text))).toHaveLength(1);
		expect(blockers.some((text) => /^SIRET de la librairie\s:/u.test(text))).toBe(true);
	});

	it.each(Object.entries(INVOICE_CASES))('« %s » as issued has nothing blocking', (_name, each) => {
		expect(issueBlockers(each, '2026-12-02')).toEqual([]);
	});
});
