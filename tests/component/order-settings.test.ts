import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import OrderSettings from '$lib/components/OrderSettings.svelte';
import { getPreferences } from '$lib/db/settings-repository';
import { freshDatabase } from '../unit/db/fresh-db';

describe('Paramètres → Commandes clients', () => {
	it('shows the delay in force, refuses a bad one at its field, saves a good one', async () => {
		freshDatabase();
		const user = userEvent.setup();
		render(OrderSettings);
		const field = await screen.findByDisplayValue('15');
		await user.clear(field);
		await user.type(field, '0');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le délai' }));
		expect(field.getAttribute('aria-invalid')).toBe('true');
		expect(document.getElementById('order-pickup-days-error')?.textContent).toBe(
			'Saisissez un nombre de jours entre 1 et 365.'
		);
		expect((await getPreferences()).orderPickupDays).toBe(15);
		await user.clear(field);
		await user.type(field, '21');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le délai' }));
		expect(await screen.findByRole('status')).toHaveProperty(
			'textContent',
			'Commandes\u00a0: les clients prévenus depuis plus de 21\u00a0jours sont listés.'
		);
		expect((await getPreferences()).orderPickupDays).toBe(21);
		expect(field.getAttribute('aria-invalid')).toBeNull();
	});
});
