import {
	checkClosing,
	closingKey,
	closingsDue,
	periodOf,
	periodTotals,
	type ClosingKind,
	type Period,
	type Result,
	type PeriodTotals
} from '$lib/domain';
import { journal, seal } from './chain-repository';
import { getDb } from './db';
import type { ClosingRow } from './schema';
import { SaleRejectedError } from './ticket-repository';

/**
 * Daily (Z), monthly and annual closings (issue #8): each a sealed record on the closings' chain
 * with the period's totals and the perpetual grand total. A closed day accepts no sale.
 */

async function closingState(tillId: string) {
	const db = getDb();
	const [keys, closings, session] = await Promise.all([
		db.dailyTotals.where('[tillId+day]').between([tillId, ''], [tillId, '\uffff']).primaryKeys(),
		db.closings
			.where('[tillId+kind+periodStart]')
			.between([tillId, '', ''], [tillId, '\uffff', '\uffff'])
			.toArray(),
		db.tillSessions.where('[tillId+openedAt]').between([tillId, ''], [tillId, '\uffff']).last()
	]);
	return {
		salesDays: keys.map((key) => (key as unknown as [string, string])[1]),
		closed: new Set(closings.map((row) => closingKey({ kind: row.kind, start: row.periodStart }))),
		closings,
		tillOpen: session !== undefined && session.closedAt === null
	};
}

/** The closings due for a till, oldest first: proposed when the till opens. */
export async function dueClosings(tillId: string, today: string): Promise<Period[]> {
	const state = await closingState(tillId);
	return closingsDue({ today, salesDays: state.salesDays, closed: state.closed });
}

/** The closings made for a till, newest first. */
export async function listClosings(tillId: string): Promise<ClosingRow[]> {
	const { closings } = await closingState(tillId);
	return closings.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The till report of any period, from the daily aggregates (a year is 365 small reads). */
export async function periodReport(
	tillId: string,
	kind: ClosingKind,
	day: string
): Promise<{ period: Period; totals: PeriodTotals; closing: ClosingRow | null }> {
	const db = getDb();
	const period = periodOf(kind, day);
	const [days, closing] = await Promise.all([
		db.dailyTotals
			.where('[tillId+day]')
			.between([tillId, period.start], [tillId, period.end], true, true)
			.toArray(),
		db.closings.where('[tillId+kind+periodStart]').equals([tillId, kind, period.start]).first()
	]);
	return { period, totals: periodTotals(days), closing: closing ?? null };
}

/** Whether the period may be closed now, and why not: asked before the closing is confirmed. */
export async function canClosePeriod(
	tillId: string,
	kind: ClosingKind,
	day: string,
	today: string
): Promise<Result<Period>> {
	const state = await closingState(tillId);
	return checkClosing(periodOf(kind, day), { today, ...state });
}

/**
 * Closes a period: checks it may be closed (over, in order, its parts closed first), sums its
 * days, adds the perpetual grand total (every sale of the till up to the period's end) and seals
 * the closing. One transaction: a sale cannot slip in between.
 */
export async function closePeriod(
	tillId: string,
	kind: ClosingKind,
	day: string,
	today: string,
	by: string,
	now = new Date()
): Promise<ClosingRow> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.dailyTotals, db.closings, db.tillSessions, db.journal, db.chainHeads],
		async () => {
			const state = await closingState(tillId);
			const checked = checkClosing(periodOf(kind, day), { today, ...state });
			if (!checked.ok) throw new SaleRejectedError(checked.error.code, checked.error.message);
			const period = checked.value;
			const upToEnd = await db.dailyTotals
				.where('[tillId+day]')
				.between([tillId, ''], [tillId, period.end], true, true)
				.toArray();
			const totals = periodTotals(upToEnd.filter((row) => row.day >= period.start));
			const grandTotal = upToEnd.reduce((sum, row) => sum + row.ttcCents, 0);
			const closing = await seal('closings', {
				tillId,
				kind,
				periodStart: period.start,
				periodEnd: period.end,
				createdAt: now.toISOString(),
				totals,
				perpetualGrandTotalCents: grandTotal,
				by
			} as ClosingRow);
			closing.id = (await db.closings.add(closing)) as number;
			await journal('closing', { tillId, kind, periodStart: period.start, by }, now);
			return closing;
		}
	);
}
