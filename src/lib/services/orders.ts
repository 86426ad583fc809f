/**
 * Customer orders (docs/orders.md): recording an order, each step of its life, the lists the
 * bookseller works from, and the message that tells a customer their books arrived.
 */
import {
	arrivalMessage,
	err,
	ok,
	daysSinceNotified,
	groupByPublisher,
	isLate,
	linesWithStatus,
	type NewOrder,
	type OrderLineRef,
	type OrderStep,
	type Result
} from '$lib/domain';
import {
	customerAccounts,
	depositToCreditNote,
	type CustomerAccount
} from '$lib/db/balance-repository';
import { customerDisplayName, getCustomer } from '$lib/db/customer-repository';
import {
	customerOrdersOf,
	getCustomerOrder,
	latestCustomerOrders,
	openOrdersWith,
	ordersHolding,
	recordCustomerOrder,
	recordCustomerOrderStep
} from '$lib/db/order-repository';
import type { CustomerOrderRow, CustomerRow } from '$lib/db/schema';
import { getPreferences, getShopSettings } from '$lib/db/settings-repository';
import { errorMessage } from '$lib/errors';
import { buildOrderSlip } from '$lib/printing/receipt-model';
import { attempt, attemptResult } from './outcome';

const loadPrinter = () => import('$lib/printing/printer.svelte').then((module) => module.printer);

export type { CustomerOrderRow };
export { customerOrdersOf };

/** Records a new order « à commander », numbered in the series of orders, quotes and loans. */
export async function placeOrder(input: {
	order: NewOrder;
	by: string;
}): Promise<Result<CustomerOrderRow>> {
	return attemptResult(() => recordCustomerOrder(input), 'La commande n’a pas été enregistrée');
}

/** One step of an order (commandée, reçue, client prévenu, annulée), dated and signed. */
export async function advanceOrder(input: {
	orderId: number;
	step: OrderStep;
	by: string;
}): Promise<Result<CustomerOrderRow>> {
	return attemptResult(() => recordCustomerOrderStep(input), 'La commande n’a pas été modifiée');
}

/** The name an order is known by: the customer's file, or the passing customer's name. */
export function orderCustomerName(order: CustomerOrderRow, customer: CustomerRow | null): string {
	return customer ? customerDisplayName(customer) : order.contactName;
}

export interface OrderView {
	readonly order: CustomerOrderRow;
	readonly customer: CustomerRow | null;
	readonly customerName: string;
	/** Deposits paid on this order (linked by its number), with what is left on them. */
	readonly deposits: CustomerAccount[];
	/** How to reach the customer: their file's, else what was typed on the order. */
	readonly phone: string;
	readonly email: string;
	/** The message that tells them their books arrived. */
	readonly arrival: { subject: string; text: string };
}

export async function getOrderView(id: number, today: string): Promise<OrderView | null> {
	const order = await getCustomerOrder(id);
	if (!order) return null;
	const [customer, shop] = await Promise.all([
		order.customerId === null ? null : getCustomer(order.customerId),
		getShopSettings()
	]);
	const accounts = order.customerId === null ? [] : await customerAccounts(order.customerId, today);
	const customerName = orderCustomerName(order, customer ?? null);
	return {
		order,
		customer: customer ?? null,
		customerName,
		deposits: accounts.filter(
			(entry) =>
				entry.account.kind === 'deposit' &&
				(entry.account.orderReference === String(order.number) ||
					entry.account.code === order.depositCode)
		),
		phone: customer?.phone || order.contactPhone,
		email: customer?.email || order.contactEmail,
		arrival: arrivalMessage({
			order,
			customerName,
			shopName: shop ? shop.tradeName || shop.legalName : 'la librairie'
		})
	};
}

/** A line of a worklist with the customer it is for. */
export interface WorklistLine extends OrderLineRef<CustomerOrderRow> {
	readonly customerName: string;
	readonly late: boolean;
	readonly daysSinceNotified: number | null;
}

