// Tickets de caisse: every search finds its sale; a ticket managed into an invoice, then
// cancelled as a credit note; the customer file and the X report agree.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { Shop, Tickets, Till } from './pages';

test('tickets: find a sale by every search (number, invoice, voucher, deposit, credit note, customer); cancel it; the day nets out [INA-04]', async ({
	page
}) => {
	const till = new Till(page);
	const shop = new Shop(page);
	const tickets = new Tickets(page);
	// Ticket 1, in an earlier session of the till: a sale to nobody in particular.
	await till.open();
	await till.search('jardin');
	await till.pay();
	await till.close();
	await till.open({ seller: 'Camille', float: '0' });
	// Ticket 2: the same book to a known customer, partly paid by a gift voucher.
	await till.search('jardin');
	await till.chooseCustomer('Vasseur');
	await expect(page.getByTestId('cart-customer')).toHaveText('VASSEUR Laurent');
	expect(
		await till.pay(
			{ method: 'Bon cadeau', code: '2888880024723', amount: '5' },
			{ method: 'Espèces', amount: '100' }
		)
	).toBe(2);

	// A deposit on an order, for the same customer, paid by card: outside the VAT total.
	await till.chooseCustomer('Vasseur');
	await page.getByRole('radio', { name: 'Acompte' }).check();
	await page.getByLabel('Montant', { exact: true }).fill('20');
	await page.getByLabel('N° de commande').fill('27846');
	await page.getByRole('button', { name: 'Ajouter au ticket' }).click();
	await expect(page.getByTestId('amount-to-pay')).toHaveText(/^20,00\s€$/u);
	await expect(page.getByTestId('ticket-total')).toHaveText(/^0,00\s€$/u);
	expect(await till.pay({ method: 'Carte bancaire' })).toBe(3);
	const deposit = (await page.getByTestId('issued-code').innerText()).match(/\d{13}/u)?.[0] ?? '';
	expect(deposit).toMatch(/^28884\d{8}$/u);

	await shop.goToArea('Tickets de caisse');
	await expect(
		page.getByRole('heading', { name: /^Liste des tickets de caisse du / })
	).toBeVisible();
	await expect(tickets.count).toHaveText('3 tickets sont affichés.');
	await tickets.search('Rechercher un numéro de ticket', '2');
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await expect(tickets.rows.nth(1)).toContainText('VASSEUR Laurent');
	await tickets.search('Rechercher un bon cadeau utilisé par un client', '2888880024723');
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await tickets.search('Rechercher un avoir utilisé par un client', '2888880024723');
	await expect(page.getByRole('alert')).toHaveText('Aucun avoir n° 2888880024723.');
	await tickets.search('Rechercher un acompte payé par un client', deposit);
	await expect(tickets.rows.nth(1)).toContainText('VASSEUR Laurent');
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await tickets.search(
		'Rechercher les tickets de caisse liés à un acompte (code ou n° de commande)',
		deposit
	);
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await page.getByRole('button', { name: 'Rechercher un client' }).click();
	await page.getByLabel('Client (nom, n° ou carte)').fill('Vasseur');
	await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
	await page.getByLabel('Client (nom, n° ou carte)').press('Enter');
	await expect(tickets.count).toHaveText('2 tickets sont affichés.');
	await page.getByLabel('Rechercher dans la liste').fill('introuvable');
	await expect(tickets.count).toHaveText('Aucun ticket n’est affiché.');
	await page.getByLabel('Rechercher dans la liste').fill('');

	// Gérer: addresses and references create the invoice, numbered in its series.
	await page.getByRole('link', { name: 'Gérer le ticket 2' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Ticket de caisse 2/u })).toBeVisible();
	await page
		.getByRole('tab', { name: 'Modifier adresses et référence, créer une facture' })
		.click();
	await page.getByRole('button', { name: 'Adresses du client (adresse de facturation)' }).click();
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
	await expect(page.getByRole('status').filter({ hasText: 'Facture n° 1 créée.' })).toBeVisible();
	await page.getByRole('tab', { name: 'Détail du ticket' }).click();
	await expect(page.getByTestId('invoice-number')).toHaveText('1');
	await expect(page.getByText('Code service SERVICE_01 N° engagement EJ-2026-42')).toBeVisible();
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
	const creditNote = (await cancelled.innerText()).match(/Avoir client n° (\d{13})/u)?.[1] ?? '';
	expect(creditNote).toMatch(/^28881\d{8}$/u);
	await expect(
		page.getByRole('note').filter({ hasText: 'Ce ticket est annulé par le ticket n° 4' })
	).toBeVisible();
	await page.getByRole('note').getByRole('link', { name: '4' }).click();
	await expect(
		page.getByRole('note').filter({ hasText: 'Ce ticket annule le ticket n° 2' })
	).toBeVisible();
	expect((await page.getByTestId('ticket-total').innerText()).replace('−', '-')).toBe(`-${total}`);
	// Ticket précédent walks the customer's list: ticket 3 (the deposit) comes before 4.
	await page.getByRole('button', { name: 'Ticket précédent' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Ticket de caisse 3/u })).toBeVisible();
	await page.getByRole('link', { name: 'Retour à la liste' }).click();
	await expect(tickets.count).toHaveText('3 tickets sont affichés.');
	await tickets.search('Rechercher un numéro de facture', '1');
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await tickets.search('Rechercher un avoir émis au client', creditNote);
	await expect(tickets.count).toHaveText('1 ticket est affiché.');
	await expect(tickets.rows.nth(1)).toContainText('Annule le ticket n° 2');
	await page.getByRole('button', { name: 'Aujourd’hui' }).click();
	await expect(tickets.count).toHaveText('4 tickets sont affichés.');
	await expect(tickets.rows.nth(2)).toContainText('Annulé par le ticket n° 4');

	// The customer file lists the deposit and the credit note with their balances.
	await shop.goToArea('Clients');
	await page.getByLabel(/^Rechercher un client/u).fill('Vasseur');
	await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'VASSEUR Laurent' })).toBeVisible();
	const deposits = page.getByRole('region', { name: 'Acomptes', exact: true });
	await expect(deposits.getByRole('row').nth(1)).toContainText(deposit);
	await expect(deposits.getByRole('row').nth(1)).toContainText('27846');
	await expect(page.getByRole('region', { name: 'Avoirs', exact: true })).toContainText(creditNote);

	// The till's X report for this session: the sale and its cancellation net to zero (the
	// deposit is cashed but is not a sale).
	await shop.goToArea('Caisse');
	await page.getByRole('button', { name: 'Rapport X' }).click();
	await expect(page.getByTestId('x-total')).toHaveText(/^0,00\s€$/u);

	// Every sale, voucher, deposit, invoice, cancellation and journal entry written holds.
	await shop.checkIntegrity();
	await expect(page.getByTestId('public-key')).toHaveText(/^MFkw/u);
});
