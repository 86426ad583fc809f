import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ManagerPinDialog from '$lib/components/ManagerPinDialog.svelte';
import TillSessionPanel from '$lib/components/till/TillSessionPanel.svelte';
import { setManagerPin } from '$lib/db/security-repository';
import { cashMovements, openTill } from '$lib/db/till-repository';
import { assertCents } from '$lib/domain';
import { freshDatabase } from '../unit/db/fresh-db';

/** Cash taken out of the drawer: checked at its field, and a manager's decision once a PIN is set. */
async function panel() {
	freshDatabase();
	const session = await openTill({
		tillId: 'CAISSE1',
		cashier: 'Anne',
		floatCents: assertCents(5000)
	});
	const user = userEvent.setup();
	render(ManagerPinDialog);
	render(TillSessionPanel, { session, onclosed: () => {}, onprintx: () => {} });
	await user.click(screen.getByRole('button', { name: 'Mouvement d’espèces' }));
	return { session, user };
}

describe('Mouvement d’espèces', () => {
	it('refuses « -0 » at the amount field and records nothing', async () => {
		const { session, user } = await panel();
		await user.type(screen.getByLabelText('Montant (€)'), '-0');
		await user.type(screen.getByLabelText('Motif'), 'Dépôt{Enter}');
		const amount = screen.getByLabelText('Montant (€)');
		expect(amount.getAttribute('aria-invalid')).toBe('true');
		expect(
			document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent
		).toBe('Le montant doit être supérieur à zéro.');
		expect(await cashMovements(session.id)).toEqual([]);
	});

	it('asks the manager PIN before cash leaves the drawer', async () => {
		const { session, user } = await panel();
		await setManagerPin('2468', '');
		await user.type(screen.getByLabelText('Montant (€)'), '50');
		await user.type(screen.getByLabelText('Motif'), 'Dépôt en banque{Enter}');
		const dialog = await screen.findByRole('dialog', { name: 'Code PIN responsable' });
		expect(dialog.textContent).toContain('pour sortir de l’argent du tiroir');
		await user.type(screen.getByLabelText('Code PIN'), '2468{Enter}');
		expect((await screen.findByRole('status')).textContent).toBe(
			'Mouvement enregistré\u00a0: -50,00\u00a0€ (Dépôt en banque).'
		);
		expect((await cashMovements(session.id)).map((m) => m.amountCents)).toEqual([-5000]);
	});
});
