import { err, ok, type Result } from './result';

/** A span of cashing days, both ends included, as YYYY-MM-DD (Europe/Paris days). */
export interface DayRange {
	readonly from: string;
	readonly to: string;
}

export type PresetPeriod = 'today' | 'yesterday' | 'this-week' | 'last-week';

export const PRESET_PERIOD_LABELS: Readonly<Record<PresetPeriod, string>> = {
	today: 'Aujourd’hui',
	yesterday: 'Hier',
	'this-week': 'Cette semaine',
	'last-week': 'Semaine dernière'
};

/** The seed's "Autres dates": a period of at most 31 days. */
export const MAX_PERIOD_DAYS = 31;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, or null (31/02 and 2023-13-01 are refused). */
function dayNumber(day: string): number | null {
	const match = ISO_DAY.exec(day);
	if (!match) return null;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(year, month - 1, date);
	const check = new Date(time);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
	return time / DAY_MS;
}

function dayFromNumber(count: number): string {
	return new Date(count * DAY_MS).toISOString().slice(0, 10);
}

/** @example addDays('2019-09-30', 1) // '2019-10-01' */
export function addDays(day: string, count: number): string {
	const start = dayNumber(day);
	if (start === null) throw new RangeError(`addDays: not a day: ${day}`);
	return dayFromNumber(start + count);
}

/**
 * The preset periods of the tickets list; weeks run Monday to Sunday, as in France.
 * @example presetPeriod('this-week', '2019-09-27') // { from: '2019-09-23', to: '2019-09-29' }
 */
export function presetPeriod(preset: PresetPeriod, today: string): DayRange {
	const todayNumber = dayNumber(today);
	if (todayNumber === null) throw new RangeError(`presetPeriod: not a day: ${today}`);
	// 1970-01-01 was a Thursday: (n + 3) mod 7 counts days since Monday.
	const monday = todayNumber - ((todayNumber + 3) % 7);
	switch (preset) {
		case 'today':
			return { from: today, to: today };
		case 'yesterday': {
			const yesterday = dayFromNumber(todayNumber - 1);
			return { from: yesterday, to: yesterday };
		}
		case 'this-week':
			return { from: dayFromNumber(monday), to: dayFromNumber(monday + 6) };
		case 'last-week':
			return { from: dayFromNumber(monday - 7), to: dayFromNumber(monday - 1) };
	}
}

/**
 * Checks an "Autres dates" period typed by the user (date inputs give YYYY-MM-DD): both dates
 * real, in order, and at most 31 days long (an export: a year), ends included.
 */
export function validatePeriod(
	from: string,
	to: string,
	maxDays: number = MAX_PERIOD_DAYS
): Result<DayRange> {
	const start = dayNumber(from.trim());
	if (start === null) {
		return err('PERIOD_FROM_INVALID', 'Saisissez une date de début valide (jj/mm/aaaa).', 'from');
	}
	const end = dayNumber(to.trim());
	if (end === null) {
		return err('PERIOD_TO_INVALID', 'Saisissez une date de fin valide (jj/mm/aaaa).', 'to');
	}
	if (end < start) {
		return err('PERIOD_REVERSED', 'La date de fin précède la date de début.', 'to');
	}
	const length = end - start + 1;
	if (length > maxDays) {
		return err(
			'PERIOD_TOO_LONG',
			`La période est limitée à ${maxDays} jours (ici ${length} jours)\u00a0: raccourcissez-la.`,
			'to'
		);
	}
	return ok({ from: dayFromNumber(start), to: dayFromNumber(end) });
}

/** Whole days from `today` to `day` (negative when past), both YYYY-MM-DD. */
export function daysBetween(today: string, day: string): number {
	return (dayNumber(day) ?? Number.NaN) - (dayNumber(today) ?? Number.NaN);
}

/**
 * A day typed in a date field for something that already happened (a payment received, a status
 * seen on a portal): a real date, not after today. `what` names it: "du règlement".
 */
export function validatePastDay(day: string, today: string, what: string): Result<string> {
	if (dayNumber(day.trim()) === null) {
		return err('DAY_INVALID', `Indiquez la date ${what} (jj/mm/aaaa).`, 'day');
	}
	if (day.trim() > today) return err('DAY_FUTURE', `La date ${what} est dans le futur.`, 'day');
	return ok(day.trim());
}

/** @example formatDay('2019-09-27') // '27/09/2019' */
export function formatDay(day: string): string {
	return day.split('-').reverse().join('/');
}

/**
 * The list's caption, as in the seed.
 * @example periodCaption({ from: '2019-09-01', to: '2019-09-30' })
 *   // 'Liste des tickets de caisse du 01/09/2019 au 30/09/2019.'
 */
export function periodCaption(range: DayRange): string {
	return range.from === range.to
		? `Liste des tickets de caisse du ${formatDay(range.from)}.`
		: `Liste des tickets de caisse du ${formatDay(range.from)} au ${formatDay(range.to)}.`;
}
