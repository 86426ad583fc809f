import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ManagerPinDialog from '$lib/components/ManagerPinDialog.svelte';
import ManagerPinSettings from '$lib/components/ManagerPinSettings.svelte';
import { setManagerPin } from '$lib/db/security-repository';
import { managerGate } from '$lib/state/manager-gate.svelte';
import { freshDatabase } from '../unit/db/fresh-db';

describe('Code PIN responsable', () => {
	it('lets an action go on without asking while no PIN is set', async () => {
		freshDatabase();
		render(ManagerPinDialog);
		await expect(managerGate.confirm('cancel-ticket')).resolves.toBe(true);
		expect(screen.queryByRole('dialog')).toBeNull();
	});

	it('asks the PIN, refuses a wrong one at the field, then lets the action go on', async () => {
		freshDatabase();
		await setManagerPin('2468', '');
		const user = userEvent.setup();
		render(ManagerPinDialog);
		const allowed = managerGate.confirm('close-period');
		const dialog = await screen.findByRole('dialog', { name: 'Code PIN responsable' });
		expect(dialog.textContent).toContain('pour clôturer la période');
		const field = screen.getByLabelText('Code PIN');
		expect(document.activeElement).toBe(field);
		await user.type(field, '1111{Enter}');
		expect((await screen.findByRole('alert')).textContent).toBe(
			'Code PIN incorrect (pour clôturer la période).'
		);
		expect(field.getAttribute('aria-invalid')).toBe('true');
		await user.type(field, '2468{Enter}');
		await expect(allowed).resolves.toBe(true);
		expect(screen.queryByRole('dialog')).toBeNull();
	});

	it('gives up the action when the dialog is closed with Échap', async () => {
		freshDatabase();
		await setManagerPin('2468', '');
		const user = userEvent.setup();
		render(ManagerPinDialog);
		const allowed = managerGate.confirm('training-mode');
		await screen.findByRole('dialog');
		await user.keyboard('{Escape}');
		await expect(allowed).resolves.toBe(false);
		expect(screen.queryByRole('dialog')).toBeNull();
	});

	it('says in Paramètres what the PIN guards, refunds and cash taken out included', async () => {
		freshDatabase();
		render(ManagerPinSettings);
		const guards = within(screen.getByTestId('pin-guards'))
			.getAllByRole('listitem')
			.map((item) => item.textContent);
		expect(guards).toContain('rembourser un client');
		expect(guards).toContain('sortir de l’argent du tiroir');
		expect(guards).toContain('clôturer la période');
	});
});
