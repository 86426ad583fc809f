// A tiny e2e harness: real Debian Chromium through playwright-core (no browser download),
// the built app served from build/ by sirv, and a closing line "N passed, N failed".
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import sirv from 'sirv';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.js';

export function chromiumPath() {
	const path = CHROMIUM_PATH;
	if (!existsSync(path)) {
		console.error(
			`Chromium introuvable à ${path}. Installez-le (« apt-get install -y chromium ») ou indiquez son chemin dans CHROMIUM_PATH.`
		);
		process.exit(2);
	}
	return path;
}

/**
 * Serves build/ on a free loopback port; SPA fallback as in production. `publishNewVersion()`
 * serves a service worker that differs by one comment from then on, as a deployment would,
 * without touching build/.
 */
export async function serveBuild(root = 'build') {
	if (!existsSync(join(root, '200.html'))) {
		console.error('build/ est absent : lancez « npm run build » avant les tests de bout en bout.');
		process.exit(2);
	}
	const handler = sirv(root, { single: '200.html', dev: true });
	let version = '';
	const server = createServer((req, res) => {
		if (req.url === '/service-worker.js') {
			res.setHeader('Cache-Control', 'no-cache');
			if (version) {
				res.setHeader('Content-Type', 'text/javascript');
				res.end(`${readFileSync(join(root, 'service-worker.js'), 'utf8')}\n// ${version}\n`);
				return;
			}
		}
		handler(req, res);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		publishNewVersion: () => void (version = `e2e ${Date.now()}`),
		close: () => new Promise((r) => server.close(r))
	};
}

/** A fresh Chromium profile: a new shop computer. */
export async function launchProfile() {
	const profile = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: ['--headless', ...CHROMIUM_ARGS],
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1280, height: 900 }
	});
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

export function createRunner() {
	const results = [];
	return {
		async test(name, body) {
			const started = Date.now();
			try {
				await body();
				results.push({ name, ok: true });
				console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
			} catch (error) {
				results.push({ name, ok: false });
				console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.stack : error}`);
			}
		},
		summary() {
			const passed = results.filter((r) => r.ok).length;
			const failed = results.length - passed;
			mkdirSync('test-results', { recursive: true });
			writeFileSync('test-results/e2e.json', JSON.stringify({ passed, failed, results }, null, 2));
			console.log(`\n${passed} passed, ${failed} failed`);
			return failed === 0;
		}
	};
}
