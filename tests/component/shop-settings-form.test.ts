import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ShopSettingsForm from '$lib/components/ShopSettingsForm.svelte';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { err, ok } from '$lib/domain';

function errorOf(input: HTMLElement): string {
	const ids = input.getAttribute('aria-describedby') ?? '';
	return ids
		.split(' ')
		.map((id) => document.getElementById(id)?.textContent ?? '')
		.join(' ');
}

describe('Paramètres → Boutique', () => {
	it('refuses invalid values field by field, in French, and saves nothing', async () => {
		const user = userEvent.setup();
		const onsave = vi.fn(async () => ok(undefined));
		render(ShopSettingsForm, { settings: undefined, onsave });

		await user.type(screen.getByLabelText(/Raison sociale/u), 'Librairie des Ourses');
		await user.type(screen.getByLabelText(/^SIRET/u), '40483304800023');
		await user.type(screen.getByLabelText(/TVA intracommunautaire/u), 'FR84404833048');
		await user.type(screen.getByLabelText(/^IBAN/u), 'FR76 3000 6000 0112 3456 7890 188');
		await user.type(screen.getByLabelText(/Code postal/u), '623');
		await user.click(screen.getByRole('button', { name: 'Enregistrer la boutique' }));

		expect(onsave).not.toHaveBeenCalled();
		expect(screen.getByRole('alert').textContent).toMatch(
			/champs à corriger\s: rien n’a été enregistré/u
		);
		const siret = screen.getByLabelText(/^SIRET/u);
		expect(siret.getAttribute('aria-invalid')).toBe('true');
		expect(errorOf(siret)).toMatch(/clé de contrôle fausse/u);
		expect(errorOf(screen.getByLabelText(/^IBAN/u))).toMatch(/IBAN invalide/u);
		expect(errorOf(screen.getByLabelText(/Code postal/u))).toMatch(/5 chiffres/u);
		expect(errorOf(screen.getByLabelText(/^Adresse\s*\*?$/u))).toMatch(/obligatoire/u);
		// What was typed stays in the fields.
		expect((screen.getByLabelText(/Raison sociale/u) as HTMLInputElement).value).toBe(
			'Librairie des Ourses'
		);
		// Focus goes to the first field in error.
		expect(document.activeElement?.id).toBe('addressLine1');
	});

	it('saves valid settings, normalised, and says so', async () => {
		const user = userEvent.setup();
		const onsave = vi.fn(async () => ok(undefined));
		render(ShopSettingsForm, { settings: DEMO_SHOP, onsave });
		const city = screen.getByLabelText(/^Ville\s*\*?$/u);
		await user.clear(city);
		await user.type(city, 'Liévin');
		await user.click(screen.getByLabelText('TVA sur les encaissements'));
		await user.click(screen.getByRole('button', { name: 'Enregistrer la boutique' }));
		expect(onsave).toHaveBeenCalledWith({
			...DEMO_SHOP,
			city: 'Liévin',
			vatRegime: 'encaissements'
		});
		expect(screen.getByRole('status').textContent).toMatch(/enregistrées/u);
	});

	it('tells when the save itself fails, keeping what was typed', async () => {
		const user = userEvent.setup();
		const onsave = vi.fn(async () =>
			err(
				'QuotaExceededError',
				'Espace de stockage plein\u00a0: rien n’a été enregistré. Libérez de la place puis recommencez.'
			)
		);
		render(ShopSettingsForm, { settings: DEMO_SHOP, onsave });
		await user.click(screen.getByRole('button', { name: 'Enregistrer la boutique' }));
		expect(screen.getByRole('alert').textContent).toMatch(
			/L’enregistrement a échoué, rien n’a été modifié/u
		);
		expect((screen.getByLabelText(/^Ville\s*\*?$/u) as HTMLInputElement).value).toBe(
			DEMO_SHOP.city
		);
	});
});
