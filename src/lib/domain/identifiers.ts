import { err, ok, type Result } from './result';

/** Removes what people and scanners add around codes: spaces, hyphens, dots. */
export function compactCode(text: string): string {
	return text.replace(/[\s\u00a0\-.]/gu, '').toUpperCase();
}

/**
 * GS1 check digit (EAN-13, EAN-8, ISBN-13, GLN): weights 3,1,3,… from the right, mod 10.
 * @example gs1CheckDigit('978207036822') // 8
 */
export function gs1CheckDigit(digitsWithoutKey: string): number {
	let sum = 0;
	for (let i = 0; i < digitsWithoutKey.length; i++) {
		const digit = Number(digitsWithoutKey[digitsWithoutKey.length - 1 - i]);
		sum += i % 2 === 0 ? digit * 3 : digit;
	}
	return (10 - (sum % 10)) % 10;
}

function checkGs1(code: string, label: string, lengths: readonly number[]): Result<string> {
	if (!/^\d+$/u.test(code) || !lengths.includes(code.length)) {
		return err(
			'CODE_FORMAT',
			`${label} «\u00a0${code}\u00a0» invalide\u00a0: ${lengths.join(' ou ')} chiffres attendus.`
		);
	}
	const expected = gs1CheckDigit(code.slice(0, -1));
	if (Number(code.at(-1)) !== expected) {
		return err(
			'CODE_CHECK_DIGIT',
			`${label} «\u00a0${code}\u00a0» invalide\u00a0: la clé de contrôle devrait être ${expected}.`
		);
	}
	return ok(code);
}

/**
 * Validates an EAN-13 or EAN-8 (also ISBN-13, ISSN-based press codes 977, shop codes 2…).
 * @example validateEan('978-2-07-036822-8') // { ok: true, value: '9782070368228' }
 */
export function validateEan(text: string): Result<string> {
	return checkGs1(compactCode(text), 'Code EAN', [8, 13]);
}

/** Validates a GLN (Gencod) of a library or a shop: 13 digits with a GS1 key. */
export function validateGln(text: string): Result<string> {
	return checkGs1(compactCode(text), 'GLN', [13]);
}

/**
 * ISBN-10 → ISBN-13: prefix 978 and recompute the GS1 key (docs/rules.md#identifiers).
 * @example isbn10To13('2070368220') // '9782070368228'
 */
export function isbn10To13(isbn10: string): string {
	const body = `978${isbn10.slice(0, 9)}`;
	return `${body}${gs1CheckDigit(body)}`;
}

/**
 * Validates an ISBN-10 or ISBN-13 and always answers the ISBN-13 (the EAN printed on the book).
 * ISBN-10 key: weights 10…2, mod 11, X = 10.
 * @example validateIsbn('2-07-036822-X')
 */
export function validateIsbn(text: string): Result<string> {
	const code = compactCode(text);
	if (code.length === 13) {
		if (!/^97[89]/u.test(code)) {
			return err(
				'ISBN_PREFIX',
				`ISBN «\u00a0${code}\u00a0» invalide\u00a0: un ISBN-13 commence par 978 ou 979.`
			);
		}
		return checkGs1(code, 'ISBN', [13]);
	}
	if (!/^\d{9}[\dX]$/u.test(code)) {
		return err(
			'CODE_FORMAT',
			`ISBN «\u00a0${code}\u00a0» invalide\u00a0: 10 ou 13 caractères attendus.`
		);
	}
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(code[i]) * (10 - i);
	const key = (11 - (sum % 11)) % 11;
	const expected = key === 10 ? 'X' : String(key);
	if (code[9] !== expected) {
		return err(
			'CODE_CHECK_DIGIT',
			`ISBN «\u00a0${code}\u00a0» invalide\u00a0: la clé de contrôle devrait être ${expected}.`
		);
	}
	return ok(isbn10To13(code));
}

/** Luhn sum (used by SIREN and SIRET, INSEE). */
function luhnSum(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum;
}

/** La Poste's establishments do not follow Luhn: their SIRET digit sum is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';

/** Validates a 9-digit SIREN (Luhn key). */
export function validateSiren(text: string): Result<string> {
	const code = compactCode(text);
	if (!/^\d{9}$/u.test(code)) {
		return err('SIREN_FORMAT', 'Le SIREN doit comporter 9 chiffres.');
	}
	if (luhnSum(code) % 10 !== 0) {
		return err(
			'SIREN_KEY',
			`Le SIREN «\u00a0${code}\u00a0» est invalide (clé de contrôle fausse).`
		);
	}
	return ok(code);
}

/**
 * Validates a 14-digit SIRET: Luhn key, except La Poste (SIREN 356000000) whose digit sum must be
 * a multiple of 5 (INSEE rule, docs/rules.md#identifiers).
 * @example validateSiret('110 002 011 00044') // State services
 */
export function validateSiret(text: string): Result<string> {
	const code = compactCode(text);
	if (!/^\d{14}$/u.test(code)) {
		return err('SIRET_FORMAT', 'Le SIRET doit comporter 14 chiffres.');
	}
	if (code.startsWith(LA_POSTE_SIREN)) {
		const digitSum = [...code].reduce((sum, digit) => sum + Number(digit), 0);
		if (digitSum % 5 === 0) return ok(code);
	} else if (luhnSum(code) % 10 === 0) {
		return ok(code);
	}
	return err('SIRET_KEY', `Le SIRET «\u00a0${code}\u00a0» est invalide (clé de contrôle fausse).`);
}

