import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
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

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * The fiscal perimeter as built (docs/conformite/perimetre.md): the documented version's files
 * hashed as they are, listed as `sha256sum` prints them (the listing and fingerprint of domain
 * `fiscal.ts`, which the config cannot import: Vite loads it before any TypeScript resolution).
 */
function builtPerimeter() {
	const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
	const documented = JSON.parse(
		readFileSync(join(ROOT, 'docs/conformite/perimetre.json'), 'utf8')
	) as {
		version: string;
		fingerprint: string;
		files: { path: string }[];
	};
	const listing = documented.files
		.map((file) => file.path)
		.sort()
		.map((path) => `${sha256(readFileSync(join(ROOT, path)))}  ${path}\n`)
		.join('');
	const fingerprint = sha256(listing);
	return {
		listing,
		release: {
			version: documented.version,
			fingerprint,
			documented: fingerprint === documented.fingerprint
		}
	};
}

const FISCAL = builtPerimeter();

/**
 * The fiscal perimeter at build: its version and fingerprint go into the app (Paramètres ›
 * Conformité, every closing and archive), and the build writes its files' SHA-256 as
 * `perimetre-fiscal.txt` (`sha256sum -c` reads it).
 */
function fiscalPerimeter(): Plugin {
	return {
		name: 'comptoir-fiscal-perimeter',
		apply: 'build',
		generateBundle() {
			if (this.environment.name !== 'client') return;
			this.emitFile({
				type: 'asset',
				fileName: 'perimetre-fiscal.txt',
				source: FISCAL.listing
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), fiscalPerimeter()],
	define: { __FISCAL_RELEASE__: JSON.stringify(FISCAL.release) },
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
