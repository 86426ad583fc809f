// `npm run bench`: benchmarks in real Chromium (Vitest browser mode), not part of `npm test`.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import base, { chromiumBrowser } from '../../vite.config';
import { readFileSync } from 'node:fs';
import { BENCH_PROFILE } from './profile.js';
import { ShopServer } from '../support/shop-server';
import { execFile } from 'node:child_process';
import { unzipSync } from 'fflate';

let shopServer: ShopServer | null = null;

export default defineConfig({
	plugins: [sveltekit()],
	resolve: base.resolve,
	worker: { format: 'es' },
	define: {
		...base.define,
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
		browser: {
			...chromiumBrowser({ persistentContext: BENCH_PROFILE }),
			// Replication is measured against a real nats-server, started and stopped from here.
			commands: {
				async startShopServer() {
					shopServer = await ShopServer.start(['CAISSE1', 'CAISSE2']);
					const server = shopServer;
					return Object.fromEntries(
						['CAISSE1', 'CAISSE2'].map((till) => [
							till,
							JSON.parse(readFileSync(server.credentialsFile(till), 'utf8'))
						])
					);
				},
				/** The archive verifier run as a shop's accountant or an inspector would, timed. */
				async timeArchiveVerifier(_context, path: string) {
					const started = performance.now();
					const run = await new Promise<{ exitCode: number; output: string }>((resolve) =>
						execFile(
							'node_modules/.bin/tsx',
							['src/cli/verify-archive.ts', path],
							{ maxBuffer: 16 * 1024 * 1024 },
							(error, stdout, stderr) =>
								resolve({
									exitCode: error ? Number(error.code ?? 2) : 0,
									output: `${stdout}${stderr}`
								})
						)
					);
					const verifierMs = performance.now() - started;
					const unzipStarted = performance.now();
					for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path)))) {
						if (name.endsWith('.json')) JSON.parse(new TextDecoder().decode(bytes));
					}
					return { ...run, verifierMs, unzipMs: performance.now() - unzipStarted };
				},
				async stopShopServer() {
					await shopServer?.close();
					shopServer = null;
				}
			}
		}
	}
});
