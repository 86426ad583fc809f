// Tamper evidence against the shop's own computer (docs/integrity.md), as a merchant would try it
// with the browser's developer tools: the last ticket of a day already closed by its Z is deleted
// behind the app's back, list row, chain head, sequence and day totals set back. The shop sells on
// the next day (a refund first, which asks the manager PIN); that day's Z raises the alarm and
// « Vérifier l'intégrité » names the rewritten chain. Run by run.mjs last of the demo shop's
// tests: after the counter's Z and the manager PIN (2468), on Playwright's clock.
import { expect } from 'playwright/test';

const DAY = 86_400_000;

/** « 02/12/2026 » as the app writes a day, in Paris. */
function shownDay(date) {
	return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(date);
}

/** Deletes the till's last real ticket in IndexedDB and sets everything that counts it back. */
function truncateLastTicket(target) {
	return target.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const name =
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir';
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const stores = ['tickets', 'ticketHeads', 'chainHeads', 'sequences', 'dailyTotals'];
					const tx = db.transaction(stores, 'readwrite');
					let number = null;
					tx.oncomplete = () => {
						db.close();
						resolve(number);
					};
					tx.onerror = () => reject(tx.error);
					const cursor = tx.objectStore('tickets').openCursor(null, 'prev');
					cursor.onsuccess = () => {
						const found = cursor.result;
						if (!found) return;
						const ticket = found.value;
						if (ticket.training !== 0 || ticket.tillId !== 'CAISSE1') {
							found.continue();
							return;
						}
						number = ticket.number;
						found.delete();
						tx.objectStore('ticketHeads').delete(ticket.id);
						tx.objectStore('sequences').put({ name: 'ticket:CAISSE1', last: ticket.number - 1 });
						const heads = tx.objectStore('chainHeads');
						heads.get('tickets').onsuccess = (event) => {
							const head = event.target.result;
							heads.put({ chain: 'tickets', hash: ticket.previousHash, count: head.count - 1 });
						};
						const days = tx.objectStore('dailyTotals');
						days.get(['CAISSE1', ticket.day]).onsuccess = (event) => {
							const day = event.target.result;
							days.put({
								...day,
								ticketCount: day.ticketCount - 1,
								ttcCents: day.ttcCents - ticket.totalCents
							});
						};
					};
				};
			})
	);
}

export async function tamperTests({ run, page, firstBookEan }) {
	await run.test(
		'a ticket deleted with the developer tools after the Z: the refund next day asks the PIN, the next Z raises the alarm, the check names the rewritten chain',
		async () => {
			const ean = await firstBookEan(page);
			const deleted = await truncateLastTicket(page);
			expect(deleted).toBeGreaterThan(0);
			const today = new Date();
			const next = await page.context().newPage();
			const tomorrow = new Date(today.getTime() + DAY);
			try {
				// The context's clock (installed by the overdue tests, else here) moves to tomorrow.
				await next.clock
					.install({ time: tomorrow })
					.catch(() => next.clock.setSystemTime(tomorrow));
				await next.goto(`${new URL(page.url()).origin}/caisse`);
				await next.getByRole('textbox', { name: 'Vendeur', exact: true }).fill('Anne');
				await next.getByLabel(/Fond de caisse/u).fill('100');
				await next.getByRole('button', { name: 'Ouvrir la caisse' }).click();
				const scan = next.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
				await expect(scan).toBeFocused();

				// A book brought back: quantity -1, cash paid out, the manager's PIN asked.
				await scan.pressSequentially(String(ean));
				await scan.press('Enter');
				const quantity = next.getByRole('textbox', { name: /^Quantité de /u });
				await quantity.fill('-1');
				await quantity.press('Enter');
				await expect(quantity).toHaveValue('-1');
				await next.keyboard.press('F8');
				const refund = next.getByRole('dialog', { name: /Rembourser/u });
				await refund.getByLabel(/^Montant/u).press('Enter');
				await refund.getByRole('button', { name: 'Valider la vente' }).click();
				const pin = next.getByRole('dialog', { name: 'Code PIN responsable' });
				await expect(pin).toContainText('pour rembourser un client');
				await pin.getByLabel('Code PIN').fill('2468');
				await pin.getByLabel('Code PIN').press('Enter');
				await expect(refund).toHaveCount(0);

				// A sale: it takes the deleted ticket's number again.
				await scan.pressSequentially(String(ean));
				await scan.press('Enter');
				// F8 once the line is on screen, as the bookseller sees it.
				await expect(quantity).toHaveValue('1');
				await next.keyboard.press('F8');
				const payment = next.getByRole('dialog', { name: /Encaisser/u });
				await payment.getByLabel(/^Montant/u).press('Enter');
				await payment.getByRole('button', { name: 'Valider la vente' }).click();
				await expect(payment).toHaveCount(0);

				await next.getByRole('button', { name: 'Fermer la caisse' }).click();
				await next.getByLabel('Billet de 500,00 €').fill('1');
				await next.getByRole('button', { name: 'Fermer la caisse avec ce comptage' }).click();
				await next.getByRole('button', { name: /^Confirmer la fermeture/u }).click();
				await expect(next.getByRole('heading', { name: 'Ouvrir la caisse CAISSE1' })).toBeVisible();

				await next.goto(`${new URL(page.url()).origin}/rapports`);
				await next.getByLabel('Vendeur en poste').fill('Anne');
				await next.getByRole('button', { name: 'Clôturer la journée d’aujourd’hui (Z)' }).click();
				await next.getByRole('button', { name: 'Confirmer la clôture' }).press('Enter');
				await pin.getByLabel('Code PIN').fill('2468');
				await pin.getByLabel('Code PIN').press('Enter');
				const alarms = next.getByTestId('integrity-alarms');
				await expect(alarms).toContainText(
					`Tickets de caisse : le ticket n° ${deleted} ne correspond plus à ce que la clôture journalière (Z) du ${shownDay(today)} (CAISSE1) a scellé.`
				);
				await expect(alarms).toHaveAttribute('role', 'alert');

				await next.goto(`${new URL(page.url()).origin}/parametres`);
				await next.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
				await expect(
					next.getByRole('alert').filter({ hasText: 'Tickets de caisse' })
				).toContainText(
					new RegExp(
						`Tickets de caisse\\s: chaîne réécrite — ticket n° ${deleted} \\(CAISSE1\\) ne correspond plus à ce que`,
						'u'
					),
					{ timeout: 30_000 }
				);
			} finally {
				await next.clock.setSystemTime(new Date());
				await next.close();
			}
		}
	);
}
