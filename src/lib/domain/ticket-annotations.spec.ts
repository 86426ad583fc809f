import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addressText,
	addressToForm,
	currentCustomerId,
	EMPTY_ADDRESS_FORM,
	foldAmendments,
	NO_REFERENCES,
	referencesOver,
	referencesText,
	validateInvoiceDetails,
	type InvoiceDetailsForm,
	type PostalAddress
} from './ticket-annotations';

const livralog: PostalAddress = {
	professionalName: 'LIVRALOG',
	lastName: 'Vasseur',
	firstName: 'Laurent',
	line1: '',
	line2: '',
	postalCode: '62300',
	city: 'Eleu dit Leauwette',
	country: 'France',
	vatNumber: ''
};

const form = (overrides: Partial<InvoiceDetailsForm> = {}): InvoiceDetailsForm => ({
	billing: EMPTY_ADDRESS_FORM,
	delivery: EMPTY_ADDRESS_FORM,
	references: { serviceCode: '', engagementNumber: '', marketNumber: '' },
	...overrides
});

describe('foldAmendments', () => {
	it('keeps the latest of each kind and who recorded the invoice details', () => {
		const folded = foldAmendments([
			{ kind: 'customer', customerId: 3, by: 'Dominique', at: '2019-10-27T17:00:00Z' },
			{ kind: 'note', note: 'Livrer lundi', by: 'Dominique', at: '2019-10-27T17:01:00Z' },
			{
				kind: 'invoice-details',
				billing: livralog,
				delivery: null,
				references: { serviceCode: 'XXXXX', engagementNumber: 'E1', marketNumber: '' },
				by: 'Dominique',
				at: '2019-10-27T17:02:00Z'
			},
			{ kind: 'customer', customerId: null, by: 'Camille', at: '2019-10-28T09:00:00Z' },
			{
				kind: 'settlement',
				settledDay: '2019-11-02',
				method: 'cheque',
				amountCents: 3910 as never,
				by: 'Camille',
				at: '2019-11-02T09:00:00Z'
			}
		]);
		expect(folded).toEqual({
			customerId: null,
			note: 'Livrer lundi',
			billing: livralog,
			delivery: null,
			references: { serviceCode: 'XXXXX', engagementNumber: 'E1', marketNumber: '' },
			detailsRecorded: { by: 'Dominique', at: '2019-10-27T17:02:00Z' },
			settledDay: '2019-11-02'
		});
	});

	it('leaves the ticket as recorded when nothing was added', () => {
		expect(foldAmendments([])).toMatchObject({
			customerId: undefined,
			note: '',
			references: NO_REFERENCES
		});
	});
});

describe('currentCustomerId', () => {
	it.each([
		[7, undefined, 7],
		[7, 3, 3],
		[7, null, null],
		[null, undefined, null]
	])('at the sale %s, attached later %s → %s', (atSale, later, now) => {
		expect(currentCustomerId({ customerId: atSale }, { customerId: later })).toBe(now);
	});
});

describe('texts', () => {
	it('writes the references and the address on one line, as the seed', () => {
		expect(
			referencesText({
				serviceCode: 'XXXXX',
				engagementNumber: 'XXXX XXXXXXXX XXXX',
				marketNumber: ''
			})
		).toBe('Code service XXXXX N° engagement XXXX XXXXXXXX XXXX');
		expect(referencesText({ serviceCode: '', engagementNumber: '', marketNumber: 'M-12' })).toBe(
			'N° marché M-12'
		);
		expect(addressText(livralog)).toBe('LIVRALOG VASSEUR Laurent 62300 ELEU DIT LEAUWETTE FRANCE');
		expect(addressText(null)).toBe('');
		expect(addressToForm(null)).toBe(EMPTY_ADDRESS_FORM);
		expect(addressToForm(livralog)).toEqual(livralog);
	});
});

