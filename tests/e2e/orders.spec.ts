// Customer orders (docs/orders.md): from the customer file, two titles ordered, one received and
// the customer told, the other cancelled; the lists a bookseller works from follow each step.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Shop, Till, at, seriousViolations } from './pages';
import { books } from './store';

/** On « Nouvelle commande »: one copy of `ean` for M. Vasseur, recorded; the order's number. */
async function orderOneTitle(page: Page, ean: string): Promise<string> {
	await page.getByLabel('Client (nom, n° ou carte)').fill('Vasseur');
	await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
	await page.getByLabel('Client (nom, n° ou carte)').press('Enter');
	const titleField = page.getByLabel('Ajouter un titre (EAN, ISBN, titre, auteur)');
	await titleField.fill(ean);
	await titleField.press('Enter');
	await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
	const heading = page.getByRole('heading', { level: 1, name: /^Commande n°\s\d+$/u });
	await expect(heading).toBeVisible();
	return (await heading.innerText()).match(/\d+/u)?.[0] ?? '';
}

test('a customer order from the file: ordered, one title received and the customer told, the other cancelled; never collected, its deposit becomes a credit note', async ({
	page
}) => {
	const shop = new Shop(page);
	const [first, second] = await books(page, 2);
	if (!first || !second) throw new Error('demo catalogue empty');
	await page.getByLabel('Vendeur en poste').fill('Anne');

	await shop.goToArea('Clients');
	await page.getByLabel(/^Rechercher un client/u).fill('Vasseur');
	await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
	await page.getByRole('link', { name: 'Nouvelle commande', exact: true }).click();
	await expect(page.getByTestId('order-customer')).toHaveText('VASSEUR Laurent');

	// Nothing to order yet: refused at the titles' field.
	await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
	await expect(page.getByText('Ajoutez au moins un titre à la commande.').first()).toBeVisible();
	await expect(page.getByLabel('Ajouter un titre (EAN, ISBN, titre, auteur)')).toHaveAttribute(
		'aria-invalid',
		'true'
	);

	// A scan of each title, then Enter: the lines of the order.
	const titleField = page.getByLabel('Ajouter un titre (EAN, ISBN, titre, auteur)');
	for (const book of [first, second]) {
		await titleField.fill(book.ean);
		await titleField.press('Enter');
		await expect(page.getByRole('textbox', { name: `Quantité de ${book.title}` })).toHaveValue('1');
	}
	await page.getByLabel('Note').fill('Pour Noël');
	await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Commande n°\s\d+$/u })).toBeVisible();
	const number = (await page.getByRole('heading', { level: 1 }).innerText()).match(/\d+/u)?.[0];
	await expect(page.getByTestId('line-status-0')).toHaveText('À commander');

	expect(await seriousViolations(page)).toEqual([]);

	// « À commander » lists both titles under their publisher.
	await shop.goToArea('Commandes');
	const toOrder = page.getByRole('region', { name: 'À commander' });
	await expect(toOrder.getByRole('row', { name: new RegExp(first.title, 'u') })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	const csv = page.waitForEvent('download');
	await toOrder.getByRole('button', { name: 'Exporter pour le distributeur (CSV)' }).click();
	expect((await csv).suggestedFilename()).toMatch(/^titres-a-commander-\d{4}-\d{2}-\d{2}\.csv$/u);
	await toOrder
		.getByRole('link', { name: `n° ${number}` })
		.first()
		.click();

	// Ordered from the distributor; receiving more than ordered is refused at its field.
	await page.getByLabel('Fournisseur ou distributeur').fill('Sodis');
	await page.getByRole('button', { name: 'Marquer commandé' }).click();
	await expect(page.getByTestId('line-status-0')).toHaveText(/^Commandée chez Sodis/u);
	const received = page.getByLabel(`Exemplaires reçus de ${first.title}`);
	await received.fill('3');
	await page.getByRole('button', { name: 'Recevoir' }).first().click();
	await expect(page.getByRole('alert')).toContainText('Au plus 1');
	await expect(received).toHaveAttribute('aria-invalid', 'true');
	await received.fill('1');
	await page.getByRole('button', { name: 'Recevoir' }).first().click();
	await expect(page.getByTestId('line-status-0')).toHaveText('Reçue');

	// The customer told: the prepared message names the book and the order number.
	await expect(page.getByLabel('Message')).toHaveValue(
		new RegExp(`«\\s${first.title}\\s» est arrivé\\. .* commande n°\\s${number}`, 'su')
	);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('radio', { name: 'par SMS' }).check();
	await page.getByRole('button', { name: 'Client prévenu' }).click();
	await expect(page.getByTestId('line-status-0')).toHaveText('Client prévenu');

	// The second title is not coming: cancelled with its reason.
	await page.getByText('Annuler des exemplaires').click();
	await page.getByRole('button', { name: 'Annuler', exact: true }).last().click();
	await expect(page.getByText('Donnez la raison de l’annulation.')).toBeVisible();
	await page.getByLabel(`Raison de l’annulation de ${second.title}`).fill('Épuisé chez l’éditeur');
	await page.getByRole('button', { name: 'Annuler', exact: true }).last().click();
	await expect(page.getByTestId('line-status-1')).toContainText('Annulée');
	await expect(page.getByRole('list').filter({ hasText: 'Commande enregistrée' })).toContainText(
		'Annulé 1 exemplaire'
	);

	// The customer file lists it, still open: the first title waits at the till.
	const orderUrl = page.url();
	await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
	const orders = page.getByRole('region', { name: 'Commandes - Devis - Prêts' });
	const row = orders.getByRole('row', { name: new RegExp(`^Commande n° ${number} `, 'u') });
	await expect(row).toContainText('commande en cours');

	// A 5 € deposit was taken on it; the customer never comes: the copy goes back on the shelf and
	// the deposit becomes a credit note in their name, never lost.
	const till = new Till(page);
	await till.open();
	await till.chooseCustomer('Vasseur');
	await page.getByRole('radio', { name: 'Acompte' }).check();
	await page.getByLabel('Montant', { exact: true }).fill('5');
	await page.getByLabel('N° de commande').fill(number ?? '');
	await page.getByRole('button', { name: 'Ajouter au ticket' }).click();
	await till.pay({ method: 'Carte bancaire' });
	await page.goto(orderUrl);
	await page.getByText('Annuler des exemplaires').click();
	await page.getByLabel(`Raison de l’annulation de ${first.title}`).fill('Jamais venu');
	await page.getByRole('button', { name: 'Annuler', exact: true }).click();
	await expect(page.getByTestId('order-status')).toHaveText('commande annulée');
	await page.getByRole('button', { name: 'Transformer en avoir' }).click();
	const made = page.getByRole('status').filter({ hasText: /^Avoir n°\s\d{13} de 5,00\s€ créé/u });
	await expect(made).toBeVisible();
	const creditNote = (await made.innerText()).match(/\d{13}/u)?.[0] ?? '';
	await expect(page.getByText(/5,00\s€ versés, 0,00\s€ restants/u)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Transformer en avoir' })).toHaveCount(0);
	await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
	await expect(row).toContainText('commande annulée');
	await expect(page.getByRole('region', { name: 'Avoirs', exact: true })).toContainText(creditNote);
});

