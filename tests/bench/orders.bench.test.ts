/**
 * The bookseller's lists of customer orders (to order, awaited, to notify, not collected) on
 * 100 000 orders, p95 ≤ 50 ms. Years of orders are closed; the lists read only the open ones
 * through the `openStates` index (docs/orders.md), so their cost follows the open orders, not the
 * history. Compared with a raw IndexedDB read of the same rows. Results go to
 * bench/results/orders.json.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { customerOrderRow, openOrdersWith } from '$lib/db/order-repository';
import {
	applyOrderStep,
	assertCents,
	assertVatRateBp,
	createOrder,
	linesWithStatus,
	type CustomerOrder,
	type OrderStep
} from '$lib/domain';
import { orderWorklists } from '$lib/services/orders';
import { request, restNote, waitForRestOf } from './raw-idb';
import { measure, type Figure } from './stats';

const SCALE = Math.min(100_000, Number(import.meta.env.BENCH_SCALE));
const TODAY = '2026-12-03';
const context = { at: '2026-11-20T10:00:00.000Z', day: '2026-11-20', by: 'Bench' };

function step(order: CustomerOrder, next: OrderStep): CustomerOrder {
	const result = applyOrderStep(order, next, context);
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

/** Order `n`: closed for most, else at one of the open stages (about 300 open in all). */
function orderAt(n: number): CustomerOrder {
	const created = createOrder(
		n,
		{
			customerId: null,
			contactName: `Client ${n}`,
			contactPhone: '06 00 00 00 00',
			contactEmail: '',
			note: '',
			depositCode: null,
			lines: [
				{
					ean: `978${String(n).padStart(10, '0')}`,
					title: `Titre ${n}`,
					authors: 'Auteur',
					publisher: `Éditeur ${n % 40}`,
					kind: 'livre',
					vatRateBp: assertVatRateBp(550),
					unitPriceCents: assertCents(1500 + (n % 2000)),
					quantity: 1 + (n % 2)
				}
			]
		},
		context
	);
	if (!created.ok) throw new Error(created.error.message);
	let order = created.value;
	const stage = n % 333;
	if (stage === 0) return order; // à commander
	order = step(order, { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null });
	if (stage === 1) return order; // attendue
	const copies = order.lines[0]?.quantity ?? 1;
	order = step(order, { kind: 'receive', line: 0, quantity: copies });
	if (stage === 2) return order; // à prévenir
	order = step(order, { kind: 'notify', channel: 'sms' });
	if (stage === 3) return order; // prévenu, pas encore venu
	return step(order, { kind: 'collect', line: 0, quantity: copies });
}

it('customer orders: the lists on 100 000 orders', { timeout: 30 * 60_000 }, async () => {
	const db = createDatabase(`bench-orders-${Date.now()}`);
	useDatabaseForTests(db);
	for (let start = 1; start <= SCALE; start += 5_000) {
		const batch = [];
		for (let n = start; n < Math.min(start + 5_000, SCALE + 1); n++) {
			batch.push(customerOrderRow(orderAt(n)));
		}
		await db.customerOrders.bulkAdd(batch);
	}
	// Measured at rest, as the lists are read in a shop, not while the disk compacts the bulk write.
	const settling = await waitForRestOf(db.name, (raw) => ({
		get: (i) =>
			request(
				raw
					.transaction('customerOrders')
					.objectStore('customerOrders')
					.get(1 + ((i * 7919) % SCALE))
			),
		range: () =>
			request(
				raw
					.transaction('customerOrders')
					.objectStore('customerOrders')
					.index('openStates')
					.getAll('a-commander', 20)
			)
	}));
	const toOrder = await measure(
		async () => linesWithStatus(await openOrdersWith('a-commander'), 'a-commander'),
		{ runs: 200, warmup: 20 }
	);
	const toNotify = await measure(
		async () => linesWithStatus(await openOrdersWith('recue'), 'recue'),
		{ runs: 200, warmup: 20 }
	);
	const all = await measure(() => orderWorklists(TODAY), { runs: 100, warmup: 10 });
	const lists = await orderWorklists(TODAY);
	expect(lists.toOrder.flatMap((group) => group.lines).length).toBeGreaterThan(SCALE / 400);
	expect(lists.toNotify.length).toBeGreaterThan(SCALE / 400);
	db.close();

	const raw = await request(indexedDB.open(db.name));
	const rawOpen = (status: string) =>
		measure(
			async () => {
				const store = raw.transaction('customerOrders').objectStore('customerOrders');
				await request(store.index('openStates').getAll(status));
			},
			{ runs: 200, warmup: 20 }
		);
	const rawToOrder = await rawOpen('a-commander');
	const rawToNotify = await rawOpen('recue');
	raw.close();
	useDatabaseForTests(createDatabase(db.name));

	const baseline = {
		name: 'IndexedDB brut : getAll des commandes ouvertes «\u00a0à commander\u00a0» (index)',
		...rawToOrder
	};
	const figures: Figure[] = [
		{
			name: `Liste «\u00a0à commander\u00a0» (${SCALE.toLocaleString('fr-FR')} commandes)`,
			...toOrder,
			target: 'p95 ≤ 50 ms',
			baseline,
			note: restNote(settling)
		},
		{
			name: 'Liste «\u00a0arrivées, client à prévenir\u00a0»',
			...toNotify,
			target: 'p95 ≤ 50 ms',
			baseline: {
				name: 'IndexedDB brut : getAll des commandes ouvertes «\u00a0reçues\u00a0» (index)',
				...rawToNotify
			}
		},
		{
			name: 'Écran Commandes : les quatre listes et les dernières commandes',
			...all,
			baseline,
			note: 'Quatre lectures d’index et les 30 dernières commandes, l’une après l’autre dans IndexedDB.'
		}
	];
	await commands.writeFile('tests/bench/results/orders.json', JSON.stringify(figures, null, 2));
});
