import { parisHour } from './format';
import { addDays, formatDay } from './ticket-period';
import { assertCents, type Cents } from './money';
import { rateRows, type RateRow } from './report';
import { err, ok, type Result } from './result';

/**
 * Closings and the till report (CGI art. 286-I-3° bis; BOI-TVA-DECLA-30-10-30 § 130: daily,
 * monthly and annual closings with the period totals and a perpetual grand total). The figures
 * come from the daily aggregates written in each sale's transaction, so a year's report reads
 * 365 small records, never a year of tickets.
 */

export type ClosingKind = 'day' | 'month' | 'year';

export const CLOSING_LABELS: Readonly<Record<ClosingKind, string>> = {
	day: 'Clôture journalière (Z)',
	month: 'Clôture mensuelle',
	year: 'Clôture annuelle'
};

/** One day's aggregates of a till, as written with each sale. */
export interface DayTotals {
	readonly day: string;
	readonly ticketCount: number;
	readonly ttcCents: number;
	readonly byRate: Readonly<
		Record<string, { ttcCents: number; htCents: number; vatCents: number }>
	>;
	readonly byMethod: Readonly<Record<string, number>>;
	readonly byKind: Readonly<Record<string, number>>;
	readonly byHour: readonly number[];
	readonly discountCents: number;
	readonly cancellationCount: number;
	readonly balanceIssuedCents?: number;
}

/** What a sealed ticket brings to its day's aggregates (schema.ts TicketRow carries all of it). */
export interface TicketFigures {
	readonly createdAt: string;
	readonly totalCents: number;
	readonly changeCents: number;
	readonly cancelsTicketId: number | null;
	readonly rates: readonly {
		readonly vatRateBp: number;
		readonly ttcCents: number;
		readonly htCents: number;
		readonly vatCents: number;
		readonly discountCents: number;
	}[];
	readonly payments: readonly { readonly method: string; readonly amountCents: number }[];
	readonly lines: readonly { readonly kind: string; readonly ttcCents: number }[];
	readonly issues?: readonly { readonly amountCents: number }[];
}

const parisHours = new Map<string, number>();

/**
 * The Paris hour of an ISO instant, remembered by its UTC hour (« 2026-12-02T10 »): the offset
 * changes only on the hour, and the check adds up a million tickets (Intl is slow per call).
 */
function hourOf(iso: string): number {
	const key = iso.slice(0, 13);
	let hour = parisHours.get(key);
	if (hour === undefined) {
		hour = parisHour(new Date(iso));
		parisHours.set(key, hour);
	}
	return hour;
}

/** A day with no sale yet. */
export function emptyDayTotals(day: string): DayTotals {
	return {
		day,
		ticketCount: 0,
		ttcCents: 0,
		byRate: {},
		byMethod: {},
		byKind: {},
		byHour: new Array<number>(24).fill(0),
		discountCents: 0,
		cancellationCount: 0
	};
}

function addAmount(into: Readonly<Record<string, number>>, key: string, amount: number) {
	return { ...into, [key]: (into[key] ?? 0) + amount };
}

/**
 * The day's aggregates once a ticket is added: what each sale writes in its own transaction, and
 * what the integrity check and the closings recompute from the sealed tickets (an aggregate may
 * serve a screen, never a seal: BOI-TVA-DECLA-30-10-30 § 130; docs/integrity.md#sealed-figures).
 */
export function addTicketToDay(current: DayTotals, ticket: TicketFigures): DayTotals {
	const byRate = { ...current.byRate };
	let discount = current.discountCents;
	for (const rate of ticket.rates) {
		const sum = byRate[rate.vatRateBp] ?? { ttcCents: 0, htCents: 0, vatCents: 0 };
		byRate[rate.vatRateBp] = {
			ttcCents: sum.ttcCents + rate.ttcCents,
			htCents: sum.htCents + rate.htCents,
			vatCents: sum.vatCents + rate.vatCents
		};
		discount += rate.discountCents;
	}
	let byMethod = current.byMethod;
	for (const payment of ticket.payments)
		byMethod = addAmount(byMethod, payment.method, payment.amountCents);
	if (ticket.changeCents !== 0) byMethod = addAmount(byMethod, 'especes', -ticket.changeCents);
	let byKind = current.byKind;
	for (const line of ticket.lines) byKind = addAmount(byKind, line.kind, line.ttcCents);
	const byHour = [...current.byHour];
	const hour = hourOf(ticket.createdAt);
	byHour[hour] = (byHour[hour] as number) + ticket.totalCents;
	const issued = (ticket.issues ?? []).reduce((sum, issue) => sum + issue.amountCents, 0);
	return {
		...current,
		ticketCount: current.ticketCount + 1,
		ttcCents: current.ttcCents + ticket.totalCents,
		byRate,
		byMethod,
		byKind,
		byHour,
		discountCents: discount,
		cancellationCount: current.cancellationCount + (ticket.cancelsTicketId === null ? 0 : 1),
		...(issued === 0 ? {} : { balanceIssuedCents: (current.balanceIssuedCents ?? 0) + issued })
	};
}

