import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import HeadOffice from '$lib/components/head-office/HeadOffice.svelte';
import { getHeadOfficeAccess } from '$lib/db/settings-repository';
import { operator } from '$lib/state/operator.svelte';
import { freshDatabase } from '../unit/db/fresh-db';

describe('Siège: the head office’s access to its hub', () => {
	it('says at the field what is wrong with the file, and keeps nothing', async () => {
		freshDatabase();
		operator.name = 'Claire';
		const user = userEvent.setup();
		render(HeadOffice);
		const pasted = await screen.findByLabelText('…ou son contenu collé');
		await user.click(pasted);
		await user.paste(
			'{"server": "ws://10.0.0.2:9223", "user": "SIEGE", "password": "x", "shops": ["B1"]}'
		);
		await user.click(screen.getByRole('button', { name: 'Enregistrer l’accès au siège' }));
		await expect.poll(() => pasted.getAttribute('aria-invalid')).toBe('true');
		expect(document.getElementById('hub-error')?.textContent).toBe(
			'Adresse du serveur du siège\u00a0: hors de cet ordinateur, la connexion doit être chiffrée (wss://).'
		);
		expect(await getHeadOfficeAccess()).toBeNull();
	});
});
