// Two tills of one shop (two Chromium profiles) replicating through a real nats-server started
// here: sales on both while connected, the server stopped mid-day while both sell, pages killed
// while they send, one voucher spent at both while the server is down (found, settled once), a
// price and a customer's file changed at one till, a record altered on its way,
// each till's other sealed records kept on the server as off-site copies, a copy of a till stopped;
// a till whose computer was lost revoked by the manager and replaced on a new one; a chain's head
// office reading its hub.
// See docs/replication.md.
import type { BrowserContext, Page } from '@playwright/test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BALANCE_BUCKET } from '../../src/lib/domain/replication';
import WebSocket from 'ws';
import { expect, launch, test, waitForServiceWorkerControl } from './fixtures';
import { Reports, Shop, Till, at, seriousViolations } from './pages';
import { books, type Book } from './store';
import { ShopServer } from '../support/shop-server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linkShops, readHubAccess, shareChainCatalogue } from '../../src/cli/chain-hub';

/** Paramètres › Synchronisation: the till's credentials file chosen, then saved. */
async function connect(page: Page, credentialsFile: string): Promise<void> {
	await page.goto(at(page, '/parametres'));
	await page.getByLabel('Vendeur en poste').fill('Anne');
	await page.getByLabel('Fichier d’accès de la caisse').setInputFiles(credentialsFile);
	await page.getByRole('button', { name: 'Enregistrer l’accès au serveur' }).click();
	// The page loads again so that its CSP admits the server, then connects.
	await expect(page.getByTestId('sync-state')).toHaveText('Connectée', { timeout: 30_000 });
}

/** The shop's second till in another profile, renamed CAISSE2 in Paramètres › Boutique. */
async function secondTill(context: BrowserContext, url: string): Promise<Page> {
	const pageB = context.pages()[0] ?? (await context.newPage());
	await pageB.goto(url);
	await waitForServiceWorkerControl(pageB);
	await new Shop(pageB).goToArea('Paramètres');
	await pageB.getByLabel(/^Identifiant de la caisse/u).fill('CAISSE2');
	await pageB.getByRole('button', { name: 'Enregistrer la boutique' }).click();
	await expect(pageB.getByRole('status').filter({ hasText: 'enregistrées' })).toBeVisible();
	return pageB;
}

/**
 * The shop's two tills connected to its server: CAISSE1 on this page, CAISSE2 in the second
 * profile; and a book of the demonstration's catalogue to sell.
 */
async function connectTwoTills(
	page: Page,
	second: BrowserContext,
	url: string,
	shop: ShopServer
): Promise<{ pageB: Page; book: Book }> {
	const pageB = await secondTill(second, url);
	await connect(page, shop.credentialsFile('CAISSE1'));
	await connect(pageB, shop.credentialsFile('CAISSE2'));
	const [book] = await books(page, 1);
	if (!book) throw new Error('no book in the demo catalogue');
	return { pageB, book };
}

/** The day's list as the bookseller reads it: till, number and amount of each ticket. */
async function todaysList(page: Page): Promise<string[]> {
	// Asked again on the page already shown, never by reloading it: a reload would cut the till's
	// link to the server while it catches up (on a busy machine, again and again).
	if (new URL(page.url()).pathname === '/tickets') {
		await page.getByRole('button', { name: 'Aujourd’hui' }).click();
	} else {
		await page.goto(at(page, '/tickets'));
	}
	await expect(page.getByTestId('ticket-count')).not.toHaveText('Chargement…');
	const rows = page.getByRole('table').getByRole('row');
	const texts = await rows.evaluateAll((trs) =>
		trs.slice(1).map((tr) => {
			const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
			return `${cells[1]} n° ${cells[2]} ${cells.find((c) => c.endsWith('€')) ?? ''}`;
		})
	);
	return texts.sort();
}

/** Waits until the till's list shows `count` tickets of `tillId`. */
async function expectTickets(page: Page, tillId: string, count: number): Promise<void> {
	await expect
		.poll(
			async () => (await todaysList(page)).filter((row) => row.startsWith(`${tillId} `)).length,
			{
				timeout: 60_000
			}
		)
		.toBe(count);
}