export interface PeriodTotals {
	readonly ticketCount: number;
	readonly cancellationCount: number;
	readonly ttcCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	readonly discountCents: Cents;
	/** Vouchers and deposits sold: cashed, but not sales. */
	readonly balanceIssuedCents: Cents;
	readonly byRate: readonly RateRow[];
	readonly byMethod: readonly { method: string; amountCents: Cents }[];
	readonly byKind: readonly { kind: string; ttcCents: Cents }[];
	/** Sales by hour of the day (0–23), for the day view's chart. */
	readonly byHour: readonly Cents[];
	/** Sales by day, for the month view's chart. */
	readonly byDay: readonly { day: string; ttcCents: Cents }[];
}

function addInto(target: Map<string, number>, source: Readonly<Record<string, number>>) {
	for (const [key, amount] of Object.entries(source)) {
		target.set(key, (target.get(key) ?? 0) + amount);
	}
}

/** The totals of a period: the sum of its days' aggregates. */
export function periodTotals(days: readonly DayTotals[]): PeriodTotals {
	const rates = new Map<number, { ttc: number; ht: number; vat: number }>();
	const methods = new Map<string, number>();
	const kinds = new Map<string, number>();
	const hours = new Array<number>(24).fill(0);
	let tickets = 0;
	let cancellations = 0;
	let ttc = 0;
	let discount = 0;
	let issued = 0;
	for (const day of days) {
		tickets += day.ticketCount;
		cancellations += day.cancellationCount;
		ttc += day.ttcCents;
		discount += day.discountCents;
		issued += day.balanceIssuedCents ?? 0;
		for (const [rate, sum] of Object.entries(day.byRate)) {
			const current = rates.get(Number(rate)) ?? { ttc: 0, ht: 0, vat: 0 };
			rates.set(Number(rate), {
				ttc: current.ttc + sum.ttcCents,
				ht: current.ht + sum.htCents,
				vat: current.vat + sum.vatCents
			});
		}
		addInto(methods, day.byMethod);
		addInto(kinds, day.byKind);
		day.byHour.forEach((amount, hour) => (hours[hour] = (hours[hour] as number) + amount));
	}
	const byRate = rateRows(rates);
	return {
		ticketCount: tickets,
		cancellationCount: cancellations,
		ttcCents: assertCents(ttc),
		htCents: assertCents(byRate.reduce((sum, rate) => sum + rate.htCents, 0)),
		vatCents: assertCents(byRate.reduce((sum, rate) => sum + rate.vatCents, 0)),
		discountCents: assertCents(discount),
		balanceIssuedCents: assertCents(issued),
		byRate,
		byMethod: [...methods]
			.filter(([, amount]) => amount !== 0)
			.map(([method, amount]) => ({ method, amountCents: assertCents(amount) })),
		byKind: [...kinds]
			.filter(([, amount]) => amount !== 0)
			.map(([kind, amount]) => ({ kind, ttcCents: assertCents(amount) })),
		byHour: hours.map((amount) => assertCents(amount)),
		// One bar a day, whichever tills sold that day (the shop's report adds them).
		byDay: [...sumByDay(days)]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([day, cents]) => ({ day, ttcCents: assertCents(cents) }))
	};
}

function sumByDay(days: readonly DayTotals[]): Map<string, number> {
	const sums = new Map<string, number>();
	for (const day of days) sums.set(day.day, (sums.get(day.day) ?? 0) + day.ttcCents);
	return sums;
}

