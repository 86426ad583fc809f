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
/**
 * The shop server this till syncs with, written by the page (src/lib/sync/csp.ts): every page is
 * served with its address added to the CSP's connect-src, and no other (docs/replication.md#csp).
 */
const CONFIG = 'comptoir-config';
const SERVER_KEY = '/__comptoir/shop-server';
/** The chain's hub, when this browser is also the head office's (docs/replication.md#shops). */
const HUB_KEY = '/__comptoir/hub-server';
// Deduplicated: cache.addAll rejects the whole install on a duplicate URL (docs/toolchain.md).
const ASSETS = [...new Set([...build, ...files, ...prerendered, '/200.html'])];

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key !== CONFIG) await caches.delete(key);
			}
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
				const page =
					(await cache.match(url.pathname)) ?? (await cache.match('/200.html')) ?? fetch(request);
				return admitShopServer(await page);
			}
			return (await cache.match(url.pathname)) ?? fetch(request);
		})()
	);
});

/**
 * The page with the shop server's address, and the hub's for the head office, admitted by its CSP
 * (connect-src), when they are set.
 */
async function admitShopServer(page: Response): Promise<Response> {
	const config = await caches.open(CONFIG);
	const origins: string[] = [];
	for (const key of [SERVER_KEY, HUB_KEY]) {
		const saved = await config.match(key);
		const origin = saved ? cspSource(await saved.text()) : null;
		if (origin) origins.push(origin);
	}
	if (origins.length === 0 || !(page.headers.get('content-type') ?? '').includes('text/html'))
		return page;
	const html = await page.text();
	return new Response(
		html.replace("connect-src 'self'", `connect-src 'self' ${origins.join(' ')}`),
		{
			status: page.status,
			statusText: page.statusText,
			headers: page.headers
		}
	);
}

/** ws://host:port or wss://host:port, nothing else (a CSP source cannot carry a path or quote). */
function cspSource(address: string): string | null {
	const match = /^(wss?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:\d{1,5})?(\/|$)/iu.exec(address.trim());
	return match ? `${match[1]}://${match[2]}${match[3] ?? ''}` : null;
}
