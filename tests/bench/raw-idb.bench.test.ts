/**
 * The raw IndexedDB reference figures of this run (docs/performance.md): every app figure is read against
 * them, because the shared machine's absolute times drift.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { openRawStore, rawCommit, rawGetByKey, rawIndexRange } from './raw-idb';
import type { Figure } from './stats';

const scale = Number(import.meta.env.BENCH_SCALE);

it(`raw IndexedDB on ${scale} records`, async () => {
	const started = performance.now();
	const store = await openRawStore('bench-raw', scale);
	const fillMs = performance.now() - started;
	expect(store.count).toBe(scale);
	const figures: Figure[] = [
		{ name: 'IndexedDB brut : lecture par clé', ...(await rawGetByKey(store)) },
		{
			name: 'IndexedDB brut : 20 premières entrées d’un index (préfixe)',
			...(await rawIndexRange(store))
		},
		{
			name: 'IndexedDB brut : une petite transaction readwrite (durabilité stricte)',
			...(await rawCommit(store))
		}
	];
	figures.push({
		name: `IndexedDB brut : écriture en masse de ${scale.toLocaleString('fr-FR')} enregistrements (lots de 10 000)`,
		samples: 1,
		p50: fillMs,
		p95: fillMs,
		p99: fillMs,
		note: `${Math.round(scale / (fillMs / 1000)).toLocaleString('fr-FR')} enregistrements/s`
	});
	store.db.close();
	indexedDB.deleteDatabase('bench-raw');
	await commands.writeFile('tests/bench/results/raw-idb.json', JSON.stringify(figures, null, 2));
});
