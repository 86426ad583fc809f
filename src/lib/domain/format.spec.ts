import { describe, expect, it } from 'vitest';
import { formatBp } from './discount';
import {
	centsToDecimal,
	formatBytes,
	formatCount,
	countOf,
	formatUnitPrice,
	formatLongDateTime,
	formatLongDay,
	frenchSpacing,
	formatDate,
	formatEuros,
	formatTime,
	parisDay,
	parisHour
} from './format';

describe('fr-FR formats', () => {
	it('writes euros, dates and times the French way', () => {
		expect(formatEuros(4540)).toBe('45,40\u00a0€');
		expect(formatEuros(-123456)).toBe('-1\u202f234,56\u00a0€');
		const date = new Date('2019-09-27T16:49:38Z');
		expect(formatDate(date)).toBe('27/09/2019');
		expect(formatTime(date)).toBe('18:49');
		expect(formatBp(550)).toBe('5,5\u00a0%');
	});
	it('writes XML decimals with a dot', () => {
		expect(centsToDecimal(4540)).toBe('45.40');
		expect(centsToDecimal(-5)).toBe('-0.05');
		expect(centsToDecimal(0)).toBe('0.00');
	});
	it('writes sizes in French units', () => {
		expect(formatBytes(512)).toBe('512 o');
		expect(formatBytes(1_572_864)).toBe('1,5 Mo');
	});
	it('writes counts with their thousands apart', () => {
		expect(formatCount(7)).toBe('7');
		expect(formatCount(1_000_000)).toBe('1\u202f000\u202f000');
	});

	it.each([
		[0, '0 jour'],
		[1, '1 jour'],
		[2, '2 jours'],
		[12_345, '12\u202f345 jours']
	])('agrees %i with its noun: « %s »', (count, said) => {
		expect(countOf(count, 'jour')).toBe(said);
		expect(countOf(count, 'ligne de livres', 'lignes de livres')).toBe(
			said.replace(/jours?$/u, count < 2 ? 'ligne de livres' : 'lignes de livres')
		);
	});
});

describe("the shop's day and hour (Europe/Paris)", () => {
	it('puts a late sale on the Paris day, summer and winter', () => {
		expect(parisDay(new Date('2019-09-27T22:30:00Z'))).toBe('2019-09-28');
		expect(parisDay(new Date('2026-01-15T22:59:00Z'))).toBe('2026-01-15');
		expect(parisHour(new Date('2019-09-27T16:49:38Z'))).toBe(18);
		expect(parisHour(new Date('2026-01-15T23:10:00Z'))).toBe(0);
	});
});

describe('long dates (ticket detail, home page)', () => {
	it.each([
		['2019-09-27T16:49:38Z', 'vendredi 27 septembre 2019', 'vendredi 27 septembre 2019 à 18:49:38'],
		['2026-12-02T23:30:00Z', 'jeudi 3 décembre 2026', 'jeudi 3 décembre 2026 à 00:30:00']
	])('%s → « %s », « %s »', (iso, day, moment) => {
		expect(formatLongDay(new Date(iso))).toBe(day);
		expect(formatLongDateTime(new Date(iso))).toBe(moment);
	});
});

describe('frenchSpacing (printed documents)', () => {
	it.each([
		['Net à payer\u00a0: 12,00\u00a0€', 'Net à payer\u00a0: 12,00\u00a0€'],
		[
			'«\u00a0Le Petit Prince\u00a0»\u00a0; TVA 5,5\u00a0%',
			'«\u00a0Le Petit Prince\u00a0»\u00a0; TVA 5,5\u00a0%'
		],
		['Vraiment\u00a0? Oui\u00a0!', 'Vraiment\u00a0? Oui\u00a0!'],
		[
			'le 27/09/2019 à 18:49 — https://chorus-pro.gouv.fr',
			'le 27/09/2019 à 18:49 — https://chorus-pro.gouv.fr'
		],
		[': en tête', ': en tête']
	])('« %s »', (text, spaced) => {
		expect(frenchSpacing(text)).toBe(spaced);
	});
});

describe('formatUnitPrice', () => {
	it.each([
		['16.113', '16,11\u00a0€'],
		['16.115', '16,12\u00a0€'],
		['0.9999', '1,00\u00a0€'],
		['8.5', '8,50\u00a0€'],
		['12', '12,00\u00a0€'],
		['-3.456', '-3,46\u00a0€']
	])('%s → %s', (decimal, shown) => {
		expect(formatUnitPrice(decimal)).toBe(shown);
	});
});