export interface OrderWorklists {
	readonly toOrder: { publisher: string; lines: WorklistLine[] }[];
	readonly awaited: WorklistLine[];
	readonly toNotify: WorklistLine[];
	/** Told more than `pickupDays` ago and not yet come. */
	readonly notCollected: WorklistLine[];
	readonly pickupDays: number;
	readonly latest: CustomerOrderRow[];
}

/** The four lists of « Commandes clients », each read through its index of open orders. */
export async function orderWorklists(today: string): Promise<OrderWorklists> {
	const [toOrder, awaited, toNotify, notified, preferences, latest] = await Promise.all([
		openOrdersWith('a-commander'),
		openOrdersWith('commandee'),
		openOrdersWith('recue'),
		openOrdersWith('prevenue'),
		getPreferences(),
		latestCustomerOrders(30)
	]);
	const ids = new Set(
		[...toOrder, ...awaited, ...toNotify, ...notified, ...latest].flatMap((order) =>
			order.customerId === null ? [] : [order.customerId]
		)
	);
	const customers = new Map(
		await Promise.all([...ids].map(async (id) => [id, (await getCustomer(id)) ?? null] as const))
	);
	const named = (refs: OrderLineRef<CustomerOrderRow>[]): WorklistLine[] =>
		refs.map((ref) => ({
			...ref,
			customerName: orderCustomerName(
				ref.order,
				ref.order.customerId === null ? null : (customers.get(ref.order.customerId) ?? null)
			),
			late: isLate(ref.line, today),
			daysSinceNotified: daysSinceNotified(ref.line, today)
		}));
	const pickupDays = preferences.orderPickupDays;
	return {
		toOrder: groupByPublisher(named(linesWithStatus(toOrder, 'a-commander'))),
		awaited: named(linesWithStatus(awaited, 'commandee')),
		toNotify: named(linesWithStatus(toNotify, 'recue')),
		notCollected: named(linesWithStatus(notified, 'prevenue')).filter(
			(line) => (line.daysSinceNotified ?? 0) > pickupDays
		),
		pickupDays,
		latest
	};
}

/** Prints the slip to put in the books set aside (receipt printer, else the browser's page). */
export async function printOrderSlip(input: {
	view: OrderView;
	now?: Date;
}): Promise<Result<string>> {
	const { view } = input;
	const shop = await getShopSettings();
	if (!shop) return err('SHOP_MISSING', 'Renseignez d’abord la boutique dans Paramètres.');
	const slip = buildOrderSlip({
		shop,
		order: view.order,
		customerName: view.customerName,
		contact: [view.phone, view.email].filter(Boolean).join(' — '),
		printedAt: input.now ?? new Date()
	});
	try {
		const where = await (await loadPrinter()).print(slip);
		return ok(
			where === 'usb'
				? 'Fiche imprimée sur l’imprimante de tickets.'
				: 'Fiche envoyée à l’impression du navigateur.'
		);
	} catch (error) {
		return err('PRINT_FAILED', `Impression impossible\u00a0: ${errorMessage(error)}.`);
	}
}

/** A customer's orders with copies set aside: what the till offers to ring up for them. */
export async function readyOrdersOf(customerId: number, today: string): Promise<OrderView[]> {
	const orders = await customerOrdersOf(customerId);
	return views(
		orders.filter((order) => order.reservedEans.length > 0),
		today
	);
}

/** Open orders holding a copy of `ean` set aside: what a scan at the till may be for. */
export async function readyOrdersHolding(ean: string, today: string): Promise<OrderView[]> {
	return views(await ordersHolding(ean), today);
}

async function views(orders: readonly CustomerOrderRow[], today: string): Promise<OrderView[]> {
	const found = await Promise.all(orders.map((order) => getOrderView(order.id, today)));
	return found.filter((view): view is OrderView => view !== null);
}

/**
 * What is left on the deposit of an order that will not be collected becomes a credit note in
 * the customer's name (docs/orders.md#deposits).
 */
export async function depositAsCreditNote(input: {
	depositCode: string;
	by: string;
}): Promise<Result<{ code: string; amountCents: number }>> {
	return attempt(() => depositToCreditNote(input), 'L’avoir n’a pas été créé');
}
