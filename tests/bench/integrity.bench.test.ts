/**
 * « Vérifier l'intégrité » on BENCH_SCALE sealed tickets (1 000 000 by default): every hash
 * recomputed and the signatures checked (docs/integrity.md#million), on one worker per core, while a timer on the main
 * thread shows whether the till stays usable. Its baseline: raw IndexedDB reading the same
 * records in the same batches. Results go to bench/results/integrity.json.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { verifyIntegrity } from '$lib/services/closings';
import { done, request } from './raw-idb';
import { sealedHistory } from './sealed-history';
import { summarize, type Figure } from './stats';

const scale = Number(import.meta.env.BENCH_SCALE);
/** Raw IndexedDB: the same records read in the check's batches of 2 000, nothing else done. */
async function rawRead(name: string): Promise<number> {
	const idb = await request(indexedDB.open(name));
	const started = performance.now();
	let after = 0;
	for (;;) {
		const tx = idb.transaction('tickets', 'readonly');
		const rows = (await request(
			tx.objectStore('tickets').getAll(IDBKeyRange.lowerBound(after, true), 2_000)
		)) as { id: number }[];
		await done(tx);
		if (rows.length === 0) break;
		after = rows.at(-1)?.id ?? after;
	}
	const elapsed = performance.now() - started;
	idb.close();
	return elapsed;
}

it(`« Vérifier l’intégrité » over ${scale} sealed tickets`, async () => {
	const name = `bench-integrity-${Date.now()}`;
	useDatabaseForTests(createDatabase(name));
	await saveShopSettings(DEMO_SHOP);
	const setUp = performance.now();
	await sealedHistory(scale);
	const setUpMs = performance.now() - setUp;
	const rawMs = await rawRead(name);

	// The main thread's timer: each gap between two ticks beyond its 16 ms is time the till
	// could not have answered a key.
	const gaps: number[] = [];
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		gaps.push(now - last);
		last = now;
	}, 16);
	const progress: number[] = [];
	const started = performance.now();
	const report = await verifyIntegrity((checked) => progress.push(checked));
	const checkMs = performance.now() - started;
	clearInterval(timer);
	expect(report.problems).toEqual([]);
	expect(report.checked).toBeGreaterThanOrEqual(scale);

	const perSecond = Math.round(scale / (checkMs / 1000));
	const gapStats = summarize(gaps);
	const figures: Figure[] = [
		{
			name: `« Vérifier l’intégrité » sur ${scale.toLocaleString('fr-FR')} tickets scellés (chaque hash recalculé, signatures vérifiées par lot à travers le chaînage, sur ${navigator.hardwareConcurrency} workers)`,
			samples: 1,
			p50: checkMs,
			p95: checkMs,
			p99: checkMs,
			target: scale === 1_000_000 ? '≤ 60 000 ms' : undefined,
			baseline: {
				name: 'IndexedDB brut : lecture des mêmes tickets par lots de 2 000',
				p50: rawMs,
				p95: rawMs,
				p99: rawMs
			},
			note: `${perSecond.toLocaleString('fr-FR')} tickets/s ; ${progress.length} points d’avancement affichés ; mise en place (tickets scellés écrits) ${Math.round(setUpMs / 1000)} s`
		},
		{
			name: 'Thread principal pendant la vérification : intervalle entre deux tops d’une minuterie de 16 ms',
			...gapStats,
			target: 'p95 ≤ 50 ms (la caisse reste utilisable)',
			note: `max ${Math.round(Math.max(...gaps))} ms ; un scan attend au plus l’intervalle en cours`
		}
	];
	await commands.writeFile('tests/bench/results/integrity.json', JSON.stringify(figures, null, 2));
});
