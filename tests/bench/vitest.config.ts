// `npm run bench`: benchmarks in real Chromium (Vitest browser mode), not part of `npm test`.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import base, { chromiumBrowser } from '../../vite.config';
import { BENCH_PROFILE } from './profile.js';

export default defineConfig({
	plugins: [sveltekit()],
	resolve: base.resolve,
	worker: { format: 'es' },
	define: {
		'import.meta.env.BENCH_SCALE': JSON.stringify(process.env.BENCH_SCALE ?? '1000000')
	},
	test: {
		include: ['tests/bench/**/*.bench.test.ts'],
		// The million-row import test writes three million records on disk (≈ 31 min here).
		testTimeout: 60 * 60_000,
		hookTimeout: 60 * 60_000,
		fileParallelism: false,
		// A profile on disk, like a shop's browser: an in-memory (incognito) context has a small
		// storage quota that ten years of sales exceed. run.mjs starts it empty.
		browser: chromiumBrowser({ persistentContext: BENCH_PROFILE })
	}
});
