import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	customerDisplayName,
	customerFileFromDraft,
	customerSearchFields,
	customerSiren,
	duplicateReasons,
	EMPTY_ADDRESS,
	EMPTY_CUSTOMER_FILE,
	EMPTY_CUSTOMER_FORM,
	validateCustomerDraft,
	validateCustomerFile,
	type CustomerAddressForm,
	type CustomerDraftForm,
	type CustomerFileField,
	type CustomerFileForm
} from './customer';

const form = (fields: Partial<CustomerDraftForm>): CustomerDraftForm => ({
	...EMPTY_CUSTOMER_FORM,
	...fields
});

describe('validateCustomerDraft', () => {
	it('accepts a private customer with a name only, trimmed', () => {
		expect(validateCustomerDraft(form({ lastName: ' Vasseur ', firstName: 'Laurent' }))).toEqual({
			ok: true,
			value: { ...EMPTY_CUSTOMER_FORM, lastName: 'Vasseur', firstName: 'Laurent', siren: '' }
		});
	});

	it.each([
		['552 100 554', { siren: '552100554', siret: '' }],
		['552 100 554 00013', { siren: '552100554', siret: '55210055400013' }]
	])('takes a company’s SIREN or SIRET typed in the one field (%s)', (typed, ids) => {
		const result = validateCustomerDraft(
			form({ professionalName: 'Imprimerie du Nord', status: 'entreprise', siret: typed })
		);
		expect(result.ok && { siren: result.value.siren, siret: result.value.siret }).toEqual(ids);
	});

	it('accepts a State service with its SIRET, compacted', () => {
		const result = validateCustomerDraft(
			form({ professionalName: 'Rectorat', status: 'collectivite', siret: '110 002 011 00044' })
		);
		expect(result.ok && result.value.siret).toBe('11000201100044');
	});

	it.each([
		[{}, 'lastName', 'Saisissez un nom ou un nom professionnel.'],
		[{ lastName: 'A', status: 'pirate' }, 'status', 'Choisissez un statut.'],
		[{ lastName: 'A', postalCode: '6230' }, 'postalCode', 'Le code postal comporte 5 chiffres.'],
		[{ lastName: 'A', phone: 'abc' }, 'phone', 'Numéro de téléphone invalide.'],
		[{ lastName: 'A', email: 'a@' }, 'email', 'Adresse e-mail invalide.'],
		[{ lastName: 'A', email: 'a@b' }, 'email', 'Adresse e-mail invalide.'],
		[{ lastName: 'A', city: 'x'.repeat(121) }, 'city', '120 caractères au plus.'],
		[
			{ lastName: 'A', status: 'bibliotheque' },
			'siret',
			'Le SIRET d’un organisme public est obligatoire (factures Chorus Pro).'
		],
		[{ lastName: 'A', siret: '11000201100045' }, 'siret', undefined],
		[
			{ lastName: 'A', status: 'entreprise' },
			'siret',
			'Le SIREN de l’entreprise est obligatoire (mention de ses factures, facture électronique).'
		],
		[
			{ lastName: 'A', status: 'entreprise', siret: '552100555' },
			'siret',
			'Le SIREN «\u00a0552100555\u00a0» est invalide (clé de contrôle fausse).'
		]
	] as const)('refuses %j at %s', (fields, field, message) => {
		const result = validateCustomerDraft(form(fields));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.fieldErrors[field]).toBeTruthy();
			if (message) expect(result.fieldErrors[field]).toBe(message);
		}
	});

	it('never throws and always answers in French', () => {
		const text = fc.string({ maxLength: 140 });
		fc.assert(
			fc.property(
				fc.record({
					lastName: text,
					firstName: text,
					professionalName: text,
					status: fc.constantFrom('particulier', 'entreprise', 'ecole', 'x'),
					line1: text,
					postalCode: text,
					city: text,
					phone: text,
					email: text,
					siret: text
				}),
				(fields) => {
					const result = validateCustomerDraft(fields);
					if (!result.ok)
						for (const message of Object.values(result.fieldErrors))
							expect(message).toMatch(/[a-zé]/u);
				}
			)
		);
	});
});

