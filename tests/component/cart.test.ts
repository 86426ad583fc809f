import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CartTable from '$lib/components/till/CartTable.svelte';
import TotalsPanel from '$lib/components/till/TotalsPanel.svelte';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { activity } from '$lib/state/activity.svelte';
import { cart } from '$lib/state/cart.svelte';

vi.mock(
	'$lib/workers/domain-client',
	async () => (await import('./domain-worker-mock')).inProcessDomain
);

const book = {
	ean: '9782266248549',
	title: 'Perry Rhodan 318',
	authors: 'Scheer',
	publisher: 'Pocket',
	kind: 'livre' as const,
	unitPriceCents: assertCents(860),
	vatRateBp: assertVatRateBp(550)
};
const notebook = {
	ean: '2000000000015',
	title: 'Carnet',
	authors: '',
	publisher: '',
	kind: 'autre' as const,
	unitPriceCents: assertCents(490),
	vatRateBp: assertVatRateBp(2000)
};

afterEach(() => cart.reset());

describe('the ticket being rung up', () => {
	it('a scan adds a line at once; a second scan adds one; totals per rate follow', async () => {
		render(CartTable);
		render(TotalsPanel, { onpay: () => undefined });
		cart.addArticle(book);
		cart.addArticle(book);
		cart.addArticle(notebook);
		expect(activity.saleInProgress).toBe(true);
		await waitFor(() =>
			expect(screen.getByTestId('ticket-total').textContent).toBe('22,10\u00a0€')
		);
		expect((screen.getByLabelText('Quantité de Perry Rhodan 318') as HTMLInputElement).value).toBe(
			'2'
		);
		expect(screen.getByRole('table', { name: 'TVA par taux' }).textContent).toMatch(
			/5,5\s%.*16,30.*0,90.*17,20.*20\s%.*4,08.*0,82.*4,90/su
		);
	});

	it('refuses 10 % off a book for a consumer at the discount field, and keeps the ticket', async () => {
		const user = userEvent.setup();
		render(CartTable);
		render(TotalsPanel, { onpay: () => undefined });
		cart.addArticle(book);
		flushSync();
		const discount = screen.getByLabelText('Remise sur Perry Rhodan 318');
		await user.type(discount, '10\u00a0%{Enter}');
		expect((await screen.findByRole('alert')).textContent).toMatch(
			/loi Lang limite la remise sur les livres à 5\s%/u
		);
		expect(discount.getAttribute('aria-invalid')).toBe('true');
		// The refused figure does not stay typed: the field shows what applies (none here).
		expect((discount as HTMLInputElement).value).toBe('');
		expect(discount.getAttribute('placeholder')).toBe('aucune');
		expect(screen.getByTestId('ticket-total').textContent).toBe('8,60\u00a0€');
		await user.clear(discount);
		await user.type(discount, '5\u00a0%{Enter}');
		await waitFor(() => expect(screen.getByTestId('ticket-total').textContent).toBe('8,17\u00a0€'));
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('a library gets the collectivity discount on books, not on stationery', async () => {
		render(TotalsPanel, { onpay: () => undefined });
		cart.addArticle(book);
		cart.addArticle(notebook);
		await cart.attachCustomer({
			id: 3,
			number: '1000003',
			name: 'Médiathèque',
			status: 'bibliotheque',
			postalCode: '62300'
		});
		await waitFor(() =>
			expect(screen.getByTestId('ticket-total').textContent).toBe('12,73\u00a0€')
		);
		expect(cart.totals?.lines.map((l) => l.discountCents)).toEqual([77, 0]);
	});

	it('the school tariff discounts school books: free price for a school, 5 % for a consumer', async () => {
		const schoolBook = {
			...book,
			ean: '9782091234567',
			title: 'Manuel de CM1',
			kind: 'livre-scolaire' as const,
			unitPriceCents: assertCents(2000)
		};
		cart.setSchoolBookDiscountBp(1500);
		cart.addArticle(schoolBook);
		cart.addArticle(book);
		await cart.attachCustomer({
			id: 4,
			number: '1000004',
			name: 'École Jules Ferry',
			status: 'ecole',
			postalCode: '62300',
			schoolPricing: true
		});
		// 15 % on the school book; the collectivity discount (9 %) on the other book.
		expect(cart.totals?.lines.map((l) => l.discountCents)).toEqual([300, 77]);
		await cart.attachCustomer({
			id: 5,
			number: '1000005',
			name: 'Parent',
			status: 'particulier',
			postalCode: '62300',
			schoolPricing: true
		});
		expect(cart.totals?.lines.map((l) => l.discountCents)).toEqual([100, 0]);
	});

	it('buttons change quantities; a line can be removed; an empty cart ends the sale', async () => {
		const user = userEvent.setup();
		render(CartTable);
		cart.addArticle(book);
		flushSync();
		await user.click(
			screen.getByRole('button', { name: 'Augmenter la quantité de Perry Rhodan 318' })
		);
		expect((screen.getByLabelText('Quantité de Perry Rhodan 318') as HTMLInputElement).value).toBe(
			'2'
		);
		await user.click(screen.getByRole('button', { name: 'Retirer Perry Rhodan 318' }));
		expect(cart.isEmpty).toBe(true);
		expect(activity.saleInProgress).toBe(false);
	});
});

describe('quantities typed in the line', () => {
	it('Enter applies a typed quantity and gives the keyboard back; 0 and words are refused at the field', async () => {
		const user = userEvent.setup();
		const onaction = vi.fn();
		render(CartTable, { onaction });
		cart.addArticle(book, 30);
		flushSync();
		const quantity = screen.getByLabelText('Quantité de Perry Rhodan 318') as HTMLInputElement;
		expect(quantity.value).toBe('30');
		await user.clear(quantity);
		await user.type(quantity, '12{Enter}');
		await waitFor(() => expect(cart.lines[0]?.quantity).toBe(12));
		expect(onaction).toHaveBeenCalledOnce();
		await user.clear(quantity);
		await user.type(quantity, '0{Enter}');
		expect((await screen.findByRole('alert')).textContent).toBe(
			'Quantité 0\u00a0: utilisez «\u00a0Retirer\u00a0» (✕ ou Suppr) pour enlever la ligne.'
		);
		expect(quantity.value).toBe('12');
		await user.clear(quantity);
		await user.type(quantity, 'douze{Enter}');
		expect(screen.getByRole('alert').textContent).toMatch(/^Quantité invalide/u);
		expect(cart.lines[0]?.quantity).toBe(12);
		expect(onaction).toHaveBeenCalledOnce();
	});
});
