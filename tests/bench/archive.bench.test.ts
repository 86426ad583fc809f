/**
 * The archive verifier (`npm run verify-archive`, the inspector's tool outside the app) on a
 * year's archive: a year of sealed sales (about 116 000 tickets; at `bench:smoke` scale, that
 * many or fewer), the year closed and archived by the app, then the CLI run in Node on the file.
 * Its baseline: Node reading and unzipping the same file and parsing its records, without any
 * check. Results go to bench/results/archive.json.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { createArchive } from '$lib/db/archive-repository';
import { seal } from '$lib/db/chain-repository';
import { createDatabase, getDb, useDatabaseForTests } from '$lib/db/db';
import type { ClosingRow } from '$lib/db/schema';
import { saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { FIRST_SALE, SALE_EVERY_MS, sealedHistory } from './sealed-history';
import type { Figure } from './stats';

declare module 'vitest/browser' {
	interface BrowserCommands {
		timeArchiveVerifier: (path: string) => Promise<{
			verifierMs: number;
			exitCode: number;
			output: string;
			unzipMs: number;
		}>;
	}
}

const scale = Number(import.meta.env.BENCH_SCALE);
const FILE = 'tests/bench/results/archive-2016.zip';

/** The year 2016 closed, as its yearly Z would seal it (only what the archive needs of it). */
async function closeYear(): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.closings, db.chainHeads], async () => {
		const sealed = await seal('closings', {
			tillId: 'CAISSE1',
			kind: 'year',
			periodStart: '2016-01-01',
			periodEnd: '2016-12-31',
			createdAt: '2017-01-02T08:00:00.000Z'
		} as unknown as Omit<ClosingRow, 'id'>);
		await db.closings.add(sealed as ClosingRow);
	});
}

it('the archive verifier on a year’s archive', async () => {
	useDatabaseForTests(createDatabase(`bench-archive-${Date.now()}`));
	await saveShopSettings(DEMO_SHOP);
	const yearEnd = Date.UTC(2016, 11, 31, 22, 59);
	const inYear = Math.floor((yearEnd - FIRST_SALE) / SALE_EVERY_MS);
	const count = Math.min(inYear, scale);
	// A few sales of 2017 after the year's: the archive stops at the year's last day.
	await sealedHistory(count + (count === inYear ? 300 : 0));
	await closeYear();
	const made = performance.now();
	const { blob, row } = await createArchive('CAISSE1', 'year', '2016-06-01', 'Banc');
	const archiveMs = performance.now() - made;
	const tickets = row.segments.tickets.count;
	expect(tickets).toBe(count);
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	for (let at = 0; at < bytes.length; at += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
	await commands.writeFile(FILE, btoa(binary), 'base64');

	const run = await commands.timeArchiveVerifier(FILE);
	expect(run.exitCode, run.output).toBe(0);
	await commands.removeFile(FILE);
	const once = (ms: number) => ({ samples: 1, p50: ms, p95: ms, p99: ms });
	const figures: Figure[] = [
		{
			name: `Vérificateur d’archives (npm run verify-archive) sur l’archive annuelle de ${tickets.toLocaleString('fr-FR')} tickets`,
			...once(run.verifierMs),
			target: 'mesurer',
			baseline: {
				name: 'Node : lecture, décompression et lecture JSON du même fichier, sans contrôle',
				...once(run.unzipMs)
			},
			note: `Chaque empreinte, chaque hash et chaque signature (${Math.round(tickets / (run.verifierMs / 1000)).toLocaleString('fr-FR')} tickets/s), démarrage de Node et de tsx compris ; fichier de ${(bytes.length / 1_048_576).toFixed(1)} Mio fait par l’application en ${Math.round(archiveMs / 1000)} s`
		}
	];
	await commands.writeFile('tests/bench/results/archive.json', JSON.stringify(figures, null, 2));
});
