import { reservedCopies, termDaysOf } from '$lib/domain';
import type { OrderView } from '$lib/services/orders';
import { cart } from './cart.svelte';
import type { Result } from '$lib/domain';

/**
 * « Encaisser à la caisse » from an order (docs/orders.md): the copies set aside become lines of
 * the sale at the price promised, for the order's customer, with what is left of its deposit to
 * spend first. The order becomes « retirée » in the sale's own transaction, not before.
 */
export function ringUpAtTill(view: OrderView): Promise<Result<void>> {
	const { order, customer } = view;
	const deposit = view.deposits.find((entry) => entry.balanceCents > 0);
	return cart.ringUpOrder({
		lines: order.lines.flatMap((line, index) =>
			reservedCopies(line) > 0
				? [
						{
							ean: line.ean,
							title: line.title,
							authors: line.authors,
							publisher: line.publisher,
							kind: line.kind,
							unitPriceCents: line.unitPriceCents,
							vatRateBp: line.vatRateBp,
							quantity: reservedCopies(line),
							order: { orderId: order.id, number: order.number, line: index }
						}
					]
				: []
		),
		customer: customer
			? {
					id: customer.id,
					number: customer.number,
					name: view.customerName,
					status: customer.status,
					postalCode: customer.postalCode,
					schoolPricing: customer.schoolPricing,
					termDays: termDaysOf(customer)
				}
			: null,
		deposit: deposit ? { code: deposit.account.code, availableCents: deposit.balanceCents } : null
	});
}