test('an order with a deposit collected at the till: the deposit is taken off once, the order line « Retirée » with the sale', async ({
	page
}) => {
	const till = new Till(page);
	await till.open();
	const [book] = await books(page, 1);
	if (!book) throw new Error('demo catalogue empty');

	// The order, for a known customer, from « Commandes ».
	await page.goto(at(page, '/commandes/nouvelle'));
	const number = await orderOneTitle(page, book.ean);
	const orderUrl = page.url();

	// A 5 € deposit taken at the till on that order number.
	await page.goto(at(page, '/caisse'));
	await till.chooseCustomer('Vasseur');
	await page.getByRole('radio', { name: 'Acompte' }).check();
	await page.getByLabel('Montant', { exact: true }).fill('5');
	await page.getByLabel('N° de commande').fill(number);
	await page.getByRole('button', { name: 'Ajouter au ticket' }).click();
	await till.pay({ method: 'Carte bancaire' });

	// Ordered, received, then rung up from the order.
	await page.goto(orderUrl);
	await expect(page.getByText(/5,00\s€ versés, 5,00\s€ restants/u)).toBeVisible();
	await page.getByLabel('Fournisseur ou distributeur').fill('Sodis');
	await page.getByRole('button', { name: 'Marquer commandé' }).click();
	await page.getByRole('button', { name: 'Recevoir' }).click();
	await expect(page.getByTestId('line-status-0')).toHaveText('Reçue');
	await page.getByRole('button', { name: 'Encaisser à la caisse' }).click();
	await expect(page.getByTestId('cart-customer')).toHaveText('VASSEUR Laurent');
	await till.expectLines(1);
	await expect(till.lines.nth(1)).toContainText(`Commande n° ${number}`);

	// F8: the deposit is already there; the rest is paid by card.
	await page.keyboard.press('F8');
	await expect(till.payment.getByRole('list', { name: 'Règlements saisis' })).toContainText(
		/Acompte \d{13}\s*5,00\s€/u
	);
	await till.payment.getByRole('radio', { name: 'Carte bancaire' }).check();
	await till.payment.getByLabel(/^Montant/u).press('Enter');
	await till.payment.getByRole('button', { name: 'Valider la vente' }).click();
	await expect(till.payment).toHaveCount(0);
	await expect(till.done).toBeVisible();

	// The order line is collected with the sale, the deposit spent, nothing left on it.
	await page.goto(orderUrl);
	await expect(page.getByTestId('line-status-0')).toHaveText('Retirée');
	await expect(page.getByTestId('order-status')).toHaveText('commande terminée');
	await expect(page.getByText(/5,00\s€ versés, 0,00\s€ restants/u)).toBeVisible();
});

