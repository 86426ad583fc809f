import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SyncSettings from '$lib/components/SyncSettings.svelte';
import { getSyncSettings } from '$lib/db/replication-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { operator } from '$lib/state/operator.svelte';
import { freshDatabase } from '../unit/db/fresh-db';

const credentials = (tillId: string) =>
	JSON.stringify({
		server: 'ws://127.0.0.1:9222',
		tillId,
		tillIndex: 2,
		user: tillId,
		password: 'secret'
	});

describe('Paramètres › Synchronisation', () => {
	it('says a till works alone, and refuses a bad or another till’s file at the field, saving nothing', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		operator.name = 'Anne';
		const user = userEvent.setup();
		render(SyncSettings);
		expect(screen.getByText(/Cette caisse travaille seule/u)).toBeTruthy();

		const pasted = screen.getByLabelText('…ou son contenu collé');
		const save = screen.getByRole('button', { name: 'Enregistrer l’accès au serveur' });
		await user.click(pasted);
		await user.paste('{"server": "ws://192.168.1.20:9222"}');
		await user.click(save);
		expect(await screen.findByText(/la connexion doit être chiffrée \(wss:\/\/\)/u)).toBeTruthy();
		expect(pasted.getAttribute('aria-invalid')).toBe('true');

		await user.clear(pasted);
		await user.click(pasted);
		await user.paste(credentials('CAISSE2'));
		await user.click(save);
		expect(
			await screen.findByText(
				/Ce fichier est celui de la caisse CAISSE2, et cette caisse s’appelle CAISSE1/u
			)
		).toBeTruthy();
		expect(await getSyncSettings()).toBeNull();
	});

	it('links the demonstration shop only to a test server', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		localStorage.setItem('comptoir-database', 'demo');
		try {
			operator.name = 'Anne';
			const user = userEvent.setup();
			render(SyncSettings);
			const pasted = screen.getByLabelText('…ou son contenu collé');
			await user.click(pasted);
			await user.paste(credentials('CAISSE1'));
			await user.click(screen.getByRole('button', { name: 'Enregistrer l’accès au serveur' }));
			await expect.poll(() => pasted.getAttribute('aria-invalid')).toBe('true');
			expect(document.getElementById('sync-access-error')?.textContent).toMatch(
				/elle se relie seulement à un serveur d’essai/u
			);
			expect(await getSyncSettings()).toBeNull();
		} finally {
			localStorage.removeItem('comptoir-database');
		}
	});

	it('offers to replace a lost till only in an empty browser, and says at the field what is wrong with the PIN', async () => {
		freshDatabase();
		operator.name = 'Marie';
		const user = userEvent.setup();
		render(SyncSettings);
		const replace = await screen.findByRole('button', { name: 'Remplacer la caisse' });
		await user.click(screen.getByLabelText('…ou son contenu collé'));
		await user.paste(credentials('CAISSE1'));
		const pin = screen.getByLabelText(/^Code PIN du responsable/u);
		await user.type(pin, '12');
		await user.click(replace);
		await expect.poll(() => pin.getAttribute('aria-invalid')).toBe('true');
		expect(document.getElementById('replace-pin-error')?.textContent).toBe(
			'Le code PIN responsable\u00a0: 4 à 8 chiffres.'
		);
		expect(await getSyncSettings()).toBeNull();
	});
});
