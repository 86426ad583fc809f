import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkClosing,
	closingKey,
	closingsDue,
	periodOf,
	periodText,
	ofPeriodText,
	periodTotals,
	type DayTotals
} from './closing';

function day(date: string, ttc: number, extra: Partial<DayTotals> = {}): DayTotals {
	const byHour = new Array<number>(24).fill(0);
	byHour[10] = ttc;
	return {
		day: date,
		ticketCount: 2,
		ttcCents: ttc,
		byRate: {
			550: {
				ttcCents: ttc,
				htCents: Math.round(ttc / 1.055),
				vatCents: ttc - Math.round(ttc / 1.055)
			}
		},
		byMethod: { especes: ttc },
		byKind: { livre: ttc },
		byHour,
		discountCents: 10,
		cancellationCount: 0,
		...extra
	};
}

describe('periodTotals', () => {
	it('adds the days up: per rate, method, kind, hour and day', () => {
		const totals = periodTotals([
			day('2026-11-21', 4540, {
				byRate: {
					550: { ttcCents: 3910, htCents: 3706, vatCents: 204 },
					2000: { ttcCents: 630, htCents: 525, vatCents: 105 }
				},
				byMethod: { carte: 4540, especes: 0 },
				balanceIssuedCents: 2000,
				cancellationCount: 1
			}),
			day('2026-11-20', 1000)
		]);
		expect(totals).toMatchObject({
			ticketCount: 4,
			cancellationCount: 1,
			ttcCents: 5540,
			discountCents: 20,
			balanceIssuedCents: 2000,
			byMethod: [
				{ method: 'carte', amountCents: 4540 },
				{ method: 'especes', amountCents: 1000 }
			],
			byKind: [{ kind: 'livre', ttcCents: 5540 }],
			byDay: [
				{ day: '2026-11-20', ttcCents: 1000 },
				{ day: '2026-11-21', ttcCents: 4540 }
			]
		});
		expect(totals.byRate.map((r) => r.vatRateBp)).toEqual([550, 2000]);
		expect(totals.htCents + totals.vatCents).toBe(totals.ttcCents);
		expect(totals.byHour[10]).toBe(5540);
		expect(periodTotals([]).ttcCents).toBe(0);
	});

	it('adds the tills of a shop day by day: one bar a day (docs/replication.md)', () => {
		const totals = periodTotals([
			day('2026-11-20', 1000),
			day('2026-11-20', 250),
			day('2026-11-21', 5)
		]);
		expect(totals.ticketCount).toBe(6);
		expect(totals.byDay).toEqual([
			{ day: '2026-11-20', ttcCents: 1250 },
			{ day: '2026-11-21', ttcCents: 5 }
		]);
	});

	it('is the same whatever the order of the days', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: -5000, max: 50000 }), { maxLength: 20 }),
				(amounts) => {
					const days = amounts.map((ttc, i) =>
						day(`2026-01-${String(i + 1).padStart(2, '0')}`, ttc)
					);
					expect(periodTotals([...days].reverse())).toEqual(periodTotals(days));
				}
			)
		);
	});
});

describe('periods', () => {
	it.each([
		['day', '2026-11-23', '2026-11-23', '2026-11-23', 'le 23/11/2026'],
		['month', '2026-02-14', '2026-02-01', '2026-02-28', 'février 2026'],
		['month', '2024-12-31', '2024-12-01', '2024-12-31', 'décembre 2024'],
		['year', '2026-07-01', '2026-01-01', '2026-12-31', 'l’année 2026']
	] as const)('%s of %s: %s → %s (%s)', (kind, date, start, end, text) => {
		const period = periodOf(kind, date);
		expect(period).toEqual({ kind, start, end });
		expect(periodText(period)).toBe(text);
	});

	it.each([
		['day', '2026-12-02', 'du 02/12/2026'],
		['month', '2026-11-05', 'de novembre 2026'],
		['year', '2026-07-01', 'de l’année 2026']
	] as const)('a closing of the %s of %s is named « … %s »', (kind, date, text) => {
		expect(ofPeriodText(periodOf(kind, date))).toBe(text);
	});
});

describe('closings due and allowed', () => {
	const salesDays = ['2026-10-30', '2026-10-31', '2026-11-02', '2026-11-22', '2026-11-23'];
	const none = new Set<string>();

	it('proposes past days, then past months, then past years, not today', () => {
		expect(closingsDue({ today: '2026-11-23', salesDays, closed: none }).map(closingKey)).toEqual([
			'day:2026-10-30',
			'day:2026-10-31',
			'day:2026-11-02',
			'day:2026-11-22',
			'month:2026-10-01'
		]);
		expect(
			closingsDue({ today: '2027-01-02', salesDays, closed: new Set(['day:2026-10-30']) }).map(
				closingKey
			)
		).toContain('year:2026-01-01');
	});

	const state = { today: '2026-11-23', salesDays, closed: none, tillOpen: false };
	it.each([
		[periodOf('day', '2026-10-31'), state, 'EARLIER_OPEN', 'le 30/10/2026'],
		[periodOf('day', '2026-11-02'), state, 'EARLIER_OPEN', 'le 30/10/2026'],
		[periodOf('month', '2026-10-01'), state, 'PARTS_OPEN', 'le 30/10/2026'],
		[periodOf('month', '2026-11-01'), state, 'NOT_OVER', 'novembre 2026'],
		[
			periodOf('day', '2026-11-23'),
			{
				...state,
				closed: new Set(['day:2026-10-30', 'day:2026-10-31', 'day:2026-11-02', 'day:2026-11-22']),
				tillOpen: true
			},
			'TILL_OPEN',
			'Fermez'
		],
		[
			periodOf('day', '2026-10-30'),
			{ ...state, closed: new Set(['day:2026-10-30']) },
			'ALREADY_CLOSED',
			'déjà clôturée'
		],
		[
			periodOf('year', '2026-01-01'),
			{
				...state,
				today: '2027-01-05',
				closed: new Set([
					'day:2026-10-30',
					'day:2026-10-31',
					'day:2026-11-02',
					'day:2026-11-22',
					'day:2026-11-23',
					'month:2026-10-01'
				])
			},
			'PARTS_OPEN',
			'novembre 2026'
		]
	])('refuses %j', (period, input, code, text) => {
		const result = checkClosing(period, input);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe(code);
			expect(result.error.message).toContain(text);
		}
	});

	it('allows the oldest open day, today once the till is closed, a month once its days are', () => {
		expect(checkClosing(periodOf('day', '2026-10-30'), state).ok).toBe(true);
		const allDays = new Set([
			'day:2026-10-30',
			'day:2026-10-31',
			'day:2026-11-02',
			'day:2026-11-22'
		]);
		expect(checkClosing(periodOf('day', '2026-11-23'), { ...state, closed: allDays }).ok).toBe(
			true
		);
		expect(checkClosing(periodOf('month', '2026-10-01'), { ...state, closed: allDays }).ok).toBe(
			true
		);
	});
});
