import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import IssueBalanceForm from '$lib/components/till/IssueBalanceForm.svelte';
import { cart } from '$lib/state/cart.svelte';

vi.mock(
	'$lib/workers/domain-client',
	async () => (await import('./domain-worker-mock')).inProcessDomain
);

afterEach(() => cart.reset());

describe('Bon cadeau ou acompte', () => {
	it('adds a gift voucher to the sale, outside the VAT total', async () => {
		const user = userEvent.setup();
		render(IssueBalanceForm);
		await user.type(screen.getByLabelText('Montant'), '30{Enter}');
		expect(cart.issues).toEqual([
			expect.objectContaining({ kind: 'gift-voucher', amountCents: 3000 })
		]);
		await vi.waitFor(() => expect(cart.amountToPayCents).toBe(3000));
		expect(cart.totals?.ttcCents).toBe(0);
	});

	it('refuses a deposit without a customer, at the amount, with the reason', async () => {
		const user = userEvent.setup();
		render(IssueBalanceForm);
		await user.click(screen.getByLabelText('Acompte'));
		await user.type(screen.getByLabelText('Montant'), '15');
		await user.click(screen.getByRole('button', { name: 'Ajouter au ticket' }));
		expect(screen.getByRole('alert').textContent).toBe(
			'Un acompte se rattache à un client\u00a0: choisissez-le d’abord (F4).'
		);
		expect(screen.getByLabelText('Montant').getAttribute('aria-invalid')).toBe('true');
		expect(cart.issues).toEqual([]);
	});
});
