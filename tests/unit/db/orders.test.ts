import { describe, expect, it } from 'vitest';
import { getStock } from '$lib/db/article-repository';
import {
	customerOrdersOf,
	getCustomerOrder,
	openOrdersWith,
	ordersHolding,
	recordCustomerOrder,
	recordCustomerOrderStep
} from '$lib/db/order-repository';
import { recordTillSale } from '$lib/db/ticket-repository';
import { assertCents, assertVatRateBp, type NewOrder } from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

const EAN = '9782070000001';

const order: NewOrder = {
	customerId: 7,
	contactName: '',
	contactPhone: '',
	contactEmail: '',
	note: '',
	depositCode: null,
	lines: [
		{
			ean: EAN,
			title: 'Le Jardin',
			authors: 'A. Auteur',
			publisher: 'Gallimard',
			kind: 'livre',
			vatRateBp: assertVatRateBp(550),
			unitPriceCents: assertCents(2000),
			quantity: 2
		}
	]
};

describe('customer orders in IndexedDB', () => {
	it('numbers orders in one series, journals each change, and lists them by what they need', async () => {
		const db = freshDatabase();
		const first = await recordCustomerOrder({ order, by: 'Anne' });
		const second = await recordCustomerOrder({ order: { ...order, customerId: 8 }, by: 'Anne' });
		if (!first.ok || !second.ok) throw new Error('refused');
		expect([first.value.number, second.value.number]).toEqual([1, 2]);
		expect((await openOrdersWith('a-commander')).map((o) => o.number)).toEqual([1, 2]);
		expect((await customerOrdersOf(7)).map((o) => o.number)).toEqual([1]);

		const ordered = await recordCustomerOrderStep({
			orderId: first.value.id,
			step: { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null },
			by: 'Anne'
		});
		expect(ordered.ok).toBe(true);
		expect((await openOrdersWith('a-commander')).map((o) => o.number)).toEqual([2]);
		expect((await openOrdersWith('commandee')).map((o) => o.number)).toEqual([1]);
		const types = (await db.journal.toArray()).map((entry) => entry.type);
		expect(types.filter((t) => t.startsWith('order-'))).toEqual([
			'order-created',
			'order-created',
			'order-step'
		]);
	});

	it('a copy received is in stock and set aside; the till finds the order by its EAN', async () => {
		freshDatabase();
		const created = await recordCustomerOrder({ order, by: 'Anne' });
		if (!created.ok) throw new Error(created.error.message);
		const id = created.value.id;
		await recordCustomerOrderStep({
			orderId: id,
			step: { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null },
			by: 'Anne'
		});
		const received = await recordCustomerOrderStep({
			orderId: id,
			step: { kind: 'receive', line: 0, quantity: 1 },
			by: 'Anne'
		});
		expect(received.ok).toBe(true);
		expect(await getStock(EAN)).toBe(1);
		expect((await ordersHolding(EAN)).map((o) => o.id)).toEqual([id]);
		expect((await openOrdersWith('recue')).map((o) => o.id)).toEqual([id]);
	});

	it('a refused form takes no number; a refused step changes nothing', async () => {
		const db = freshDatabase();
		const refused = await recordCustomerOrder({ order: { ...order, lines: [] }, by: 'Anne' });
		expect(refused).toMatchObject({ ok: false, error: { code: 'ORDER_EMPTY' } });
		expect(await db.sequences.get('commandes-devis-prets')).toBeUndefined();
		const created = await recordCustomerOrder({ order, by: 'Anne' });
		if (!created.ok) throw new Error(created.error.message);
		expect(created.value.number).toBe(1);
		const step = await recordCustomerOrderStep({
			orderId: created.value.id,
			step: { kind: 'receive', line: 0, quantity: 1 },
			by: 'Anne'
		});
		expect(step).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_ORDERED' } });
		expect(await getCustomerOrder(created.value.id)).toEqual(created.value);
		expect(
			await recordCustomerOrderStep({
				orderId: 999,
				step: { kind: 'notify', channel: 'sms' },
				by: 'Anne'
			})
		).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN' } });
	});
});

describe('customer orders collected at the till', () => {
	async function receivedOrder() {
		const created = await recordCustomerOrder({ order, by: 'Anne' });
		if (!created.ok) throw new Error(created.error.message);
		const id = created.value.id;
		await recordCustomerOrderStep({
			orderId: id,
			step: { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null },
			by: 'Anne'
		});
		await recordCustomerOrderStep({
			orderId: id,
			step: { kind: 'receive', line: 0, quantity: 1 },
			by: 'Anne'
		});
		return id;
	}

	it('the copy sold becomes « retirée » in the sale’s own transaction', async () => {
		const db = freshDatabase();
		const id = await receivedOrder();
		const ticket = await recordTillSale(bookSale(), new Date(), [
			{ orderId: id, line: 0, quantity: 1 }
		]);
		const after = await getCustomerOrder(id);
		expect(after?.lines[0]).toMatchObject({ received: 1, collected: 1 });
		expect(after?.history.at(-1)).toMatchObject({
			by: 'Anne',
			text: expect.stringMatching(/^Retiré 1/u)
		});
		expect(await ordersHolding(EAN)).toEqual([]);
		expect(await db.tickets.get(ticket.id)).toBeDefined();
	});

	it('collecting more than was set aside refuses the whole sale: no ticket, nothing collected', async () => {
		const db = freshDatabase();
		const id = await receivedOrder();
		await expect(
			recordTillSale(bookSale(), new Date(), [{ orderId: id, line: 0, quantity: 2 }])
		).rejects.toThrow(/^Commande n°\s1\s: Au plus 1\sexemplaire à retirer/u);
		expect(await db.tickets.count()).toBe(0);
		expect((await getCustomerOrder(id))?.lines[0]?.collected).toBe(0);
		await expect(
			recordTillSale(bookSale(), new Date(), [{ orderId: 99, line: 0, quantity: 1 }])
		).rejects.toThrow('La commande de ce livre est introuvable.');
	});

	it('a training sale collects nothing', async () => {
		freshDatabase();
		const id = await receivedOrder();
		await recordTillSale(bookSale({ training: 1 }), new Date(), [
			{ orderId: id, line: 0, quantity: 1 }
		]);
		expect((await getCustomerOrder(id))?.lines[0]?.collected).toBe(0);
	});
});
