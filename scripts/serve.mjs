// Serves the built PWA (build/) on http://127.0.0.1:4173 with the SPA fallback, as a shop
// computer would from any static server. Not `vite preview`: it serves .svelte-kit/output,
// where /200.html is missing and the service worker install fails (../shared/TOOLCHAIN.md).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';

const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync('build/200.html')) {
	console.error(
		'Le dossier build/ est absent : lancez d’abord « npm run build » (ou « npm start »).'
	);
	process.exit(1);
}

const serve = sirv('build', { single: '200.html', dev: true, etag: true });
createServer((request, response) => {
	// The service worker script must never be cached by HTTP, so updates are seen at once.
	if (request.url === '/service-worker.js') response.setHeader('Cache-Control', 'no-cache');
	serve(request, response);
}).listen(port, host, () => {
	console.log(
		`Comptoir est servi sur http://${host}:${port} — ouvrez cette adresse dans Chrome, Edge ou Chromium.`
	);
	console.log('Base vide : l’accueil propose de charger la boutique de démonstration.');
});