/** The catalogue's row of a title, searched by its EAN. */
async function findInCatalogue(page: Page, ean: string) {
	// Searched again on the page already shown, never by reloading it: a reload would cut the
	// till's link to the server while it catches up.
	if (new URL(page.url()).pathname !== '/catalogue') await page.goto(at(page, '/catalogue'));
	await page.getByLabel('EAN, ISBN, titre, auteur, éditeur').fill('');
	await page.getByLabel('EAN, ISBN, titre, auteur, éditeur').fill(ean);
	const row = page.getByRole('table', { name: 'Articles trouvés' }).getByRole('row').nth(1);
	await expect(row).toContainText(ean);
	return row;
}

/**
 * Sells copies of the book until the ticket passes 15 €, all paid by the demonstration's 30 €
 * gift voucher: two such sales overdraw it. Answers the copies sold and the amount paid, in cents.
 */
async function payByVoucher(till: Till, ean: string): Promise<{ copies: number; cents: number }> {
	const total = till.page.getByTestId('ticket-total');
	let cents = 0;
	let copies = 0;
	while (cents <= 1_500) {
		const before = await total.innerText();
		await till.scan(ean);
		copies += 1;
		await expect(total).not.toHaveText(before);
		cents = Math.round(
			Number((await total.innerText()).replace(/[^\d,]/gu, '').replace(',', '.')) * 100
		);
	}
	await till.pay({
		method: 'Bon cadeau',
		code: DEMO_VOUCHER,
		amount: (cents / 100).toFixed(2).replace('.', ',')
	});
	return { copies, cents };
}

/** The demonstration's gift voucher of 30 €, on both tills (both loaded the demonstration). */
const DEMO_VOUCHER = '2888880024723';
/** The demonstration's credit note of 15 €. */
const DEMO_CREDIT_NOTE = '2888881000016';

async function sellOne(till: Till, ean: string): Promise<number> {
	await till.scan(ean);
	await till.expectLines(1);
	return till.pay();
}

