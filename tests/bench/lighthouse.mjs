// Lighthouse (mobile preset: a mid-range phone, slow 4G and a 4× slower CPU, simulated) on the home
// page and the till, served as npm start serves them (src/cli/serve.mjs: compressed, cached), each
// page in a fresh Chromium profile. Lighthouse's score moves by a few points between runs, so
// each page is audited LIGHTHOUSE_RUNS times (default 3) and the median run is kept.
// Writes tests/bench/results/lighthouse.json. Needs `npm run build` first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../chromium.js';
import { chromiumPath, serveBuild } from '../e2e/harness.mjs';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? '3');
const PAGES = [
	['Accueil', '/'],
	['Caisse', '/caisse']
];

/** One audit in a fresh profile: the performance score (0–100) and its main metrics (ms). */
async function audit(url) {
	const profile = mkdtempSync(join(tmpdir(), 'comptoir-lighthouse-'));
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumPath(),
		userDataDir: profile,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	try {
		const { lhr } = await lighthouse(url, {
			port: chrome.port,
			onlyCategories: ['performance'],
			logLevel: 'error',
			output: 'json'
		});
		const metric = (id) => lhr.audits[id]?.numericValue ?? NaN;
		return {
			score: Math.round((lhr.categories.performance.score ?? 0) * 100),
			fcp: metric('first-contentful-paint'),
			lcp: metric('largest-contentful-paint'),
			tbt: metric('total-blocking-time'),
			cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
			warnings: lhr.runWarnings
		};
	} finally {
		chrome.kill();
		rmSync(profile, { recursive: true, force: true });
	}
}

const server = await serveBuild();
const figures = [];
try {
	for (const [label, path] of PAGES) {
		const runs = [];
		for (let run = 0; run < RUNS; run++) runs.push(await audit(`${server.url}${path}`));
		runs.sort((a, b) => a.score - b.score);
		const median = runs[Math.floor(runs.length / 2)];
		const ms = (value) => `${Math.round(value)} ms`;
		figures.push({
			name: `Lighthouse, préréglage mobile : ${label} (${path}), score de performance`,
			samples: runs.length,
			p50: median.score,
			p95: runs[0].score,
			p99: runs[0].score,
			target: 'score ≥ 90',
			note: `Scores ${runs.map((r) => r.score).join(', ')} (p50 = médiane, p95 et p99 = le plus bas) ; exécution médiane : FCP ${ms(median.fcp)}, LCP ${ms(median.lcp)}, TBT ${ms(median.tbt)}, CLS ${median.cls.toFixed(3)} ; servi par npm start (Brotli, fichiers empreintés en cache un an)${median.warnings.length ? ` ; avertissements : ${median.warnings.join(' ')}` : ''}`
		});
		console.log(label, runs.map((r) => r.score).join(', '));
	}
} finally {
	await server.close();
}
writeFileSync('tests/bench/results/lighthouse.json', JSON.stringify(figures, null, 2));
