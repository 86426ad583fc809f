/**
 * Customer orders in IndexedDB (docs/orders.md): each change is one transaction with its journal
 * entry; the order's lines, history and index fields are written together.
 */
import {
	applyOrderStep,
	createOrder,
	err,
	ok,
	parisDay,
	orderLineStatus,
	reservedCopies,
	type CustomerOrder,
	type NewOrder,
	type OrderLineStatus,
	type OrderStep,
	type Result
} from '$lib/domain';
import { queueStockMovement, revisionTables } from './catalogue-sync';
import { addJournalEntry } from './chain-repository';
import { getDb, nextInSequence } from './db';
import type { CustomerOrderRow, Unsaved } from './schema';

/** One series for the seed's « Commandes - Devis - Prêts »: orders, quotes and loans. */
export const FILE_SEQUENCE = 'commandes-devis-prets';

/** The order with what its indexes read: open lines' statuses, titles set aside. */
export function customerOrderRow(order: CustomerOrder): Unsaved<CustomerOrderRow> {
	const open = new Set<OrderLineStatus>();
	const reserved = new Set<string>();
	for (const line of order.lines) {
		const status = orderLineStatus(line);
		if (status !== 'retiree' && status !== 'annulee') open.add(status);
		if (reservedCopies(line) > 0 && line.ean) reserved.add(line.ean);
	}
	return { ...order, openStates: [...open], reservedEans: [...reserved] };
}

/** Records a new order, numbered in its series, or says why the form is refused. */
export async function recordCustomerOrder(input: {
	order: NewOrder;
	by: string;
	now?: Date;
}): Promise<Result<CustomerOrderRow>> {
	const db = getDb();
	const context = stepContext(input.by, input.now);
	// Checked before a number is taken: a refused form spends none.
	const checked = createOrder(0, input.order, context);
	if (!checked.ok) return checked;
	const row = await db.transaction(
		'rw',
		[db.customerOrders, db.sequences, db.journal, db.chainHeads],
		async () => {
			const number = await nextInSequence(FILE_SEQUENCE);
			const unsaved = customerOrderRow({ ...checked.value, number });
			const saved: CustomerOrderRow = { ...unsaved, id: await db.customerOrders.add(unsaved) };
			await addJournalEntry({
				at: context.at,
				type: 'order-created',
				detail: { orderId: saved.id, number, by: input.by }
			});
			return saved;
		}
	);
	return ok(row);
}

/**
 * One step of an order's life (ordered, received, customer told, cancelled), in one transaction:
 * the order, the stock of the copies that arrived, the journal. Refused steps change nothing.
 */
export async function recordCustomerOrderStep(input: {
	orderId: number;
	step: OrderStep;
	by: string;
	now?: Date;
}): Promise<Result<CustomerOrderRow>> {
	const db = getDb();
	const context = stepContext(input.by, input.now);
	return db.transaction(
		'rw',
		[db.customerOrders, db.stock, db.journal, db.chainHeads, ...revisionTables(db)],
		async (): Promise<Result<CustomerOrderRow>> => {
			const current = await db.customerOrders.get(input.orderId);
			if (!current) return err('ORDER_UNKNOWN', 'Cette commande est introuvable.');
			const next = applyOrderStep(current, input.step, context);
			if (!next.ok) return next;
			const row: CustomerOrderRow = { ...customerOrderRow(next.value), id: current.id };
			await db.customerOrders.put(row);
			const { step } = input;
			if (step.kind === 'receive') {
				// The copies are in the shop now, set aside for the customer until collected.
				const ean = current.lines[step.line]?.ean;
				if (ean) {
					const stock = (await db.stock.get(ean))?.quantity ?? 0;
					await db.stock.put({ ean, quantity: stock + step.quantity });
					// The other tills of the shop count these copies too (docs/replication.md).
					await queueStockMovement(ean, step.quantity, context.by, context.at);
				}
			}
			await addJournalEntry({
				at: context.at,
				type: 'order-step',
				detail: { orderId: row.id, number: row.number, step: step.kind, by: input.by }
			});
			return ok(row);
		}
	);
}

function stepContext(by: string, now = new Date()) {
	return { at: now.toISOString(), day: parisDay(now), by };
}

export async function getCustomerOrder(id: number): Promise<CustomerOrderRow | undefined> {
	return getDb().customerOrders.get(id);
}

/** A customer's orders, newest first. */
export async function customerOrdersOf(customerId: number): Promise<CustomerOrderRow[]> {
	const rows = await getDb().customerOrders.where('customerId').equals(customerId).toArray();
	return rows.sort((a, b) => b.number - a.number);
}

/** Open orders with a line in `status`, oldest first: the bookseller's worklists. */
export async function openOrdersWith(status: OrderLineStatus): Promise<CustomerOrderRow[]> {
	const rows = await getDb().customerOrders.where('openStates').equals(status).toArray();
	return rows.sort((a, b) => a.number - b.number);
}

/** Open orders holding a copy of `ean` set aside: what a scan at the till may be for. */
export async function ordersHolding(ean: string): Promise<CustomerOrderRow[]> {
	return getDb().customerOrders.where('reservedEans').equals(ean).toArray();
}

/** The last orders, open or not, newest first. */
export async function latestCustomerOrders(limit = 200): Promise<CustomerOrderRow[]> {
	return getDb().customerOrders.orderBy('number').reverse().limit(limit).toArray();
}
