// Playwright fixtures for the built PWA: Debian's Chromium through a persistent profile (the only
// way to test a service worker and IndexedDB as a shop's computer keeps them), one fresh profile
// per test. A test that needs the demonstration shop gets a copy of a profile where the demo was
// loaded once per worker: the same origin, so the same databases and service worker.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../chromium.js';
import { chromiumPath, serveBuild } from './harness.mjs';

export { expect };

type Server = Awaited<ReturnType<typeof serveBuild>>;

/** What is on the shop's computer when the test starts. */
export type Start = 'empty' | 'demo';

interface Profiles {
	/** A new profile directory: empty, or a copy of the demo shop's. */
	fresh(start: Start): string;
}

/** A request the app made: none may leave its origin or send anything (docs/data-safety.md). */
interface Request {
	url: string;
	method: string;
}

export async function launch(profile: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: ['--headless', ...CHROMIUM_ARGS],
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1280, height: 900 },
		acceptDownloads: true
	});
}

/** The service worker has taken the page: what an installed PWA runs under. */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
}

/** Loads the demonstration shop once, as a first visitor would, in `profile`. */
async function makeDemoProfile(server: Server, profile: string): Promise<void> {
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(server.url);
		await waitForServiceWorkerControl(page);
		await page.getByRole('button', { name: 'Charger la boutique de démonstration' }).click();
		await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u, {
			timeout: 180_000
		});
	} finally {
		await context.close();
	}
}

export const test = base.extend<
	{ start: Start; context: BrowserContext; page: Page; requests: Request[] },
	{ server: Server; profiles: Profiles }
>({
	server: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
		async ({}, use) => {
			const server = await serveBuild();
			await use(server);
			await server.close();
		},
		{ scope: 'worker' }
	],

	profiles: [
		async ({ server }, use) => {
			const made: string[] = [];
			const directory = () => {
				const path = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
				made.push(path);
				return path;
			};
			// Made before the first test asks, under the worker's own timeout: a bulk load is the
			// point here, on a machine that may be busy.
			const demo = directory();
			await makeDemoProfile(server, demo);
			const profiles: Profiles = {
				fresh(start) {
					const profile = directory();
					if (start === 'demo') cpSync(demo, profile, { recursive: true });
					return profile;
				}
			};
			await use(profiles);
			for (const path of made) rmSync(path, { recursive: true, force: true });
		},
		{ scope: 'worker', timeout: 240_000 }
	],

	start: ['demo', { option: true }],

	// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
	requests: async ({}, use) => {
		await use([]);
	},

	context: async ({ profiles, start, requests, server }, use) => {
		const profile = profiles.fresh(start);
		const context = await launch(profile);
		context.on('request', (request) =>
			requests.push({ url: request.url(), method: request.method() })
		);
		await use(context);
		await context.close();
		rmSync(profile, { recursive: true, force: true });
		// Every test also proves that nothing left the app's origin: « Envoyer » opens the user's
		// own mail program (mailto:), nothing is sent from the page.
		const elsewhere = requests.filter(
			(r) => !r.url.startsWith(`${server.url}/`) && !/^(data|blob|mailto):/u.test(r.url)
		);
		expect(elsewhere, 'requests outside the app').toEqual([]);
		expect(
			requests.filter((r) => r.method !== 'GET'),
			'requests that send something'
		).toEqual([]);
	},

	page: async ({ context, server }, use) => {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(server.url);
		await use(page);
	}
});
