import { compactCode, validateFrenchVatNumber } from './identifiers';
import type { Cents } from './money';
import type { PaymentMethod } from './payment';
import type { FieldErrors, FormResult } from './shop';

/** A billing or delivery address typed on a ticket or taken from the customer file. */
export interface PostalAddress {
	readonly professionalName: string;
	readonly lastName: string;
	readonly firstName: string;
	readonly line1: string;
	readonly line2: string;
	readonly postalCode: string;
	readonly city: string;
	readonly country: string;
	/** Intra-community VAT number of a business buyer (docs/features.md "TVA Intracommun."). */
	readonly vatNumber: string;
}

/** "Autres références client" printed on the paper and electronic invoice (docs/rules.md#chorus-pro). */
export interface InvoiceReferences {
	/** Chorus Pro code service, EN 16931 BT-10 (BuyerReference). */
	readonly serviceCode: string;
	/** Numéro d'engagement (purchase order), BT-13, at most 50 characters. */
	readonly engagementNumber: string;
	/** Numéro de marché (contract), BT-12. */
	readonly marketNumber: string;
}

/**
 * What was added to a recorded ticket afterwards. The ticket itself never changes (CGI art.
 * 286-I-3° bis): each change is its own dated record naming who made it, and the latest of each
 * kind is what the ticket shows.
 */
export type TicketAmendment =
	| { readonly kind: 'customer'; readonly customerId: number | null }
	| { readonly kind: 'note'; readonly note: string }
	| {
			readonly kind: 'invoice-details';
			readonly billing: PostalAddress | null;
			readonly delivery: PostalAddress | null;
			readonly references: InvoiceReferences;
	  }
	| {
			/** A ticket left to pay at a due date ("en compte") is paid: its cashing day. */
			readonly kind: 'settlement';
			readonly settledDay: string;
			readonly method: PaymentMethod;
			readonly amountCents: Cents;
	  };

export interface Recorded {
	readonly by: string;
	readonly at: string;
}

export interface TicketAnnotations {
	/** The customer attached afterwards, or undefined when the ticket's own customer stands. */
	readonly customerId: number | null | undefined;
	readonly note: string;
	readonly billing: PostalAddress | null;
	readonly delivery: PostalAddress | null;
	readonly references: InvoiceReferences;
	/** Who recorded the invoice details, and when (docs/features.md "Référence enregistrée par"). */
	readonly detailsRecorded: Recorded | null;
	/** Day the amount left to pay was settled, for VAT on receipts (docs/features.md). */
	readonly settledDay: string | null;
}

/**
 * Each reference as typed (trimmed) where there is one, else the fallback's: a purchase order typed
 * at invoicing over a quote's blank, a quote's codes over the customer file's.
 */
export function referencesOver(
	typed: InvoiceReferences | undefined,
	fallback: InvoiceReferences
): InvoiceReferences {
	return {
		serviceCode: typed?.serviceCode.trim() || fallback.serviceCode,
		engagementNumber: typed?.engagementNumber.trim() || fallback.engagementNumber,
		marketNumber: typed?.marketNumber.trim() || fallback.marketNumber
	};
}

export const NO_REFERENCES: InvoiceReferences = {
	serviceCode: '',
	engagementNumber: '',
	marketNumber: ''
};

/** The ticket as amended: the latest record of each kind wins (amendments in recording order). */
export function foldAmendments(
	amendments: readonly (TicketAmendment & Recorded)[]
): TicketAnnotations {
	let annotations: TicketAnnotations = {
		customerId: undefined,
		note: '',
		billing: null,
		delivery: null,
		references: NO_REFERENCES,
		detailsRecorded: null,
		settledDay: null
	};
	for (const amendment of amendments) {
		switch (amendment.kind) {
			case 'customer':
				annotations = { ...annotations, customerId: amendment.customerId };
				break;
			case 'note':
				annotations = { ...annotations, note: amendment.note };
				break;
			case 'invoice-details':
				annotations = {
					...annotations,
					billing: amendment.billing,
					delivery: amendment.delivery,
					references: amendment.references,
					detailsRecorded: { by: amendment.by, at: amendment.at }
				};
				break;
			case 'settlement':
				annotations = { ...annotations, settledDay: amendment.settledDay };
				break;
		}
	}
	return annotations;
}

/** The customer a ticket belongs to now: the one attached afterwards, else the one at the sale. */
export function currentCustomerId(
	ticket: { readonly customerId: number | null },
	annotations: Pick<TicketAnnotations, 'customerId'>
): number | null {
	return annotations.customerId === undefined ? ticket.customerId : annotations.customerId;
}

/** The references as one line, as the seed prints them: "Code service X N° engagement Y". */
export function referencesText(references: InvoiceReferences): string {
	return [
		references.serviceCode && `Code service ${references.serviceCode}`,
		references.engagementNumber && `N° engagement ${references.engagementNumber}`,
		references.marketNumber && `N° marché ${references.marketNumber}`
	]
		.filter(Boolean)
		.join(' ');
}