test('at the till, a scan of a book set aside or the customer chosen offers their order', async ({
	page
}) => {
	const till = new Till(page);
	await till.open();
	const [book] = await books(page, 1);
	if (!book) throw new Error('demo catalogue empty');
	// F7 at the till starts a customer order.
	await page.keyboard.press('F7');
	await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle commande' })).toBeVisible();
	const number = await orderOneTitle(page, book.ean);
	await page.getByLabel('Fournisseur ou distributeur').fill('Sodis');
	await page.getByRole('button', { name: 'Marquer commandé' }).click();
	await page.getByRole('button', { name: 'Recevoir' }).click();
	await expect(page.getByTestId('line-status-0')).toHaveText('Reçue');

	// The customer chosen at the till: their order is offered; the cashier may ignore it.
	await page.goto(at(page, '/caisse'));
	await expect(till.field).toBeFocused();
	await till.chooseCustomer('Vasseur');
	const ringUp = page.getByRole('button', { name: `Encaisser la commande n° ${number}` });
	await expect(ringUp).toBeVisible();
	await page.getByRole('button', { name: 'Ignorer' }).click();
	await expect(ringUp).toHaveCount(0);
	await expect(till.field).toBeFocused();

	// The copy set aside is scanned: offered again, and its line replaces the scan's.
	await till.scan(book.ean);
	await till.expectLines(1);
	await expect(ringUp).toBeVisible();
	await ringUp.click();
	await till.expectLines(1);
	await expect(ringUp).toHaveCount(0);
	await expect(till.field).toBeFocused();
	await expect(page.getByRole('textbox', { name: `Quantité de ${book.title}` })).toHaveValue('1');
});
