// End-to-end tests of the built PWA (npm run test:e2e, after npm run build): Debian's Chromium, one
// fresh profile per test (tests/e2e/fixtures.ts). One worker: the machine has two cores, and each
// test already runs a whole browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
	testDir: '.',
	testMatch: '*.spec.ts',
	outputDir: '../../test-results/e2e-artifacts',
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	// Generous: waits are on what the user sees, and a busy machine only makes them longer.
	timeout: 120_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
	use: { trace: 'off', actionTimeout: 30_000 }
});
