import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	addCashMovement,
	cashMovements,
	closeTill,
	currentSession,
	openTill,
	rememberedOpenTill,
	rememberOpenTill,
	TillStateError
} from '$lib/db/till-repository';
import type { TillSessionRow } from '$lib/db/schema';
import { DEMO_SHOP } from '$lib/demo/demo-data';
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

/** The browser's localStorage, which Node lacks: the same few methods over a Map. */
function browserStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		key: (index) => [...items.keys()][index] ?? null,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, String(value)),
		removeItem: (key) => void items.delete(key),
		clear: () => items.clear()
	};
}

describe('the till remembered open, for the first frame after a restart', () => {
	afterEach(() => vi.unstubAllGlobals());
	const shop = { ...DEMO_SHOP, tillId: 'CAISSE1' };
	const session: TillSessionRow = {
		id: 7,
		tillId: 'CAISSE1',
		openedAt: '2026-12-05T08:00:00.000Z',
		openingFloatCents: assertCents(15000),
		closedAt: null,
		countedCents: null,
		expectedCents: null,
		countDetail: null,
		cashier: 'Anne'
	};

	it('gives back the till last remembered open, and nothing once it is forgotten', () => {
		vi.stubGlobal('localStorage', browserStorage());
		expect(rememberedOpenTill()).toBeNull();
		rememberOpenTill({ shop, session });
		expect(rememberedOpenTill()).toEqual({ shop, session });
		rememberOpenTill(null);
		expect(rememberedOpenTill()).toBeNull();
	});

	it('keeps the shop’s and the demonstration’s apart', () => {
		const storage = browserStorage();
		vi.stubGlobal('localStorage', storage);
		rememberOpenTill({ shop, session });
		storage.setItem('comptoir-database', 'demo');
		expect(rememberedOpenTill()).toBeNull();
		storage.removeItem('comptoir-database');
		expect(rememberedOpenTill()?.session.id).toBe(7);
	});

	it.each([
		['a closed session', { shop, session: { ...session, closedAt: '2026-12-05T19:00:00.000Z' } }],
		['another till’s session', { shop, session: { ...session, tillId: 'CAISSE2' } }],
		['no session', { shop }],
		['no shop', { session }]
	])('ignores an entry holding %s: the database says', (_, entry) => {
		const storage = browserStorage();
		vi.stubGlobal('localStorage', storage);
		storage.setItem('comptoir-open-till:comptoir', JSON.stringify(entry));
		expect(rememberedOpenTill()).toBeNull();
	});

	it('ignores what is not JSON, and works without any storage', () => {
		const storage = browserStorage();
		vi.stubGlobal('localStorage', storage);
		storage.setItem('comptoir-open-till:comptoir', '{not json');
		expect(rememberedOpenTill()).toBeNull();
		vi.stubGlobal('localStorage', undefined);
		expect(() => rememberOpenTill({ shop, session })).not.toThrow();
		expect(rememberedOpenTill()).toBeNull();
	});
});
