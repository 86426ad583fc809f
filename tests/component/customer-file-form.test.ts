import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CustomerFileForm from '$lib/components/customers/CustomerFileForm.svelte';
import { saveCustomerFile } from '$lib/db/customer-repository';
import { EMPTY_CUSTOMER_FILE, type CustomerFile } from '$lib/domain';
import { freshDatabase } from '../unit/db/fresh-db';

describe('Fiche client', () => {
	it('warns of a likely duplicate before creating, then creates on request', async () => {
		const db = freshDatabase();
		await saveCustomerFile(
			{
				...(EMPTY_CUSTOMER_FILE as unknown as CustomerFile),
				paymentTermDays: null,
				lastName: 'Vasseur',
				email: 'l.vasseur@example.fr',
				addresses: []
			},
			null
		);
		const onsaved = vi.fn();
		const user = userEvent.setup();
		render(CustomerFileForm, { customer: null, onsaved });
		await user.type(screen.getByLabelText('Nom'), 'Vasseur');
		await user.type(screen.getByLabelText('E-mail'), 'L.Vasseur@example.fr');
		await user.click(screen.getByRole('button', { name: 'Créer le client' }));
		expect((await screen.findByRole('alert')).textContent).toContain(
			'Même e-mail que le client n° 1000001 (VASSEUR).'
		);
		expect(onsaved).not.toHaveBeenCalled();
		expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Créer quand même' }));
		await user.click(screen.getByRole('button', { name: 'Créer quand même' }));
		await vi.waitFor(() =>
			expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ number: '1000002' }))
		);
		expect(await db.customers.count()).toBe(2);
	});

	it('asks a public body for its SIRET, at the field, and saves nothing', async () => {
		const db = freshDatabase();
		const onsaved = vi.fn();
		const user = userEvent.setup();
		render(CustomerFileForm, { customer: null, onsaved });
		await user.selectOptions(
			screen.getByLabelText('Statut pour accorder une remise Loi Lang'),
			'collectivite'
		);
		await user.type(screen.getByLabelText('Intitulé professionnel'), 'Mairie de Lens');
		await user.click(screen.getByRole('button', { name: 'Créer le client' }));
		const siret = screen.getByLabelText(/^SIRET/u);
		expect(siret.getAttribute('aria-invalid')).toBe('true');
		expect(document.activeElement).toBe(siret);
		expect(
			screen.getByText('Le SIRET d’un organisme public est obligatoire (factures Chorus Pro).')
		).toBeTruthy();
		expect(await db.customers.count()).toBe(0);
		expect(onsaved).not.toHaveBeenCalled();
	});
});
