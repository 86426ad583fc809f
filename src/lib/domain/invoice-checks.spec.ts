import { describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS } from './customer';
import {
	customerInvoiceDetails,
	invoiceDetailsProblems,
	issueBlockers,
	type InvoicingCustomer
} from './invoice-checks';
import type { IssuedInvoice } from './invoice-document';
import { INVOICE_CASES } from './test-invoices';

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

	it.each(Object.entries(INVOICE_CASES))('« %s » as issued has nothing blocking', (_name, each) => {
		expect(issueBlockers(each, '2026-12-02')).toEqual([]);
	});
});
