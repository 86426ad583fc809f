// `npm run bench`: benchmarks in real Chromium (Vitest browser mode), not part of `npm test`.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import base, { chromiumBrowser } from '../../vite.config';

export default defineConfig({
	plugins: [sveltekit()],
	resolve: base.resolve,
	worker: { format: 'es' },
	define: {
		'import.meta.env.BENCH_SCALE': JSON.stringify(process.env.BENCH_SCALE ?? '1000000')
	},
	test: {
		include: ['tests/bench/**/*.bench.test.ts'],
		testTimeout: 30 * 60_000,
		hookTimeout: 30 * 60_000,
		fileParallelism: false,
		browser: chromiumBrowser()
	}
});
