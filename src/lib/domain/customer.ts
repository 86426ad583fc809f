import type { CustomerStatus } from './discount';
import { compactCode, validateSiret } from './identifiers';
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
}

export type CustomerDraftForm = { readonly [K in keyof CustomerDraft]: string };

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
	'collectivite',
	'bibliotheque',
	'ecole'
];
const MAX_TEXT = 120;
// The WHATWG "valid e-mail address" pattern, as <input type="email"> checks it.
const EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/u;

/**
 * Checks a new customer: a name (personal or professional), a French postal code when one is
 * typed, a real e-mail, and a SIRET with its key for a public body (DOMAIN.md §3).
 */
export function validateCustomerDraft(
	form: CustomerDraftForm
): FormResult<CustomerDraft, keyof CustomerDraft> {
	const errors: FieldErrors<keyof CustomerDraft> = {};
	const text = (key: keyof CustomerDraftForm) => {
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
	let siret = compactCode(form.siret);
	if (siret !== '') {
		const result = validateSiret(siret);
		if (!result.ok) errors.siret = result.error.message;
		else siret = result.value;
	} else if (status !== 'particulier') {
		errors.siret = 'Le SIRET d’un organisme public est obligatoire (factures Chorus Pro).';
	}
	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	return {
		ok: true,
		value: {
			lastName,
			firstName,
			professionalName,
			status,
			line1,
			postalCode,
			city,
			phone,
			email,
			siret
		}
	};
}
