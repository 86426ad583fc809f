// npm run bench: runs the benchmarks in real Chromium and writes BENCHMARKS.md.
// BENCH_SCALE (default 1 000 000) sets the number of records; `npm run bench:smoke` uses 10 000.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { BENCH_PROFILE } from './profile.js';

const scale = process.env.BENCH_SCALE ?? '1000000';
rmSync('tests/bench/results', { recursive: true, force: true });
// A fresh profile each run (docs/performance.md): nothing left from an earlier run counts against the quota.
rmSync(BENCH_PROFILE, { recursive: true, force: true });
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/scale.json', JSON.stringify({ scale }));

// First the built app, on its own origin (not Vitest's): cold start, first visit, its size, then
// Lighthouse. Measured before the benches' hours of bulk writes, not on a disk still flushing them.
const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
const cold =
	built.status === 0
		? spawnSync('node', ['tests/bench/cold-start.mjs'], {
				stdio: 'inherit',
				env: { ...process.env, BENCH_SCALE: scale }
			})
		: built;
if (cold.status !== 0) {
	console.error('Le démarrage à froid n’a pas pu être mesuré : BENCHMARKS.md n’est pas modifié.');
	process.exit(cold.status ?? 1);
}

// Lighthouse, mobile preset, on the home page and the till served as npm start serves them.
const audited = spawnSync('node', ['tests/bench/lighthouse.mjs'], { stdio: 'inherit' });
if (audited.status !== 0) {
	console.error('Lighthouse n’a pas pu mesurer les pages : BENCHMARKS.md n’est pas modifié.');
	process.exit(audited.status ?? 1);
}

// Then the benches in real Chromium, in one profile on disk.
const run = spawnSync('npx', ['vitest', 'run', '--config', 'tests/bench/vitest.config.ts'], {
	stdio: 'inherit',
	env: { ...process.env, BENCH_SCALE: scale }
});
if (run.status !== 0) {
	console.error('Les benchmarks ont échoué : BENCHMARKS.md n’est pas modifié.');
	process.exit(run.status ?? 1);
}

await import('./report.mjs');
