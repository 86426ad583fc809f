import { expect } from 'vitest';
import { createBackup, readBackup, restoreBackup } from '$lib/db/backup-repository';
import { verifyIntegrity } from '$lib/services/closings';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { ticketHead, type DailyTotalsRow, type TicketRow } from '$lib/db/schema';
import { saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { addTicketToDay, emptyDayTotals, type DayTotals } from '$lib/domain';
import { sealedTickets } from './sealed-tickets';

/**
 * The backup round trip: `count` sealed tickets out to a backup file and back into an empty
 * database on "another computer" (another database, another till key): identical, every chain
 * verified. Shared by the browser test and the benchmark; returns each phase's duration (ms).
 */
function fresh(name: string) {
	const db = createDatabase(`${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	return db;
}

export async function backupRoundTrip(count: number) {
	const source = fresh('backup-source');
	await saveShopSettings(DEMO_SHOP);
	const tickets = await sealedTickets(count);
	await source.transaction(
		'rw',
		[source.tickets, source.ticketHeads, source.chainHeads, source.dailyTotals],
		async () => {
			await source.tickets.bulkAdd(tickets);
			// The day totals each sale writes, which the backup's check holds to the tickets.
			const days = new Map<string, DayTotals>();
			for (const ticket of tickets)
				days.set(
					ticket.day,
					addTicketToDay(days.get(ticket.day) ?? emptyDayTotals(ticket.day), ticket)
				);
			await source.dailyTotals.bulkAdd(
				[...days.values()].map((day) => ({ tillId: 'CAISSE1', ...day }) as DailyTotalsRow)
			);
			await source.ticketHeads.bulkAdd(
				tickets.map((t) => ticketHead(t as TicketRow & { id: number }))
			);
			await source.chainHeads.put({
				chain: 'tickets',
				hash: tickets.at(-1)?.hash as string,
				count
			});
		}
	);
	const phases: Record<string, number> = {};
	let last = performance.now();
	const lap = (name: string) => {
		const now = performance.now();
		phases[name] = now - last;
		last = now;
	};

	const { blob, counts } = await createBackup('Anne');
	lap('backup');
	expect(counts['tickets']).toBe(count);

	const target = fresh('backup-target');
	const checked = await readBackup(blob);
	lap('read');
	await restoreBackup(checked, 'Anne');
	lap('restore');
	expect(await target.tickets.count()).toBe(count);
	expect(await target.tickets.toArray()).toEqual(tickets);
	expect(await target.ticketHeads.count()).toBe(count);
	last = performance.now();
	const report = await verifyIntegrity();
	lap('verify');
	expect(report.problems).toEqual([]);
	expect(report.checked).toBeGreaterThan(count);
	return { phases, bytes: blob.size, tickets };
}
