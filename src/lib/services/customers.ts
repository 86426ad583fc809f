/** The customer file: finding, creating and completing customers, their vouchers and history. */
import {
	customerFileEntries,
	directoryEntries,
	type Cents,
	type CustomerDraft,
	type CustomerFile,
	type Result
} from '$lib/domain';
import * as customersDb from '$lib/db/customer-repository';
import { createLoyaltyVoucher as recordLoyaltyVoucher } from '$lib/db/balance-repository';
import type { CustomerRow } from '$lib/db/schema';
import { attempt } from './outcome';
import { loansOf } from '$lib/db/loan-repository';
import { customerOrdersOf } from '$lib/db/order-repository';
import { quotesOf } from '$lib/db/quote-repository';

export {
	customerDisplayName,
	findDuplicateCustomers,
	getCustomer,
	invoiceBuyerOf,
	listCustomers,
	searchCustomers
} from '$lib/db/customer-repository';
export { getCustomerFileView, type CustomerFileView } from '$lib/db/customer-file-repository';
export type { CustomerRow };

/** A new customer from the short form of the till or the invoice screens. */
export function createCustomer(input: { draft: CustomerDraft }): Promise<Result<CustomerRow>> {
	return attempt(() => customersDb.createCustomer(input.draft), 'Le client n’a pas été créé');
}

/** Saves a customer's whole file (a new one when `id` is null), sent to the other tills. */
export function saveCustomerFile(input: {
	file: CustomerFile;
	id: number | null;
}): Promise<Result<CustomerRow>> {
	return attempt(
		() => customersDb.saveCustomerFile(input.file, input.id),
		'Le client n’a pas été enregistré'
	);
}

/**
 * « Importer les adresses de l'annuaire »: the CSV the national e-invoicing directory exports,
 * read whole and checked line by line first (a bad line imports nothing), then the company
 * customers' addresses set in one go (docs/invoices.md#directory).
 */
export async function importDirectoryFile(input: {
	file: File;
	by: string;
}): Promise<Result<{ updated: number; unknown: string[] }>> {
	// The CSV reader loads with the first import: the till, which reaches customers, never needs it.
	const { csvRowsOf } = await import('$lib/export/files');
	const entries = directoryEntries(await csvRowsOf(input.file));
	if (!entries.ok) return entries;
	return attempt(
		() => customersDb.importDirectoryAddresses(entries.value, input.by),
		'Les adresses de l’annuaire n’ont pas été importées'
	);
}

/** A loyalty voucher for what the customer bought since the last one (docs/customers.md). */
export function createLoyaltyVoucher(input: {
	customerId: number;
	rateBp: number;
	today: string;
}): Promise<Result<{ code: string; amountCents: Cents }>> {
	const { customerId, rateBp, today } = input;
	return attempt(() => recordLoyaltyVoucher(customerId, rateBp, today));
}

/** The file's « Commandes - Devis - Prêts »: the customer's orders, quotes and loans, newest first. */
export async function customerFileEntriesOf(customerId: number, today: string) {
	const [orders, quotes, loans] = await Promise.all([
		customerOrdersOf(customerId),
		quotesOf(customerId),
		loansOf(customerId)
	]);
	return customerFileEntries({ orders, quotes, loans }, today);
}
