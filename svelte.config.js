import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
export default {
	compilerOptions: {
		// Svelte 5 runes everywhere in our code, legacy mode left to dependencies.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// SPA: a pure static build/ served by any static server; 200.html answers every route.
		// Brotli and gzip copies beside each file, for servers that send them (npm start does).
		adapter: adapter({ fallback: '200.html', precompress: true }),
		// Registered by workbox-window (src/lib/pwa/update.svelte.ts) so that we control updates.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};
