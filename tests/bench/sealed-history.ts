// Years of sealed sales written as the till would have written them, for the benchmarks of the
// integrity check and the archives (set-up, not measured): a chunk at a time, each ticket hashed
// on its chain and signed by the till's key, with the day totals the check holds them to.
import { tillKeys } from '$lib/db/chain-repository';
import { getDb } from '$lib/db/db';
import type { DailyTotalsRow, TicketRow } from '$lib/db/schema';
import {
	addTicketToDay,
	chainHash,
	emptyDayTotals,
	GENESIS_HASH,
	type DayTotals
} from '$lib/domain';
import { signText } from '$lib/signature';
import { bookSale } from '../unit/db/sale-fixtures';

const CHUNK = 20_000;

/** The first sale, Monday 4 January 2016 at 10:00 in Paris. */
export const FIRST_SALE = Date.UTC(2016, 0, 4, 9);
/** About 320 sales a day, as in the tickets benchmark. */
export const SALE_EVERY_MS = 4.5 * 60_000;

/** Writes `count` sealed tickets as the till would have, a chunk at a time (set-up, not measured). */
export async function sealedHistory(count: number): Promise<void> {
	const db = getDb();
	const { privateKey } = await tillKeys();
	const days = new Map<string, DayTotals>();
	let previousHash = GENESIS_HASH;
	for (let first = 1; first <= count; first += CHUNK) {
		const tickets: TicketRow[] = [];
		for (let number = first; number < Math.min(first + CHUNK, count + 1); number++) {
			const createdAt = new Date(FIRST_SALE + number * SALE_EVERY_MS).toISOString();
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
			days.set(
				record.day,
				addTicketToDay(days.get(record.day) ?? emptyDayTotals(record.day), record)
			);
		}
		const signatures = await Promise.all(
			tickets.map((t) => signText(privateKey, t.hash as string))
		);
		tickets.forEach((ticket, index) => (ticket.signature = signatures[index]));
		await db.tickets.bulkAdd(tickets);
	}
	await db.transaction('rw', [db.dailyTotals, db.chainHeads], async () => {
		await db.dailyTotals.bulkAdd(
			[...days.values()].map((day) => ({ tillId: 'CAISSE1', ...day }) as DailyTotalsRow)
		);
		await db.chainHeads.put({ chain: 'tickets', hash: previousHash, count });
	});
}
