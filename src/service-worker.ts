/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Precaches the whole build so the till opens and sells with no network. Cache first; a
 * navigation gets its screen's prerendered page (/caisse → caisse.html, which preloads the
 * till's chunks with the app's: cold start), any other URL the SPA shell /200.html.
 * A new version waits until the page asks it to take over (message SKIP_WAITING), so an update
 * never interrupts a sale.
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `comptoir-${version}`;
// Deduplicated: cache.addAll rejects the whole install on a duplicate URL (docs/toolchain.md).
const ASSETS = [...new Set([...build, ...files, ...prerendered, '/200.html'])];

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (request.mode === 'navigate') {
				return (
					(await cache.match(url.pathname)) ?? (await cache.match('/200.html')) ?? fetch(request)
				);
			}
			return (await cache.match(url.pathname)) ?? fetch(request);
		})()
	);
});