export interface Period {
	readonly kind: ClosingKind;
	/** First and last day, YYYY-MM-DD. */
	readonly start: string;
	readonly end: string;
}

/** The day, month or year a day belongs to. */
export function periodOf(kind: ClosingKind, day: string): Period {
	if (kind === 'day') return { kind, start: day, end: day };
	if (kind === 'year')
		return { kind, start: `${day.slice(0, 4)}-01-01`, end: `${day.slice(0, 4)}-12-31` };
	const start = `${day.slice(0, 7)}-01`;
	const nextMonth = addDays(start, 32).slice(0, 7);
	return { kind, start, end: addDays(`${nextMonth}-01`, -1) };
}

/** "le 22/11/2026", "novembre 2026", "l’année 2026". */
export function periodText(period: Period): string {
	if (period.kind === 'day') return `le ${formatDay(period.start)}`;
	if (period.kind === 'year') return `l’année ${period.start.slice(0, 4)}`;
	const month = new Intl.DateTimeFormat('fr-FR', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${period.start}T12:00:00Z`));
	return month;
}

/** "du 22/11/2026", "de novembre 2026", "de l’année 2026": a period after a closing's name. */
export function ofPeriodText(period: Period): string {
	return period.kind === 'day' ? `du ${formatDay(period.start)}` : `de ${periodText(period)}`;
}

const KEY = (period: Pick<Period, 'kind' | 'start'>) => `${period.kind}:${period.start}`;

/**
 * The closings due, oldest first (proposed when the till opens): each past day with sales, then
 * each past month, then each past year — a month once its days are closed, a year once its
 * months are.
 */
export function closingsDue(input: {
	readonly today: string;
	/** Days with sales (any order). */
	readonly salesDays: readonly string[];
	/** Closings made, as `kind:start`. */
	readonly closed: ReadonlySet<string>;
}): Period[] {
	const past = [...new Set(input.salesDays)].filter((day) => day < input.today).sort();
	const due: Period[] = [];
	for (const kind of ['day', 'month', 'year'] as const) {
		const periods = new Map<string, Period>();
		for (const day of past) {
			const period = periodOf(kind, day);
			if (period.end < input.today) periods.set(period.start, period);
		}
		for (const period of periods.values()) {
			if (!input.closed.has(KEY(period))) due.push(period);
		}
	}
	return due;
}

/**
 * Whether a period may be closed now: it is over (a day may be closed on the day itself, once the
 * till is closed), it is not closed yet, and what it is made of is closed first (the days of a
 * month, the months of a year), in order.
 */
export function checkClosing(
	period: Period,
	input: {
		readonly today: string;
		readonly salesDays: readonly string[];
		readonly closed: ReadonlySet<string>;
		readonly tillOpen: boolean;
	}
): Result<Period> {
	if (input.closed.has(KEY(period))) {
		return err('ALREADY_CLOSED', `La période (${periodText(period)}) est déjà clôturée.`);
	}
	const lastDay = period.kind === 'day' ? input.today : addDays(input.today, -1);
	if (period.end > lastDay) {
		return err('NOT_OVER', `La période (${periodText(period)}) n’est pas terminée.`);
	}
	if (period.kind === 'day' && period.end === input.today && input.tillOpen) {
		return err('TILL_OPEN', 'Fermez d’abord la caisse (comptage) avant la clôture du jour.');
	}
	const inner: ClosingKind | null =
		period.kind === 'year' ? 'month' : period.kind === 'month' ? 'day' : null;
	const earlier = input.salesDays
		.map((day) => periodOf(period.kind, day))
		.filter((other) => other.start < period.start && !input.closed.has(KEY(other)));
	if (earlier.length > 0) {
		return err(
			'EARLIER_OPEN',
			`Clôturez d’abord ${periodText(earlier.sort((a, b) => a.start.localeCompare(b.start))[0] as Period)}.`
		);
	}
	if (inner) {
		const open = input.salesDays
			.filter((day) => day >= period.start && day <= period.end)
			.map((day) => periodOf(inner, day))
			.find((part) => !input.closed.has(KEY(part)));
		if (open) return err('PARTS_OPEN', `Clôturez d’abord ${periodText(open)}.`);
	}
	return ok(period);
}

export function closingKey(period: Pick<Period, 'kind' | 'start'>): string {
	return KEY(period);
}
