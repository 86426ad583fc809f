import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import FirstRunChecklist from '$lib/components/home/FirstRunChecklist.svelte';
import { firstRunSteps } from '$lib/db/home-repository';
import { freshDatabase } from '../unit/db/fresh-db';

describe('the first-run checklist on the home page', () => {
	it('lists what is left with where to do it; « pas d’imprimante » ticks the printer step', async () => {
		freshDatabase();
		const steps = await firstRunSteps('2026-12-02');
		expect(steps).toEqual({
			shop: false,
			catalogue: false,
			printer: false,
			pin: false,
			backup: false,
			tillOpened: false
		});
		const onchange = vi.fn();
		render(FirstRunChecklist, {
			steps: { ...steps, shop: true, catalogue: true },
			onchange
		});
		expect(screen.getByText('4 étapes sur 6 avant de vendre sereinement.')).toBeTruthy();
		expect(screen.getByText(/Renseigner la boutique/u).closest('li')?.textContent).toContain(
			'(fait)'
		);
		expect(
			screen.getByRole('link', { name: 'Ouvrir la caisse avec son fond' }).getAttribute('href')
		).toBe('/caisse');
		await userEvent.setup().click(
			screen.getByRole('button', {
				name: 'Pas d’imprimante de tickets\u00a0: imprimer par le navigateur'
			})
		);
		await waitFor(() => expect(onchange).toHaveBeenCalledOnce());
		expect((await firstRunSteps('2026-12-02')).printer).toBe(true);
	});
});
