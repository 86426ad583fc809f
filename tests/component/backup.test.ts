import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BackupRestore from '$lib/components/BackupRestore.svelte';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { freshDatabase } from '../unit/db/fresh-db';
import { bookSale } from '../unit/db/sale-fixtures';

const downloads = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('$lib/export/files', async (original) => ({
	...(await original<typeof import('$lib/export/files')>()),
	downloadBlob: (blob: Blob, name: string) => downloads.push({ blob, name })
}));

beforeEach(() => {
	downloads.length = 0;
});

describe('Sauvegarde et restauration', () => {
	it('makes a backup in one click, then refuses a damaged file at the file field', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		await recordSale(bookSale(), new Date('2026-11-02T10:00:00Z'));
		const user = userEvent.setup();
		render(BackupRestore, { by: () => 'Anne' });
		expect((await screen.findByTestId('backup-status')).textContent).toBe(
			'Aucune sauvegarde n’a encore été faite sur cet ordinateur.'
		);
		await user.click(screen.getByRole('button', { name: 'Télécharger une sauvegarde complète' }));
		expect((await screen.findByRole('status')).textContent).toMatch(
			/^Sauvegarde comptoir-sauvegarde-.+\.zip téléchargée \(1 tickets, 0 factures\)/u
		);
		await vi.waitFor(() =>
			expect(screen.getByTestId('backup-status').textContent).toBe(
				'Dernière sauvegarde\u00a0: aujourd’hui.'
			)
		);
		expect(screen.getByText(/la restauration y est impossible/u)).toBeDefined();

		const damaged = new File([(downloads[0] as { blob: Blob }).blob.slice(0, 100)], 'abime.zip');
		const input = screen.getByLabelText('Fichier de sauvegarde (.zip)');
		await user.upload(input, damaged);
		expect((await screen.findByRole('alert')).textContent).toBe(
			'Fichier illisible\u00a0: ce n’est pas une sauvegarde Comptoir, ou elle est tronquée.'
		);
		expect(input.getAttribute('aria-invalid')).toBe('true');
		expect(screen.queryByRole('button', { name: 'Restaurer cette sauvegarde' })).toBeNull();
	});

	it('checks a good file, says what it holds, and restores it into an empty database', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		await recordSale(bookSale(), new Date('2026-11-02T10:00:00Z'));
		const user = userEvent.setup();
		const first = render(BackupRestore, { by: () => 'Anne' });
		await user.click(
			await screen.findByRole('button', { name: 'Télécharger une sauvegarde complète' })
		);
		await screen.findByRole('status');
		first.unmount();

		const target = freshDatabase();
		const reload = vi.fn();
		vi.stubGlobal('location', { ...location, reload });
		render(BackupRestore, { by: () => 'Anne' });
		const file = new File([(downloads[0] as { blob: Blob }).blob], 'sauvegarde.zip');
		await user.upload(screen.getByLabelText('Fichier de sauvegarde (.zip)'), file);
		expect((await screen.findByTestId('backup-checked')).textContent).toMatch(
			/Sauvegarde vérifiée\s: .+, faite le .+ — 1 tickets, 0 factures, 0 clients, 0 articles\./u
		);
		const restoreButton = screen.getByRole('button', { name: 'Restaurer cette sauvegarde' });
		// The key's fingerprint is shown and must be confirmed before anything is written.
		expect(screen.getByTestId('backup-key').textContent).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/u);
		expect((restoreButton as HTMLButtonElement).disabled).toBe(true);
		await user.click(screen.getByRole('checkbox', { name: /J’ai comparé cette empreinte/u }));
		await user.click(restoreButton);
		await vi.waitFor(() => expect(reload).toHaveBeenCalled());
		expect(await target.tickets.count()).toBe(1);
		vi.unstubAllGlobals();
	});
});
