/** fr-FR formats, applied only at the edge (screens, receipts, PDF, messages). */

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/**
 * @example formatEuros(4540) // "45,40 €" (with a no-break space, as Intl writes it)
 */
export function formatEuros(cents: number): string {
	return euros.format(cents / 100);
}

/**
 * Cents as an XML/CSV decimal with a dot: 4540 → "45.40", -5 → "-0.05".
 */
/**
 * A unit price carried with more decimals (EN 16931 BT-146, e.g. "16.113") as read on paper:
 * rounded half up to the cent (docs/invoices.md#documents); the line totals stay exact.
 * @example formatUnitPrice('16.113') // '16,11 €'
 */
export function formatUnitPrice(decimal: string): string {
	const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
	const digits = fraction.padEnd(2, '0');
	const scale = 10n ** BigInt(digits.length - 2);
	const units = BigInt(whole) * 100n * scale + BigInt(digits);
	const cents = Number((units * 2n + scale) / (2n * scale));
	return formatEuros(decimal.startsWith('-') ? -cents : cents);
}

export function centsToDecimal(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const absolute = Math.abs(cents);
	return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * Cents as a decimal with a comma, for French spreadsheets and the FEC: 4540 → "45,40".
 */
export function centsToFrenchDecimal(cents: number): string {
	return centsToDecimal(cents).replace('.', ',');
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	timeZone: 'Europe/Paris'
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
	hour: '2-digit',
	minute: '2-digit',
	timeZone: 'Europe/Paris'
});

/** @example formatDate(new Date('2019-09-27T16:49:38Z')) // "27/09/2019" */
export function formatDate(date: Date): string {
	return dateFormat.format(date);
}

const longDayFormat = new Intl.DateTimeFormat('fr-FR', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Paris'
});
const secondsFormat = new Intl.DateTimeFormat('fr-FR', {
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	timeZone: 'Europe/Paris'
});

/** @example formatLongDay(new Date('2019-09-27T16:49:38Z')) // "vendredi 27 septembre 2019" */
export function formatLongDay(date: Date): string {
	return longDayFormat.format(date);
}

/**
 * The moment of a sale as the seed's ticket detail writes it, built from its two parts so that
 * « à » always stands between the day and the time, whatever the ICU version joins them with.
 * @example formatLongDateTime(new Date('2019-09-27T16:49:38Z'))
 * // "vendredi 27 septembre 2019 à 18:49:38"
 */
export function formatLongDateTime(date: Date): string {
	return `${longDayFormat.format(date)} à ${secondsFormat.format(date)}`;
}

/** @example formatTime(new Date('2019-09-27T16:49:38Z')) // "18:49" */
export function formatTime(date: Date): string {
	return timeFormat.format(date);
}

const counts = new Intl.NumberFormat('fr-FR');

/**
 * A count as French writes it, thousands apart: « 12 345 » (a narrow no-break space).
 * @example formatCount(12345) // '12\u202f345'
 */
export function formatCount(count: number): string {
	return counts.format(count);
}

/**
 * A count and its noun, agreed as French agrees them: singular for 0 and 1, plural from 2.
 * @example countOf(1, 'jour') // '1 jour'
 * @example countOf(3, 'écriture journalière', 'écritures journalières') // '3 écritures journalières'
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
	return `${formatCount(count)} ${Math.abs(count) < 2 ? singular : plural}`;
}

const bytes = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** @example formatBytes(1_572_864) // "1,5 Mo" */
export function formatBytes(count: number): string {
	const units = ['o', 'ko', 'Mo', 'Go', 'To'];
	let value = count;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${bytes.format(value)} ${units[unit]}`;
}

const parisDayFormat = new Intl.DateTimeFormat('en-CA', {
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	timeZone: 'Europe/Paris'
});
const parisHourFormat = new Intl.DateTimeFormat('en-GB', {
	hour: '2-digit',
	hourCycle: 'h23',
	timeZone: 'Europe/Paris'
});

/**
 * The shop's calendar day of an instant (Europe/Paris), as YYYY-MM-DD: the day a sale is cashed,
 * closed and reported on, whatever the computer's time zone.
 * @example parisDay(new Date('2019-09-27T22:30:00Z')) // '2019-09-28'
 */
export function parisDay(date: Date): string {
	return parisDayFormat.format(date);
}

/** The hour (0–23) of an instant in Europe/Paris, for the sales-by-hour chart. */
export function parisHour(date: Date): number {
	return Number(parisHourFormat.format(date));
}

/**
 * French typography for printed documents: a non-breaking space before « : ; ! ? % € » and » and
 * after «, so that a sign never starts a line on its own (Lexique des règles typographiques en
 * usage à l'Imprimerie nationale). Times (18:49) and addresses (https://) have no space to change.
 * @example frenchSpacing('Net à payer : 12,00 €') // "Net à payer\u00a0: 12,00\u00a0€"
 */
export function frenchSpacing(text: string): string {
	return text.replace(/(?<=\S) +(?=[:;!?%€»])/gu, '\u00a0').replace(/« +/gu, '«\u00a0');
}
