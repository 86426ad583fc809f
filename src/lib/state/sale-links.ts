/**
 * What other screens put into the till's sale: a customer order's copies set aside
 * (docs/orders.md#till), a loan's copies kept (docs/orders.md#loans), and the customer they are for.
 * The order or loan changes in the sale's own transaction, not before.
 */
import { copiesOut, reservedCopies, termDaysOf, type NewOrderLine, type Result } from '$lib/domain';
import { customerDisplayName, type CustomerRow } from '$lib/services/customers';
import type { LoanView } from '$lib/services/loans';
import type { OrderView } from '$lib/services/orders';
import { cart, type CartCustomer } from './cart.svelte';

/** The sale's customer from their file: their Loi Lang status, school tariff and payment term. */
export function cartCustomerOf(customer: CustomerRow): CartCustomer {
	return {
		id: customer.id,
		number: customer.number,
		name: customerDisplayName(customer),
		status: customer.status,
		postalCode: customer.postalCode,
		schoolPricing: customer.schoolPricing,
		termDays: termDaysOf(customer)
	};
}

/** What a sale line says of a title ordered or lent: the article and its price. */
function saleArticleOf(line: NewOrderLine) {
	const { ean, title, authors, publisher, kind, unitPriceCents, vatRateBp } = line;
	return { ean, title, authors, publisher, kind, unitPriceCents, vatRateBp };
}

/**
 * « Encaisser à la caisse » from an order: the copies set aside become lines of the sale at the
 * price promised, for the order's customer, with what is left of its deposit to spend first.
 */
export function ringUpOrderAtTill(view: OrderView): Promise<Result<void>> {
	const { order, customer } = view;
	const deposit = view.deposits.find((entry) => entry.balanceCents > 0);
	return cart.ringUpOrder({
		lines: order.lines.flatMap((line, index) =>
			reservedCopies(line) > 0
				? [
						{
							...saleArticleOf(line),
							quantity: reservedCopies(line),
							order: { orderId: order.id, number: order.number, line: index }
						}
					]
				: []
		),
		customer: customer ? { ...cartCustomerOf(customer), name: view.customerName } : null,
		deposit: deposit ? { code: deposit.account.code, availableCents: deposit.balanceCents } : null
	});
}

/**
 * « Encaisser les gardés en caisse » from a loan: the copies the borrower keeps (at most those
 * still out) become lines of the sale, for the borrower, who gets the discount of their status.
 */
export function ringUpLoanAtTill(
	view: LoanView,
	kept: readonly { line: number; quantity: number }[]
): Promise<Result<void>> {
	const { loan, customer } = view;
	if (!customer) {
		return Promise.resolve({
			ok: false,
			error: { code: 'CUSTOMER_MISSING', message: 'L’emprunteur est introuvable dans les clients.' }
		});
	}
	return cart.ringUpLoan({
		lines: kept.flatMap(({ line: index, quantity }) => {
			const line = loan.lines[index];
			return line && quantity > 0 && quantity <= copiesOut(line)
				? [
						{
							...saleArticleOf(line),
							quantity,
							loan: { loanId: loan.id, number: loan.number, line: index }
						}
					]
				: [];
		}),
		customer: cartCustomerOf(customer)
	});
}
