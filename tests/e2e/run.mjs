// End-to-end tests of the built PWA in real Chromium (npm run test:e2e, after npm run build).
import { readFileSync } from 'node:fs';
import { expect } from 'playwright/test';
import { counterTests } from './counter.mjs';
import { invoicingTests, overdueTests } from './invoicing.mjs';
import { tamperTests } from './tamper.mjs';
import { createRunner, launchProfile, serveBuild } from './harness.mjs';

const server = await serveBuild();
const browser = await launchProfile();
const { context } = browser;
const page = context.pages()[0] ?? (await context.newPage());
const run = createRunner();
/** Every request the app makes during the whole run (no shop data leaves the device: docs/data-safety.md). */
const requests = [];
context.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));

/** Follows a link of the main navigation by its visible name, as a bookseller would. */
async function goToArea(name) {
	await page
		.getByRole('navigation', { name: 'Navigation principale' })
		.getByRole('link', { name, exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** « Vérifier l'intégrité » in Paramètres (already open in `target`): every chain must hold. */
async function checkIntegrity(target) {
	await target.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
	await expect(
		target.getByRole('status').filter({ hasText: /^Intégrité vérifiée\s: \d+/u })
	).toBeVisible({ timeout: 30_000 });
}

/** The first book of the catalogue, read straight from IndexedDB: what a scanner would type. */
function firstBookEan(target) {
	return target.evaluate(
		() =>
			new Promise((resolve) => {
				const open = indexedDB.open(
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
				);
				open.onsuccess = () => {
					const cursor = open.result
						.transaction('articles')
						.objectStore('articles')
						.openCursor(IDBKeyRange.lowerBound('9782'));
					cursor.onsuccess = () => {
						resolve(cursor.result.key);
						// Closed at once: an open connection would block deleting the database later.
						open.result.close();
					};
				};
			})
	);
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
				'Échéances',
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
			await expect(page.getByText(/Le SIRET «\s40483304800023\s» est invalide/u)).toBeVisible();
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

	await run.test(
		'the till: open, scan, search, Loi Lang refusal, cash with change, one ticket recorded',
		async () => {
			await goToArea('Caisse');
			await page.getByRole('textbox', { name: 'Vendeur', exact: true }).fill('Anne');
			await page.getByLabel(/Fond de caisse/u).fill('150,00');
			await page.getByRole('button', { name: 'Ouvrir la caisse' }).click();
			const scan = page.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
			await expect(scan).toBeFocused();
			// Words search the catalogue; Enter takes the first result.
			await scan.pressSequentially('jardin');
			await expect(
				page.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
			).toBeVisible();
			await scan.press('Enter');
			await expect(
				page.getByRole('table', { name: 'Lignes du ticket' }).getByRole('row')
			).toHaveCount(2);
			// A keyboard-wedge scanner types an EAN then Enter.
			const ean = await firstBookEan(page);
			await scan.pressSequentially(String(ean));
			await scan.press('Enter');
			await expect(
				page.getByRole('table', { name: 'Lignes du ticket' }).getByRole('row')
			).toHaveCount(3);
			await expect(scan).toBeFocused();
			// An unknown code says so and offers an "article divers".
			await scan.pressSequentially('9782070000000');
			await scan.press('Enter');
			await expect(page.getByRole('heading', { name: 'Article divers' })).toBeVisible();
			await page.getByRole('button', { name: 'Annuler' }).click();
			// 10 % off a book for a consumer: refused where it was typed.
			const discount = page.getByLabel(/^Remise sur /u).first();
			await discount.fill('10 %');
			await discount.press('Enter');
			await expect(page.getByRole('alert').filter({ hasText: 'loi Lang' })).toBeVisible();
			await discount.fill('');
			await discount.press('Enter');
			const total = await page.getByTestId('ticket-total').innerText();
			await page.keyboard.press('F8');
			const dialog = page.getByRole('dialog', { name: /Encaisser/u });
			await expect(dialog).toBeVisible();
			await dialog.getByLabel(/^Montant/u).fill('100');
			await dialog.getByLabel(/^Montant/u).press('Enter');
			await expect(dialog.getByTestId('change-due')).toBeVisible();
			await dialog.getByRole('button', { name: 'Valider la vente' }).click();
			await expect(page.getByRole('heading', { name: 'Ticket n° 1 enregistré' })).toBeVisible();
			await expect(page.getByText(`Total ${total}`)).toBeVisible();
			await expect(scan).toBeFocused();
		}
	);

	await run.test(
		'receipts: the first print is the ticket, the next says DUPLICATA n° 1; the X report adds up',
		async () => {
			await page.evaluate(() => {
				window.printed = 0;
				window.print = () => {
					window.printed += 1;
				};
			});
			await page.getByRole('button', { name: 'Imprimer le ticket' }).click();
			await expect(
				page.getByRole('status').filter({ hasText: 'Ticket envoyé à l’impression du navigateur' })
			).toBeVisible();
			const paper = page.locator('.paper');
			await expect(paper).toContainText('Caisse CAISSE1 — Ticket n° 1');
			await expect(paper).toContainText('SIRET 404 833 048 00022');
			await expect(paper).not.toContainText('DUPLICATA');
			// What the print dialog gets: an 80 mm receipt, and nothing of the app's screen.
			await page.emulateMedia({ media: 'print' });
			expect(
				await paper
					.locator('article')
					.evaluate((el) => Math.round(el.getBoundingClientRect().width))
			).toBe(302); // 80 mm at 96 dpi
			await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeHidden();
			await page.emulateMedia({ media: 'screen' });
			await page.getByRole('button', { name: 'Imprimer le ticket' }).click();
			await expect(paper).toContainText('DUPLICATA n° 1');
			await page.getByRole('button', { name: 'Ticket cadeau' }).click();
			await expect(paper).toContainText('TICKET CADEAU');
			await expect(paper).not.toContainText('€');
			expect(await page.evaluate(() => window.printed)).toBe(3);
			await page.getByRole('button', { name: 'Rapport X' }).click();
			await expect(page.getByTestId('x-total')).toHaveText(/\d/u);
			const ticketTotal = (
				await page
					.getByRole('heading', { name: 'Ticket n° 1 enregistré' })
					.locator('..')
					.innerText()
			).match(/Total ([\d\s,]+\s€)/u)?.[1];
			expect(await page.getByTestId('x-total').innerText()).toBe(ticketTotal);
		}
	);

	await run.test(
		'training mode: a banner, a ticket on its own numbering, then back to real sales',
		async () => {
			await page.getByRole('button', { name: 'Passer en mode formation' }).click();
			await expect(page.getByText('FORMATION – les tickets sont factices')).toBeVisible();
			const scan = page.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
			await scan.pressSequentially('jardin');
			await expect(
				page.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
			).toBeVisible();
			await scan.press('Enter');
			await page.keyboard.press('F8');
			const dialog = page.getByRole('dialog', { name: /Encaisser/u });
			await dialog.getByLabel(/^Montant/u).press('Enter');
			await dialog.getByRole('button', { name: 'Valider la vente' }).click();
			// Its own sequence: the first training ticket, while the real one was n° 1 too.
			await expect(
				page.getByRole('heading', { name: 'Ticket de formation n° 1 enregistré' })
			).toBeVisible();
			await page.getByRole('button', { name: 'Quitter le mode formation' }).click();
			await expect(page.getByText('FORMATION – les tickets sont factices')).toHaveCount(0);
			await expect(
				page.getByRole('status').filter({ hasText: 'Mode formation quitté' })
			).toBeVisible();
		}
	);

	await run.test(
		'closing the till shows the count and the gap, confirms the gap, then asks to open again',
		async () => {
			await page.getByRole('button', { name: 'Fermer la caisse' }).click();
			await page.getByLabel('Billet de 100,00 €').fill('1');
			await page.getByLabel('Billet de 50,00 €').fill('1');
			await expect(page.getByTestId('cash-gap')).toHaveText(/€/u);
			await page.getByRole('button', { name: 'Fermer la caisse avec ce comptage' }).click();
			// Nothing is closed until the summary is confirmed; a gap is said in words.
			const confirm = page.getByRole('group', { name: 'Fermer la caisse CAISSE1 ?' });
			await expect(confirm.getByRole('alert')).toContainText(/Écart de caisse\s: .*il manque/u);
			const confirmButton = confirm.getByRole('button', {
				name: 'Confirmer la fermeture avec cet écart'
			});
			await expect(confirmButton).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(page.getByRole('heading', { name: 'Ouvrir la caisse CAISSE1' })).toBeVisible();
		}
	);

	await run.test(
		'tickets: find a sale by every search (number, invoice, voucher, deposit, credit note, customer); cancel it; the day nets out',
		async () => {
			await goToArea('Caisse');
			await page.getByRole('textbox', { name: 'Vendeur', exact: true }).fill('Camille');
			await page.getByLabel(/Fond de caisse/u).fill('0');
			await page.getByRole('button', { name: 'Ouvrir la caisse' }).click();
			const scan = page.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
			await scan.pressSequentially('jardin');
			await expect(
				page.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
			).toBeVisible();
			await scan.press('Enter');
			const customer = page.getByLabel(/Nom, n° client ou carte fidélité/u);
			await customer.fill('Vasseur');
			await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
			await customer.press('Enter');
			await expect(page.getByTestId('cart-customer')).toHaveText('VASSEUR Laurent');
			await page.keyboard.press('F8');
			const dialog = page.getByRole('dialog', { name: /Encaisser/u });
			await dialog.getByRole('radio', { name: 'Bon cadeau' }).check();
			await dialog.getByLabel('Code du bon cadeau').fill('2888880024723');
			await dialog.getByLabel(/^Montant/u).fill('5');
			await dialog.getByLabel(/^Montant/u).press('Enter');
			await dialog.getByRole('radio', { name: 'Espèces' }).check();
			await dialog.getByLabel(/^Montant/u).fill('100');
			await dialog.getByLabel(/^Montant/u).press('Enter');
			await dialog.getByRole('button', { name: 'Valider la vente' }).click();
			await expect(page.getByRole('heading', { name: 'Ticket n° 2 enregistré' })).toBeVisible();

			// A deposit on an order, for the same customer, paid by card: outside the VAT total.
			await customer.fill('Vasseur');
			await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
			await customer.press('Enter');
			await page.getByRole('radio', { name: 'Acompte' }).check();
			await page.getByLabel('Montant', { exact: true }).fill('20');
			await page.getByLabel('N° de commande').fill('27846');
			await page.getByRole('button', { name: 'Ajouter au ticket' }).click();
			await expect(page.getByTestId('amount-to-pay')).toHaveText(/^20,00\s€$/u);
			await expect(page.getByTestId('ticket-total')).toHaveText(/^0,00\s€$/u);
			await page.keyboard.press('F8');
			await dialog.getByRole('radio', { name: 'Carte bancaire' }).check();
			await dialog.getByLabel(/^Montant/u).press('Enter');
			await dialog.getByRole('button', { name: 'Valider la vente' }).click();
			await expect(page.getByRole('heading', { name: 'Ticket n° 3 enregistré' })).toBeVisible();
			const deposit = (await page.getByTestId('issued-code').innerText()).match(/\d{13}/u)?.[0];
			expect(deposit).toMatch(/^28884\d{8}$/u);

			await goToArea('Tickets de caisse');
			await expect(
				page.getByRole('heading', { name: /^Liste des tickets de caisse du / })
			).toBeVisible();
			await expect(page.getByTestId('ticket-count')).toHaveText('3 tickets sont affichés.');
			const search = async (kind, text) => {
				if ((await page.getByLabel('Numéro ou code').count()) === 0) {
					await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
				}
				await page.getByLabel('Type de recherche').selectOption({ label: kind });
				await page.getByLabel('Numéro ou code').fill(text);
				await page.getByRole('button', { name: 'Lancer la recherche' }).click();
			};
			const rows = page.getByRole('table').getByRole('row');
			await search('Rechercher un numéro de ticket', '2');
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await expect(rows.nth(1)).toContainText('VASSEUR Laurent');
			await search('Rechercher un bon cadeau utilisé par un client', '2888880024723');
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await search('Rechercher un avoir utilisé par un client', '2888880024723');
			await expect(page.getByRole('alert')).toHaveText('Aucun avoir n° 2888880024723.');
			await search('Rechercher un acompte payé par un client', deposit);
			await expect(rows.nth(1)).toContainText('VASSEUR Laurent');
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await search('Rechercher les tickets de caisse liés à un acompte', deposit);
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await page.getByRole('button', { name: 'Rechercher un client' }).click();
			await page.getByLabel('Client (nom, n° ou carte)').fill('Vasseur');
			await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
			await page.getByLabel('Client (nom, n° ou carte)').press('Enter');
			await expect(page.getByTestId('ticket-count')).toHaveText('2 tickets sont affichés.');
			await page.getByLabel('Rechercher dans la liste').fill('introuvable');
			await expect(page.getByTestId('ticket-count')).toHaveText('Aucun ticket n’est affiché.');
			await page.getByLabel('Rechercher dans la liste').fill('');

			// Gérer: addresses and references create the invoice, numbered in its series.
			await page.getByRole('link', { name: 'Gérer le ticket 2' }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: /^Ticket de caisse 2/u })
			).toBeVisible();
			await page
				.getByRole('tab', { name: 'Modifier adresses et référence, créer une facture' })
				.click();
			await page
				.getByRole('button', { name: 'Adresses du client (adresse de facturation)' })
				.click();
			await expect(page.getByLabel('Ville').first()).toHaveValue('Lens');
			await page.getByLabel('N° d’engagement').fill('E'.repeat(51));
			await page.getByRole('button', { name: 'Enregistrer et créer une facture' }).click();
			await expect(page.getByLabel('N° d’engagement')).toHaveAttribute('aria-invalid', 'true');
			await expect(
				page.getByText('Le n° d’engagement fait 50 caractères au plus (ici 51).')
			).toBeVisible();
			await page.getByLabel('N° d’engagement').fill('EJ-2026-42');
			await page.getByLabel('Code service').fill('SERVICE_01');
			await page.getByRole('button', { name: 'Enregistrer et créer une facture' }).click();
			await expect(
				page.getByRole('status').filter({ hasText: 'Facture n° 1 créée.' })
			).toBeVisible();
			await page.getByRole('tab', { name: 'Détail du ticket' }).click();
			await expect(page.getByTestId('invoice-number')).toHaveText('1');
			await expect(
				page.getByText('Code service SERVICE_01 N° engagement EJ-2026-42')
			).toBeVisible();
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: 'PDF de la facture' }).click();
			const pdf = await download;
			expect(pdf.suggestedFilename()).toBe('facture-1.pdf');
			const bytes = readFileSync(await pdf.path());
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(bytes.toString('latin1')).toContain('/FontFile2');

			// Annuler le ticket, refunded as a credit note: the inverse ticket, both linked, the
			// invoice's credit note, and the customer's credit note.
			const total = await page.getByTestId('ticket-total').innerText();
			await page.getByRole('button', { name: 'Annuler le ticket' }).click();
			const confirm = page.getByRole('alertdialog');
			await confirm.getByLabel(/Rembourser par un avoir au client/u).check();
			await confirm.getByRole('button', { name: 'Confirmer l’annulation' }).click();
			const cancelled = page.getByRole('status').filter({
				hasText: 'Ticket n° 4 enregistré : il annule ce ticket. Avoir n° AV-1 émis sur la facture.'
			});
			await expect(cancelled).toBeVisible();
			const creditNote = (await cancelled.innerText()).match(/Avoir client n° (\d{13})/u)?.[1];
			expect(creditNote).toMatch(/^28881\d{8}$/u);
			await expect(
				page.getByRole('note').filter({ hasText: 'Ce ticket est annulé par le ticket n° 4' })
			).toBeVisible();
			await page.getByRole('note').getByRole('link', { name: '4' }).click();
			await expect(
				page.getByRole('note').filter({ hasText: 'Ce ticket annule le ticket n° 2' })
			).toBeVisible();
			expect((await page.getByTestId('ticket-total').innerText()).replace('−', '-')).toBe(
				`-${total}`
			);
			// Ticket précédent walks the customer's list: ticket 3 (the deposit) comes before 4.
			await page.getByRole('button', { name: 'Ticket précédent' }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: /^Ticket de caisse 3/u })
			).toBeVisible();
			await page.getByRole('link', { name: 'Retour à la liste' }).click();
			await expect(page.getByTestId('ticket-count')).toHaveText('3 tickets sont affichés.');
			await search('Rechercher un numéro de facture', '1');
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await search('Rechercher un avoir émis au client', creditNote);
			await expect(page.getByTestId('ticket-count')).toHaveText('1 ticket est affiché.');
			await expect(rows.nth(1)).toContainText('Annule le ticket n° 2');
			await page.getByRole('button', { name: 'Aujourd’hui' }).click();
			await expect(page.getByTestId('ticket-count')).toHaveText('4 tickets sont affichés.');
			await expect(rows.nth(2)).toContainText('Annulé par le ticket n° 4');

			// The customer file lists the deposit and the credit note with their balances.
			await goToArea('Clients');
			await page.getByLabel(/^Rechercher un client/u).fill('Vasseur');
			await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'VASSEUR Laurent' })).toBeVisible();
			const deposits = page.getByRole('region', { name: 'Acomptes', exact: true });
			await expect(deposits.getByRole('row').nth(1)).toContainText(deposit);
			await expect(deposits.getByRole('row').nth(1)).toContainText('27846');
			await expect(page.getByRole('region', { name: 'Avoirs', exact: true })).toContainText(
				creditNote
			);

			// The till's X report for this session: the sale and its cancellation net to zero (the
			// deposit is cashed but is not a sale).
			await goToArea('Caisse');
			await page.getByRole('button', { name: 'Rapport X' }).click();
			await expect(page.getByTestId('x-total')).toHaveText(/^0,00\s€$/u);
		}
	);

	await run.test(
		'a reload keeps the sale on screen; a second window may not sell until it takes the till over',
		async () => {
			const scan = page.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
			await scan.pressSequentially('jardin');
			await expect(
				page.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
			).toBeVisible();
			await scan.press('Enter');
			const lines = (p) => p.getByRole('table', { name: 'Lignes du ticket' }).getByRole('row');
			await expect(lines(page)).toHaveCount(2);
			await page.reload();
			await expect(
				page.getByRole('status').filter({ hasText: 'Vente en cours reprise : 1 ligne.' })
			).toBeVisible();
			await expect(lines(page)).toHaveCount(2);

			const other = await context.newPage();
			try {
				await other.goto(`${server.url}/caisse`);
				await expect(
					other.getByRole('heading', { name: 'La caisse est ouverte dans une autre fenêtre' })
				).toBeVisible();
				await expect(other.getByRole('combobox', { name: /Code-barres/u })).toHaveCount(0);
				await other.getByRole('button', { name: 'Vendre ici' }).click();
				await expect(lines(other)).toHaveCount(2);
				// The notice speaks of the sale on screen: gone with its last line.
				const restored = other
					.getByRole('status')
					.filter({ hasText: 'Vente en cours reprise : 1 ligne.' });
				await expect(restored).toBeVisible();
				await other.keyboard.press('Delete');
				await expect(lines(other)).toHaveCount(0);
				await expect(restored).toHaveCount(0);
				await expect(
					page.getByRole('heading', { name: 'La caisse a été reprise dans une autre fenêtre' })
				).toBeVisible();
			} finally {
				await other.close();
			}
		}
	);

	await run.test(
		'an invoice for a State service: pro forma, final number, Chorus pre-flight and deposit guide, Factur-X, statuses, partial credit note',
		async () => {
			await goToArea('Factures');
			await page.getByRole('link', { name: 'Nouvelle facture' }).click();
			await page.getByLabel('Vendeur en poste').fill('Dominique');
			await page.getByLabel('Rechercher le client').fill('DRAC');
			await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
			await page.getByLabel('Rechercher le client').press('Enter');
			await expect(page.getByText('Changer de client')).toBeVisible();
			await page.getByLabel('Ajouter depuis le catalogue (EAN, titre, auteur)').fill('la');
			await page
				.getByRole('list', { name: 'Articles trouvés' })
				.getByRole('button')
				.first()
				.click();
			const price = page.getByLabel('Prix unitaire TTC (€)');
			await page.getByLabel('Désignation').fill('Frais de port');
			await price.fill('six');
			await page.getByRole('button', { name: 'Ajouter la ligne libre' }).click();
			await expect(price).toHaveAttribute('aria-invalid', 'true');
			await price.fill('6,90');
			await page.getByRole('button', { name: 'Ajouter la ligne libre' }).click();
			await expect(page.getByLabel(/^Quantité\s: /u)).toHaveCount(2);
			await page.getByRole('button', { name: 'Enregistrer la pro forma' }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: 'Facture pro forma n° PF-1' })
			).toBeVisible();
			await page.getByRole('button', { name: 'Produire la facture définitive' }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: /^Facture n° \d+$/u })
			).toBeVisible();

			// Chorus Pro: the pre-flight passes, the deposit guide gives the portal's values.
			await expect(page.getByRole('heading', { name: 'Pré-contrôle Chorus Pro' })).toBeVisible();
			await expect(page.getByText('Dépôt bloqué')).toHaveCount(0);
			const guide = page.getByRole('table', { name: 'Valeurs à saisir ou à vérifier' });
			await expect(guide.getByRole('row', { name: /Destinataire \(SIRET\)/u })).toContainText(
				'11000201100044'
			);
			await expect(guide.getByRole('row', { name: /Code service/u })).toContainText(
				'DRAC59-BIBLIO'
			);
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: 'Télécharger le Factur-X' }).click();
			expect((await download).suggestedFilename()).toMatch(/^facture-\d+-facturx\.pdf$/u);

			await page.getByLabel('Nouveau statut').selectOption({ label: 'Déposée' });
			await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
			await expect(page.getByLabel('N° du certificat de dépôt')).toHaveAttribute(
				'aria-invalid',
				'true'
			);
			await page.getByLabel('N° du certificat de dépôt').fill('CPP-2026-000123');
			await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Statut : Déposée' })).toBeVisible();

			await page.getByRole('button', { name: 'Créditer' }).click();
			await page.getByLabel(/^Quantité à créditer\s: Frais de port/u).fill('1');
			await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
			await expect(
				page.getByRole('status').filter({ hasText: /Avoir n° AV-\d+ émis \(6,90/u })
			).toBeVisible();

			await goToArea('Chorus Pro');
			const actions = page.getByRole('region', { name: 'Factures à traiter' });
			await expect(actions.getByRole('row', { name: /Avoir n° AV-/u })).toContainText(
				'Non déposée'
			);
			await expect(actions.getByRole('row', { name: /^Facture n° /u })).toHaveCount(0);
		}
	);

	await run.test(
		'Vérifier l’intégrité: every sale, invoice, duplicate and journal entry written so far holds',
		async () => {
			await goToArea('Paramètres');
			await expect(page.getByTestId('public-key')).toHaveText(/^MFkw/u);
			await checkIntegrity(page);
		}
	);

	await run.test(
		'Rapports et clôtures: today’s till report from the day’s aggregates; no Z while the till is open',
		async () => {
			await goToArea('Rapports et clôtures');
			await expect(
				page
					.getByRole('navigation')
					.getByRole('link', { name: 'Rapports et clôtures', exact: true })
			).toHaveAttribute('aria-current', 'page');
			await expect(page.getByTestId('report-status')).toHaveText('Période non clôturée.');
			await expect(page.getByTestId('report-tickets')).not.toHaveText('0');
			await expect(page.getByRole('table', { name: 'Par taux de TVA' })).toContainText('5,5');
			await expect(page.getByRole('img', { name: 'Graphique des ventes' })).toBeVisible();
			await page.getByLabel('Période', { exact: true }).selectOption({ label: 'Mois' });
			await page.getByRole('button', { name: 'Afficher le rapport' }).click();
			await expect(
				page.getByRole('heading', { level: 3, name: /^Rapport de \p{L}+ \d{4}$/u })
			).toBeVisible();
			const pdf = page.waitForEvent('download');
			await page.getByRole('button', { name: 'Télécharger le rapport (PDF)' }).click();
			expect((await pdf).suggestedFilename()).toMatch(
				/^rapport-caisse-\d{4}-\d{2}-01-month\.pdf$/u
			);
			await page.getByLabel('Vendeur en poste').fill('Dominique');
			const today = await page.evaluate(() =>
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
			);
			await page.getByLabel('Du', { exact: true }).fill(`${today.slice(0, 7)}-01`);
			await page.getByLabel('Au', { exact: true }).fill(today);
			const fec = page.waitForEvent('download');
			await page.getByRole('button', { name: 'Télécharger le FEC' }).click();
			const fecFile = await fec;
			expect(fecFile.suggestedFilename()).toMatch(/^\d{9}FEC\d{8}\.txt$/u);
			const fecText = readFileSync(await fecFile.path(), 'latin1');
			expect(fecText.split('\r\n')[0]?.split('\t')).toHaveLength(18);
			expect(fecText).toContain('\t707100\tVentes HT 5,5 %\t');
			const todayZ = page.getByRole('button', { name: 'Clôturer la journée d’aujourd’hui (Z)' });
			await todayZ.click();
			// Refused up front, before any confirmation is asked.
			await expect(page.getByRole('alert')).toHaveText(
				'Fermez d’abord la caisse (comptage) avant la clôture du jour.'
			);
			await expect(page.getByRole('button', { name: 'Confirmer la clôture' })).toHaveCount(0);
		}
	);

	await run.test(
		'backup: one click in Paramètres, restored in another browser profile, every chain verified',
		async () => {
			await goToArea('Paramètres');
			await page.getByLabel('Vendeur en poste').fill('Anne');
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: 'Télécharger une sauvegarde complète' }).click();
			const file = await download;
			expect(file.suggestedFilename()).toMatch(
				/^comptoir-sauvegarde-\d{4}-\d{2}-\d{2}-\d{2}h\d{2}\.zip$/u
			);
			await expect(page.getByTestId('backup-status')).toHaveText(
				'Dernière sauvegarde : aujourd’hui.'
			);
			const path = await file.path();

			const other = await launchProfile();
			try {
				const second = await other.context.newPage();
				await second.goto(`${server.url}/parametres`);
				await second.getByLabel('Vendeur en poste').fill('Anne');
				await second.getByLabel('Fichier de sauvegarde (.zip)').setInputFiles(path);
				await expect(second.getByTestId('backup-checked')).toContainText(/20\s500 articles/u, {
					timeout: 30_000
				});
				await second.getByRole('checkbox', { name: /J’ai comparé cette empreinte/u }).check();
				await Promise.all([
					second.waitForEvent('load'),
					second.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click()
				]);
				await second.goto(`${server.url}/`);
				await expect(second.getByTestId('article-count')).toHaveText(/^20\s?500$/u);
				await second.goto(`${server.url}/parametres`);
				await checkIntegrity(second);
			} finally {
				await other.close();
			}
		}
	);

	/** Opens the till in a new page of the main profile, taking the till over if need be. */
	async function tillPage() {
		const till = await context.newPage();
		await till.goto(`${server.url}/caisse`);
		const scan = till.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
		const takeOver = till.getByRole('button', { name: 'Vendre ici' });
		await expect(scan.or(takeOver)).toBeVisible();
		if (await takeOver.isVisible()) await takeOver.click();
		await expect(scan).toBeVisible();
		// The sale kept on disk, if any, comes back once the page has read it.
		await till.waitForTimeout(300);
		return {
			till,
			scan,
			lines: till.getByRole('table', { name: 'Lignes du ticket' }).getByRole('row')
		};
	}

	/** Reads the till's tickets straight from IndexedDB, behind the app's back. */
	function tillFacts(target) {
		return target.evaluate(
			() =>
				new Promise((resolve) => {
					const open = indexedDB.open(
						localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
					);
					open.onsuccess = () => {
						const tx = open.result.transaction(['tickets', 'ticketHeads', 'dailyTotals']);
						const all = (store) =>
							new Promise((done) => {
								const request = tx.objectStore(store).getAll();
								request.onsuccess = () => done(request.result);
							});
						Promise.all([all('tickets'), all('ticketHeads'), all('dailyTotals')]).then(
							([tickets, heads, days]) => {
								open.result.close();
								const real = tickets.filter((t) => t.tillId === 'CAISSE1' && t.training === 0);
								resolve({
									numbers: real.map((t) => t.number).sort((a, b) => a - b),
									// A ticket is whole with its list row, its seal and something sold.
									broken: real
										.filter(
											(t) =>
												!heads.some((h) => h.id === t.id && h.number === t.number) ||
												t.lines.length + (t.issues?.length ?? 0) === 0 ||
												typeof t.hash !== 'string' ||
												typeof t.signature !== 'string'
										)
										.map((t) => t.number),
									counted: days
										.filter((d) => d.tillId === 'CAISSE1')
										.reduce((sum, d) => sum + d.ticketCount, 0)
								});
							}
						);
					};
				})
		);
	}

	await run.test(
		'crash safety: the page closed at 50 random moments of a sale; every ticket whole or absent, no gap, no duplicate, integrity holds',
		async () => {
			const ean = await firstBookEan(page);
			let seed = 20261123;
			const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const before = await tillFacts(page);
			for (let trial = 0; trial < 50; trial++) {
				const { till, scan, lines } = await tillPage();
				if ((await lines.count()) === 0) {
					await scan.pressSequentially(String(ean));
					await scan.press('Enter');
					await expect(lines).toHaveCount(2);
				}
				await till.keyboard.press('F8');
				const dialog = till.getByRole('dialog', { name: /Encaisser/u });
				await dialog.getByLabel(/^Montant/u).press('Enter');
				const validate = dialog.getByRole('button', { name: 'Valider la vente' });
				await expect(validate).toBeEnabled();
				// Closed anywhere from before the write to after it: 0 to 60 ms after the click.
				await validate.click({ noWaitAfter: true });
				await till.waitForTimeout(Math.floor(random() * 60));
				await till.close({ runBeforeUnload: false });
			}
			const { till } = await tillPage();
			const after = await tillFacts(till);
			await till.close();
			const count = after.numbers.length;
			expect(count).toBeGreaterThan(before.numbers.length);
			// No gap, no duplicate: the numbers are exactly 1…n.
			expect(after.numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
			expect(after.broken).toEqual([]);
			expect(after.counted).toBe(count);
			console.log(`    ${count - before.numbers.length} ventes enregistrées sur 50 essais`);
			await goToArea('Paramètres');
			await checkIntegrity(page);
		}
	);

	await run.test(
		'a full disk (IndexedDB refusing writes with QuotaExceededError): the sale stays on screen with a clear message, nothing half-saved',
		async () => {
			const { till, scan, lines } = await tillPage();
			try {
				if ((await lines.count()) === 0) {
					await scan.pressSequentially('jardin');
					await expect(
						till.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
					).toBeVisible();
					await scan.press('Enter');
				}
				await expect(lines).toHaveCount(2);
				const before = await tillFacts(till);
				// The disk is full: every IndexedDB write is refused as the browser refuses it.
				await till.evaluate(() => {
					for (const method of ['add', 'put']) {
						const original = IDBObjectStore.prototype[method];
						IDBObjectStore.prototype[method] = function (...args) {
							if (window.diskFull) {
								throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
							}
							return original.apply(this, args);
						};
					}
					window.diskFull = true;
				});
				await till.keyboard.press('F8');
				const dialog = till.getByRole('dialog', { name: /Encaisser/u });
				await dialog.getByLabel(/^Montant/u).press('Enter');
				await dialog.getByRole('button', { name: 'Valider la vente' }).click();
				await expect(dialog.getByRole('alert')).toHaveText(
					'Espace de stockage plein : la vente n’a pas été enregistrée. Libérez de la place puis validez à nouveau.'
				);
				expect((await tillFacts(till)).numbers).toEqual(before.numbers);
				await till.evaluate(() => (window.diskFull = false));
				await dialog.getByRole('button', { name: 'Valider la vente' }).click();
				await expect(
					till.getByRole('heading', { name: `Ticket n° ${before.numbers.length + 1} enregistré` })
				).toBeVisible();
				await expect(lines).toHaveCount(0);
			} finally {
				await till.close();
			}
		}
	);

	const { unpaid } = await invoicingTests({ run, tillPage, firstBookEan, goToArea, page });

	// The till at the counter, last of the sales: it ends with the day's Z.
	await counterTests({ run, tillPage });

	await run.test(
		'manager PIN: set in Paramètres, then a settings change asks for it and refuses a wrong one',
		async () => {
			await goToArea('Paramètres');
			await page.getByLabel('Code PIN (4 à 8 chiffres)').fill('2468');
			await page.getByRole('button', { name: 'Définir le code PIN' }).click();
			await expect(page.getByText('Code PIN responsable enregistré.')).toBeVisible();
			await page.getByLabel(/^Bon de fidélité, en\s%/u).fill('3');
			await page.getByRole('button', { name: 'Enregistrer le taux de fidélité' }).click();
			const dialog = page.getByRole('dialog', { name: 'Code PIN responsable' });
			await expect(dialog.getByLabel('Code PIN')).toBeFocused();
			await dialog.getByLabel('Code PIN').fill('1111');
			await dialog.getByLabel('Code PIN').press('Enter');
			await expect(dialog.getByRole('alert')).toHaveText(
				'Code PIN incorrect (pour modifier les paramètres).'
			);
			await dialog.getByLabel('Code PIN').fill('2468');
			await dialog.getByRole('button', { name: 'Valider' }).click();
			await expect(dialog).toHaveCount(0);
			await expect(page.getByText('Bons de fidélité : 3 % des achats.')).toBeVisible();
		}
	);

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
		'no request leaves the app’s own origin, and none sends anything (GET only)',
		async () => {
			expect(requests.length).toBeGreaterThan(50);
			// « Envoyer » opens the user's own mail program (mailto:): nothing is sent from the page.
			const elsewhere = requests.filter(
				(r) => !r.url.startsWith(`${server.url}/`) && !/^(data|blob|mailto):/u.test(r.url)
			);
			expect(elsewhere).toEqual([]);
			expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
		}
	);

	await run.test(
		'a new version shows « Nouvelle version disponible » and reloads only on click',
		async () => {
			server.publishNewVersion();
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

	await overdueTests({ run, page, unpaid });

	// Tampering last: it leaves the demo shop's ticket chain broken on purpose.
	await tamperTests({ run, page, firstBookEan });

	await run.test(
		'the demonstration lives in its own database: leaving it drops it whole, the shop’s database holds none of it',
		async () => {
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
		}
	);
} finally {
	await browser.close();
	await server.close();
}

process.exit(run.summary() ? 0 : 1);