test('two tills share their tickets, day, stock and customer files through the shop server, across a server stop, killed pages and a forged record', async ({
	page,
	profiles,
	server
}) => {
	test.setTimeout(600_000);
	const shop = await ShopServer.start(['CAISSE1', 'CAISSE2']);
	let second: BrowserContext | null = null;
	let third: BrowserContext | null = null;
	try {
		second = await launch(profiles.fresh('demo'));
		const { pageB, book } = await connectTwoTills(page, second, server.url, shop);

		// Both sell while connected.
		const tillA = new Till(page);
		const tillB = new Till(pageB);
		// B's tickets list, left open, shows A's sales as they arrive, without being asked again.
		await pageB.goto(at(pageB, '/tickets'));
		await expect(pageB.getByTestId('ticket-count')).not.toHaveText('Chargement…');
		await tillA.open();
		await sellOne(tillA, book.ean);
		// Connected, a credit note's spend is reserved on the server before the sale is recorded.
		await tillA.scan(book.ean);
		await tillA.expectLines(1);
		const creditSpent = await tillA.pay(
			{ method: 'Avoir', code: DEMO_CREDIT_NOTE, amount: '1' },
			{ method: 'Espèces', amount: '100' }
		);
		expect(await reservedOnServer(shop, DEMO_CREDIT_NOTE)).toMatchObject({
			spends: { [`CAISSE1:${creditSpent}`]: { cents: 100 } }
		});
		await expect(
			pageB.getByRole('table').getByRole('row').filter({ hasText: 'à la caisse CAISSE1' })
		).toHaveCount(2, { timeout: 60_000 });
		// Each opens on its own page, read only (managed at its till).
		await pageB.getByRole('link', { name: 'Ticket 1 de la caisse CAISSE1' }).click();
		await expect(pageB.getByRole('note')).toContainText('Enregistré à la caisse CAISSE1');
		await expect(pageB.getByTestId('ticket-total')).toBeVisible();
		await tillB.open({ seller: 'Paul' });
		await sellOne(tillB, book.ean);
		await expectTickets(pageB, 'CAISSE1', 2);
		await expectTickets(page, 'CAISSE2', 1);

		// The back office's server stops mid-day: both keep selling, A twenty tickets.
		await shop.stop();
		await page.goto(at(page, '/caisse'));
		await expect(tillA.field).toBeFocused();
		for (let i = 0; i < 19; i++) await sellOne(tillA, book.ean);
		// The same voucher spent at both tills while neither can see the other's spending.
		const spentA = await payByVoucher(tillA, book.ean);
		await pageB.goto(at(pageB, '/caisse'));
		await expect(tillB.field).toBeFocused();
		const spentB = await payByVoucher(tillB, book.ean);
		const extraCopies = spentA.copies + spentB.copies - 2;
		await page.goto(at(page, '/parametres'));
		await expect(page.getByTestId('sync-state')).toHaveText('Non connectée');
		await expect(page.getByTestId('sync-waiting-tickets')).toHaveText('20');

		// Back: A's page is killed at random moments while it sends (no unload handler runs).
		await shop.resume();
		let pageA = page;
		for (let kill = 0; kill < 20; kill++) {
			const fresh = await pageA.context().newPage();
			await pageA.close({ runBeforeUnload: false });
			pageA = fresh;
			await pageA.goto(`${server.url}/parametres`);
			await pageA.waitForTimeout(100 + Math.floor(Math.random() * 1_500));
		}
		await pageA.reload();
		await expect(pageA.getByTestId('sync-state')).toHaveText('Connectée', { timeout: 30_000 });
		await expect(pageA.getByTestId('sync-waiting')).toHaveText('0', { timeout: 30_000 });

		// Both tills end with the same list, once each ticket, the same stock of the book.
		await expectTickets(pageB, 'CAISSE1', 22);
		await expectTickets(pageA, 'CAISSE2', 2);
		const listA = await todaysList(pageA);
		const listB = await todaysList(pageB);
		expect(listA).toHaveLength(24);
		expect(new Set(listA).size).toBe(24);
		expect(listB).toEqual(listA);
		const [stockA] = await books(pageA, 1);
		const [stockB] = await books(pageB, 1);
		expect(stockA?.stock).toBe(book.stock - 24 - extraCopies);
		expect(stockB?.stock).toBe(book.stock - 24 - extraCopies);

		// The voucher spent twice is found at both tills as their tickets meet, never hidden: each
		// lists what was spent beyond it and where; settled at one, it leaves both lists.
		const beyond = new RegExp(
			`dépassement\\s+de ${((spentA.cents + spentB.cents - 3_000) / 100).toFixed(2).replace('.', ',')}\\s€`,
			'u'
		);
		for (const till of [pageA, pageB]) {
			await till.goto(at(till, '/parametres'));
			await expect(till.getByTestId('overdraft')).toContainText(beyond);
			await expect(till.getByTestId('overdraft')).toContainText('Caisse CAISSE1, ticket n°');
			await expect(till.getByTestId('overdraft')).toContainText('Caisse CAISSE2, ticket n°');
		}
		// The home page says it too, with the way to settle it.
		await pageA.goto(at(pageA, '/'));
		await expect(pageA.getByTestId('today-overdrafts')).toContainText(
			'1 bon ou avoir dépensé deux fois hors connexion'
		);
		await pageA.goto(at(pageA, '/parametres'));
		await pageA.getByLabel('Vendeur en poste').fill('Anne');
		await pageA.getByRole('button', { name: 'Enregistrer le règlement' }).click();
		await expect(pageA.getByText('Choisissez comment le dépassement est réglé.')).toBeVisible();
		await pageA.getByRole('radio', { name: 'Différence encaissée auprès du client' }).check();
		await pageA.getByLabel(/^Précision/u).fill('Espèces, ticket suivant');
		await pageA.getByRole('button', { name: 'Enregistrer le règlement' }).click();
		await expect(pageA.getByRole('status').filter({ hasText: 'réglé' })).toBeVisible();
		await expect(pageA.getByTestId('overdraft')).toHaveCount(0);
		await expect(pageB.getByTestId('overdraft')).toHaveCount(0, { timeout: 60_000 });

		// With every record copied to the server as it is made, the weekly backup reminder is the
		// shop's choice: turned off, the home page no longer asks while nothing waits.
		await pageA.goto(at(pageA, '/'));
		await expect(pageA.getByTestId('backup-reminder')).toBeVisible();
		await pageA.goto(at(pageA, '/parametres'));
		await pageA.getByLabel('Vendeur en poste').fill('Anne');
		await pageA.getByTestId('weekly-reminder').uncheck();
		await expect(pageA.getByRole('status').filter({ hasText: 'Plus de rappel' })).toBeVisible();
		await expect(pageA.getByTestId('sync-waiting')).toHaveText('0', { timeout: 30_000 });
		await pageA.reload();
		// (The page's own start, journaled as it loads, may still be on its way: never a reminder.)
		await expect(pageA.getByTestId('backup-status')).toHaveText(
			/^(Copie continue\u00a0: tout est sur le serveur de la boutique|1 enregistrement attend le serveur de la boutique)\.$/u
		);
		await expect(pageA.getByTestId('backup-status')).not.toHaveClass(/warning/u);
		await pageA.goto(at(pageA, '/'));
		await expect(pageA.getByTestId('today-sales')).toBeVisible();
		await expect(pageA.getByTestId('backup-reminder')).toHaveCount(0);
		await expect(pageA.getByTestId('today-overdrafts')).toHaveCount(0);
		await expectTickets(pageB, 'CAISSE1', 22);

		// The day's report: per till, and the whole shop's the same on both tills.
		const totals: string[] = [];
		for (const till of [pageA, pageB]) {
			await till.goto(at(till, '/rapports'));
			await expect(till.getByTestId('report-tickets')).toBeVisible();
			await till.getByLabel('Caisse', { exact: true }).selectOption('Toute la boutique');
			await till.getByRole('button', { name: 'Afficher le rapport' }).click();
			await expect(till.getByTestId('report-tickets')).toHaveText('24');
			totals.push(await till.getByTestId('report-ttc').innerText());
		}
		expect(totals[1]).toBe(totals[0]);
		await pageB.getByLabel('Caisse', { exact: true }).selectOption('CAISSE1');
		await pageB.getByRole('button', { name: 'Afficher le rapport' }).click();
		await expect(pageB.getByTestId('report-tickets')).toHaveText('22');

		// A price changed at one till is the price at the other, and its stock the same.
		await findInCatalogue(pageA, book.ean);
		await pageA.getByRole('button', { name: `Modifier ${book.title}` }).click();
		await pageA.getByLabel(/^Prix TTC/u).fill('12,34');
		await pageA.getByRole('button', { name: 'Enregistrer l’article' }).click();
		await expect
			.poll(async () => (await findInCatalogue(pageB, book.ean)).innerText(), { timeout: 30_000 })
			.toContain('12,34');
		await expect(await findInCatalogue(pageB, book.ean)).toContainText(
			String(book.stock - 24 - extraCopies)
		);

		// A customer's file changed at one till is the file at the other (both had the demo's
		// customers: the two copies are linked, not doubled).
		await pageA.goto(at(pageA, '/clients/1'));
		await pageA.getByRole('button', { name: 'Modifier la fiche' }).click();
		await pageA.getByLabel('Téléphone', { exact: true }).fill('02 40 12 34 56');
		await pageA.getByRole('button', { name: 'Enregistrer la fiche' }).click();
		await expect(pageA.getByRole('main')).toContainText('02 40 12 34 56');
		await expect
			.poll(
				async () => {
					await pageB.goto(at(pageB, '/clients/1'));
					return pageB.getByRole('main').innerText();
				},
				// Each load restarts B's link: time to catch up between two (never a tight reload loop).
				{ timeout: 90_000, intervals: [5_000] }
			)
			.toContain('02 40 12 34 56');

		// A record of CAISSE1 altered on its way (sent with CAISSE1's own credentials) is refused.
		await forgeNextTicket(shop);
		await pageB.goto(at(pageB, '/parametres'));
		await expect(pageB.getByTestId('sync-refused')).toContainText(
			'son contenu ne correspond pas à son empreinte'
		);
		await expectTickets(pageB, 'CAISSE1', 22);
		// The integrity check holds on both, other tills' tickets included.
		await new Shop(pageB).checkIntegrity();
		await new Shop(pageA).checkIntegrity();
		// Each till's events journal is also on the server: its off-site copy, as sealed.
		for (const till of ['CAISSE1', 'CAISSE2']) {
			await expect
				.poll(() => lastOnServer(shop, `comptoir.${till}.journal`), { timeout: 30_000 })
				.toMatchObject({
					type: 'copy',
					kind: 'journal',
					record: { signature: expect.any(String) }
				});
		}

		// A copy of CAISSE1 (its old backup restored elsewhere, here a third profile given CAISSE1's
		// file) reads the real CAISSE1's records under its own name: it stops, says why, and keeps
		// saying so; nothing of it is merged at the other tills.
		third = await launch(profiles.fresh('demo'));
		const pageC = third.pages()[0] ?? (await third.newPage());
		await pageC.goto(server.url);
		await waitForServiceWorkerControl(pageC);
		await pageC.goto(at(pageC, '/parametres'));
		await pageC.getByLabel('Vendeur en poste').fill('Léa');
		await pageC
			.getByLabel('Fichier d’accès de la caisse')
			.setInputFiles(shop.credentialsFile('CAISSE1'));
		await pageC.getByRole('button', { name: 'Enregistrer l’accès au serveur' }).click();
		const stopped = /Synchronisation arrêtée\u00a0: .*Une copie de cette caisse/u;
		await expect(pageC.getByTestId('sync-error')).toContainText(stopped, { timeout: 60_000 });
		await pageC.reload();
		await expect(pageC.getByTestId('sync-error')).toContainText(stopped);
		await expect(pageC.getByTestId('sync-state')).toHaveText('Non connectée');
		await expectTickets(pageB, 'CAISSE1', 22);
	} finally {
		await third?.close();
		await second?.close();
		await shop.close();
	}
});

