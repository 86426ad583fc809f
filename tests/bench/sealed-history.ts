// Years of sealed sales written as the till would have written them, for the benchmarks of the
// integrity check and the archives (set-up, not measured): a chunk at a time, each ticket hashed
// on its chain and signed by the till's key, with the day totals the check holds them to.
import { getDb } from '$lib/db/db';
import type { DailyTotalsRow } from '$lib/db/schema';
import { addTicketToDay, emptyDayTotals, GENESIS_HASH, type DayTotals } from '$lib/domain';
import { sealedTicketChunks } from '../browser/sealed-tickets';

export { FIRST_SALE } from '../browser/sealed-tickets';

/** About 320 sales a day, as in the tickets benchmark. */
export const SALE_EVERY_MS = 4.5 * 60_000;

/** Writes `count` sealed tickets as the till would have, a chunk at a time (set-up, not measured). */
export async function sealedHistory(count: number): Promise<void> {
	const db = getDb();
	const days = new Map<string, DayTotals>();
	let previousHash = GENESIS_HASH;
	for await (const tickets of sealedTicketChunks(count, SALE_EVERY_MS, 20_000)) {
		for (const ticket of tickets)
			days.set(
				ticket.day,
				addTicketToDay(days.get(ticket.day) ?? emptyDayTotals(ticket.day), ticket)
			);
		previousHash = tickets.at(-1)?.hash ?? previousHash;
		await db.tickets.bulkAdd(tickets);
	}
	await db.transaction('rw', [db.dailyTotals, db.chainHeads], async () => {
		await db.dailyTotals.bulkAdd(
			[...days.values()].map((day) => ({ tillId: 'CAISSE1', ...day }) as DailyTotalsRow)
		);
		await db.chainHeads.put({ chain: 'tickets', hash: previousHash, count });
	});
}
