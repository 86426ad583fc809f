import { parseSearchQuery } from '$lib/domain';
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