test('a till whose computer was lost comes back on a new one from the shop server, and goes on with its numbers under a new key', async ({
	page,
	profiles,
	server
}) => {
	test.setTimeout(420_000);
	const shop = await ShopServer.start(['CAISSE1', 'CAISSE2']);
	let second: BrowserContext | null = null;
	let replacing: BrowserContext | null = null;
	try {
		second = await launch(profiles.fresh('demo'));
		const { pageB, book } = await connectTwoTills(page, second, server.url, shop);

		// CAISSE1 sells twice; everything it sealed reaches the server, then its computer is lost.
		const tillA = new Till(page);
		await tillA.open();
		expect(await sellOne(tillA, book.ean)).toBe(1);
		expect(await sellOne(tillA, book.ean)).toBe(2);
		await expectTickets(pageB, 'CAISSE1', 2);
		await page.goto(at(page, '/parametres'));
		await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 60_000 });

		// The manager, at CAISSE2, revokes the lost computer with the manager's file: the server
		// drops it at once; then makes CAISSE1 a new access file for the new computer.
		const managerB = new Shop(pageB);
		await managerB.setManagerPin('1357');
		await pageB.getByLabel('Fichier du gérant', { exact: true }).setInputFiles(shop.managerFile());
		await pageB.getByRole('button', { name: 'Lire les accès des caisses' }).click();
		await expect(pageB.getByTestId('till-access-CAISSE1')).toHaveText('autorisé');
		await expect(pageB.getByRole('button', { name: 'Révoquer CAISSE2' })).toHaveCount(0);
		expect(await seriousViolations(pageB)).toEqual([]);
		await pageB.getByRole('button', { name: 'Révoquer CAISSE1' }).click();
		await managerB.enterPin('1357');
		await expect(pageB.getByTestId('till-access-CAISSE1')).toHaveText('révoqué');
		await expect(page.getByTestId('sync-error')).toContainText('refuse les accès de cette caisse', {
			timeout: 30_000
		});
		await expect(page.getByTestId('sync-state')).toHaveText('Non connectée');
		await page.close();
		const download = pageB.waitForEvent('download');
		await pageB.getByRole('button', { name: 'Nouveau fichier d’accès pour CAISSE1' }).click();
		await managerB.enterPin('1357');
		const newAccess = join(shop.dir, 'CAISSE1-nouvel-acces.json');
		await (await download).saveAs(newAccess);
		await expect(pageB.getByTestId('till-access-CAISSE1')).toHaveText('autorisé');
		await expect(
			pageB.getByRole('status').filter({ hasText: 'Nouveau fichier d’accès de CAISSE1 (rang 1)' })
		).toBeVisible();

		// A new computer: an empty browser, the till's access file and the manager's PIN.
		replacing = await launch(profiles.fresh('empty'));
		const pageC = replacing.pages()[0] ?? (await replacing.newPage());
		await pageC.goto(server.url);
		await waitForServiceWorkerControl(pageC);
		await pageC.goto(at(pageC, '/parametres'));
		await pageC.getByLabel('Vendeur en poste').fill('Marie');
		await pageC.getByLabel('Fichier d’accès de la caisse').setInputFiles(newAccess);
		const pin = pageC.getByLabel(/^Code PIN du responsable/u);
		expect(await seriousViolations(pageC)).toEqual([]);
		await pin.fill('2468');
		await pageC.getByRole('button', { name: 'Remplacer la caisse' }).click();
		// The page is served again so that it may reach the server; the file is kept, the PIN not.
		await expect(pageC.getByText(/Page rechargée pour joindre le serveur/u)).toBeVisible({
			timeout: 30_000
		});
		await expect(pin).toBeFocused();
		await pin.fill('2468');
		await pageC.getByRole('button', { name: 'Remplacer la caisse' }).click();
		await expect(pageC.getByTestId('replace-notice')).toContainText(
			/Caisse CAISSE1 remplacée\u00a0: 2 tickets .* prochain ticket n°\u00a03/u,
			{ timeout: 120_000 }
		);
		await expect(pageC.getByTestId('sync-state')).toHaveText('Connectée', { timeout: 30_000 });

		// The catalogue and then the shop's identity come with the synchronisation (asked again by
		// moving between screens: a reload would cut the link while it catches up).
		const shopC = new Shop(pageC);
		await expect(async () => {
			await shopC.goToArea('Catalogue');
			await shopC.goToArea('Paramètres');
			await expect(pageC.getByLabel('Raison sociale')).toHaveValue('Librairie du Comptoir SARL', {
				timeout: 1_000
			});
		}).toPass({ timeout: 120_000 });
		await findInCatalogue(pageC, book.ean);
		// The till goes on with ticket n° 3.
		const tillC = new Till(pageC);
		await tillC.open({ seller: 'Marie' });
		expect(await sellOne(tillC, book.ean)).toBe(3);
		// The other till takes the new key through the sealed change, then the ticket it signed.
		await expectTickets(pageB, 'CAISSE1', 3);
		await expectTickets(pageC, 'CAISSE1', 3);
		await new Shop(pageC).checkIntegrity();
		await new Shop(pageB).checkIntegrity();
	} finally {
		await replacing?.close();
		await second?.close();
		await shop.close();
	}
});