describe('validateCustomerFile', () => {
	const file = (fields: Partial<CustomerFileForm>): CustomerFileForm => ({
		...EMPTY_CUSTOMER_FILE,
		lastName: 'Durand',
		...fields
	});
	const address = (fields: Partial<CustomerAddressForm>): CustomerAddressForm => ({
		...EMPTY_ADDRESS,
		...fields
	});

	it('keeps the standing references and the payment term; refuses them too long or out of range', () => {
		const kept = validateCustomerFile(
			file({
				chorusEngagementNumber: ' EJ-77 ',
				chorusMarketNumber: 'M2026',
				paymentTermDays: '45'
			})
		);
		expect(kept.ok && kept.value).toMatchObject({
			chorusEngagementNumber: 'EJ-77',
			chorusMarketNumber: 'M2026',
			paymentTermDays: 45
		});
		const refused = validateCustomerFile(
			file({
				chorusEngagementNumber: 'E'.repeat(51),
				chorusMarketNumber: 'M'.repeat(51),
				paymentTermDays: '90'
			})
		);
		expect(!refused.ok && Object.keys(refused.fieldErrors).sort()).toEqual([
			'chorusEngagementNumber',
			'chorusMarketNumber',
			'paymentTermDays'
		]);
	});

	it('accepts a company with its SIREN, SIRET, VAT number and e-invoicing address', () => {
		const result = validateCustomerFile(
			file({
				professionalName: 'Imprimerie du Nord',
				status: 'entreprise',
				siret: '552 100 554 00013',
				vatNumber: 'fr 96 552100554',
				einvoiceAddress: ' 552100554_FACTURES '
			})
		);
		expect(result.ok && result.value).toMatchObject({
			siren: '552100554',
			siret: '55210055400013',
			vatNumber: 'FR96552100554',
			einvoiceAddress: '552100554_FACTURES'
		});
		const bySiren = validateCustomerFile(
			file({ status: 'entreprise', siren: '552100554', einvoiceAddress: '552100554' })
		);
		// The SIREN alone is the directory's address of every company: kept as the default.
		expect(bySiren.ok && bySiren.value).toMatchObject({ siren: '552100554', einvoiceAddress: '' });
		const foreign = validateCustomerFile(
			file({ status: 'entreprise', siren: '552100554', vatNumber: 'BE0123456789' })
		);
		expect(foreign.ok && foreign.value.vatNumber).toBe('BE0123456789');
		// A person may give a VAT number too (a sole trader buying for the business).
		const person = validateCustomerFile(file({ vatNumber: 'BE0123456789' }));
		expect(person.ok && person.value.vatNumber).toBe('BE0123456789');
	});

	it.each([
		[
			{ status: 'entreprise' },
			'siren',
			'Le SIREN de l’entreprise est obligatoire (mention de ses factures, facture électronique).'
		],
		[
			{ status: 'entreprise', siren: '552100554', siret: '21620498900018' },
			'siret',
			'Ce SIRET n’est pas un établissement du SIREN 552100554 (il commence par ses 9 chiffres).'
		],
		[
			{ status: 'entreprise', siren: '552100554', vatNumber: 'FR83404833048' },
			'vatNumber',
			'Ce numéro de TVA appartient au SIREN 404833048, pas au SIREN 552100554.'
		],
		[
			{ status: 'entreprise', siren: '552100554', vatNumber: 'B' },
			'vatNumber',
			'Numéro de TVA invalide\u00a0: le code du pays (FR, BE…) puis le numéro, sans espace.'
		],
		[
			{ status: 'entreprise', siren: '552100554', einvoiceAddress: '404833048' },
			'einvoiceAddress',
			'L’adresse de facturation électronique commence par le SIREN 552100554 (annuaire\u00a0: SIREN, SIREN_SIRET ou SIREN_code).'
		],
		[
			{ status: 'entreprise', siren: '552100554', einvoiceAddress: '552100554 factures' },
			'einvoiceAddress',
			undefined
		],
		[
			{ status: 'particulier', einvoiceAddress: '552100554' },
			'einvoiceAddress',
			'Une adresse de facturation électronique va avec le SIREN de l’entreprise : saisissez-le.'
		]
	] as const)('refuses the company identifiers %j at %s', (fields, field, message) => {
		const result = validateCustomerFile(file(fields));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.fieldErrors[field as CustomerFileField]).toBeTruthy();
			if (message) expect(result.fieldErrors[field as CustomerFileField]).toBe(message);
		}
	});

	it('accepts a lending library with its GLN, SIRET, Chorus Pro fields; first address by default', () => {
		const result = validateCustomerFile(
			file({
				professionalName: 'Médiathèque de Lens',
				status: 'bibliotheque',
				siret: '21620498900018',
				gln: '3 020 000 000 005',
				isLendingLibrary: true,
				chorusServiceCode: 'BIB_01',
				chorusServiceCodeRequired: true,
				chorusDefaultFrame: 'A2',
				website: 'https://mediatheque.example.fr',
				loyaltyCard: '2010100100027',
				addresses: [
					address({
						id: '',
						label: '',
						line1: ' 1 place ',
						postalCode: '62300',
						city: 'Lens',
						country: '',
						isDefaultBilling: false,
						isDefaultDelivery: false
					}),
					address({
						id: 'a2',
						label: 'Livraison',
						postalCode: '62300',
						city: 'Lens',
						isDefaultBilling: false,
						isDefaultDelivery: true
					})
				]
			})
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			gln: '3020000000005',
			chorusDefaultFrame: 'A2',
			loyaltyCard: '2010100100027'
		});
		expect(
			result.value.addresses.map((a) => [
				a.id,
				a.label,
				a.country,
				a.isDefaultBilling,
				a.isDefaultDelivery
			])
		).toEqual([
			['a1', 'Adresse 1', 'FR', true, false],
			['a2', 'Livraison', 'FR', false, true]
		]);
	});

	it('keeps a single default of each kind when several are ticked', () => {
		const result = validateCustomerFile(file({ addresses: [address({}), address({ id: 'a2' })] }));
		expect(
			result.ok && result.value.addresses.map((a) => [a.isDefaultBilling, a.isDefaultDelivery])
		).toEqual([
			[true, true],
			[false, false]
		]);
	});

	it.each([
		[{ lastName: '' }, 'lastName'],
		[{ website: 'mediatheque' }, 'website'],
		[{ loyaltyCard: '12ab' }, 'loyaltyCard'],
		[{ loyaltyCard: '2010100100028' }, 'loyaltyCard'],
		[{ notes: 'x'.repeat(2001) }, 'notes'],
		[{ gln: '3020000000009' }, 'gln'],
		[{ isLendingLibrary: true }, 'gln'],
		[{ chorusServiceCode: 'Côté' }, 'chorusServiceCode'],
		[{ chorusDefaultFrame: 'A3' }, 'chorusDefaultFrame'],
		[
			{ addresses: [{ ...EMPTY_ADDRESS, postalCode: '623', city: 'Lens' }] },
			'addresses.0.postalCode'
		],
		[{ addresses: [{ ...EMPTY_ADDRESS, postalCode: '62300' }] }, 'addresses.0.city'],
		[{ addresses: [{ ...EMPTY_ADDRESS, line1: 'x'.repeat(121) }] }, 'addresses.0.line1']
	] as const)('refuses %j at %s', (fields, field) => {
		const result = validateCustomerFile(file(fields as Partial<CustomerFileForm>));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fieldErrors[field as CustomerFileField]).toBeTruthy();
	});

	it('accepts a foreign postal code', () => {
		const result = validateCustomerFile(
			file({ addresses: [address({ country: 'de', postalCode: '10115', city: 'Berlin' })] })
		);
		expect(result.ok && result.value.addresses[0]?.country).toBe('DE');
	});
});

