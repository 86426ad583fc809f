// npm start serves the built app the way a shop should serve it (README, « Installer chez soi »):
// compressed, and cached so that a return visit asks the network for nothing but the page.
// Plain JavaScript so that the tests and benchmarks serve the build through this same handler.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Vite names these files by their content: a new build never reuses a name. */
const FINGERPRINTED = '/_app/immutable/';

/**
 * The cache rule of one served path: fingerprinted files are kept a year without asking again;
 * everything else (pages, the service worker, the manifest, icons) is asked again each time and
 * answered « 304 Not Modified » when unchanged, so a new version is seen at the next visit.
 * @param {string} pathname
 */
export function cacheControlOf(pathname) {
	return pathname.startsWith(FINGERPRINTED) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The request handler for build/: the Brotli or gzip copies the build wrote beside each file when
 * the browser accepts them, ETags, the cache rule above, and 200.html for every route of the app.
 * @param {string} [root]
 */
export function buildHandler(root = 'build') {
	if (!existsSync(join(root, '200.html'))) {
		throw new Error(`${root}/ est absent : lancez « npm run build » d’abord.`);
	}
	return sirv(root, {
		single: '200.html',
		etag: true,
		brotli: true,
		gzip: true,
		setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControlOf(pathname))
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const host = process.env.HOST ?? '127.0.0.1';
	const port = Number(process.env.PORT ?? 4173);
	const handler = buildHandler();
	createServer((req, res) => handler(req, res)).listen(port, host, () =>
		console.log(`Comptoir est servi sur http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`)
	);
}
