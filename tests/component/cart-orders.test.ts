import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { cart } from '$lib/state/cart.svelte';

vi.mock(
	'$lib/workers/domain-client',
	async () => (await import('./domain-worker-mock')).inProcessDomain
);

const setAside = {
	ean: '9782266248549',
	title: 'Perry Rhodan 318',
	authors: 'Scheer',
	publisher: 'Pocket',
	kind: 'livre' as const,
	unitPriceCents: assertCents(860),
	vatRateBp: assertVatRateBp(550),
	quantity: 1,
	order: { orderId: 4, number: 27846, line: 0 }
};
const customer = {
	id: 7,
	number: '1000007',
	name: 'VASSEUR Laurent',
	status: 'particulier' as const,
	postalCode: '62300',
	schoolPricing: false,
	termDays: 0
};

afterEach(() => cart.reset());

describe('a customer order rung up at the till', () => {
	it('adds the copies set aside once, for their customer, with the deposit, selected; a scan never adds to them', async () => {
		const deposit = { code: '2888400000015', availableCents: assertCents(500) };
		expect(await cart.ringUpOrder({ lines: [setAside], customer, deposit })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await cart.ringUpOrder({ lines: [setAside], customer, deposit })).toMatchObject({
			ok: true
		});
		expect(cart.lines).toHaveLength(1);
		expect(cart.customer?.id).toBe(7);
		expect(cart.orderDeposit).toEqual(deposit);
		expect(cart.selected).toBe(0);
		expect(cart.collections).toEqual([{ orderId: 4, line: 0, quantity: 1 }]);

		// The same title scanned for someone else: a line of its own, not the order's.
		cart.addArticle({
			ean: setAside.ean,
			title: setAside.title,
			authors: setAside.authors,
			publisher: setAside.publisher,
			kind: setAside.kind,
			unitPriceCents: setAside.unitPriceCents,
			vatRateBp: setAside.vatRateBp
		});
		expect(cart.lines.map((line) => line.quantity)).toEqual([1, 1]);
		expect(cart.collections).toHaveLength(1);

		// Kept on disk and restored with the order's link and deposit.
		const draft = cart.draft();
		expect(structuredClone(draft)).toEqual(draft);
		cart.clear();
		expect(cart.orderDeposit).toBeNull();
		cart.restore(draft);
		expect(cart.collections).toEqual([{ orderId: 4, line: 0, quantity: 1 }]);
		expect(cart.orderDeposit).toEqual(deposit);
	});
});
