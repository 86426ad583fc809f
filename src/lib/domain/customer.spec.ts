import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_CUSTOMER_FORM, validateCustomerDraft, type CustomerDraftForm } from './customer';

const form = (fields: Partial<CustomerDraftForm>): CustomerDraftForm => ({
	...EMPTY_CUSTOMER_FORM,
	...fields
});

describe('validateCustomerDraft', () => {
	it('accepts a private customer with a name only, trimmed', () => {
		expect(validateCustomerDraft(form({ lastName: ' Vasseur ', firstName: 'Laurent' }))).toEqual({
			ok: true,
			value: { ...EMPTY_CUSTOMER_FORM, lastName: 'Vasseur', firstName: 'Laurent' }
		});
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
		[{ lastName: 'A', city: 'x'.repeat(121) }, 'city', '120 caractères au plus.'],
		[
			{ lastName: 'A', status: 'bibliotheque' },
			'siret',
			'Le SIRET d’un organisme public est obligatoire (factures Chorus Pro).'
		],
		[{ lastName: 'A', siret: '11000201100045' }, 'siret', undefined]
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
					status: fc.constantFrom('particulier', 'ecole', 'x'),
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
