import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import TillAccess from '$lib/components/TillAccess.svelte';
import { saveSyncSettings } from '$lib/db/replication-repository';
import { managerAccessFile } from '$lib/domain';
import { operator } from '$lib/state/operator.svelte';
import { freshDatabase } from '../unit/db/fresh-db';
import { tillCredentials } from '../unit/db/sync-fixtures';

const manager = (server: string) =>
	managerAccessFile({
		server,
		account: `A${'B'.repeat(55)}`,
		operatorSeed: `SO${'A'.repeat(56)}`,
		systemJwt: 'a.b.c',
		systemSeed: `SU${'A'.repeat(56)}`
	});

describe('Paramètres › Synchronisation › Accès des caisses', () => {
	it('refuses, at the field, a file that is not the manager’s or is another server’s, reaching no server', async () => {
		freshDatabase();
		await saveSyncSettings(tillCredentials('CAISSE1', 1), 'Anne');
		operator.name = 'Anne';
		const user = userEvent.setup();
		render(TillAccess, { thisTill: 'CAISSE1' });
		const pasted = screen.getByLabelText('…ou le contenu du fichier du gérant collé');
		const read = screen.getByRole('button', { name: 'Lire les accès des caisses' });

		await user.click(pasted);
		await user.paste('{"server": "ws://127.0.0.1:9222", "tillId": "CAISSE2"}');
		await user.click(read);
		expect(await screen.findByText(/Ce n’est pas le fichier du gérant/u)).toBeTruthy();
		expect(pasted.getAttribute('aria-invalid')).toBe('true');

		await user.clear(pasted);
		await user.click(pasted);
		await user.paste(manager('ws://127.0.0.1:9333'));
		await user.click(read);
		expect(
			await screen.findByText(
				'Ce fichier du gérant est celui du serveur ws://127.0.0.1:9333, et cette caisse se synchronise avec ws://127.0.0.1:9222.'
			)
		).toBeTruthy();
		expect(screen.queryByRole('table', { name: 'Accès des caisses' })).toBeNull();
	});
});
