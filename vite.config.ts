import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium.js';
import {
	checkEInvoice,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from './tests/support/einvoice-check.js';

/** Vitest browser mode on Debian's Chromium (never a downloaded browser). */
export function chromiumBrowser(options: { persistentContext?: string } = {}) {
	return {
		enabled: true,
		headless: true,
		screenshotFailures: false,
		instances: [{ browser: 'chromium' as const }],
		provider: playwright({
			launchOptions: {
				executablePath: CHROMIUM_PATH,
				args: CHROMIUM_ARGS
			},
			...options
		})
	};
}

export default defineConfig({
	plugins: [sveltekit()],
	resolve: {
		alias: {
			// The package exports only under the "browser" condition: without this alias `vite build`
			// fails with '"." is not exported under the conditions ["module","node",...]'.
			'@point-of-sale/webusb-receipt-printer': fileURLToPath(
				new URL(
					'./node_modules/@point-of-sale/webusb-receipt-printer/dist/webusb-receipt-printer.esm.js',
					import.meta.url
				)
			)
		}
	},
	worker: { format: 'es' },
	test: {
		expect: { requireAssertions: true },
		env: { TZ: 'Europe/Paris' },
		coverage: {
			provider: 'v8',
			include: ['src/lib/domain/**/*.ts'],
			exclude: ['src/lib/domain/**/*.spec.ts', 'src/lib/domain/index.ts'],
			reporter: ['text-summary', 'text'],
			thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 }
		},
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'node',
					environment: 'node',
					// Bulk writes in fake-indexeddb (an upgrade of 12 000 tickets) take seconds on a busy
					// 2-core machine: a generous limit, as no test here measures time.
					testTimeout: 60_000,
					include: ['tests/unit/**/*.test.ts', 'src/lib/domain/**/*.spec.ts'],
					setupFiles: ['tests/setup-node.ts']
				}
			},
			{
				extends: './vite.config.ts',
				plugins: [svelteTesting()],
				test: {
					name: 'dom',
					environment: 'jsdom',
					testTimeout: 60_000,
					include: ['tests/component/**/*.test.ts'],
					setupFiles: ['tests/setup-dom.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					// Real Chromium with IndexedDB and workers on a busy 2-core machine: a worker's
					// import went past the default 15 s while CI ran beside a benchmark. No test here
					// measures time.
					testTimeout: 60_000,
					browser: {
						...chromiumBrowser(),
						// The PDFs are made in Chromium and judged by the validator in Node.
						commands: {
							einvoiceValidatorPresent: () => VALIDATOR_PRESENT,
							einvoiceValidatorRequired: () => VALIDATOR_REQUIRED,
							checkEInvoice: (
								_context,
								base64: string,
								fileName: string,
								flags?: readonly string[]
							) => checkEInvoice(Buffer.from(base64, 'base64'), fileName, flags)
						}
					}
				}
			}
		]
	}
});
