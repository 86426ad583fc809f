// Writes BENCHMARKS.md from tests/bench/results/*.json (left by `npm run bench`) and appends the
// hand-written analysis in tests/bench/NOTES.md. `node bench/report.mjs` rewrites it without re-measuring.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';

const scale =
	process.env.BENCH_SCALE ??
	JSON.parse(readFileSync('tests/bench/results/scale.json', 'utf8')).scale;
const figures = readdirSync('tests/bench/results')
	.filter((f) => f.endsWith('.json') && f !== 'scale.json')
	.sort()
	.flatMap((f) =>
		JSON.parse(readFileSync(`tests/bench/results/${f}`, 'utf8')).map((fig) => ({ ...fig, file: f }))
	);

const ms = (value) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');
let chromium = 'unknown';
try {
	chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
		stdio: ['ignore', 'pipe', 'ignore']
	})
		.toString()
		.trim();
} catch {
	// reported as unknown
}

const lines = [
	'# Benchmarks',
	'',
	`Measured on ${new Date().toISOString().slice(0, 10)} with \`BENCH_SCALE=${scale} npm run bench\`,`,
	`in ${chromium}, ${type()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} with ${Math.round(totalmem() / 2 ** 30)} GiB.`,
	'The machine is shared: read each figure against the raw IndexedDB or main-thread baseline of the same run.',
	'Times in milliseconds (Lighthouse rows: scores out of 100). Reproduce: `npm run bench` (1 000 000 records) or `npm run bench:smoke` (10 000).',
	'',
	'| Opération | n | p50 | p95 | p99 | Référence (même exécution) | réf. p50 / p95 / p99 | ratio p95 | cible | note |',
	'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
];
for (const f of figures) {
	const b = f.baseline;
	lines.push(
		`| ${f.name} | ${f.samples} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${b ? b.name : ''} | ${b ? `${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)}` : ''} | ${b && b.p95 > 0 ? `× ${(f.p95 / b.p95).toFixed(1)}` : ''} | ${f.target ?? ''} | ${f.note ?? ''} |`
	);
}
const notes = existsSync('tests/bench/NOTES.md')
	? `\n${readFileSync('tests/bench/NOTES.md', 'utf8')}`
	: '';
writeFileSync('BENCHMARKS.md', `${lines.join('\n')}\n${notes}`);
console.log(`BENCHMARKS.md écrit (${figures.length} mesures).`);