describe('duplicateReasons', () => {
	const existing = [
		{
			number: '1000001',
			name: 'VASSEUR Laurent',
			lastName: 'Vasseur',
			professionalName: '',
			postalCode: '62300',
			email: 'l.vasseur@example.fr',
			siret: ''
		},
		{
			number: '1000003',
			name: 'Médiathèque de Lens',
			lastName: '',
			professionalName: 'Médiathèque de Lens',
			postalCode: '62300',
			email: '',
			siret: '21620498900018'
		}
	];
	it.each([
		[
			{ lastName: 'VASSEUR', professionalName: '', postalCode: '62300', email: '', siret: '' },
			['Même nom et même code postal que le client n° 1000001 (VASSEUR Laurent).']
		],
		[
			{
				lastName: 'Vasseur',
				professionalName: '',
				postalCode: '59000',
				email: 'L.Vasseur@example.fr',
				siret: ''
			},
			['Même e-mail que le client n° 1000001 (VASSEUR Laurent).']
		],
		[
			{
				lastName: '',
				professionalName: 'Mediatheque  de lens',
				postalCode: '62300',
				email: '',
				siret: '21620498900018'
			},
			[
				'Même nom et même code postal que le client n° 1000003 (Médiathèque de Lens).',
				'Même SIRET que le client n° 1000003 (Médiathèque de Lens).'
			]
		],
		[{ lastName: 'Vasseur', professionalName: '', postalCode: '', email: '', siret: '' }, []],
		[{ lastName: '', professionalName: '', postalCode: '62300', email: '', siret: '' }, []]
	])('%j → %j', (candidate, reasons) => {
		expect(duplicateReasons(candidate, existing)).toEqual(reasons);
	});
});

