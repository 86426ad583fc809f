import {
	addTicketToDay,
	assertCents,
	CHAIN_LABELS,
	chainRecordLabel,
	closingAnchorProblems,
	checkClosing,
	dayTotalsProblems,
	emptyDayTotals,
	type ChainHeads,
	type ChainName,
	type DayTotals,
	closingKey,
	closingsDue,
	periodOf,
	periodTotals,
	type ClosingKind,
	type Period,
	type Result,
	type PeriodTotals
} from '$lib/domain';
import { fiscalStamp } from '$lib/fiscal-release';
import { currentHeads, journal, seal } from './chain-repository';
import { getDb } from './db';
import type { ClosingRow, Unsaved } from './schema';
import { SaleRejectedError } from './ticket-repository';

/**
 * Daily (Z), monthly and annual closings: each a sealed record on the closings' chain
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

/**
 * The till report of any period, from the daily aggregates (a year is 365 small reads): of one
 * till (this one, or another of the shop: its aggregates came with its tickets), or of the whole
 * shop (`tillId` null). Closings are each till's own: only this till's shows its closing.
 */
export async function periodReport(
	tillId: string | null,
	kind: ClosingKind,
	day: string
): Promise<{ period: Period; totals: PeriodTotals; closing: ClosingRow | null }> {
	const db = getDb();
	const period = periodOf(kind, day);
	const [days, closing] = await Promise.all([
		tillId === null
			? db.dailyTotals.where('day').between(period.start, period.end, true, true).toArray()
			: db.dailyTotals
					.where('[tillId+day]')
					.between([tillId, period.start], [tillId, period.end], true, true)
					.toArray(),
		tillId === null
			? undefined
			: db.closings.where('[tillId+kind+periodStart]').equals([tillId, kind, period.start]).first()
	]);
	// A closed period shows what its closing sealed; an open one, the aggregates kept for screens.
	return {
		period,
		totals: closing ? closing.totals : periodTotals(days),
		closing: closing ?? null
	};
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
 * The period's days as its sealed tickets give them, day by day (a year is read one day at a
 * time): what a closing seals, never the aggregates kept for the screens (BOI-TVA-DECLA-30-10-30
 * § 130; docs/integrity.md#sealed-figures).
 */
async function sealedDays(tillId: string, period: Period): Promise<DayTotals[]> {
	const db = getDb();
	const keys = (await db.tickets
		.where('[tillId+day]')
		.between([tillId, period.start], [tillId, period.end], true, true)
		.uniqueKeys()) as unknown as [string, string][];
	const days: DayTotals[] = [];
	for (const [, day] of keys) {
		const tickets = await db.tickets.where('[tillId+day]').equals([tillId, day]).toArray();
		days.push(
			tickets
				.filter((ticket) => ticket.training === 0)
				.sort((a, b) => a.number - b.number)
				.reduce(addTicketToDay, emptyDayTotals(day))
		);
	}
	return days;
}

/**
 * Closes a period: checks it may be closed (over, in order, its parts closed first), sums its
 * sealed tickets, adds the perpetual grand total (the previous day closing's, plus the period's
 * sales for a day; the last day closing's for a month or a year, whose days are all closed) and
 * seals the closing with the heads of every chain, the anchors printed on the Z. Day aggregates
 * that disagree with the sealed tickets are journaled as an incident. One transaction: a sale
 * cannot slip in between.
 */
export async function closePeriod(
	tillId: string,
	kind: ClosingKind,
	day: string,
	today: string,
	by: string,
	now = new Date()
): Promise<{ closing: ClosingRow; alarms: string[] }> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.dailyTotals, db.closings, db.tillSessions, db.tickets, db.journal, db.chainHeads],
		async () => {
			const state = await closingState(tillId);
			const checked = checkClosing(periodOf(kind, day), { today, ...state });
			if (!checked.ok) throw new SaleRejectedError(checked.error.code, checked.error.message);
			const period = checked.value;
			const days = await sealedDays(tillId, period);
			const totals = periodTotals(days);
			const stored = await db.dailyTotals
				.where('[tillId+day]')
				.between([tillId, period.start], [tillId, period.end], true, true)
				.toArray();
			const mismatches = dayTotalsProblems(
				stored,
				days.map((sealedDay) => ({ tillId, ...sealedDay }))
			);
			const previousDay = state.closings
				.filter((row) => row.kind === 'day' && row.periodEnd <= period.end)
				.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
				.at(-1);
			const grandTotal = assertCents(
				(previousDay?.perpetualGrandTotalCents ?? 0) + (kind === 'day' ? totals.ttcCents : 0)
			);
			const last = await db.tickets
				.where('[tillId+training+number]')
				.between([tillId, 0, 0], [tillId, 0, Infinity])
				.last();
			const heads = await currentHeads(Object.keys(CHAIN_LABELS) as ChainName[]);
			const alarms = await sinceLastClosing(tillId, state.closings, heads);
			const closing = await seal('closings', {
				tillId,
				kind,
				periodStart: period.start,
				periodEnd: period.end,
				createdAt: now.toISOString(),
				totals,
				perpetualGrandTotalCents: grandTotal,
				by,
				heads,
				lastTicket: last ? { number: last.number, hash: last.hash as string } : null,
				fiscal: fiscalStamp()
			} satisfies Unsaved<ClosingRow>);
			const id = await db.closings.add(closing);
			if (mismatches.length > 0) {
				await journal(
					'totals-mismatch',
					{ tillId, kind, periodStart: period.start, problems: mismatches },
					now
				);
			}
			if (alarms.length > 0) {
				await journal(
					'integrity-alarm',
					{ tillId, kind, periodStart: period.start, problems: alarms },
					now
				);
			}
			await journal('closing', { tillId, kind, periodStart: period.start, by }, now);
			return { closing: { ...closing, id }, alarms };
		}
	);
}

/**
 * The chains held against the till's previous closing before a new one seals (domain
 * closingAnchorProblems): what was deleted or rewritten since, in French.
 */
async function sinceLastClosing(
	tillId: string,
	closings: readonly ClosingRow[],
	heads: ChainHeads
): Promise<string[]> {
	const previous = [...closings].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
	if (!previous) return [];
	const lastNumber = previous.lastTicket?.number;
	const ticket =
		lastNumber === undefined
			? undefined
			: await getDb()
					.tickets.where('[tillId+training+number]')
					.equals([tillId, 0, lastNumber])
					.first();
	return closingAnchorProblems(
		{
			...previous,
			source: `la ${chainRecordLabel('closings', previous as unknown as Record<string, unknown>)}`
		},
		{ lastTicketHash: ticket?.hash ?? null, heads }
	);
}
