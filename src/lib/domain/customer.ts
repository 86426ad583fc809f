import { isPublicBuyerStatus, type CustomerStatus } from './discount';
import {
	compactCode,
	validateEan,
	validateElectronicAddress,
	validateGln,
	validateSiren,
	validateSiret,
	validateVatNumber
} from './identifiers';
import { parseTermDays } from './payment-terms';
import { normalizeForSearch, searchWords } from './search';
import type { FieldErrors, FormResult } from './shop';

/** A new customer as typed in a short form (the till's or the ticket's "Créer un nouveau client"). */
export interface CustomerDraft {
	readonly lastName: string;
	readonly firstName: string;
	readonly professionalName: string;
	readonly status: CustomerStatus;
	readonly line1: string;
	readonly postalCode: string;
	readonly city: string;
	readonly phone: string;
	readonly email: string;
	readonly siret: string;
	/** A company's SIREN: typed in the SIRET field (9 digits), or the first 9 digits of its SIRET. */
	readonly siren: string;
}

/** The short form: one field takes a public body's SIRET or a company's SIREN (or SIRET). */
export type CustomerDraftForm = {
	readonly [K in Exclude<keyof CustomerDraft, 'siren'>]: string;
};

export const EMPTY_CUSTOMER_FORM: CustomerDraftForm = {
	lastName: '',
	firstName: '',
	professionalName: '',
	status: 'particulier',
	line1: '',
	postalCode: '',
	city: '',
	phone: '',
	email: '',
	siret: ''
};

const STATUSES: readonly CustomerStatus[] = [
	'particulier',
	'entreprise',
	'collectivite',
	'bibliotheque',
	'ecole'
];
const MAX_TEXT = 120;
// The WHATWG "valid e-mail address" pattern, as <input type="email"> checks it, with a domain of
// two labels at least: « a@b » passes the browser but reaches no one (a shop writes to
// l.vasseur@example.fr, never to a machine of its own network).
const EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/u;

/**
 * A buyer's legal identifiers (docs/rules.md#public-bodies, docs/invoices.md#channels): a public
 * body is named in Chorus Pro by its SIRET; a company by its SIREN, a mention of its invoices
 * from the reform (CGI ann. II art. 242 nonies A) and the start of its e-invoicing address, its
 * establishment's SIRET optional and within that SIREN.
 */
function checkIdentifiers(
	status: CustomerStatus,
	sirenText: string,
	siretText: string
): { siren: string; siret: string; errors: { siren?: string; siret?: string } } {
	const errors: { siren?: string; siret?: string } = {};
	let siret = compactCode(siretText);
	if (siret !== '') {
		const result = validateSiret(siret);
		if (!result.ok) errors.siret = result.error.message;
		else siret = result.value;
	}
	let siren = compactCode(sirenText);
	if (siren !== '') {
		const result = validateSiren(siren);
		if (!result.ok) errors.siren = result.error.message;
		else if (siret !== '' && !errors.siret && !siret.startsWith(result.value)) {
			errors.siret = `Ce SIRET n’est pas un établissement du SIREN ${result.value} (il commence par ses 9 chiffres).`;
		}
	} else if (siret !== '' && !errors.siret) {
		siren = siret.slice(0, 9);
	}
	if (isPublicBuyerStatus(status) && siret === '') {
		errors.siret = 'Le SIRET d’un organisme public est obligatoire (factures Chorus Pro).';
	}
	if (status === 'entreprise' && siren === '' && siret === '') {
		errors.siren =
			'Le SIREN de l’entreprise est obligatoire (mention de ses factures, facture électronique).';
	}
	return { siren, siret, errors };
}

type PersonFields = Omit<CustomerDraft, 'siret' | 'siren'>;