test('the head office of a chain sees each shop’s day, its tills named with their shop, through the hub', async ({
	page,
	profiles,
	server
}) => {
	test.setTimeout(300_000);
	const hub = await ShopServer.startHub(['BOUTIQUE1']);
	const link = readFileSync(join(hub.dir, 'boutiques', 'BOUTIQUE1.txt'), 'utf8').trim();
	const shop = await ShopServer.start(['CAISSE1'], { shop: 'BOUTIQUE1', hub: link });
	let headOffice: BrowserContext | null = null;
	try {
		await connect(page, shop.credentialsFile('CAISSE1'));
		const [book] = await books(page, 1);
		if (!book) throw new Error('no book in the demo catalogue');
		const till = new Till(page);
		await till.open();
		await till.scan(book.ean);
		await till.expectLines(1);
		// Read once the cart has its total (it is computed off the screen's thread).
		await expect(page.getByTestId('ticket-total')).not.toHaveText(/^0,00/u);
		const total = (await page.getByTestId('ticket-total').innerText()).trim();
		await till.pay();
		// The day closed at the till: its Z travels as an off-site copy, and on to the hub.
		await till.close();
		const summary = await new Reports(page).askTodaysZ();
		await summary.getByRole('button', { name: 'Confirmer la clôture' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: /Clôture journalière \(Z\) du .* faite/u })
		).toBeVisible();
		// On the hub's computer: each shop's stream sourced from its server.
		expect(await linkShops(readHubAccess(hub.dir))).toEqual(['COMPTOIR_BOUTIQUE1']);

		headOffice = await launch(profiles.fresh('empty'));
		const office = headOffice.pages()[0] ?? (await headOffice.newPage());
		await office.goto(server.url);
		await waitForServiceWorkerControl(office);
		await office.goto(at(office, '/parametres'));
		await office.getByLabel('Vendeur en poste').fill('Claire');
		await office.getByRole('link', { name: 'Siège', exact: true }).click();
		await expect(office.getByRole('heading', { level: 1, name: 'Siège' })).toBeVisible();
		await office.getByLabel('Fichier d’accès du siège').setInputFiles(join(hub.dir, 'siege.json'));
		await office.getByRole('button', { name: 'Enregistrer l’accès au siège' }).click();
		// Served again so that the page may reach the hub, it shows today's day of the chain.
		const day = office.getByTestId('chain-day');
		const tillRow = day.getByRole('row').filter({ hasText: 'CAISSE1' }).first();
		await expect(async () => {
			await office.getByRole('button', { name: 'Afficher', exact: true }).click();
			await expect(tillRow.getByRole('cell').nth(2)).toHaveText('1', { timeout: 2_000 });
		}).toPass({ timeout: 60_000 });
		await expect(tillRow.getByRole('cell').nth(0)).toHaveText('BOUTIQUE1');
		await expect(tillRow.getByRole('cell').nth(3)).toHaveText(total);
		expect(await seriousViolations(office)).toEqual([]);
		const chain = day.getByRole('row').filter({ hasText: 'Toute la chaîne' });
		await expect(chain.getByRole('cell').nth(0)).toHaveText('1');
		await expect(chain.getByRole('cell').nth(1)).toHaveText(total);
		// Its Z beside the day, checked as a ticket is (sent within seconds of its sealing).
		const zRow = office
			.getByTestId('chain-closings')
			.getByRole('row')
			.filter({ hasText: 'Clôture journalière (Z)' });
		await expect(async () => {
			await office.getByRole('button', { name: 'Afficher', exact: true }).click();
			await expect(zRow.getByRole('cell').nth(0)).toHaveText('BOUTIQUE1', { timeout: 2_000 });
		}).toPass({ timeout: 60_000 });
		await expect(zRow.getByRole('cell').nth(1)).toHaveText('CAISSE1');
		await expect(zRow.getByRole('cell').nth(5)).toHaveText(total);
		expect(await seriousViolations(office)).toEqual([]);

		// The head office sets the chain's catalogue and prices: the shop's till takes them; a price
		// the shop then sets of its own stays against the head office's next one.
		const access = readHubAccess(hub.dir);
		await expect
			.poll(async () => (await shareChainCatalogue(access)).sharing, { timeout: 60_000 })
			.toEqual(['BOUTIQUE1']);
		const newTitle = '9791099990013';
		const sendCatalogue = async (bookPrice: string, newPrice: string) => {
			await office.getByLabel('Fichier du catalogue (CSV)').setInputFiles({
				name: 'catalogue-siege.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from(
					`EAN;Titre;Auteur;Éditeur;Prix\n${book.ean};${book.title};;;${bookPrice}\n${newTitle};Le Livre du siège;Claire Martin;Éditions de la Chaîne;${newPrice}\n`
				)
			});
			await office.getByRole('button', { name: 'Envoyer aux boutiques' }).click();
			await expect(
				office.getByRole('status').filter({ hasText: '2 titres envoyés aux boutiques' })
			).toBeVisible();
		};
		const shows = async (ean: string, price: string) =>
			expect(async () => {
				await expect(await findInCatalogue(page, ean)).toContainText(price, { timeout: 2_000 });
			}).toPass({ timeout: 60_000 });
		await sendCatalogue('15,00', '8,90');
		await shows(newTitle, '8,90');
		await expect(await findInCatalogue(page, book.ean)).toContainText('15,00');
		await page.getByRole('button', { name: `Modifier ${book.title}` }).click();
		await page.getByLabel(/^Prix TTC/u).fill('13,50');
		await page.getByRole('button', { name: 'Enregistrer l’article' }).click();
		await expect(page.getByRole('status').filter({ hasText: /enregistr/u })).toBeVisible();
		await sendCatalogue('16,00', '9,50');
		await shows(newTitle, '9,50');
		await expect(await findInCatalogue(page, book.ean)).toContainText('13,50');
		await page.getByRole('button', { name: `Modifier ${book.title}` }).click();
		await expect(
			page.getByText(/^Prix du siège\s: 16,00\s€ — cette boutique a le sien/u)
		).toBeVisible();
		await page.getByRole('button', { name: 'Annuler' }).click();

		// The shops' stock, as a till online in each answers now.
		await office.getByLabel(/^EAN ou ISBN/u).fill(`${book.ean} ${newTitle} 9782070368228`);
		await office.getByRole('button', { name: 'Voir le stock' }).click();
		const stockRow = office.getByTestId('chain-stock').getByRole('row').nth(1);
		await expect(stockRow.getByRole('rowheader')).toHaveText('BOUTIQUE1');
		await expect(stockRow.getByRole('cell').nth(0)).toHaveText(String(book.stock - 1));
		await expect(stockRow.getByRole('cell').nth(1)).toHaveText('0');
		await expect(stockRow.getByRole('cell').nth(3)).toContainText('CAISSE1');
		expect(await seriousViolations(office)).toEqual([]);
	} finally {
		await headOffice?.close();
		await shop.close();
		await hub.close();
	}
});

