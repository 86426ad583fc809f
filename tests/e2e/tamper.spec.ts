// Tamper evidence against the shop's own computer (docs/integrity.md), as a merchant would try it
// with the browser's developer tools: the last ticket of a day already closed by its Z is deleted
// behind the app's back, list row, chain head, sequence and day totals set back. The shop sells on
// the next day (a refund first, which asks the manager PIN); that day's Z raises the alarm and
// « Vérifier l'intégrité » names the rewritten chain. Tomorrow comes from Playwright's clock.
import { expect, test } from './fixtures';
import { DAY, Reports, Shop, Till, shownDay } from './pages';
import { firstBookEan, truncateLastTicket } from './store';

test('a ticket deleted with the developer tools after the Z: the refund next day asks the PIN, the next Z raises the alarm, the check names the rewritten chain [INA-05] [SEC-04]', async ({
	page
}) => {
	const shop = new Shop(page);
	await shop.setManagerPin('2468');
	// Today: two sales, the till closed, the day closed by its Z.
	const till = new Till(page);
	await till.open();
	const ean = await firstBookEan(page);
	for (let sale = 0; sale < 2; sale++) {
		await till.scan(ean);
		await till.pay();
	}
	await till.close();
	const summary = await new Reports(page).askTodaysZ();
	await summary.getByRole('button', { name: 'Confirmer la clôture' }).press('Enter');
	await shop.enterPin('2468');
	await expect(
		page.getByRole('status').filter({ hasText: /Clôture journalière \(Z\) du .* faite/u })
	).toBeVisible();

	// Behind the app's back, the last ticket of the closed day goes.
	const deleted = await truncateLastTicket(page);
	expect(deleted).toBeGreaterThan(0);
	const origin = new URL(page.url()).origin;
	const today = new Date();
	const next = await page.context().newPage();
	const tomorrow = new Date(today.getTime() + DAY);
	try {
		await next.clock.install({ time: tomorrow });
		await next.goto(`${origin}/caisse`);
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

		await next.goto(`${origin}/rapports`);
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

		await next.goto(`${origin}/parametres`);
		await next.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
		await expect(next.getByRole('alert').filter({ hasText: 'Tickets de caisse' })).toContainText(
			new RegExp(
				`Tickets de caisse\\s: chaîne réécrite — ticket n° ${deleted} \\(CAISSE1\\) ne correspond plus à ce que`,
				'u'
			),
			{ timeout: 30_000 }
		);
	} finally {
		await next.close();
	}
});