/** Names, status, address, phone and e-mail of a new customer or of a customer file. */
function checkPerson(form: {
	readonly [K in keyof PersonFields]: string;
}): { value: PersonFields; errors: FieldErrors<keyof PersonFields> } {
	const errors: FieldErrors<keyof PersonFields> = {};
	const text = (key: keyof PersonFields) => {
		const value = form[key].trim();
		if (value.length > MAX_TEXT) errors[key] = `${MAX_TEXT} caractères au plus.`;
		return value;
	};
	const lastName = text('lastName');
	const firstName = text('firstName');
	const professionalName = text('professionalName');
	const line1 = text('line1');
	const city = text('city');
	const phone = text('phone');
	if (lastName === '' && professionalName === '') {
		errors.lastName = 'Saisissez un nom ou un nom professionnel.';
	}
	const status = form.status as CustomerStatus;
	if (!STATUSES.includes(status)) errors.status = 'Choisissez un statut.';
	const postalCode = form.postalCode.trim();
	if (postalCode !== '' && !/^\d{5}$/u.test(postalCode)) {
		errors.postalCode = 'Le code postal comporte 5 chiffres.';
	}
	if (phone !== '' && !/^[+0-9 .()-]{6,20}$/u.test(phone)) {
		errors.phone = 'Numéro de téléphone invalide.';
	}
	const email = form.email.trim();
	if (email !== '' && !EMAIL.test(email)) errors.email = 'Adresse e-mail invalide.';
	return {
		value: { lastName, firstName, professionalName, status, line1, postalCode, city, phone, email },
		errors
	};
}

/**
 * Checks a new customer: a name (personal or professional), a French postal code when one is
 * typed, a real e-mail, a SIRET with its key for a public body, a SIREN (or SIRET) for a company
 * — 9 digits typed in the SIRET field are a SIREN.
 */
export function validateCustomerDraft(
	form: CustomerDraftForm
): FormResult<CustomerDraft, keyof CustomerDraftForm> {
	const person = checkPerson(form);
	const code = compactCode(form.siret);
	const isSiren = /^\d{9}$/u.test(code);
	const ids = checkIdentifiers(person.value.status, isSiren ? code : '', isSiren ? '' : form.siret);
	const errors: FieldErrors<keyof CustomerDraftForm> = { ...person.errors };
	const idError = ids.errors.siret ?? ids.errors.siren;
	if (idError) errors.siret = idError;
	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	return { ok: true, value: { ...person.value, siret: ids.siret, siren: ids.siren } };
}

/** One address of the customer file (docs/features.md "Autres adresses"). */
export interface CustomerAddress {
	readonly id: string;
	readonly label: string;
	readonly name: string;
	readonly line1: string;
	readonly line2: string;
	readonly postalCode: string;
	readonly city: string;
	readonly country: string;
	readonly isDefaultBilling: boolean;
	readonly isDefaultDelivery: boolean;
}

/** Everything the customer file holds (docs/features.md): identity, Loi Lang status, public body fields. */
export interface CustomerFile {
	readonly lastName: string;
	readonly firstName: string;
	readonly professionalName: string;
	readonly status: CustomerStatus;
	readonly addresses: readonly CustomerAddress[];
	readonly phone: string;
	readonly email: string;
	readonly website: string;
	readonly loyaltyCard: string;
	readonly notes: string;
	readonly siret: string;
	/** A company's SIREN (BT-47, scheme 0002), the first 9 digits of its SIRET when both are known. */
	readonly siren: string;
	/** Intra-community VAT number (BT-48). */
	readonly vatNumber: string;
	/**
	 * A company's e-invoicing address in the national directory (BT-49, scheme 0225); empty for
	 * its SIREN, the address the directory gives every company.
	 */
	readonly einvoiceAddress: string;
	readonly gln: string;
	readonly isLendingLibrary: boolean;
	readonly schoolPricing: boolean;
	readonly chorusServiceCode: string;
	readonly chorusServiceCodeRequired: boolean;
	readonly chorusEngagementRequired: boolean;
	readonly chorusOneOfRequired: boolean;
	readonly chorusDefaultFrame: 'A1' | 'A2';
	/** Standing references copied to each invoice: engagement (BT-13) and marché (BT-12). */
	readonly chorusEngagementNumber: string;
	readonly chorusMarketNumber: string;
	/** Days to pay an invoice; null for the status's default (domain/payment-terms). */
	readonly paymentTermDays: number | null;
	readonly showShopIban: boolean;
}

