import {
	compactCode,
	validateBic,
	validateElectronicAddress,
	validateFrenchVatNumber,
	validateIban,
	validateSiret
} from './identifiers';
import { parseEuros, type Cents } from './money';
import type { Result } from './result';

/** When VAT on sales is due (CGI art. 269): on delivery/invoice ("débits") or on payment. */
export type VatRegime = 'debits' | 'encaissements';

/** The shop's identity, printed on every receipt and invoice (CGI ann. II art. 242 nonies A). */
export interface ShopSettings {
	readonly legalName: string;
	readonly tradeName: string;
	readonly addressLine1: string;
	readonly addressLine2: string;
	readonly postalCode: string;
	readonly city: string;
	readonly siret: string;
	readonly vatNumber: string;
	readonly rcsCity: string;
	readonly shareCapitalCents: Cents | null;
	readonly legalForm: string;
	readonly phone: string;
	readonly email: string;
	readonly iban: string;
	readonly bic: string;
	readonly invoiceFooter: string;
	readonly tillId: string;
	readonly vatRegime: VatRegime;
	/**
	 * The shop's e-invoicing address in the national directory (BT-34, scheme 0225), as its
	 * plateforme agréée registered it; empty or absent for its SIREN.
	 */
	readonly einvoiceAddress?: string;
}

export type ShopSettingsForm = { readonly [K in keyof ShopSettings]-?: string };

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type FormResult<T, K extends string> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly fieldErrors: FieldErrors<K> };

export const LEGAL_FORMS = [
	'EI',
	'EURL',
	'SARL',
	'SAS',
	'SASU',
	'SA',
	'SCOP',
	'SNC',
	'Association'
] as const;

const EMPTY_SHOP_FORM: ShopSettingsForm = {
	legalName: '',
	tradeName: '',
	addressLine1: '',
	addressLine2: '',
	postalCode: '',
	city: '',
	siret: '',
	vatNumber: '',
	rcsCity: '',
	shareCapitalCents: '',
	legalForm: '',
	phone: '',
	email: '',
	iban: '',
	bic: '',
	invoiceFooter: '',
	tillId: 'CAISSE1',
	vatRegime: 'debits',
	einvoiceAddress: ''
};

/** The form's text for saved settings (or a blank shop with till CAISSE1). */
export function shopSettingsToForm(settings: ShopSettings | undefined): ShopSettingsForm {
	if (!settings) return EMPTY_SHOP_FORM;
	const capital = settings.shareCapitalCents;
	return {
		...settings,
		einvoiceAddress: settings.einvoiceAddress ?? '',
		shareCapitalCents:
			capital === null
				? ''
				: `${Math.trunc(capital / 100)},${String(capital % 100).padStart(2, '0')}`
	};
}

const MAX_TEXT = 200;

/**
 * Validates the Paramètres → Boutique form field by field, in French. SIRET: Luhn (La Poste
 * exception); VAT number: FR key and SIREN of the SIRET; IBAN: mod 97.
 */
export function validateShopSettings(
	form: ShopSettingsForm
): FormResult<ShopSettings, keyof ShopSettings> {
	const errors: FieldErrors<keyof ShopSettings> = {};
	const text = (key: keyof ShopSettingsForm, required: string | null, max = MAX_TEXT) => {
		const value = form[key].trim();
		if (required && value === '') errors[key] = required;
		else if (value.length > max) errors[key] = `${max} caractères au plus.`;
		return value;
	};
	const legalName = text('legalName', 'La raison sociale est obligatoire.');
	const tradeName = text('tradeName', null);
	const addressLine1 = text('addressLine1', 'L’adresse est obligatoire.');
	const addressLine2 = text('addressLine2', null);
	const city = text('city', 'La ville est obligatoire.');
	const rcsCity = text('rcsCity', null, 60);
	const invoiceFooter = text('invoiceFooter', null, 500);

	const postalCode = form.postalCode.trim();
	if (!/^\d{5}$/u.test(postalCode)) errors.postalCode = 'Le code postal comporte 5 chiffres.';

	let siret = compactCode(form.siret);
	const siretResult = validateSiret(siret);
	if (siret === '') errors.siret = 'Le SIRET est obligatoire (il figure sur chaque ticket).';
	else if (!siretResult.ok) errors.siret = siretResult.error.message;
	else siret = siretResult.value;

	let vatNumber = compactCode(form.vatNumber);
	if (vatNumber !== '') {
		const result = validateFrenchVatNumber(
			vatNumber,
			siretResult.ok ? siret.slice(0, 9) : undefined
		);
		if (!result.ok) errors.vatNumber = result.error.message;
		else vatNumber = result.value;
	}

	let einvoiceAddress = form.einvoiceAddress.trim();
	if (einvoiceAddress !== '') {
		const result = validateElectronicAddress(
			einvoiceAddress,
			siretResult.ok ? siret.slice(0, 9) : ''
		);
		if (!result.ok) errors.einvoiceAddress = result.error.message;
		else einvoiceAddress = result.value === siret.slice(0, 9) ? '' : result.value;
	}

	let shareCapitalCents: Cents | null = null;
	if (form.shareCapitalCents.trim() !== '') {
		const capital = parseEuros(form.shareCapitalCents);
		if (!capital.ok) errors.shareCapitalCents = capital.error.message;
		else shareCapitalCents = capital.value;
	}

	const legalForm = form.legalForm.trim();
	if (legalForm !== '' && !(LEGAL_FORMS as readonly string[]).includes(legalForm)) {
		errors.legalForm = `Forme juridique inconnue\u00a0: choisissez parmi ${LEGAL_FORMS.join(', ')}.`;
	}

	const phone = form.phone.trim();
	if (phone !== '' && !/^(?:\+33\s?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}$/u.test(phone)) {
		errors.phone = 'Numéro de téléphone invalide (ex. 01 23 45 67 89 ou +33 1 23 45 67 89).';
	}

	const email = form.email.trim();
	if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u.test(email)) {
		errors.email = 'Adresse e-mail invalide (ex. contact@librairie.fr).';
	}

	let iban = compactCode(form.iban);
	if (iban !== '') {
		const result = validateIban(iban);
		if (!result.ok) errors.iban = result.error.message;
		else iban = result.value;
	}
	let bic = compactCode(form.bic);
	if (bic !== '') {
		const result = validateBic(bic);
		if (!result.ok) errors.bic = result.error.message;
		else bic = result.value;
	} else if (iban !== '') {
		errors.bic = 'Le BIC accompagne l’IBAN sur les factures.';
	}

	const tillId = form.tillId.trim().toUpperCase();
	if (!/^[A-Z0-9_-]{1,16}$/u.test(tillId)) {
		errors.tillId = 'Identifiant de caisse\u00a0: 1 à 16 lettres, chiffres, - ou _ (ex. CAISSE1).';
	}

	const vatRegime = form.vatRegime;
	if (vatRegime !== 'debits' && vatRegime !== 'encaissements') {
		errors.vatRegime = 'Choisissez TVA sur les débits ou sur les encaissements.';
	}

	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	return {
		ok: true,
		value: {
			legalName,
			tradeName,
			addressLine1,
			addressLine2,
			postalCode,
			city,
			siret,
			vatNumber,
			rcsCity,
			shareCapitalCents,
			legalForm,
			phone,
			email,
			iban,
			bic,
			invoiceFooter,
			tillId,
			vatRegime: vatRegime as VatRegime,
			einvoiceAddress
		}
	};
}

/** Result type re-exported for callers that only import this module. */
export type { Result };
