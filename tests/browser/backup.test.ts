import { describe, expect, it } from 'vitest';
import { createBackup, readBackup, restoreBackup } from '$lib/db/backup-repository';
import { tillKeys, verifyIntegrity } from '$lib/db/chain-repository';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { ticketHead, type TicketRow } from '$lib/db/schema';
import { saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { chainHash, GENESIS_HASH } from '$lib/domain';
import { signText } from '$lib/signature';
import { bookSale } from '../unit/db/sale-fixtures';

/**
 * Issue #9: 100 000 tickets out to a backup file and back into an empty database on "another
 * computer" (another database, another till key), in real Chromium: identical, chains verified.
 */
const COUNT = 100_000;

function fresh(name: string) {
	const db = createDatabase(`${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	return db;
}

/** Sealed tickets as the till writes them, made in bulk (recordSale would take half an hour). */
async function sealedTickets(count: number): Promise<TicketRow[]> {
	const { privateKey } = await tillKeys();
	const tickets: TicketRow[] = [];
	let previousHash = GENESIS_HASH;
	const start = Date.UTC(2016, 0, 4, 9);
	for (let number = 1; number <= count; number++) {
		const createdAt = new Date(start + number * 45 * 60_000).toISOString();
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
	for (let i = 0; i < count; i += 5_000) {
		const batch = tickets.slice(i, i + 5_000);
		const signatures = await Promise.all(batch.map((t) => signText(privateKey, t.hash as string)));
		batch.forEach((ticket, index) => (ticket.signature = signatures[index]));
	}
	return tickets;
}

describe('backup round trip at scale', () => {
	it(`takes ${COUNT} tickets out and back in, identical, every chain verified`, async () => {
		const source = fresh('backup-source');
		await saveShopSettings(DEMO_SHOP);
		const tickets = await sealedTickets(COUNT);
		await source.transaction(
			'rw',
			[source.tickets, source.ticketHeads, source.chainHeads],
			async () => {
				await source.tickets.bulkAdd(tickets);
				await source.ticketHeads.bulkAdd(
					tickets.map((t) => ticketHead(t as TicketRow & { id: number }))
				);
				await source.chainHeads.put({
					chain: 'tickets',
					hash: tickets.at(-1)?.hash as string,
					count: COUNT
				});
			}
		);
		expect((await verifyIntegrity()).problems).toEqual([]);
		const { blob, counts } = await createBackup('Anne');
		expect(counts['tickets']).toBe(COUNT);

		const target = fresh('backup-target');
		await restoreBackup(await readBackup(blob), 'Anne');
		expect(await target.tickets.count()).toBe(COUNT);
		const [first, last] = await Promise.all([target.tickets.get(1), target.tickets.get(COUNT)]);
		expect(first).toEqual(tickets[0]);
		expect(last).toEqual(tickets.at(-1));
		expect(await target.ticketHeads.count()).toBe(COUNT);
		const report = await verifyIntegrity();
		expect(report.problems).toEqual([]);
		expect(report.checked).toBeGreaterThan(COUNT);
	}, 600_000);
});
