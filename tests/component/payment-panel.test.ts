import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import PaymentPanel from '$lib/components/till/PaymentPanel.svelte';
import { addDays, assertCents, parisDay } from '$lib/domain';
import { freshDatabase } from '../unit/db/fresh-db';

vi.mock(
	'$lib/workers/domain-client',
	async () => (await import('./domain-worker-mock')).inProcessDomain
);

function setup(totalCents: number, hasCustomer = false) {
	const onvalidate = vi.fn(async () => null);
	const oncancel = vi.fn();
	render(PaymentPanel, { totalCents: assertCents(totalCents), hasCustomer, onvalidate, oncancel });
	return { onvalidate, oncancel, user: userEvent.setup() };
}

describe('Encaisser', () => {
	it('cash gives change: 20,00 € for 12,60 € → 7,40 € to give back', async () => {
		freshDatabase();
		const { user, onvalidate } = setup(1260);
		const amount = screen.getByLabelText(/^Montant/u);
		expect((amount as HTMLInputElement).value).toBe('12,60');
		await user.clear(amount);
		await user.type(amount, '20{Enter}');
		expect(screen.getByTestId('change-due').textContent).toBe('7,40\u00a0€');
		await user.click(screen.getByRole('button', { name: 'Valider la vente' }));
		expect(onvalidate).toHaveBeenCalledWith(
			[{ method: 'especes', amountCents: 2000 }],
			expect.objectContaining({ changeCents: 740 }),
			null
		);
	});

	it('several tenders: card then cash for the rest', async () => {
		freshDatabase();
		const { user, onvalidate } = setup(4540);
		await user.click(screen.getByLabelText('Carte bancaire'));
		const amount = screen.getByLabelText(/^Montant/u);
		await user.clear(amount);
		await user.type(amount, '40{Enter}');
		expect(screen.getByText(/Reste à payer/u).textContent).toMatch(/5,40/u);
		await user.click(screen.getByLabelText('Espèces'));
		await user.type(screen.getByLabelText(/^Montant/u), '{Enter}');
		await user.click(screen.getByRole('button', { name: 'Valider la vente' }));
		expect(onvalidate).toHaveBeenCalledWith(
			[
				{ method: 'carte', amountCents: 4000 },
				{ method: 'especes', amountCents: 540 }
			],
			expect.objectContaining({ changeCents: 0 }),
			null
		);
	});

	it('« en compte » asks for the due date, set from the customer’s term, and refuses one past 60 days', async () => {
		freshDatabase();
		const onvalidate = vi.fn(async () => null);
		render(PaymentPanel, {
			totalCents: assertCents(5790),
			hasCustomer: true,
			termDays: 30,
			onvalidate,
			oncancel: vi.fn()
		});
		const user = userEvent.setup();
		expect(screen.queryByLabelText('Échéance du règlement en compte')).toBeNull();
		await user.type(screen.getByLabelText(/^Montant/u), 't{Enter}');
		const due = screen.getByLabelText('Échéance du règlement en compte') as HTMLInputElement;
		const today = parisDay(new Date());
		expect(due.value).toBe(addDays(today, 30));
		expect(screen.getByText(/Délai du client\s:\s30\sjours/u)).toBeTruthy();
		await fireEvent.input(due, { target: { value: addDays(today, 90) } });
		await user.click(screen.getByRole('button', { name: 'Valider la vente' }));
		expect(onvalidate).not.toHaveBeenCalled();
		expect(screen.getByRole('alert').textContent).toMatch(/dépasse 60\sjours/u);
		await fireEvent.input(due, { target: { value: addDays(today, 45) } });
		await user.click(screen.getByRole('button', { name: 'Valider la vente' }));
		expect(onvalidate).toHaveBeenCalledWith(
			[{ method: 'en-compte', amountCents: 5790 }],
			expect.anything(),
			addDays(today, 45)
		);
	});

	it('the amount offered follows the total until a payment is added (a discount computed after F8)', async () => {
		freshDatabase();
		const onvalidate = vi.fn(async () => null);
		const { rerender } = render(PaymentPanel, {
			totalCents: assertCents(3385),
			hasCustomer: true,
			onvalidate,
			oncancel: vi.fn()
		});
		await rerender({ totalCents: assertCents(3080) });
		const amount = screen.getByLabelText(/^Montant/u) as HTMLInputElement;
		expect(amount.value).toBe('30,80');
		expect(screen.getByRole('heading').textContent).toMatch(/30,80/u);
	});

	it('the due date follows the customer’s term until the bookseller changes it (a customer attached just before F8)', async () => {
		freshDatabase();
		const { rerender } = render(PaymentPanel, {
			totalCents: assertCents(3080),
			hasCustomer: true,
			termDays: 0,
			onvalidate: vi.fn(async () => null),
			oncancel: vi.fn()
		});
		const user = userEvent.setup();
		await user.type(screen.getByLabelText(/^Montant/u), 't{Enter}');
		const due = screen.getByLabelText('Échéance du règlement en compte') as HTMLInputElement;
		const today = parisDay(new Date());
		expect(due.value).toBe(today);
		await rerender({ termDays: 30 });
		expect(due.value).toBe(addDays(today, 30));
		await fireEvent.input(due, { target: { value: addDays(today, 10) } });
		await rerender({ termDays: 45 });
		expect(due.value).toBe(addDays(today, 10));
	});

	it('refuses change from a card, at the amount field, in French', async () => {
		freshDatabase();
		const { user, onvalidate } = setup(1000);
		await user.click(screen.getByLabelText('Carte bancaire'));
		const amount = screen.getByLabelText(/^Montant/u);
		await user.clear(amount);
		await user.type(amount, '12{Enter}');
		expect((await screen.findByRole('alert')).textContent).toMatch(
			/seules les espèces rendent la monnaie/u
		);
		expect(amount.getAttribute('aria-invalid')).toBe('true');
		expect(onvalidate).not.toHaveBeenCalled();
	});

	it('asks for a known code for a gift voucher; "en compte" needs a customer', async () => {
		freshDatabase();
		const { user } = setup(1000);
		expect((screen.getByLabelText('En compte (à échéance)') as HTMLInputElement).disabled).toBe(
			true
		);
		await user.click(screen.getByLabelText('Bon cadeau'));
		await user.type(screen.getByLabelText(/Code du bon cadeau/u), 'BC-404');
		await user.click(screen.getByRole('button', { name: 'Ajouter le règlement' }));
		expect((await screen.findByRole('alert')).textContent).toMatch(/Code «\sBC-404\s» inconnu/u);
	});

	it('an unfinished payment cannot be validated and says what is left', async () => {
		freshDatabase();
		const { user, onvalidate } = setup(1000);
		const amount = screen.getByLabelText(/^Montant/u);
		await user.clear(amount);
		await user.type(amount, '4{Enter}');
		await user.click(screen.getByRole('button', { name: 'Valider la vente' }));
		expect((await screen.findByRole('alert')).textContent).toMatch(/Il reste 6,00\s€ à encaisser/u);
		expect(onvalidate).not.toHaveBeenCalled();
	});
});
