import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compactCode,
	formatSiret,
	frenchVatNumber,
	gs1CheckDigit,
	isbn10To13,
	validateBic,
	validateEan,
	validateFrenchVatNumber,
	validateGln,
	validateIban,
	validateIsbn,
	validateSiren,
	validateSiret
} from './identifiers';
import type { Result } from './result';

function expectOk(result: Result<string>, value: string) {
	expect(result).toEqual({ ok: true, value });
}
function expectError(result: Result<string>, code: string, message?: RegExp) {
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.error.code).toBe(code);
		if (message) expect(result.error.message).toMatch(message);
	}
}

describe('EAN, ISBN, GLN', () => {
	const valid: [string, string][] = [
		['9782266248549', '9782266248549'], // seed ticket, Pocket
		['978-2-8112-0737-3', '9782811207373'], // seed ticket, Bragelonne
		['4006381333931', '4006381333931'],
		['96385074', '96385074'], // EAN-8
		[' 978 0 306 40615 7 ', '9780306406157']
	];
	for (const [text, code] of valid)
		it(`accepts EAN ${text}`, () => expectOk(validateEan(text), code));

	it('names the expected key when the last digit is wrong', () => {
		expectError(validateEan('9782266248548'), 'CODE_CHECK_DIGIT', /devrait être 9/u);
		expectError(validateEan('12345'), 'CODE_FORMAT', /8 ou 13 chiffres/u);
		expectError(validateEan('97822662485AB'), 'CODE_FORMAT');
	});

	it('converts ISBN-10 to ISBN-13 (978 prefix, GS1 key)', () => {
		expect(isbn10To13('0306406152')).toBe('9780306406157');
		expectOk(validateIsbn('0-306-40615-2'), '9780306406157');
		expectOk(validateIsbn('0-8044-2957-X'), '9780804429573');
		expectOk(validateIsbn('979-10-90636-07-1'), '9791090636071');
	});

	it('refuses wrong ISBNs with a reason', () => {
		expectError(validateIsbn('0-306-40615-3'), 'CODE_CHECK_DIGIT', /devrait être 2/u);
		expectError(validateIsbn('080442958X'), 'CODE_CHECK_DIGIT');
		expectError(validateIsbn('4006381333931'), 'ISBN_PREFIX', /978 ou 979/u);
		expectError(validateIsbn('12345'), 'CODE_FORMAT');
		expectError(validateIsbn('9782266248548'), 'CODE_CHECK_DIGIT');
	});

	it('checks a library GLN', () => {
		const gln = `302559000000${gs1CheckDigit('302559000000')}`;
		expectOk(validateGln(gln), gln);
		expectError(validateGln('96385074'), 'CODE_FORMAT', /GLN/u);
	});

	it('every 12 digits plus their GS1 key is a valid EAN-13, any other key is not', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{12}$/u), fc.integer({ min: 1, max: 9 }), (body, shift) => {
				const key = gs1CheckDigit(body);
				expect(validateEan(`${body}${key}`).ok).toBe(true);
				expect(validateEan(`${body}${(key + shift) % 10}`).ok).toBe(false);
			})
		);
	});
});

describe('SIREN, SIRET, VAT number', () => {
	it('accepts Luhn-valid numbers', () => {
		expectOk(validateSiret('110 002 011 00044'), '11000201100044');
		expectOk(validateSiren('404 833 048'), '404833048');
	});
	it('applies the La Poste rule (digit sum multiple of 5)', () => {
		expectOk(validateSiret('35600000000001'), '35600000000001');
		expectError(validateSiret('35600000000002'), 'SIRET_KEY');
	});
	it('refuses wrong numbers', () => {
		expectError(validateSiret('11000201100045'), 'SIRET_KEY', /clé de contrôle/u);
		expectError(validateSiret('1100020110004'), 'SIRET_FORMAT', /14 chiffres/u);
		expectError(validateSiren('404833049'), 'SIREN_KEY');
		expectError(validateSiren('40483304'), 'SIREN_FORMAT');
	});
	it('computes and checks the French VAT key', () => {
		expect(frenchVatNumber('404833048')).toBe('FR83404833048');
		expect(frenchVatNumber('110002011')).toBe(
			`FR${String((12 + 3 * (110002011 % 97)) % 97).padStart(2, '0')}110002011`
		);
		expectOk(validateFrenchVatNumber('fr 83 404 833 048', '404833048'), 'FR83404833048');
		expectError(validateFrenchVatNumber('FR84404833048'), 'VAT_NUMBER_KEY', /FR83404833048/u);
		expectError(validateFrenchVatNumber('DE123456789'), 'VAT_NUMBER_FORMAT');
		expectError(
			validateFrenchVatNumber('FR83404833048', '110002011'),
			'VAT_NUMBER_SIREN',
			/SIREN/u
		);
	});
	it('formats SIRET and SIREN with spaces', () => {
		expect(formatSiret('11000201100044')).toBe('110 002 011 00044');
		expect(formatSiret('404833048')).toBe('404 833 048');
	});
});

describe('IBAN and BIC', () => {
	it('accepts valid IBANs written any way', () => {
		expectOk(validateIban('FR76 3000 6000 0112 3456 7890 189'), 'FR7630006000011234567890189');
		expectOk(validateIban('fr14 2004 1010 0505 0001 3M02 606'), 'FR1420041010050500013M02606');
		expectOk(validateIban('GB82 WEST 1234 5698 7654 32'), 'GB82WEST12345698765432');
	});
	it('refuses a typo, a wrong length or garbage', () => {
		expectError(validateIban('FR76 3000 6000 0112 3456 7890 188'), 'IBAN_KEY', /faute de frappe/u);
		expectError(validateIban('FR76 3000 6000 0112 3456 7890 18'), 'IBAN_LENGTH', /27 caractères/u);
		expectError(validateIban('hello'), 'IBAN_FORMAT');
	});
	it('checks a BIC shape', () => {
		expectOk(validateBic('bnpa fr pp xxx'), 'BNPAFRPPXXX');
		expectOk(validateBic('CEPAFRPP'), 'CEPAFRPP');
		expectError(validateBic('BNP'), 'BIC_FORMAT');
	});
	it('compacts codes the way scanners and people type them', () => {
		expect(compactCode(' 978-2.07 ')).toBe('978207');
	});
});
