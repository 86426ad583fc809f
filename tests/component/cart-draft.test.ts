import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCartDraft, saveCartDraft } from '$lib/db/settings-repository';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { cart, isCartDraft } from '$lib/state/cart.svelte';
import { freshDatabase } from '../unit/db/fresh-db';

vi.mock(
	'$lib/workers/domain-client',
	async () => (await import('./domain-worker-mock')).inProcessDomain
);

afterEach(() => cart.reset());

const book = {
	ean: '9782266248549',
	title: 'Perry Rhodan 318',
	authors: 'Scheer',
	publisher: 'Pocket',
	kind: 'livre' as const,
	unitPriceCents: assertCents(860),
	vatRateBp: assertVatRateBp(550)
};

describe('the sale kept on disk (a reload never loses a sale)', () => {
	it('comes back whole after a round trip through IndexedDB', async () => {
		freshDatabase();
		cart.addArticle(book);
		cart.addArticle(book);
		await cart.setTicketDiscount({ kind: 'percent', bp: 500 });
		cart.addIssue({
			kind: 'gift-voucher',
			amountCents: assertCents(2000),
			validUntil: '2099-01-01',
			orderReference: ''
		});
		await saveCartDraft({ ...cart.draft() });
		cart.reset();
		expect(cart.isEmpty).toBe(true);

		const saved = await getCartDraft();
		expect(isCartDraft(saved)).toBe(true);
		if (!isCartDraft(saved)) return;
		cart.restore(saved);
		await vi.waitFor(() => expect(cart.amountToPayCents).toBe(1634 + 2000));
		expect(cart.lines.map((l) => [l.title, l.quantity])).toEqual([['Perry Rhodan 318', 2]]);
		expect(cart.ticketDiscount).toEqual({ kind: 'percent', bp: 500 });

		await saveCartDraft(null);
		expect(await getCartDraft()).toBeUndefined();
	});

	it.each([
		[undefined],
		[null],
		['vente'],
		[{ lines: 'x', issues: [] }],
		[{ lines: [{ title: 'A', quantity: 1.5, unitPriceCents: 100 }], issues: [] }],
		[{ lines: [], issues: 'x' }]
	])('refuses to restore %j', (value) => {
		expect(isCartDraft(value)).toBe(false);
	});
});