/** The last message the shop's server keeps under `subject`, read as CAISSE1 may (null: none). */
async function lastOnServer(shop: ShopServer, subject: string): Promise<unknown> {
	Object.assign(globalThis, { WebSocket });
	const connection = await shop.connectAs('CAISSE1');
	try {
		const manager = await jetstreamManager(connection);
		const last = await manager.streams
			.getMessage('COMPTOIR', { last_by_subj: subject })
			.catch(() => null);
		return last?.json() ?? null;
	} finally {
		await connection.close();
	}
}

/** What the shop's server holds of the spends reserved on a code (null: none). */
async function reservedOnServer(shop: ShopServer, code: string): Promise<unknown> {
	Object.assign(globalThis, { WebSocket });
	const connection = await shop.connectAs('CAISSE1');
	try {
		const bucket = await new Kvm(connection).open(BALANCE_BUCKET);
		return (await bucket.get(code))?.json() ?? null;
	} finally {
		await connection.close();
	}
}

/**
 * Publishes, as CAISSE1 (the only user the server lets publish there), a copy of its last ticket
 * with the next number and another total: what a tampered device or a proxy would send.
 */
async function forgeNextTicket(shop: ShopServer): Promise<void> {
	// Node 20 has no WebSocket of its own: the client takes the global one.
	Object.assign(globalThis, { WebSocket });
	const connection = await shop.connectAs('CAISSE1');
	try {
		const client = jetstream(connection);
		const manager = await jetstreamManager(connection);
		const last = await manager.streams.getMessage('COMPTOIR', {
			last_by_subj: 'comptoir.CAISSE1.ticket'
		});
		if (!last) throw new Error('no ticket of CAISSE1 on the server');
		const genuine = last.json<{ originId: number; ticket: Record<string, unknown> }>();
		const altered = {
			...genuine,
			originId: genuine.originId + 1,
			ticket: { ...genuine.ticket, number: Number(genuine.ticket['number']) + 1, totalCents: 1 }
		};
		await client.publish('comptoir.CAISSE1.ticket', JSON.stringify(altered));
	} finally {
		await connection.close();
	}
}
