// Quotes and loans (docs/orders.md): a State service's quote accepted into its invoice,
// which passes the independent validator; books lent to a library, half returned, half kept and
// invoiced; both listed in the customer file's « Commandes - Devis - Prêts ».
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
	checkEInvoice,
	VALIDATOR_MISSING_MESSAGE,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from '../support/einvoice-check.js';
import { expect, test } from './fixtures';
import { Shop, Till, at, seriousViolations } from './pages';
import { books } from './store';

async function chooseCustomer(page: Page, label: string, name: string): Promise<void> {
	await page.getByLabel(label).fill(name);
	await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
	await page.getByLabel(label).press('Enter');
}

test('a quote for a State service: Loi Lang prices, PDF, accepted, invoiced in one action with its codes; the Factur-X passes einvoice-check --chorus', async ({
	page
}) => {
	const shop = new Shop(page);
	await page.getByLabel('Vendeur en poste').fill('Dominique');
	await shop.goToArea('Commandes');
	await page
		.getByRole('navigation', { name: 'Commandes, devis et prêts' })
		.getByRole('link', { name: 'Devis' })
		.click();
	await page.getByRole('link', { name: 'Nouveau devis' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nouveau devis' })).toBeVisible();
	await chooseCustomer(page, 'Rechercher le client', 'DRAC');
	await expect(page.getByText('Changer de client')).toBeVisible();
	await page.getByLabel('Ajouter depuis le catalogue (EAN, titre, auteur)').fill('la');
	await page.getByRole('list', { name: 'Articles trouvés' }).getByRole('button').first().click();
	await page.getByLabel(/^Quantité\s: /u).fill('12');
	await page.getByLabel(/^Quantité\s: /u).press('Tab');

	// A validity already past is refused at its field.
	await page.getByLabel('Devis valable jusqu’au').fill('2020-01-01');
	await page.getByRole('button', { name: 'Enregistrer le devis' }).click();
	await expect(page.getByRole('alert').first()).toContainText('ne peut pas être déjà passée');
	const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel('Devis valable jusqu’au').fill(inAMonth);
	await page.getByRole('button', { name: 'Enregistrer le devis' }).click();
	const heading = page.getByRole('heading', { level: 1, name: /^Devis n°\s\d+$/u });
	await expect(heading).toBeVisible();
	const number = (await heading.innerText()).match(/\d+/u)?.[0] ?? '';
	await expect(page.getByTestId('quote-status')).toHaveText('En cours');
	await expect(page.getByText('code service DRAC59-BIBLIO')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	const pdf = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger le PDF' }).click();
	expect((await pdf).suggestedFilename()).toBe(`devis-${number}.pdf`);

	await page.getByRole('button', { name: 'Accepté par le client' }).click();
	await expect(page.getByTestId('quote-status')).toHaveText('Accepté');
	await page.getByRole('button', { name: 'Facturer le devis' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Facture n° \d+$/u })).toBeVisible();
	await expect(page.getByText('Dépôt bloqué')).toHaveCount(0);
	const guide = page.getByRole('table', { name: 'Valeurs à saisir ou à vérifier' });
	await expect(guide.getByRole('row', { name: /Code service/u })).toContainText('DRAC59-BIBLIO');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger le Factur-X' }).click();
	const file = await download;
	if (VALIDATOR_PRESENT) {
		const report = await checkEInvoice(
			readFileSync((await file.path()) ?? ''),
			file.suggestedFilename()
		);
		expect(report.errors, report.output).toEqual([]);
		expect(report.exitCode, report.output).toBe(0);
	} else {
		console.warn(VALIDATOR_MISSING_MESSAGE);
		expect(VALIDATOR_REQUIRED, VALIDATOR_MISSING_MESSAGE).toBe(false);
	}

	// The customer file lists the quote, finished, linked to its invoice.
	await page
		.getByRole('link', { name: /DRAC Hauts-de-France/u })
		.first()
		.click();
	const entries = page.getByRole('region', { name: 'Commandes - Devis - Prêts' });
	const row = entries.getByRole('row', { name: new RegExp(`^Devis n° ${number} `, 'u') });
	await expect(row).toContainText('devis terminé');
	await expect(row.getByRole('link', { name: /^Facture n°/u })).toBeVisible();
});

test('a loan to a library: stock « en prêt », overdue list, half returned and half kept on an invoice', async ({
	page
}) => {
	const shop = new Shop(page);
	const [book] = await books(page, 1);
	if (!book) throw new Error('demo catalogue empty');
	await page.getByLabel('Vendeur en poste').fill('Anne');
	await shop.goToArea('Commandes');
	await page
		.getByRole('navigation', { name: 'Commandes, devis et prêts' })
		.getByRole('link', { name: 'Prêts' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Prêts' })).toBeVisible();
	await page.getByRole('link', { name: 'Nouveau prêt' }).click();
	await chooseCustomer(page, 'Client (nom, n° ou carte)', 'Médiathèque');
	await expect(page.getByTestId('loan-customer')).toContainText('Médiathèque');

	// Two scans of the same book: two copies lent.
	const field = page.getByLabel(/^Scanner ou chercher un titre/u);
	await expect(field).toBeFocused();
	for (let i = 0; i < 2; i++) {
		await page.keyboard.type(book.ean, { delay: 4 });
		await page.keyboard.press('Enter');
	}
	await expect(page.getByLabel(`Quantité prêtée de ${book.title}`)).toHaveValue('2');
	await page.keyboard.type('0000000000000', { delay: 4 });
	await page.keyboard.press('Enter');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('button', { name: 'Enregistrer le prêt' }).click();
	const heading = page.getByRole('heading', { level: 1, name: /^Prêt n°\s\d+$/u });
	await expect(heading).toBeVisible();
	const number = (await heading.innerText()).match(/\d+/u)?.[0] ?? '';
	await expect(page.getByTestId('loan-status')).toHaveText('prêt en cours');
	expect(await seriousViolations(page)).toEqual([]);
	const loanUrl = page.url();

	// The catalogue says the copies are out.
	await shop.goToArea('Catalogue');
	await page.getByLabel('EAN, ISBN, titre, auteur, éditeur').fill(book.ean);
	await expect(page.getByText('dont 2 en prêt')).toBeVisible();

	// The return: more than lent is refused at the line; then one back, one kept and invoiced.
	await page.goto(loanUrl);
	await page.getByLabel(`Exemplaires rendus de ${book.title}`).fill('3');
	await page.getByRole('button', { name: 'Enregistrer les exemplaires rendus' }).click();
	await expect(page.getByRole('alert')).toContainText('2\u00a0exemplaires seulement');
	await expect(page.getByLabel(`Exemplaires rendus de ${book.title}`)).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await page.getByLabel(`Exemplaires rendus de ${book.title}`).fill('1');
	await page.getByLabel(`Exemplaires gardés de ${book.title}`).fill('1');
	// The library asks for its purchase order number on every invoice: refused without it.
	await page.getByRole('button', { name: 'Enregistrer le retour et facturer les gardés' }).click();
	await expect(page.getByRole('alert')).toContainText('n° d’engagement');
	await expect(page.getByTestId('loan-status')).toHaveText('prêt en cours');
	await page.getByLabel('N° d’engagement (bon de commande)').fill('BC-2026-118');
	await page.getByRole('button', { name: 'Enregistrer le retour et facturer les gardés' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Facture n° \d+$/u })).toBeVisible();
	await expect(page.getByText(`Exemplaires gardés du prêt n°\u00a0${number}`)).toBeVisible();

	await page.goto(loanUrl);
	await expect(page.getByTestId('loan-status')).toHaveText('prêt terminé');
	await expect(page.getByRole('link', { name: /^Facture n°/u })).toBeVisible();
	await shop.goToArea('Catalogue');
	await page.getByLabel('EAN, ISBN, titre, auteur, éditeur').fill(book.ean);
	await expect(page.getByRole('row', { name: new RegExp(book.ean, 'u') })).toBeVisible();
	await expect(page.getByText('en prêt')).toHaveCount(0);
});

test('a loan to a teacher: one copy back, the other kept and paid at the till, sold with the ticket', async ({
	page
}) => {
	const till = new Till(page);
	await till.open();
	const [book] = await books(page, 1);
	if (!book) throw new Error('demo catalogue empty');
	await page.goto(at(page, '/prets/nouveau'));
	await chooseCustomer(page, 'Client (nom, n° ou carte)', 'Vasseur');
	const field = page.getByLabel(/^Scanner ou chercher un titre/u);
	await field.fill(book.ean);
	await field.press('Enter');
	await page.getByLabel(`Quantité prêtée de ${book.title}`).fill('2');
	await page.getByRole('button', { name: 'Enregistrer le prêt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Prêt n°\s\d+$/u })).toBeVisible();
	const loanUrl = page.url();

	await page.getByLabel(`Exemplaires rendus de ${book.title}`).fill('1');
	await page.getByLabel(`Exemplaires gardés de ${book.title}`).fill('1');
	await page.getByRole('button', { name: 'Encaisser les gardés en caisse' }).click();
	await expect(page.getByTestId('cart-customer')).toHaveText('VASSEUR Laurent');
	await till.expectLines(1);
	await expect(till.lines.nth(1)).toContainText(/Gardé du prêt n°\s\d+/u);
	const ticket = await till.pay({ method: 'Carte bancaire' });

	await page.goto(loanUrl);
	await expect(page.getByTestId('loan-status')).toHaveText('prêt terminé');
	await expect(page.getByRole('link', { name: `Ticket n° ${ticket}` })).toBeVisible();
	await expect(page.getByRole('list').filter({ hasText: 'Prêt enregistré' })).toContainText(
		`vendu sur le ticket n°\u00a0${ticket}`
	);
});
