// The built app served from build/ as npm start serves it, and Debian's Chromium (no browser
// download): shared by the e2e fixtures and the benchmarks.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHandler } from '../../src/cli/serve.mjs';
import { CHROMIUM_PATH } from '../chromium.js';

export function chromiumPath() {
	const path = CHROMIUM_PATH;
	if (!existsSync(path)) {
		throw new Error(
			`Chromium introuvable à ${path}. Installez-le (« apt-get install -y chromium ») ou indiquez son chemin dans CHROMIUM_PATH.`
		);
	}
	return path;
}

/**
 * Serves build/ on a free loopback port, compressed and cached as in production. `publishNewVersion()`
 * serves a service worker that differs by one comment from then on, as a deployment would,
 * without touching build/.
 */
export async function serveBuild(root = 'build') {
	const handler = buildHandler(root);
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
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		publishNewVersion: () => void (version = `e2e ${Date.now()}`),
		close: () => new Promise((r) => server.close(r))
	};
}