type Texts<T> = { readonly [K in keyof T]: T[K] extends boolean ? boolean : string };
export type CustomerAddressForm = Texts<CustomerAddress>;
export type CustomerFileForm = Omit<Texts<CustomerFile>, 'addresses'> & {
	readonly addresses: readonly CustomerAddressForm[];
};

export const EMPTY_ADDRESS: CustomerAddressForm = {
	id: 'a1',
	label: 'Principale',
	name: '',
	line1: '',
	line2: '',
	postalCode: '',
	city: '',
	country: 'FR',
	isDefaultBilling: true,
	isDefaultDelivery: true
};

export const EMPTY_CUSTOMER_FILE: CustomerFileForm = {
	lastName: '',
	firstName: '',
	professionalName: '',
	status: 'particulier',
	addresses: [EMPTY_ADDRESS],
	phone: '',
	email: '',
	website: '',
	loyaltyCard: '',
	notes: '',
	siret: '',
	siren: '',
	vatNumber: '',
	einvoiceAddress: '',
	gln: '',
	isLendingLibrary: false,
	schoolPricing: false,
	chorusServiceCode: '',
	chorusServiceCodeRequired: false,
	chorusEngagementRequired: false,
	chorusOneOfRequired: false,
	chorusDefaultFrame: 'A1',
	chorusEngagementNumber: '',
	chorusMarketNumber: '',
	paymentTermDays: '',
	showShopIban: false
};

export type CustomerFileField =
	Exclude<keyof CustomerFile, 'addresses'> | `addresses.${number}.${keyof CustomerAddress}`;

/**
 * Checks the whole customer file. Names, phone, e-mail and SIRET as for a new customer; a web
 * address; a loyalty card the scanner can read (8 to 13 digits, EAN check when 13); a GS1 GLN
 * for a library (docs/rules.md#public-bodies); the Chorus Pro code service as the portal accepts it; one default
 * billing and one default delivery address (the first address when none is ticked).
 */
