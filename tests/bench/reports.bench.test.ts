/**
 * Month and year till reports ≤ 50 ms p95 on ten years of sales. Reports read the daily
 * aggregates written in each sale's transaction (one small record per till and day), so ten years
 * are about 3 100 records whatever the number of tickets; they are generated here with a busy
 * shop's figures (≈ 320 tickets a day). Compared with a raw IndexedDB read of a year's records.
 * Results go to bench/results/reports.json.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { periodReport } from '$lib/db/closing-repository';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import type { DailyTotalsRow } from '$lib/db/schema';
import { addDays, assertCents } from '$lib/domain';
import { request } from './raw-idb';
import { measure, type Figure } from './stats';

function dayRow(day: string, seed: number): DailyTotalsRow {
	const ttc = 900_000 + ((seed * 7919) % 400_000);
	const book = Math.round(ttc * 0.8);
	const byHour = new Array<number>(24).fill(0);
	for (let hour = 9; hour < 19; hour++) byHour[hour] = Math.round(ttc / 10);
	return {
		tillId: 'CAISSE1',
		day,
		ticketCount: 300 + (seed % 40),
		ttcCents: assertCents(ttc),
		byRate: {
			550: {
				ttcCents: book,
				htCents: Math.round(book / 1.055),
				vatCents: book - Math.round(book / 1.055)
			},
			2000: {
				ttcCents: ttc - book,
				htCents: Math.round((ttc - book) / 1.2),
				vatCents: ttc - book - Math.round((ttc - book) / 1.2)
			}
		},
		byMethod: { carte: Math.round(ttc * 0.7), especes: ttc - Math.round(ttc * 0.7) },
		byKind: { livre: book, autre: ttc - book },
		byHour,
		discountCents: assertCents(seed % 5000),
		cancellationCount: seed % 3
	};
}

it('month and year reports over ten years of daily aggregates', async () => {
	const db = createDatabase(`bench-reports-${Date.now()}`);
	useDatabaseForTests(db);
	const rows: DailyTotalsRow[] = [];
	for (let day = '2016-11-24', i = 0; day <= '2026-11-23'; day = addDays(day, 1), i++) {
		if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 0) rows.push(dayRow(day, i));
	}
	await db.dailyTotals.bulkPut(rows);
	const months = Array.from({ length: 120 }, (_, i) =>
		addDays('2016-12-01', Math.floor(i * 30.44))
	);
	const years = ['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025'];
	const month = await measure(
		(i) => periodReport('CAISSE1', 'month', months[i % months.length] as string),
		{ runs: 200, warmup: 20 }
	);
	const year = await measure(
		(i) => periodReport('CAISSE1', 'year', `${years[i % years.length]}-06-01`),
		{ runs: 100, warmup: 10 }
	);
	db.close();
	const raw = await request(indexedDB.open(db.name));
	const rawYear = await measure(
		async (i) => {
			const y = years[i % years.length];
			const store = raw.transaction('dailyTotals').objectStore('dailyTotals');
			await request(
				store.getAll(IDBKeyRange.bound(['CAISSE1', `${y}-01-01`], ['CAISSE1', `${y}-12-31`]))
			);
		},
		{ runs: 100, warmup: 10 }
	);
	raw.close();
	useDatabaseForTests(createDatabase(db.name));
	const check = await periodReport('CAISSE1', 'year', '2020-06-01');
	expect(check.totals.ticketCount).toBeGreaterThan(300 * 300);

	const baseline = {
		name: 'IndexedDB brut : lecture des agrégats d’une année (getAll sur la clé)',
		p50: rawYear.p50,
		p95: rawYear.p95,
		p99: rawYear.p99
	};
	const figures: Figure[] = [
		{
			name: `Rapport de caisse d’un mois (10 ans de ventes, ${rows.length} jours)`,
			...month,
			target: 'p95 ≤ 50 ms',
			baseline
		},
		{ name: 'Rapport de caisse d’une année', ...year, target: 'p95 ≤ 50 ms', baseline }
	];
	await commands.writeFile('tests/bench/results/reports.json', JSON.stringify(figures, null, 2));
});