describe('validateInvoiceDetails', () => {
	it('treats empty addresses as none and trims what was typed', () => {
		const result = validateInvoiceDetails(
			form({
				billing: {
					...EMPTY_ADDRESS_FORM,
					professionalName: ' LIVRALOG ',
					postalCode: '62840',
					city: 'Neuve Chapelle',
					country: ''
				},
				references: {
					serviceCode: ' SERVICE_01 ',
					engagementNumber: 'EJ-2019-42',
					marketNumber: ''
				}
			})
		);
		expect(result).toEqual({
			ok: true,
			value: {
				billing: {
					...EMPTY_ADDRESS_FORM,
					professionalName: 'LIVRALOG',
					postalCode: '62840',
					city: 'Neuve Chapelle'
				},
				delivery: null,
				references: { serviceCode: 'SERVICE_01', engagementNumber: 'EJ-2019-42', marketNumber: '' }
			}
		});
	});

	it.each([
		[
			{ billing: { ...EMPTY_ADDRESS_FORM, city: 'Lille', postalCode: '59000' } },
			'billing.lastName',
			'Saisissez un nom ou un nom professionnel.'
		],
		[
			{ delivery: { ...EMPTY_ADDRESS_FORM, lastName: 'Vasseur', postalCode: '59000' } },
			'delivery.city',
			'La ville est obligatoire.'
		],
		[
			{ billing: { ...EMPTY_ADDRESS_FORM, lastName: 'Vasseur', city: 'Lille', postalCode: '590' } },
			'billing.postalCode',
			'Le code postal comporte 5 chiffres.'
		],
		[
			{
				billing: {
					...EMPTY_ADDRESS_FORM,
					lastName: 'x'.repeat(121),
					city: 'Lille',
					postalCode: '59000'
				}
			},
			'billing.lastName',
			'120 caractères au plus.'
		],
		[
			{
				billing: {
					...EMPTY_ADDRESS_FORM,
					lastName: 'Vasseur',
					city: 'Lille',
					postalCode: '59000',
					vatNumber: 'FR00123456789'
				}
			},
			'billing.vatNumber',
			undefined
		],
		[
			{ references: { serviceCode: 'Côté', engagementNumber: '', marketNumber: '' } },
			'references.serviceCode',
			'Le code service ne contient que des lettres sans accent, des chiffres, _, - et des espaces.'
		],
		[
			{ references: { serviceCode: 'A'.repeat(101), engagementNumber: '', marketNumber: '' } },
			'references.serviceCode',
			'Le code service fait 100 caractères au plus.'
		],
		[
			{ references: { serviceCode: '', engagementNumber: 'E'.repeat(51), marketNumber: '' } },
			'references.engagementNumber',
			'Le n° d’engagement fait 50 caractères au plus (ici 51).'
		],
		[
			{ references: { serviceCode: '', engagementNumber: '', marketNumber: 'M'.repeat(51) } },
			'references.marketNumber',
			'Le n° de marché fait 50 caractères au plus.'
		]
	] as const)('refuses %j at %s', (overrides, field, message) => {
		const result = validateInvoiceDetails(form(overrides));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.fieldErrors[field]).toBeTruthy();
			if (message) expect(result.fieldErrors[field]).toBe(message);
		}
	});

	it('accepts a foreign address without a French postal code and checks French VAT numbers only', () => {
		const result = validateInvoiceDetails(
			form({
				billing: {
					...EMPTY_ADDRESS_FORM,
					professionalName: 'Buch GmbH',
					city: 'Berlin',
					postalCode: '10115',
					country: 'allemagne',
					vatNumber: 'de 123456789'
				}
			})
		);
		expect(result.ok && result.value.billing).toMatchObject({
			country: 'ALLEMAGNE',
			vatNumber: 'DE123456789'
		});
		const french = validateInvoiceDetails(
			form({
				billing: {
					...EMPTY_ADDRESS_FORM,
					professionalName: 'Livralog',
					city: 'Lille',
					postalCode: '59000',
					vatNumber: 'FR 83 404 833 048'
				}
			})
		);
		expect(french.ok && french.value.billing?.vatNumber).toBe('FR83404833048');
	});

	it('never throws, whatever is typed', () => {
		const text = fc.string({ maxLength: 130 });
		const address = fc.record({
			professionalName: text,
			lastName: text,
			firstName: text,
			line1: text,
			line2: text,
			postalCode: text,
			city: text,
			country: text,
			vatNumber: text
		});
		fc.assert(
			fc.property(
				address,
				address,
				fc.record({ serviceCode: text, engagementNumber: text, marketNumber: text }),
				(billing, delivery, references) => {
					const result = validateInvoiceDetails({ billing, delivery, references });
					if (result.ok)
						expect(result.value.references.engagementNumber.length).toBeLessThanOrEqual(50);
					else expect(Object.keys(result.fieldErrors).length).toBeGreaterThan(0);
				}
			)
		);
	});
});

describe('referencesOver', () => {
	it('takes each reference typed, trimmed, and the fallback’s where none is', () => {
		const file = { serviceCode: 'BIBLIO', engagementNumber: 'EJ-1', marketNumber: 'M-9' };
		expect(
			referencesOver({ serviceCode: '', engagementNumber: ' BC-118 ', marketNumber: '  ' }, file)
		).toEqual({ serviceCode: 'BIBLIO', engagementNumber: 'BC-118', marketNumber: 'M-9' });
		expect(referencesOver(undefined, file)).toEqual(file);
		expect(referencesOver(NO_REFERENCES, NO_REFERENCES)).toEqual(NO_REFERENCES);
	});
});
