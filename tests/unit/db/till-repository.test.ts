import { describe, expect, it } from 'vitest';
import {
	addCashMovement,
	cashMovements,
	closeTill,
	currentSession,
	openTill,
	TillStateError
} from '$lib/db/till-repository';
import { assertCents } from '$lib/domain';
import { freshDatabase } from './fresh-db';

describe('till sessions', () => {
	it('open with a float, move cash, close with the count and the gap, all journaled [SEC-01]', async () => {
		const db = freshDatabase();
		const session = await openTill({
			tillId: 'CAISSE1',
			cashier: 'Anne',
			floatCents: assertCents(15000)
		});
		await expect(
			openTill({ tillId: 'CAISSE1', cashier: 'Paul', floatCents: assertCents(0) })
		).rejects.toBeInstanceOf(TillStateError);
		expect((await currentSession('CAISSE1'))?.id).toBe(session.id);
		await addCashMovement(session.id, assertCents(-5000), 'Dépôt en banque');
		expect((await cashMovements(session.id)).map((m) => m.amountCents)).toEqual([-5000]);
		const closed = await closeTill({
			sessionId: session.id,
			countedCents: assertCents(9990),
			expectedCents: assertCents(10000),
			countDetail: { '5000': 1 }
		});
		expect(closed.closedAt).not.toBeNull();
		expect(await currentSession('CAISSE1')).toBeUndefined();
		await expect(addCashMovement(session.id, assertCents(100), 'x')).rejects.toThrow('pas ouverte');
		await expect(
			closeTill({
				sessionId: session.id,
				countedCents: assertCents(0),
				expectedCents: assertCents(0),
				countDetail: {}
			})
		).rejects.toThrow('pas ouverte');
		const journal = await db.journal.toArray();
		expect(journal.map((e) => e.type)).toEqual(['till-opened', 'cash-movement', 'till-closed']);
		expect(journal[2]?.detail).toMatchObject({ gapCents: -10 });
	});
});
