/** The customer file: finding, creating and completing customers, their vouchers and history. */
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
