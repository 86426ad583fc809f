import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '$lib/db/schema';
import { freshDatabase } from './fresh-db';

describe('schema v1', () => {
	it('opens with every table of the product', async () => {
		const db = freshDatabase();
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_VERSIONS[1]).sort());
		db.close();
	});

	it('refuses two tickets with the same number on one till (unbroken sequence)', async () => {
		const db = freshDatabase();
		// A factory: Dexie writes the generated id back into the object it adds.
		const ticket = () => ({
			tillId: 'CAISSE1',
			number: 1,
			createdAt: '2026-11-23T10:00:00.000Z',
			day: '2026-11-23',
			cashier: 'Anne',
			customerId: null,
			customerStatus: 'particulier' as const,
			lines: [],
			ticketDiscount: null,
			rates: [],
			totalCents: 0 as never,
			payments: [],
			changeCents: 0 as never,
			dueDate: null,
			cancelsTicketId: null,
			references: [],
			training: 0 as const,
			note: ''
		});
		await db.tickets.add(ticket());
		await expect(db.tickets.add(ticket())).rejects.toMatchObject({ name: 'ConstraintError' });
		await db.tickets.add({ ...ticket(), tillId: 'CAISSE2' });
		// Training tickets have their own numbering on the same till.
		await db.tickets.add({ ...ticket(), training: 1 });
		expect(await db.tickets.count()).toBe(3);
		db.close();
	});
});