/**
 * French VAT number of a SIREN: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97.
 * @example frenchVatNumber('404833048') // 'FR83404833048'
 */
export function frenchVatNumber(siren: string): string {
	const key = (12 + 3 * (Number(siren) % 97)) % 97;
	return `FR${String(key).padStart(2, '0')}${siren}`;
}

/**
 * Validates a French intra-community VAT number, and that it belongs to `siren` when given.
 * @example validateFrenchVatNumber('FR 83 404833048', '404833048')
 */
export function validateFrenchVatNumber(text: string, siren?: string): Result<string> {
	const code = compactCode(text);
	const match = /^FR([0-9A-Z]{2})(\d{9})$/u.exec(code);
	if (!match) {
		return err(
			'VAT_NUMBER_FORMAT',
			'Numéro de TVA invalide\u00a0: FR, 2 caractères de clé puis les 9 chiffres du SIREN.'
		);
	}
	const vatSiren = match[2] as string;
	const expected = frenchVatNumber(vatSiren);
	if (expected !== code) {
		return err(
			'VAT_NUMBER_KEY',
			`Numéro de TVA invalide\u00a0: pour le SIREN ${vatSiren}, il devrait être ${expected}.`
		);
	}
	if (siren !== undefined && siren !== vatSiren) {
		return err(
			'VAT_NUMBER_SIREN',
			`Ce numéro de TVA appartient au SIREN ${vatSiren}, pas au SIREN ${siren}.`
		);
	}
	return ok(code);
}

/**
 * Validates a VAT number of any EU country: a French one with its key and, when `siren` is given,
 * belonging to it; another country's as its two letters and 2 to 13 characters (the form VIES
 * checks; its key is the issuing country's).
 */
export function validateVatNumber(text: string, siren?: string): Result<string> {
	const code = compactCode(text).toUpperCase();
	if (code.startsWith('FR')) return validateFrenchVatNumber(code, siren);
	if (!/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/u.test(code)) {
		return err(
			'VAT_NUMBER_FORMAT',
			'Numéro de TVA invalide\u00a0: le code du pays (FR, BE…) puis le numéro, sans espace.'
		);
	}
	return ok(code);
}

/**
 * Validates an electronic invoicing address of the national directory (scheme 0225, BT-34 and
 * BT-49): letters, digits, « + », « - », « _ » and « . » only (BR-FR-23), beginning with the
 * company's SIREN (BR-FR-21): the SIREN alone, or SIREN_SIRET, SIREN_code as the directory gives it.
 * @example validateElectronicAddress('552100554_FACTURES', '552100554')
 */
export function validateElectronicAddress(text: string, siren: string): Result<string> {
	const code = text.trim();
	if (!/^[A-Za-z0-9+\-_.]{1,120}$/u.test(code)) {
		return err(
			'EADDRESS_FORMAT',
			'Adresse de facturation électronique invalide\u00a0: lettres sans accent, chiffres, «\u00a0+\u00a0», «\u00a0-\u00a0», «\u00a0_\u00a0» et «\u00a0.\u00a0» seulement, sans espace (120 au plus).'
		);
	}
	if (siren !== '' && !code.startsWith(siren)) {
		return err(
			'EADDRESS_SIREN',
			`L’adresse de facturation électronique commence par le SIREN ${siren} (annuaire\u00a0: SIREN, SIREN_SIRET ou SIREN_code).`
		);
	}
	return ok(code);
}

/** IBAN lengths of SEPA countries a French shop meets most; others: 15 to 34 characters. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
	FR: 27,
	MC: 27,
	BE: 16,
	DE: 22,
	ES: 24,
	IT: 27,
	LU: 20,
	CH: 21,
	NL: 18
};

/**
 * Validates an IBAN (ISO 13616, mod 97 = 1).
 * @example validateIban('FR76 3000 6000 0112 3456 7890 189')
 */
export function validateIban(text: string): Result<string> {
	const code = compactCode(text);
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u.test(code)) {
		return err(
			'IBAN_FORMAT',
			'IBAN invalide\u00a0: 2 lettres de pays, 2 chiffres de clé, puis le compte.'
		);
	}
	const expectedLength = IBAN_LENGTHS[code.slice(0, 2)];
	if (expectedLength !== undefined && code.length !== expectedLength) {
		return err(
			'IBAN_LENGTH',
			`IBAN invalide\u00a0: ${expectedLength} caractères attendus pour ce pays, ${code.length} saisis.`
		);
	}
	const rearranged = code.slice(4) + code.slice(0, 4);
	let remainder = 0;
	for (const char of rearranged) {
		const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
		for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	if (remainder !== 1) {
		return err(
			'IBAN_KEY',
			'IBAN invalide\u00a0: la clé de contrôle ne correspond pas (faute de frappe\u00a0?).'
		);
	}
	return ok(code);
}

/** Validates a BIC (ISO 9362): 8 or 11 characters. */
export function validateBic(text: string): Result<string> {
	const code = compactCode(text);
	if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/u.test(code)) {
		return err('BIC_FORMAT', 'BIC invalide\u00a0: 8 ou 11 caractères (ex. BNPAFRPPXXX).');
	}
	return ok(code);
}

/** Formats a 9- or 14-digit SIREN/SIRET the French way: 404 833 048 00022. */
export function formatSiret(code: string): string {
	return code.replace(/^(\d{3})(\d{3})(\d{3})(\d*)$/u, (_, a, b, c, d) =>
		[a, b, c, d].filter(Boolean).join(' ')
	);
}
