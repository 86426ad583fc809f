import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import IntegrityCheck from '$lib/components/IntegrityCheck.svelte';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { freshDatabase } from '../unit/db/fresh-db';
import { bookSale } from '../unit/db/sale-fixtures';

beforeEach(async () => {
	freshDatabase();
	await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
	for (let day = 1; day <= 3; day++) {
		await recordSale(bookSale(), new Date(`2026-11-0${day}T10:00:00Z`));
	}
});

describe('« Vérifier l’intégrité » in Paramètres', () => {
	it('shows its verdict, still there when the bookseller comes back to the page [INA-05]', async () => {
		const user = userEvent.setup();
		const first = render(IntegrityCheck);
		await user.click(screen.getByRole('button', { name: 'Vérifier l’intégrité' }));
		const verdict = await screen.findByText(/Intégrité vérifiée/u);
		expect(verdict.textContent).toMatch(
			/enregistrements,\s+toutes\s+les\s+chaînes\s+et\s+signatures/u
		);
		first.unmount();

		render(IntegrityCheck);
		expect(screen.getByText(/Intégrité vérifiée/u)).toBeTruthy();
		expect(screen.getByRole('button', { name: 'Vérifier l’intégrité' })).toHaveProperty(
			'disabled',
			false
		);
	});
});
