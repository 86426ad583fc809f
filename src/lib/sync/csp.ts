/**
 * The page's Content Security Policy admits one shop server (and, for the head office of a chain,
 * its hub): the service worker adds their addresses to connect-src when it serves a page
 * (src/service-worker.ts), from what is written here. A page
 * served before the address was written does not admit it: it must be loaded again.
 */
const CONFIG = 'comptoir-config';
const SERVER_KEY = '/__comptoir/shop-server';

/** The chain's hub, admitted too when this browser is the head office's. */
const HUB_KEY = '/__comptoir/hub-server';

/** Tells the service worker which shop server to admit (null: none). */
export function admitShopServer(address: string | null): Promise<void> {
	return admit(SERVER_KEY, address);
}

/** Tells the service worker which hub the head office reads (null: none). */
export function admitHub(address: string | null): Promise<void> {
	return admit(HUB_KEY, address);
}

async function admit(key: string, address: string | null): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(CONFIG);
	if (address) await cache.put(key, new Response(address));
	else await cache.delete(key);
}

/** Whether this page's CSP lets it connect to `address` (ws://host:port). */
export function pageAdmits(address: string): boolean {
	const policy =
		document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ??
		'';
	const connect = /connect-src([^;]*)/u.exec(policy)?.[1];
	// No policy (the development server): everything is admitted.
	if (connect === undefined) return true;
	const origin = /^(wss?:\/\/[^/]+)/u.exec(address.trim())?.[1] ?? address;
	return connect.split(/\s+/u).includes(origin);
}
