// The installable shell: first visit, service worker, demo shop, offline, a new version.
import { launch, expect, test, waitForServiceWorkerControl } from './fixtures';
import { serveBuild } from './harness.mjs';
import { Shop, at } from './pages';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const AREAS = [
	'Caisse',
	'Tickets de caisse',
	'Clients',
	'Commandes',
	'Factures',
	'Échéances',
	'Chorus Pro',
	'Rapports et clôtures',
	'Catalogue',
	'Paramètres'
];

test.describe('a new shop computer', () => {
	test.use({ start: 'empty' });

	test('first visit: French shell, every area in the navigation, demo offered', async ({
		page
	}) => {
		await expect(page.getByRole('heading', { name: 'Bienvenue dans Comptoir' })).toBeVisible();
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		for (const name of AREAS) {
			await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
		}
		await expect(page.getByRole('heading', { name: 'Votre base est vide' })).toBeVisible();
	});

	test('installable: manifest, icons, standalone, no installability error; the service worker controls the page after a reload', async ({
		page,
		context
	}) => {
		const manifest = await (await page.request.get(at(page, '/manifest.webmanifest'))).json();
		expect(manifest).toMatchObject({
			lang: 'fr-FR',
			display: 'standalone',
			short_name: 'Comptoir',
			start_url: '/'
		});
		for (const icon of manifest.icons as { src: string }[]) {
			const response = await page.request.get(at(page, icon.src));
			expect(response.status(), icon.src).toBe(200);
		}
		await waitForServiceWorkerControl(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		await cdp.detach();
		await page.reload();
		await waitForServiceWorkerControl(page);
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
			/service-worker\.js$/u
		);
	});

	test('demo shop loads in one click: 20 000+ articles, shop named', async ({ page }) => {
		// A bulk load is the point: it may take long on a busy machine.
		test.setTimeout(240_000);
		await page.getByRole('button', { name: 'Charger la boutique de démonstration' }).click();
		await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u, {
			timeout: 180_000
		});
		await expect(page.getByTestId('shop-name')).toHaveText('Librairie du Comptoir');
	});
});

test('offline: a reload still shows the app and all its data', async ({ page, context }) => {
	const shop = new Shop(page);
	await shop.goToArea('Paramètres');
	await page.getByLabel(/^Nom commercial/u).fill('Les Trois Ourses');
	await page.getByRole('button', { name: 'Enregistrer la boutique' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'enregistrées' })).toBeVisible();
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	try {
		await page.goto(at(page, '/'));
		await expect(page.getByTestId('article-count')).toHaveText(/^20\s?500$/u);
		await expect(page.getByTestId('shop-name')).toHaveText('Les Trois Ourses');
		await page.goto(at(page, '/parametres'));
		await expect(page.getByLabel(/^Nom commercial/u)).toHaveValue('Les Trois Ourses');
	} finally {
		await context.setOffline(false);
	}
});

test('a new version shows « Nouvelle version disponible » and reloads only on click', async () => {
	// Its own server and profile: publishing a version changes what every later visit gets.
	const server = await serveBuild();
	const profile = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(server.url);
		await waitForServiceWorkerControl(page);
		server.publishNewVersion();
		await page.reload();
		await waitForServiceWorkerControl(page);
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		const prompt = page.getByRole('status').filter({ hasText: 'Nouvelle version disponible' });
		await expect(prompt).toBeVisible({ timeout: 30_000 });
		// It never reloads by itself: the page is still the same document.
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Recharger maintenant' }).click()
		]);
		expect(
			await page.evaluate(() => (window as unknown as { marker?: number }).marker)
		).toBeUndefined();
		await waitForServiceWorkerControl(page);
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting)
		).toBeNull();
		await expect(page.getByRole('heading', { name: 'Bienvenue dans Comptoir' })).toBeVisible();
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
		await server.close();
	}
});

test('the demonstration lives in its own database: leaving it drops it whole, the shop’s database holds none of it', async ({
	page
}) => {
	const databases = () =>
		page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
	expect(await databases()).toEqual(
		expect.arrayContaining(['comptoir-demo', 'comptoir-demo-keys'])
	);
	const banner = page.getByRole('region', { name: 'Démonstration' });
	await banner.getByRole('button', { name: 'Quitter la démonstration' }).click();
	await expect(banner.getByRole('button', { name: 'Effacer et quitter' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Votre base est vide' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Démonstration' })).toHaveCount(0);
	const left = await databases();
	expect(left).not.toContain('comptoir-demo');
	expect(left).not.toContain('comptoir-demo-keys');
});
