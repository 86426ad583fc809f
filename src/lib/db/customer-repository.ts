import {
	balanceSequenceNumber,
	customerDisplayName,
	customerFileFromDraft,
	customerSearchFields,
	customerSiren,
	duplicateReasons,
	matchDirectoryEntries,
	parseSearchQuery,
	type CustomerDraft,
	type CustomerFile,
	type DirectoryEntry,
	type InvoiceBuyer
} from '$lib/domain';
import { getDb, nextInSequence } from './db';
import type { CustomerRow, Unsaved } from './schema';
import { BALANCE_CODE_BLOCK } from './balance-repository';
import { addJournalEntry } from './chain-repository';
import { queueCustomerChange, recordTables } from './record-sync';

/**
 * Finds customers at the till: by customer number or loyalty card (scanned), else by word
 * prefixes of their names through the `words` index.
 */
export async function searchCustomers(query: string, limit = 8): Promise<CustomerRow[]> {
	const db = getDb();
	const code = query.trim();
	if (/^\d{4,13}$/u.test(code)) {
		const byCard = await db.customers.where('loyaltyCard').equals(code).first();
		if (byCard) return [byCard];
		const byNumber = await db.customers.where('number').equals(code).first();
		if (byNumber) return [byNumber];
	}
	const { exact, prefix } = parseSearchQuery(query);
	const words = [...exact, ...(prefix ? [prefix] : [])];
	const first = words[0];
	if (first === undefined) return [];
	const candidates = await db.customers
		.where('words')
		.startsWith(first)
		.distinct()
		.limit(200)
		.toArray();
	return candidates
		.filter((customer) => words.every((word) => customer.words.some((w) => w.startsWith(word))))
		.slice(0, limit);
}

export { customerDisplayName };

/** "Créer un nouveau client": the next customer number, searchable at once. */
export async function createCustomer(draft: CustomerDraft, now = new Date()): Promise<CustomerRow> {
	return saveCustomerFile(customerFileFromDraft(draft), null, now);
}

/**
 * Creates (id null) or updates a customer file in one transaction, with its number from the
 * "customer" sequence on creation, its search words, and a journal entry.
 */
export async function saveCustomerFile(
	file: CustomerFile,
	id: number | null,
	now = new Date()
): Promise<CustomerRow> {
	const db = getDb();
	const tables = [db.customers, db.sequences, db.journal, db.chainHeads, ...recordTables(db)];
	return db.transaction('rw', tables, async () => {
		const existing = id === null ? undefined : await db.customers.get(id);
		if (id !== null && !existing) throw new Error('Ce client est introuvable.');
		const number = existing?.number ?? (await nextCustomerNumber());
		const unsaved: Unsaved<CustomerRow> & { id?: number } = {
			...(existing ? { id: existing.id } : {}),
			...file,
			addresses: file.addresses.map((address) => ({ ...address })),
			number,
			...customerSearchFields(file, number),
			createdAt: existing?.createdAt ?? now.toISOString(),
			updatedAt: now.toISOString(),
			// How the shop's other tills name this customer (docs/replication.md#records).
			...(existing?.refs ? { refs: existing.refs } : {}),
			...(existing?.origin ? { origin: existing.origin } : {})
		};
		const row: CustomerRow = { ...unsaved, id: await db.customers.put(unsaved) };
		await queueCustomerChange(existing ?? null, row, now.toISOString());
		await addJournalEntry({
			at: now.toISOString(),
			type: existing ? 'customer-changed' : 'customer-created',
			detail: { customerId: row.id }
		});
		return row;
	});
}

/**
 * The next customer number, inside the caller's transaction. With several tills each draws from
 * its own block, as voucher codes do (docs/replication.md#codes): two tills never give one number.
 */
async function nextCustomerNumber(): Promise<string> {
	const db = getDb();
	const block = (await db.sequences.get(BALANCE_CODE_BLOCK))?.last ?? null;
	for (;;) {
		const number =
			block === null
				? String(await nextInSequence('customer', 1_000_000))
				: String(1_000_000 + balanceSequenceNumber(block, await nextInSequence('customer:block')));
		if ((await db.customers.where('number').equals(number).count()) === 0) return number;
	}
}