export function validateCustomerFile(
	form: CustomerFileForm
): FormResult<CustomerFile, CustomerFileField> {
	const person = checkPerson({
		lastName: form.lastName,
		firstName: form.firstName,
		professionalName: form.professionalName,
		status: form.status,
		line1: '',
		postalCode: '',
		city: '',
		phone: form.phone,
		email: form.email
	});
	const ids = checkIdentifiers(person.value.status, form.siren, form.siret);
	const errors: FieldErrors<CustomerFileField> = { ...person.errors, ...ids.errors };
	let vatNumber = compactCode(form.vatNumber).toUpperCase();
	if (vatNumber !== '') {
		const result = validateVatNumber(vatNumber, ids.siren || undefined);
		if (!result.ok) errors.vatNumber = result.error.message;
		else vatNumber = result.value;
	}
	let einvoiceAddress = form.einvoiceAddress.trim();
	if (einvoiceAddress !== '') {
		const result = validateElectronicAddress(einvoiceAddress, ids.siren);
		if (!result.ok) errors.einvoiceAddress = result.error.message;
		else if (ids.siren === '' && !errors.siren) {
			errors.einvoiceAddress =
				'Une adresse de facturation électronique va avec le SIREN de l’entreprise : saisissez-le.';
		} else einvoiceAddress = result.value === ids.siren ? '' : result.value;
	}

	const website = form.website.trim();
	if (website !== '' && !/^https?:\/\/[^\s/$.?#].[^\s]*$/iu.test(website)) {
		errors.website = 'Adresse web invalide (elle commence par https://).';
	}
	const loyaltyCard = form.loyaltyCard.replace(/\s/gu, '');
	if (loyaltyCard !== '') {
		if (!/^\d{8,13}$/u.test(loyaltyCard)) {
			errors.loyaltyCard = 'Le n° de carte fidélité compte 8 à 13 chiffres.';
		} else if (loyaltyCard.length === 13 && !validateEan(loyaltyCard).ok) {
			errors.loyaltyCard = 'Le n° de carte fidélité a une clé de contrôle fausse.';
		}
	}
	const notes = form.notes.trim();
	if (notes.length > 2000) errors.notes = '2 000 caractères au plus.';
	let gln = compactCode(form.gln);
	if (gln !== '') {
		const result = validateGln(gln);
		if (!result.ok) errors.gln = result.error.message;
		else gln = result.value;
	}
	if (form.isLendingLibrary && gln === '' && !errors.gln) {
		errors.gln = 'Le Gencod (GLN) de la bibliothèque est obligatoire pour la déclaration SOFIA.';
	}
	const chorusServiceCode = form.chorusServiceCode.trim();
	if (chorusServiceCode !== '' && !/^[A-Za-z0-9_\- ]{1,100}$/u.test(chorusServiceCode)) {
		errors.chorusServiceCode =
			'Le code service ne contient que des lettres sans accent, des chiffres, _, - et des espaces (100 au plus).';
	}
	const chorusEngagementNumber = form.chorusEngagementNumber.trim();
	if (chorusEngagementNumber.length > 50) {
		errors.chorusEngagementNumber = 'Le n° d’engagement fait 50 caractères au plus.';
	}
	const chorusMarketNumber = form.chorusMarketNumber.trim();
	if (chorusMarketNumber.length > 50) {
		errors.chorusMarketNumber = 'Le n° de marché fait 50 caractères au plus.';
	}
	let paymentTermDays: number | null = null;
	const term = parseTermDays(form.paymentTermDays);
	if (term.ok) paymentTermDays = term.value;
	else errors.paymentTermDays = term.error.message;
	if (form.chorusDefaultFrame !== 'A1' && form.chorusDefaultFrame !== 'A2') {
		errors.chorusDefaultFrame = 'Choisissez le cadre A1 ou A2.';
	}

	const addresses = form.addresses.map((address, index) => {
		const value = {
			id: address.id || `a${index + 1}`,
			label: address.label.trim() || `Adresse ${index + 1}`,
			name: address.name.trim(),
			line1: address.line1.trim(),
			line2: address.line2.trim(),
			postalCode: address.postalCode.trim(),
			city: address.city.trim(),
			country: address.country.trim().toUpperCase() || 'FR',
			isDefaultBilling: address.isDefaultBilling,
			isDefaultDelivery: address.isDefaultDelivery
		};
		const field = (key: keyof CustomerAddress) => `addresses.${index}.${key}` as const;
		for (const key of ['label', 'name', 'line1', 'line2', 'city'] as const) {
			if (value[key].length > 120) errors[field(key)] = '120 caractères au plus.';
		}
		if (value.country === 'FR' && value.postalCode !== '' && !/^\d{5}$/u.test(value.postalCode)) {
			errors[field('postalCode')] = 'Le code postal comporte 5 chiffres.';
		}
		if (value.postalCode !== '' && value.city === '') {
			errors[field('city')] = 'La ville est obligatoire avec un code postal.';
		}
		return value;
	});
	const firstTicked = (key: 'isDefaultBilling' | 'isDefaultDelivery') =>
		Math.max(
			0,
			addresses.findIndex((address) => address[key])
		);
	const billing = firstTicked('isDefaultBilling');
	const delivery = firstTicked('isDefaultDelivery');
	const withDefaults = addresses.map((address, index) => ({
		...address,
		isDefaultBilling: index === billing,
		isDefaultDelivery: index === delivery
	}));

	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	return {
		ok: true,
		value: {
			lastName: person.value.lastName,
			firstName: person.value.firstName,
			professionalName: person.value.professionalName,
			status: person.value.status,
			addresses: withDefaults,
			phone: person.value.phone,
			email: person.value.email,
			website,
			loyaltyCard,
			notes,
			siret: ids.siret,
			siren: ids.siren,
			vatNumber,
			einvoiceAddress,
			gln,
			isLendingLibrary: form.isLendingLibrary,
			schoolPricing: form.schoolPricing,
			chorusServiceCode,
			chorusServiceCodeRequired: form.chorusServiceCodeRequired,
			chorusEngagementRequired: form.chorusEngagementRequired,
			chorusOneOfRequired: form.chorusOneOfRequired,
			chorusDefaultFrame: form.chorusDefaultFrame as 'A1' | 'A2',
			chorusEngagementNumber,
			chorusMarketNumber,
			paymentTermDays,
			showShopIban: form.showShopIban
		}
	};
}

/** What a saved customer is compared on to spot a duplicate before creating another. */
export interface DuplicateCandidate {
	readonly number: string;
	readonly name: string;
	readonly lastName: string;
	readonly professionalName: string;
	readonly postalCode: string;
	readonly email: string;
	readonly siret: string;
}

/**
 * Why an existing customer looks like the one being created (same name and postal
 * code, same e-mail, same SIRET), in French, one sentence per match.
 */
export function duplicateReasons(
	candidate: Omit<DuplicateCandidate, 'number' | 'name'>,
	existing: readonly DuplicateCandidate[]
): string[] {
	const fold = (text: string) => normalizeForSearch(text).replace(/[^a-z0-9]/gu, '');
	const name = fold(candidate.professionalName || candidate.lastName);
	const reasons: string[] = [];
	for (const other of existing) {
		const who = `le client n° ${other.number} (${other.name})`;
		if (
			name !== '' &&
			candidate.postalCode !== '' &&
			other.postalCode === candidate.postalCode &&
			fold(other.professionalName || other.lastName) === name
		) {
			reasons.push(`Même nom et même code postal que ${who}.`);
		}
		if (candidate.email !== '' && other.email.toLowerCase() === candidate.email.toLowerCase()) {
			reasons.push(`Même e-mail que ${who}.`);
		}
		if (candidate.siret !== '' && other.siret === candidate.siret) {
			reasons.push(`Même SIRET que ${who}.`);
		}
	}
	return reasons;
}

/** The short form's customer as a full file (the rest left empty, public body flags by status). */
export function customerFileFromDraft(draft: CustomerDraft): CustomerFile {
	const hasAddress = draft.line1 !== '' || draft.postalCode !== '' || draft.city !== '';
	return {
		...EMPTY_CUSTOMER_FILE,
		lastName: draft.lastName,
		firstName: draft.firstName,
		professionalName: draft.professionalName,
		status: draft.status,
		addresses: hasAddress
			? [
					{
						...EMPTY_ADDRESS,
						name: draft.professionalName || `${draft.firstName} ${draft.lastName}`.trim(),
						line1: draft.line1,
						postalCode: draft.postalCode,
						city: draft.city
					}
				]
			: [],
		phone: draft.phone,
		email: draft.email,
		siret: draft.siret,
		siren: draft.siren,
		isLendingLibrary: false,
		schoolPricing: draft.status === 'ecole',
		chorusDefaultFrame: 'A1',
		paymentTermDays: null
	};
}

/**
 * A customer's SIREN: the one recorded, else the start of its SIRET (files saved before the SIREN
 * had a field of its own).
 */
export function customerSiren(customer: {
	readonly siren?: string;
	readonly siret: string;
}): string {
	return customer.siren || customer.siret.slice(0, 9);
}

/** The name a receipt or a list shows for a customer. */
export function customerDisplayName(
	customer: Pick<CustomerFile, 'professionalName' | 'lastName' | 'firstName'>
): string {
	return (
		customer.professionalName ||
		[customer.lastName.toUpperCase(), customer.firstName].filter(Boolean).join(' ')
	);
}

/**
 * What a stored customer file is found by: the postal code of its billing address (or its first)
 * and the search words of its names and number.
 */
export function customerSearchFields(
	file: Pick<CustomerFile, 'lastName' | 'firstName' | 'professionalName' | 'addresses'>,
	number: string
): { postalCode: string; words: string[] } {
	const main = file.addresses.find((address) => address.isDefaultBilling) ?? file.addresses[0];
	return {
		postalCode: main?.postalCode ?? '',
		words: searchWords(file.lastName, file.firstName, file.professionalName, number)
	};
}
