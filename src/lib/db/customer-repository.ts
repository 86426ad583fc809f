import { parseSearchQuery, searchWords, type CustomerDraft } from '$lib/domain';
import { getDb } from './db';
import type { CustomerRow } from './schema';

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

/** The name a receipt or a list shows for a customer. */
export function customerDisplayName(
	customer: Pick<CustomerRow, 'professionalName' | 'lastName' | 'firstName'>
): string {
	return (
		customer.professionalName ||
		[customer.lastName.toUpperCase(), customer.firstName].filter(Boolean).join(' ')
	);
}

/** "Créer un nouveau client": the next customer number, searchable at once. */
export async function createCustomer(draft: CustomerDraft, now = new Date()): Promise<CustomerRow> {
	const db = getDb();
	return db.transaction('rw', [db.customers, db.sequences, db.journal], async () => {
		const number = ((await db.sequences.get('customer'))?.last ?? 1_000_000) + 1;
		await db.sequences.put({ name: 'customer', last: number });
		const row: CustomerRow = {
			number: String(number),
			lastName: draft.lastName,
			firstName: draft.firstName,
			professionalName: draft.professionalName,
			status: draft.status,
			addresses:
				draft.postalCode || draft.city || draft.line1
					? [
							{
								id: 'a1',
								label: 'Principale',
								name: draft.professionalName || `${draft.firstName} ${draft.lastName}`.trim(),
								line1: draft.line1,
								line2: '',
								postalCode: draft.postalCode,
								city: draft.city,
								country: 'FR',
								isDefaultBilling: true,
								isDefaultDelivery: true
							}
						]
					: [],
			phone: draft.phone,
			email: draft.email,
			website: '',
			loyaltyCard: '',
			notes: '',
			siret: draft.siret,
			gln: '',
			isLendingLibrary: draft.status === 'bibliotheque',
			schoolPricing: draft.status === 'ecole',
			chorusServiceCode: '',
			chorusServiceCodeRequired: false,
			chorusEngagementRequired: false,
			chorusOneOfRequired: false,
			chorusDefaultFrame: 'A1',
			showShopIban: false,
			postalCode: draft.postalCode,
			words: searchWords(draft.lastName, draft.firstName, draft.professionalName, String(number)),
			createdAt: now.toISOString()
		};
		row.id = (await db.customers.add(row)) as number;
		await db.journal.add({
			at: row.createdAt,
			type: 'customer-created',
			detail: { customerId: row.id }
		});
		return row;
	});
}
