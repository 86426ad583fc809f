/** The customer file: finding, creating and completing customers, their vouchers and history. */
import { customerFileEntries } from '$lib/domain';
import { loansOf } from '$lib/db/loan-repository';
import { customerOrdersOf } from '$lib/db/order-repository';
import { quotesOf } from '$lib/db/quote-repository';

export {
	createCustomer,
	customerDisplayName,
	findDuplicateCustomers,
	getCustomer,
	invoiceBuyerOf,
	listCustomers,
	saveCustomerFile,
	searchCustomers
} from '$lib/db/customer-repository';
export { getCustomerFileView, type CustomerFileView } from '$lib/db/customer-file-repository';
export { createLoyaltyVoucher } from '$lib/db/balance-repository';
export type { CustomerRow } from '$lib/db/schema';

/** The file's « Commandes - Devis - Prêts »: the customer's orders, quotes and loans, newest first. */
export async function customerFileEntriesOf(customerId: number, today: string) {
	const [orders, quotes, loans] = await Promise.all([
		customerOrdersOf(customerId),
		quotesOf(customerId),
		loansOf(customerId)
	]);
	return customerFileEntries({ orders, quotes, loans }, today);
}
