import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountPlanSettings from '$lib/components/AccountPlanSettings.svelte';
import ArchivesPanel from '$lib/components/reports/ArchivesPanel.svelte';
import ExportsPanel from '$lib/components/reports/ExportsPanel.svelte';
import { closePeriod } from '$lib/db/closing-repository';
import { getAccountPlan, saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { operator } from '$lib/state/operator.svelte';
import { freshDatabase } from '../unit/db/fresh-db';
import { bookSale } from '../unit/db/sale-fixtures';

const downloads = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('$lib/export/files', async (original) => ({
	...(await original<typeof import('$lib/export/files')>()),
	downloadBlob: (blob: Blob, name: string) => downloads.push({ blob, name })
}));

beforeEach(async () => {
	downloads.length = 0;
	freshDatabase();
	await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
	operator.name = 'Anne';
});

describe('Exports comptables et déclarations', () => {
	it('refuses a reversed period at its field, then downloads the FEC in ISO 8859-15', async () => {
		await recordSale(bookSale(), new Date('2026-10-30T10:00:00Z'));
		const user = userEvent.setup();
		render(ExportsPanel);
		const from = screen.getByLabelText('Du');
		const to = screen.getByLabelText('Au');
		await user.clear(from);
		await user.type(from, '2026-10-31');
		await user.clear(to);
		await user.type(to, '2026-10-01');
		await user.click(screen.getByRole('button', { name: 'Télécharger le FEC' }));
		expect(to.getAttribute('aria-invalid')).toBe('true');
		expect(screen.getByText('La date de fin précède la date de début.')).toBeDefined();
		expect(downloads).toEqual([]);

		await user.clear(from);
		await user.type(from, '2026-10-01');
		await user.clear(to);
		await user.type(to, '2026-10-31');
		await user.click(screen.getByRole('button', { name: 'Télécharger le FEC' }));
		expect((await screen.findByRole('status')).textContent).toContain(
			`FEC ${DEMO_SHOP.siret.slice(0, 9)}FEC20261031.txt téléchargé\u00a0: 1 écriture journalière.`
		);
		const text = new TextDecoder('iso-8859-15').decode(await downloads[0]?.blob.arrayBuffer());
		expect(text.split('\r\n')[1]).toBe(
			'VE\tVentes caisse\t1\t20261030\t530000\tEspèces\t\t\tVE20261030\t20261030\tVentes caisse du 30/10/2026\t17,20\t0,00\t\t\t20261030\t\t'
		);
	});
});

describe('Archives fiscales', () => {
	it('archives a closed month, then downloads it again', async () => {
		await recordSale(bookSale(), new Date('2026-10-30T10:00:00Z'));
		await closePeriod('CAISSE1', 'day', '2026-10-30', '2026-11-23', 'Anne');
		await closePeriod('CAISSE1', 'month', '2026-10-01', '2026-11-23', 'Anne');
		const user = userEvent.setup();
		render(ArchivesPanel, { tillId: 'CAISSE1', closingsMade: 0 });
		await user.click(await screen.findByRole('button', { name: 'Archiver octobre 2026' }));
		expect(
			(await screen.findByText(/Archive de octobre 2026 faite et téléchargée/u)).textContent
		).toContain('comptoir-archive-2026-10.zip');
		expect(downloads.map((d) => d.name)).toEqual(['comptoir-archive-2026-10.zip']);
		expect(await screen.findByText('Aucune archive à faire.')).toBeDefined();
		await user.click(
			screen.getByRole('button', { name: 'Télécharger comptoir-archive-2026-10.zip' })
		);
		expect(
			await screen.findByText(/téléchargée à nouveau\s: ses enregistrements n’ont pas changé/u)
		).toBeDefined();
		expect(downloads).toHaveLength(2);
	});
});

describe('Comptabilité (export FEC)', () => {
	it('says which account is wrong at its field, then saves the plan', async () => {
		const user = userEvent.setup();
		render(AccountPlanSettings);
		const cash = await screen.findByLabelText('Encaissements : Espèces');
		await user.clear(cash);
		await user.type(cash, '99');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le plan de comptes' }));
		expect(cash.getAttribute('aria-invalid')).toBe('true');
		expect(document.activeElement).toBe(cash);
		await user.clear(cash);
		await user.type(cash, '531000');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le plan de comptes' }));
		expect(await screen.findByText(/Plan de comptes enregistré/u)).toBeDefined();
		expect((await getAccountPlan()).byMethod.especes).toBe('531000');
	});
});
