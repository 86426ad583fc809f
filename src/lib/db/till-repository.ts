import { liveQuery } from 'dexie';
import { assertCents, formatDay, parisDay, type Cents, type ShopSettings } from '$lib/domain';
import { getDb, rememberedTillKey } from './db';
import type { CashMovementRow, TillSessionRow, Unsaved } from './schema';
import { addJournalEntry } from './chain-repository';
import { isDayClosed } from './ticket-repository';

export class TillStateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TillStateError';
	}
}

/** The till's open session, if any. */
export async function currentSession(tillId: string): Promise<TillSessionRow | undefined> {
	return getDb()
		.tillSessions.where('[tillId+openedAt]')
		.between([tillId, ''], [tillId, '\uffff'])
		.filter((session) => session.closedAt === null)
		.last();
}

/** The shop and the session of a till this browser last showed open. */
export interface OpenTill {
	readonly shop: ShopSettings;
	readonly session: TillSessionRow;
}

/**
 * The till this browser last showed open, read without the database: after a browser restart,
 * opening a large database takes up to a second (docs/performance.md#cold-start), and the till
 * shows its scan field from this while the database confirms it. Null when none is remembered
 * or the entry is not one this version wrote.
 */
export function rememberedOpenTill(): OpenTill | null {
	try {
		const remembered: unknown = JSON.parse(localStorage.getItem(rememberedTillKey()) ?? 'null');
		if (typeof remembered !== 'object' || remembered === null) return null;
		const { shop, session } = remembered as Partial<OpenTill>;
		const valid =
			typeof shop?.tillId === 'string' &&
			typeof session?.id === 'number' &&
			session.tillId === shop.tillId &&
			session.closedAt === null;
		return valid ? { shop, session } : null;
	} catch {
		// No storage (a private window may refuse it) or an entry written by hand: the database says.
		return null;
	}
}

/** Remembers the till as the database just gave it: open, or forgotten when closed or absent. */
export function rememberOpenTill(openTill: OpenTill | null): void {
	try {
		if (openTill) localStorage.setItem(rememberedTillKey(), JSON.stringify(openTill));
		else localStorage.removeItem(rememberedTillKey());
	} catch {
		// Storage full or refused: the till then waits for the database after a restart, as before.
	}
}

/** Why the till does not open on a day whose Z is made, said before any sale is rung up. */
export function dayClosedMessage(day: string): string {
	return `La journée du ${formatDay(day)} est clôturée (Z)\u00a0: la caisse ne rouvre pas avant demain. Aucune vente ne peut plus y être enregistrée.`;
}

/** Opens the till with a counted float; journaled. Refused when a session is already open. */
export async function openTill(
	input: { tillId: string; cashier: string; floatCents: Cents },
	now = new Date()
): Promise<TillSessionRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.tillSessions, db.closings, db.journal, db.chainHeads],
		async () => {
			if (await currentSession(input.tillId))
				throw new TillStateError('La caisse est déjà ouverte.');
			const day = parisDay(now);
			if (await isDayClosed(input.tillId, day)) throw new TillStateError(dayClosedMessage(day));
			const session: Unsaved<TillSessionRow> = {
				tillId: input.tillId,
				cashier: input.cashier,
				openedAt: now.toISOString(),
				openingFloatCents: input.floatCents,
				closedAt: null,
				countedCents: null,
				expectedCents: null,
				countDetail: null
			};
			const id = await db.tillSessions.add(session);
			await addJournalEntry({
				at: session.openedAt,
				type: 'till-opened',
				detail: { tillId: input.tillId, cashier: input.cashier, floatCents: input.floatCents }
			});
			return { ...session, id };
		}
	);
}

/** A cash movement in (positive) or out (negative) of the drawer, with its reason; journaled. */
export async function addCashMovement(
	sessionId: number,
	amountCents: Cents,
	reason: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.tillSessions, db.cashMovements, db.journal, db.chainHeads],
		async () => {
			const session = await db.tillSessions.get(sessionId);
			if (!session || session.closedAt !== null)
				throw new TillStateError('La caisse n’est pas ouverte.');
			const at = now.toISOString();
			await db.cashMovements.add({ sessionId, at, amountCents, reason });
			await addJournalEntry({
				at,
				type: 'cash-movement',
				detail: { sessionId, amountCents, reason }
			});
		}
	);
}

export async function cashMovements(sessionId: number): Promise<CashMovementRow[]> {
	return getDb().cashMovements.where('sessionId').equals(sessionId).sortBy('at');
}

/** Closes the session with the counted cash and what was expected; journaled with the gap. */
export async function closeTill(
	input: {
		sessionId: number;
		countedCents: Cents;
		expectedCents: Cents;
		countDetail: Record<string, number>;
	},
	now = new Date()
): Promise<TillSessionRow> {
	const db = getDb();
	return db.transaction('rw', [db.tillSessions, db.journal, db.chainHeads], async () => {
		const session = await db.tillSessions.get(input.sessionId);
		if (!session || session.closedAt !== null)
			throw new TillStateError('La caisse n’est pas ouverte.');
		const closed = {
			...session,
			closedAt: now.toISOString(),
			countedCents: input.countedCents,
			expectedCents: input.expectedCents,
			countDetail: input.countDetail
		};
		await db.tillSessions.put(closed);
		await addJournalEntry({
			at: closed.closedAt,
			type: 'till-closed',
			detail: {
				sessionId: input.sessionId,
				countedCents: input.countedCents,
				expectedCents: input.expectedCents,
				gapCents: assertCents(input.countedCents - input.expectedCents)
			}
		});
		return closed;
	});
}

/**
 * The cashier of the shop's open till, as a live store (Dexie liveQuery): '' while no till is
 * open. Screens outside the till take it as the author of the changes made there.
 */
export function openTillCashierStore() {
	return liveQuery(async () => {
		const shop = await getDb().settings.get('shop');
		if (shop?.key !== 'shop') return '';
		return (await currentSession(shop.value.tillId))?.cashier ?? '';
	});
}
