// End-to-end tests of the built PWA in real Chromium (npm run test:e2e, after npm run build).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'playwright/test';
import { createRunner, launchProfile, serveBuild } from './harness.mjs';

const server = await serveBuild();
const browser = await launchProfile();
const { context } = browser;
const page = context.pages()[0] ?? (await context.newPage());
const run = createRunner();
const swPath = 'build/service-worker.js';
const swOriginal = readFileSync(swPath);

/** Follows a link of the main navigation by its visible name, as a bookseller would. */
async function goToArea(name) {
	await page
		.getByRole('navigation', { name: 'Navigation principale' })
		.getByRole('link', { name, exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function waitForServiceWorkerControl() {
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
}

try {
	console.log('Comptoir — tests de bout en bout (Chromium)');

	await run.test(
		'first visit: French shell, every area in the navigation, demo offered',
		async () => {
			await page.goto(server.url);
			await expect(page.getByRole('heading', { name: 'Bienvenue dans Comptoir' })).toBeVisible();
			const nav = page.getByRole('navigation', { name: 'Navigation principale' });
			for (const name of [
				'Caisse',
				'Tickets de caisse',
				'Clients',
				'Factures',
				'Chorus Pro',
				'Rapports et clôtures',
				'Catalogue',
				'Paramètres'
			]) {
				await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
			}
			await expect(page.getByRole('heading', { name: 'Votre base est vide' })).toBeVisible();
		}
	);

	await run.test('installable: manifest, icons, standalone, no installability error', async () => {
		const manifest = await (await page.request.get(`${server.url}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({
			lang: 'fr-FR',
			display: 'standalone',
			short_name: 'Comptoir',
			start_url: '/'
		});
		for (const icon of manifest.icons) {
			const response = await page.request.get(`${server.url}${icon.src}`);
			expect(response.status(), icon.src).toBe(200);
		}
		await waitForServiceWorkerControl();
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		await cdp.detach();
	});

	await run.test('the service worker controls the page after a reload', async () => {
		await page.reload();
		await waitForServiceWorkerControl();
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
			/service-worker\.js$/u
		);
	});

	await run.test('areas not built yet say so plainly', async () => {
		await goToArea('Chorus Pro');
		await expect(page.getByText('Pas encore disponible dans cette version')).toBeVisible();
		await expect(
			page.getByRole('navigation').getByRole('link', { name: 'Chorus Pro', exact: true })
		).toHaveAttribute('aria-current', 'page');
	});

	await run.test('demo shop loads in one click: 20 000+ articles, shop named', async () => {
		await page.getByRole('link', { name: 'Comptoir', exact: true }).click();
		await page.getByRole('button', { name: 'Charger la boutique de démonstration' }).click();
		await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u, { timeout: 60_000 });
		await expect(page.getByTestId('shop-name')).toHaveText('Librairie du Comptoir');
	});

	await run.test(
		'Paramètres refuses a bad SIRET at the field, saves a good change, keeps it on reload',
		async () => {
			await goToArea('Paramètres');
			const siret = page.getByLabel(/^SIRET/u);
			await siret.fill('40483304800023');
			await page.getByRole('button', { name: 'Enregistrer la boutique' }).click();
			await expect(siret).toHaveAttribute('aria-invalid', 'true');
			await expect(page.getByText(/Le SIRET « 40483304800023 » est invalide/u)).toBeVisible();
			await expect(page.getByRole('alert')).toContainText('rien n’a été enregistré');
			await siret.fill('404 833 048 00022');
			await page.getByLabel(/^Nom commercial/u).fill('Les Trois Ourses');
			await page.getByRole('button', { name: 'Enregistrer la boutique' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'enregistrées' })).toBeVisible();
			await page.reload();
			await expect(page.getByLabel(/^Nom commercial/u)).toHaveValue('Les Trois Ourses');
			await expect(page.getByTestId('shop-name')).toHaveText('Les Trois Ourses');
		}
	);

	await run.test('Paramètres shows storage persistence and space used', async () => {
		await expect(page.getByTestId('persisted')).toContainText(/Accordé|Non accordé/u);
		await expect(page.getByTestId('usage')).toContainText(/ sur /u);
	});

	await run.test('offline: a reload still shows the app and all its data', async () => {
		await context.setOffline(true);
		try {
			await page.goto(`${server.url}/`);
			await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u);
			await expect(page.getByTestId('shop-name')).toHaveText('Les Trois Ourses');
			await page.goto(`${server.url}/parametres`);
			await expect(page.getByLabel(/^Nom commercial/u)).toHaveValue('Les Trois Ourses');
		} finally {
			await context.setOffline(false);
		}
	});

	await run.test(
		'a new version shows « Nouvelle version disponible » and reloads only on click',
		async () => {
			writeFileSync(swPath, Buffer.concat([swOriginal, Buffer.from(`\n// e2e ${Date.now()}\n`)]));
			await page.goto(`${server.url}/`);
			await waitForServiceWorkerControl();
			const oldController = await page.evaluate(() => navigator.serviceWorker.controller?.state);
			expect(oldController).toBe('activated');
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
			const prompt = page.getByRole('status').filter({ hasText: 'Nouvelle version disponible' });
			await expect(prompt).toBeVisible({ timeout: 30_000 });
			// It never reloads by itself: the page is still the same document.
			await page.evaluate(() => (window.marker = 1));
			await page.waitForTimeout(500);
			expect(await page.evaluate(() => window.marker)).toBe(1);
			await Promise.all([
				page.waitForEvent('load'),
				prompt.getByRole('button', { name: 'Recharger maintenant' }).click()
			]);
			expect(await page.evaluate(() => window.marker)).toBeUndefined();
			await waitForServiceWorkerControl();
			expect(
				await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting)
			).toBeNull();
			await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u);
		}
	);
} finally {
	writeFileSync(swPath, swOriginal);
	await browser.close();
	await server.close();
}

process.exit(run.summary() ? 0 : 1);