/** An address on one line: "LIVRALOG VASSEUR Laurent 62300 ELEU DIT LEAUWETTE FRANCE". */
export function addressText(address: PostalAddress | null): string {
	if (!address) return '';
	return [
		address.professionalName,
		address.lastName.toUpperCase(),
		address.firstName,
		address.line1,
		address.line2,
		address.postalCode,
		address.city.toUpperCase(),
		address.country.toUpperCase()
	]
		.filter(Boolean)
		.join(' ');
}

export type AddressForm = { readonly [K in keyof PostalAddress]: string };
export type ReferencesForm = { readonly [K in keyof InvoiceReferences]: string };

export interface InvoiceDetailsForm {
	readonly billing: AddressForm;
	readonly delivery: AddressForm;
	readonly references: ReferencesForm;
}

export type InvoiceDetailsField =
	| `billing.${keyof PostalAddress}`
	| `delivery.${keyof PostalAddress}`
	| `references.${keyof InvoiceReferences}`;

export const EMPTY_ADDRESS_FORM: AddressForm = {
	professionalName: '',
	lastName: '',
	firstName: '',
	line1: '',
	line2: '',
	postalCode: '',
	city: '',
	country: 'FRANCE',
	vatNumber: ''
};

/** Chorus Pro: code service is letters, digits, `_`, `-` and spaces, ≤ 100 (docs/rules.md#chorus-pro). */
const SERVICE_CODE = /^[A-Za-z0-9_\- ]{1,100}$/u;
const MAX_ENGAGEMENT = 50;
const MAX_MARKET = 50;
const MAX_TEXT = 120;

/**
 * Checks "Modifier adresses et référence": an address left empty is none; a typed one needs a
 * name, a city and, in France, a 5-digit postal code. The references follow Chorus Pro's limits.
 */
export function validateInvoiceDetails(form: InvoiceDetailsForm): FormResult<
	{
		billing: PostalAddress | null;
		delivery: PostalAddress | null;
		references: InvoiceReferences;
	},
	InvoiceDetailsField
> {
	const errors: FieldErrors<InvoiceDetailsField> = {};
	const billing = validateAddress('billing', form.billing, errors);
	const delivery = validateAddress('delivery', form.delivery, errors);

	const serviceCode = form.references.serviceCode.trim();
	if (serviceCode !== '' && !SERVICE_CODE.test(serviceCode)) {
		errors['references.serviceCode'] =
			serviceCode.length > 100
				? 'Le code service fait 100 caractères au plus.'
				: 'Le code service ne contient que des lettres sans accent, des chiffres, _, - et des espaces.';
	}
	const engagementNumber = form.references.engagementNumber.trim();
	if (engagementNumber.length > MAX_ENGAGEMENT) {
		errors['references.engagementNumber'] =
			`Le n° d’engagement fait ${MAX_ENGAGEMENT} caractères au plus (ici ${engagementNumber.length}).`;
	}
	const marketNumber = form.references.marketNumber.trim();
	if (marketNumber.length > MAX_MARKET) {
		errors['references.marketNumber'] = `Le n° de marché fait ${MAX_MARKET} caractères au plus.`;
	}
	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	return {
		ok: true,
		value: { billing, delivery, references: { serviceCode, engagementNumber, marketNumber } }
	};
}

function validateAddress(
	prefix: 'billing' | 'delivery',
	form: AddressForm,
	errors: FieldErrors<InvoiceDetailsField>
): PostalAddress | null {
	const trimmed = Object.fromEntries(
		Object.entries(form).map(([key, value]) => [key, value.trim()])
	) as { -readonly [K in keyof PostalAddress]: string };
	const typed = (Object.keys(trimmed) as (keyof PostalAddress)[]).some(
		(key) => key !== 'country' && trimmed[key] !== ''
	);
	if (!typed) return null;
	for (const key of Object.keys(trimmed) as (keyof PostalAddress)[]) {
		if (trimmed[key].length > MAX_TEXT) {
			errors[`${prefix}.${key}`] = `${MAX_TEXT} caractères au plus.`;
		}
	}
	if (trimmed.professionalName === '' && trimmed.lastName === '') {
		errors[`${prefix}.lastName`] = 'Saisissez un nom ou un nom professionnel.';
	}
	if (trimmed.city === '') errors[`${prefix}.city`] = 'La ville est obligatoire.';
	trimmed.country = trimmed.country === '' ? 'FRANCE' : trimmed.country.toUpperCase();
	if (trimmed.country === 'FRANCE' && !/^\d{5}$/u.test(trimmed.postalCode)) {
		errors[`${prefix}.postalCode`] = 'Le code postal comporte 5 chiffres.';
	}
	if (trimmed.vatNumber !== '') {
		const vat = compactCode(trimmed.vatNumber);
		const result = vat.startsWith('FR') ? validateFrenchVatNumber(vat) : { ok: true as const };
		if (!result.ok) errors[`${prefix}.vatNumber`] = result.error.message;
		else trimmed.vatNumber = vat;
	}
	return trimmed;
}

/** A customer-file address as the form's starting values (the seed's "Adresses" button). */
export function addressToForm(address: PostalAddress | null): AddressForm {
	return address ? { ...address } : EMPTY_ADDRESS_FORM;
}