describe('customerFileFromDraft', () => {
	it('makes a full file with one default address, or none', () => {
		const draft = {
			...EMPTY_CUSTOMER_FORM,
			lastName: 'Vasseur',
			firstName: 'Laurent',
			postalCode: '62300',
			city: 'Lens',
			status: 'ecole' as const,
			siren: ''
		};
		expect(customerFileFromDraft(draft)).toMatchObject({
			lastName: 'Vasseur',
			schoolPricing: true,
			addresses: [
				{ name: 'Laurent Vasseur', postalCode: '62300', city: 'Lens', isDefaultBilling: true }
			]
		});
		expect(
			customerFileFromDraft({
				...EMPTY_CUSTOMER_FORM,
				lastName: 'A',
				status: 'particulier',
				siren: ''
			}).addresses
		).toEqual([]);
	});
});

describe('customerDisplayName', () => {
	it.each([
		[
			{ professionalName: 'Médiathèque de Rezé', lastName: 'Martin', firstName: 'Anne' },
			'Médiathèque de Rezé'
		],
		[{ professionalName: '', lastName: 'Martin', firstName: 'Anne' }, 'MARTIN Anne'],
		[{ professionalName: '', lastName: 'Martin', firstName: '' }, 'MARTIN']
	])('%o is shown as %s', (customer, shown) => {
		expect(customerDisplayName(customer)).toBe(shown);
	});
});

describe('customerSearchFields', () => {
	const address = { ...EMPTY_ADDRESS, postalCode: '62300', isDefaultBilling: false };
	const names = { lastName: 'Vasseur', firstName: 'Laurent', professionalName: '' };

	it('finds a file by its billing address’s postal code (else its first) and its words', () => {
		expect(
			customerSearchFields(
				{
					...names,
					addresses: [address, { ...address, postalCode: '59000', isDefaultBilling: true }]
				},
				'1000001'
			)
		).toEqual({ postalCode: '59000', words: ['vasseur', 'laurent', '1000001'] });
		expect(customerSearchFields({ ...names, addresses: [address] }, '1000001').postalCode).toBe(
			'62300'
		);
		expect(customerSearchFields({ ...names, addresses: [] }, '1000001').postalCode).toBe('');
	});
});

describe('customerSiren', () => {
	it('is the SIREN recorded, else the start of the SIRET', () => {
		expect(customerSiren({ siren: '552100554', siret: '' })).toBe('552100554');
		expect(customerSiren({ siret: '55210055400013' })).toBe('552100554');
		expect(customerSiren({ siren: '', siret: '' })).toBe('');
	});
});
