import { describe, expect, it } from 'vitest';
import {
	shopSettingsToForm,
	validateShopSettings,
	type ShopSettings,
	type ShopSettingsForm
} from './shop';

const good: ShopSettingsForm = {
	legalName: 'Librairie des Trois Ourses SARL',
	tradeName: 'Les Trois Ourses',
	addressLine1: '12 rue des Lilas',
	addressLine2: '',
	postalCode: '62300',
	city: 'Lens',
	siret: '404 833 048 00022',
	vatNumber: 'FR83404833048',
	rcsCity: 'Arras',
	shareCapitalCents: '8 000,00',
	legalForm: 'SARL',
	phone: '03 21 00 00 00',
	email: 'contact@troisourses.fr',
	iban: 'FR76 3000 6000 0112 3456 7890 189',
	bic: 'BNPAFRPPXXX',
	invoiceFooter: 'Merci de votre visite\u00a0!',
	tillId: 'caisse1',
	vatRegime: 'debits',
	einvoiceAddress: ''
};

describe('validateShopSettings', () => {
	it('accepts a complete shop and normalises codes', () => {
		const result = validateShopSettings(good);
		expect(result).toMatchObject({
			ok: true,
			value: {
				siret: '40483304800022',
				vatNumber: 'FR83404833048',
				iban: 'FR7630006000011234567890189',
				tillId: 'CAISSE1',
				shareCapitalCents: 800000
			}
		});
	});

	it('keeps an e-invoicing address other than the SIREN, the SIREN itself as the default', () => {
		const own = validateShopSettings({ ...good, einvoiceAddress: ' 404833048_VENTES ' });
		expect(own.ok && own.value.einvoiceAddress).toBe('404833048_VENTES');
		const siren = validateShopSettings({ ...good, einvoiceAddress: '404833048' });
		expect(siren.ok && siren.value.einvoiceAddress).toBe('');
		expect(shopSettingsToForm(own.ok ? own.value : undefined).einvoiceAddress).toBe(
			'404833048_VENTES'
		);
		// A shop saved before the address existed: the form shows it empty (its SIREN).
		if (own.ok) {
			const older = Object.fromEntries(
				Object.entries(own.value).filter(([key]) => key !== 'einvoiceAddress')
			) as unknown as ShopSettings;
			expect(shopSettingsToForm(older).einvoiceAddress).toBe('');
		}
		// A wrong SIRET is said at its field; the address is not blamed for it.
		const badSiret = validateShopSettings({
			...good,
			siret: '40483304800023',
			einvoiceAddress: '404833048_VENTES'
		});
		expect(!badSiret.ok && Object.keys(badSiret.fieldErrors)).toEqual(['siret']);
	});

	it('accepts a minimal shop (optional fields empty)', () => {
		const result = validateShopSettings({
			...good,
			tradeName: '',
			vatNumber: '',
			rcsCity: '',
			shareCapitalCents: '',
			legalForm: '',
			phone: '',
			email: '',
			iban: '',
			bic: '',
			invoiceFooter: ''
		});
		expect(result).toMatchObject({ ok: true, value: { shareCapitalCents: null } });
	});

	const refusals: [Partial<ShopSettingsForm>, string, RegExp][] = [
		[{ legalName: ' ' }, 'legalName', /raison sociale/u],
		[{ legalName: 'x'.repeat(201) }, 'legalName', /200 caractères/u],
		[{ addressLine1: '' }, 'addressLine1', /adresse/u],
		[{ city: '' }, 'city', /ville/u],
		[{ postalCode: '6230' }, 'postalCode', /5 chiffres/u],
		[{ siret: '' }, 'siret', /obligatoire/u],
		[{ siret: '40483304800023' }, 'siret', /clé de contrôle/u],
		[{ vatNumber: 'FR84404833048' }, 'vatNumber', /devrait être FR83404833048/u],
		[{ siret: '11000201100044' }, 'vatNumber', /SIREN/u],
		[{ shareCapitalCents: 'huit mille' }, 'shareCapitalCents', /montant/u],
		[{ legalForm: 'GIE' }, 'legalForm', /Forme juridique/u],
		[{ phone: '12345' }, 'phone', /téléphone/u],
		[{ email: 'contact@' }, 'email', /e-mail/u],
		[{ iban: 'FR76 3000 6000 0112 3456 7890 188' }, 'iban', /IBAN/u],
		[{ bic: 'XX' }, 'bic', /BIC/u],
		[{ bic: '' }, 'bic', /accompagne/u],
		[{ tillId: 'caisse n°1' }, 'tillId', /caisse/u],
		[{ vatRegime: 'autre' }, 'vatRegime', /débits/u],
		[{ einvoiceAddress: '552100554' }, 'einvoiceAddress', /commence par le SIREN 404833048/u],
		[{ einvoiceAddress: '404833048 ventes' }, 'einvoiceAddress', /sans espace/u]
	];
	for (const [change, field, message] of refusals) {
		it(`refuses ${field} = ${JSON.stringify(Object.values(change)[0]).slice(0, 30)}`, () => {
			const result = validateShopSettings({ ...good, ...change });
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.fieldErrors[field as keyof ShopSettingsForm]).toMatch(message);
		});
	}

	it('gives back the form text of saved settings', () => {
		const saved = validateShopSettings(good);
		if (!saved.ok) throw new Error('expected valid');
		expect(shopSettingsToForm(saved.value).shareCapitalCents).toBe('8000,00');
		expect(shopSettingsToForm({ ...saved.value, shareCapitalCents: null }).shareCapitalCents).toBe(
			''
		);
		expect(shopSettingsToForm(undefined).tillId).toBe('CAISSE1');
	});
});
