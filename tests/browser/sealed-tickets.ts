// Sealed tickets as the till writes them, made in bulk for the tests and benchmarks that need
// thousands (recordSale would take 16 ms each): each hashed on its chain, signed by the till's key.
import { tillKeys } from '$lib/db/chain-repository';
import type { TicketRow } from '$lib/db/schema';
import { chainHash, GENESIS_HASH } from '$lib/domain';
import { signText } from '$lib/signature';
import { bookSale } from '../unit/db/sale-fixtures';

/** The first sale, Monday 4 January 2016 at 10:00 in Paris. */
export const FIRST_SALE = Date.UTC(2016, 0, 4, 9);

/**
 * `count` tickets numbered from 1, one every `spacingMs` from FIRST_SALE, `chunk` at a time (so
 * that a million never sit in memory at once), in chain order.
 */
export async function* sealedTicketChunks(
	count: number,
	spacingMs: number,
	chunk = 5_000
): AsyncGenerator<TicketRow[]> {
	const { privateKey } = await tillKeys();
	let previousHash = GENESIS_HASH;
	for (let first = 1; first <= count; first += chunk) {
		const tickets: TicketRow[] = [];
		for (let number = first; number < Math.min(first + chunk, count + 1); number++) {
			const createdAt = new Date(FIRST_SALE + number * spacingMs).toISOString();
			const record = {
				...bookSale(),
				id: number,
				number,
				createdAt,
				day: createdAt.slice(0, 10)
			} as TicketRow;
			record.previousHash = previousHash;
			record.hash = chainHash(previousHash, record);
			previousHash = record.hash;
			tickets.push(record);
		}
		const signatures = await Promise.all(
			tickets.map((ticket) => signText(privateKey, ticket.hash as string))
		);
		tickets.forEach((ticket, index) => (ticket.signature = signatures[index]));
		yield tickets;
	}
}

/** All of them at once, a sale every 45 minutes. */
export async function sealedTickets(count: number): Promise<TicketRow[]> {
	const tickets: TicketRow[] = [];
	for await (const chunk of sealedTicketChunks(count, 45 * 60_000)) tickets.push(...chunk);
	return tickets;
}