export async function getCustomer(id: number): Promise<CustomerRow | undefined> {
	return getDb().customers.get(id);
}

/**
 * Existing customers that look like this one (same name and postal code, same e-mail, same
 * SIRET), each with the reason, through the postalCode, email and siret indexes.
 */
export async function findDuplicateCustomers(
	file: CustomerFile,
	excludeId: number | null
): Promise<string[]> {
	const db = getDb();
	const postalCodes = [...new Set(file.addresses.map((a) => a.postalCode).filter(Boolean))];
	const [byPostalCode, byEmail, bySiret] = await Promise.all([
		postalCodes.length ? db.customers.where('postalCode').anyOf(postalCodes).toArray() : [],
		file.email ? db.customers.where('email').equalsIgnoreCase(file.email).toArray() : [],
		file.siret ? db.customers.where('siret').equals(file.siret).toArray() : []
	]);
	const others = new Map(
		[...byPostalCode, ...byEmail, ...bySiret]
			.filter((c) => c.id !== excludeId)
			.map((c) => [c.id, c] as const)
	);
	return [...new Set(postalCodes.length ? postalCodes : [''])]
		.flatMap((postalCode) =>
			duplicateReasons(
				{
					lastName: file.lastName,
					professionalName: file.professionalName,
					postalCode,
					email: file.email,
					siret: file.siret
				},
				[...others.values()].map((c) => ({
					number: c.number,
					name: customerDisplayName(c),
					lastName: c.lastName,
					professionalName: c.professionalName,
					postalCode: c.postalCode,
					email: c.email,
					siret: c.siret
				}))
			)
		)
		.filter((reason, index, all) => all.indexOf(reason) === index);
}

/** Customers for the list, by search words or most recent first. */
export async function listCustomers(query: string, limit = 50): Promise<CustomerRow[]> {
	if (query.trim().length >= 2) return searchCustomers(query, limit);
	return getDb().customers.orderBy('number').reverse().limit(limit).toArray();
}

/** The buyer as an invoice names it, frozen at issue time (the file may change later). */
export function invoiceBuyerOf(customer: CustomerRow | undefined): InvoiceBuyer | null {
	if (!customer) return null;
	return {
		customerNumber: customer.number,
		name: customerDisplayName(customer),
		status: customer.status,
		siret: customer.siret,
		siren: customerSiren(customer),
		einvoiceAddress: customer.einvoiceAddress ?? '',
		gln: customer.gln,
		email: customer.email,
		showShopIban: customer.showShopIban,
		serviceCodeRequired: customer.chorusServiceCodeRequired,
		engagementRequired: customer.chorusEngagementRequired,
		oneOfRequired: customer.chorusOneOfRequired
	};
}

/**
 * The national directory's addresses given to the company customers (docs/invoices.md#directory),
 * in one transaction: each file changed is sent to the other tills like any other change, and
 * the import is journaled with who made it. Gives how many files changed and the SIRENs of the
 * file no customer has.
 */
export async function importDirectoryAddresses(
	entries: readonly DirectoryEntry[],
	by: string,
	now = new Date()
): Promise<{ updated: number; unknown: string[] }> {
	const db = getDb();
	const tables = [db.customers, db.journal, db.chainHeads, ...recordTables(db)];
	return db.transaction('rw', tables, async () => {
		const companies = await db.customers.where('status').equals('entreprise').toArray();
		const byId = new Map(companies.map((customer) => [customer.id, customer]));
		const { updates, unknown } = matchDirectoryEntries(
			entries,
			companies.map((customer) => ({
				id: customer.id,
				siren: customerSiren(customer),
				siret: customer.siret,
				einvoiceAddress: customer.einvoiceAddress ?? ''
			}))
		);
		const at = now.toISOString();
		for (const { customerId, address } of updates) {
			const existing = byId.get(customerId) as CustomerRow;
			const row: CustomerRow = { ...existing, einvoiceAddress: address, updatedAt: at };
			await db.customers.put(row);
			await queueCustomerChange(existing, row, at);
		}
		await addJournalEntry({
			at,
			type: 'customer-directory-import',
			detail: { lines: entries.length, updated: updates.length, unknown: unknown.length, by }
		});
		return { updated: updates.length, unknown };
	});
}
