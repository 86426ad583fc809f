// Invoices right the first time (docs/invoices.md): a State service's invoice through Chorus
// Pro; a library's sale « en compte » with its due date, « Les échéances », the invoice made from
// the ticket with the customer file's address and references, sent, reissued, credited to
// nothing owed; a reminder letter once overdue; a company's invoice as the 2027 reform's
// e-invoice, its sale left out of the e-reporting.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DAY, Reports, Shop, Till, at, expectValidated, isoDay, shownDay } from './pages';
import { firstBookEan } from './store';

/**
 * The till opened, the first book sold « en compte » to the demo library with the due date left
 * as proposed: the ticket's number.
 */
async function sellOnAccount(page: Page): Promise<number> {
	const till = new Till(page);
	await till.open();
	await till.scan(await firstBookEan(page));
	await till.expectLines(1);
	// F8 at once after the customer: the library's 9 % discount is in the amount offered.
	await till.chooseCustomer('Médiathèque');
	await page.keyboard.press('F8');
	const amount = till.payment.getByLabel(/^Montant/u);
	const heading = await till.payment.getByRole('heading').first().innerText();
	await expect(amount).toHaveValue(heading.match(/(\d+,\d\d)/u)?.[1] ?? 'none');
	await expect(page.getByTestId('cart-customer')).toHaveText(/Médiathèque/u);
	// « T » chooses « En compte », Enter adds it, the due date appears, Enter validates.
	await amount.press('t');
	await amount.press('Enter');
	await expect(till.payment.getByLabel('Échéance du règlement en compte')).toHaveValue(
		isoDay(new Date(Date.now() + 30 * DAY))
	);
	await expect(till.payment.getByRole('button', { name: 'Valider la vente' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(till.done).toBeVisible();
	return Number((await till.done.innerText()).match(/\d+/u)?.[0]);
}

test('an invoice for a State service: pro forma, final number, Chorus pre-flight and deposit guide, Factur-X, statuses, partial credit note', async ({
	page
}) => {
	const shop = new Shop(page);
	await shop.goToArea('Factures');
	await page.getByRole('link', { name: 'Nouvelle facture' }).click();
	await page.getByLabel('Vendeur en poste').fill('Dominique');
	await page.getByLabel('Rechercher le client').fill('DRAC');
	await expect(page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
	await page.getByLabel('Rechercher le client').press('Enter');
	await expect(page.getByText('Changer de client')).toBeVisible();
	await page.getByLabel('Ajouter depuis le catalogue (EAN, titre, auteur)').fill('la');
	await page.getByRole('list', { name: 'Articles trouvés' }).getByRole('button').first().click();
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
	await expect(page.getByRole('heading', { level: 1, name: /^Facture n° \d+$/u })).toBeVisible();

	// Chorus Pro: the pre-flight passes, the deposit guide gives the portal's values.
	await expect(page.getByRole('heading', { name: 'Pré-contrôle Chorus Pro' })).toBeVisible();
	await expect(page.getByText('Dépôt bloqué')).toHaveCount(0);
	const guide = page.getByRole('table', { name: 'Valeurs à saisir ou à vérifier' });
	await expect(guide.getByRole('row', { name: /Destinataire \(SIRET\)/u })).toContainText(
		'11000201100044'
	);
	await expect(guide.getByRole('row', { name: /Code service/u })).toContainText('DRAC59-BIBLIO');
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

	await shop.goToArea('Chorus Pro');
	const actions = page.getByRole('region', { name: 'Factures à traiter' });
	await expect(actions.getByRole('row', { name: /Avoir n° AV-/u })).toContainText('Non déposée');
	await expect(actions.getByRole('row', { name: /^Facture n° /u })).toHaveCount(0);
});

test('a sale « en compte » to a library: its due date, « Les échéances », an invoice from the file that cannot miss the address, sent, reissued, credited to nothing owed', async ({
	page
}) => {
	const shop = new Shop(page);
	const number = await sellOnAccount(page);
	const due = shownDay(new Date(Date.now() + 30 * DAY));

	// « Les échéances » lists the sale, not yet due.
	await shop.goToArea('Échéances');
	const row = page.getByRole('row', { name: new RegExp(`Ticket n° ${number} \\(`, 'u') });
	await expect(row).toContainText(due);
	await expect(row).toContainText('À échoir');

	// The invoice from the ticket starts from the customer file; the engagement number the
	// library requires is asked for at its field before any number is taken.
	await row.getByRole('link', { name: new RegExp(`Ticket n° ${number}`, 'u') }).click();
	await page.getByRole('button', { name: 'Gérer le ticket' }).click();
	await page
		.getByRole('tab', { name: 'Modifier adresses et référence, créer une facture' })
		.click();
	await expect(page.getByLabel('Adresse', { exact: true }).first()).toHaveValue(
		'Place Jean Jaurès'
	);
	await expect(page.getByLabel('Code service')).toHaveValue('MEDIATHEQUE');
	await page.getByRole('button', { name: 'Enregistrer et créer une facture' }).click();
	await expect(page.getByLabel('N° d’engagement')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('N° d’engagement')).toBeFocused();
	await expect(page.getByRole('alert').filter({ hasText: 'n’est pas émise' })).toBeVisible();
	await page.getByLabel('N° d’engagement').fill('EJ-2026-77');
	await page.getByRole('button', { name: 'Enregistrer et créer une facture' }).click();
	const created = page.getByRole('status').filter({ hasText: /^Facture n° \d+ créée\.$/u });
	await expect(created).toBeVisible();
	const invoiceNumber = (await created.innerText()).match(/\d+/u)?.[0];
	await page.getByRole('tab', { name: 'Détail du ticket' }).click();
	await page.getByTestId('invoice-number').getByRole('link').click();

	// The invoice: the customer's address, the due date, what is owed.
	await expect(
		page.getByRole('heading', { level: 1, name: `Facture n° ${invoiceNumber}` })
	).toBeVisible();
	await expect(page.getByText(/Place Jean Jaurès 62300 LENS/u)).toBeVisible();
	await expect(page.getByTestId('due-state')).toHaveText('À échoir');
	await expect(page.getByText(due).first()).toBeVisible();
	const owed = await page.getByTestId('left-to-pay').innerText();
	expect(owed).not.toMatch(/^0,00/u);

	// « Envoyer »: no share sheet on this desktop, so the PDF is downloaded and an e-mail
	// prepared for the library's address; the send is noted on the invoice.
	const pdf = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Envoyer' }).click();
	const sent = await pdf;
	expect(sent.suggestedFilename()).toBe(`facture-${invoiceNumber}.pdf`);
	expect(
		readFileSync(await sent.path())
			.subarray(0, 5)
			.toString()
	).toBe('%PDF-');
	await expect(
		page.getByRole('status').filter({ hasText: 'courriel préparé pour mediatheque@example.fr' })
	).toBeVisible();
	await expect(page.getByText(/à mediatheque@example\.fr \(courriel préparé/u)).toBeVisible();

	// A wrong engagement number: the lawful fix in one action, a credit note citing the
	// invoice and a new invoice with the next number.
	await page.getByRole('button', { name: 'Émettre un avoir et refacturer' }).click();
	const reissue = page.getByRole('region', { name: 'Émettre un avoir et refacturer' });
	await reissue.getByLabel('N° d’engagement').fill('EJ-2026-78');
	await reissue.getByRole('button', { name: 'Émettre l’avoir et la nouvelle facture' }).click();
	const next = String(Number(invoiceNumber) + 1);
	await expect(page.getByRole('heading', { level: 1, name: `Facture n° ${next}` })).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: new RegExp(`et facture n° ${next} émis`, 'u') })
	).toBeVisible();
	await expect(page.getByText('N° engagement EJ-2026-78', { exact: false })).toBeVisible();
	await expect(page.getByTestId('left-to-pay')).toHaveText(owed);

	// « Créditer › Tout créditer »: nothing is owed any more, and it leaves « À traiter ».
	await page.getByRole('button', { name: 'Créditer' }).click();
	await page.getByRole('button', { name: 'Tout créditer' }).click();
	await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: /^Avoir n° AV-\d+ émis/u })
	).toBeVisible();
	await expect(page.getByTestId('left-to-pay')).toHaveText(/^0,00\s€$/u);
	await expect(page.getByTestId('due-state')).toHaveText('Soldée par avoir');
	await expect(page.getByRole('button', { name: 'Enregistrer un règlement' })).toHaveCount(0);
	await shop.goToArea('Factures');
	const open = page.getByRole('table').getByRole('link', { name: next, exact: true });
	await expect(open).toHaveCount(0);
	await page.getByLabel('Afficher').selectOption({ label: 'Factures' });
	await expect(page.getByRole('row', { name: new RegExp(`^${next} Facture`, 'u') })).toContainText(
		'Soldée par avoir'
	);
	await expect(
		page.getByRole('row', { name: new RegExp(`^${invoiceNumber} Facture`, 'u') })
	).toContainText('Soldée par avoir');
});

test('« Les échéances » forty days on: the sale left « en compte » is overdue, its reminder letter is downloaded and noted, the list exports as CSV', async ({
	page
}) => {
	const number = await sellOnAccount(page);
	const later = await page.context().newPage();
	try {
		await later.clock.install({ time: new Date(Date.now() + 40 * DAY) });
		await later.goto(at(page, '/echeances'));
		await later.getByLabel('Vendeur en poste').fill('Dominique');
		const row = later.getByRole('row', { name: new RegExp(`Ticket n° ${number} \\(`, 'u') });
		await expect(row).toContainText(/Échue depuis 10\sj/u);
		const letter = later.waitForEvent('download');
		await row.getByRole('button', { name: /Lettre de relance/u }).click();
		expect((await letter).suggestedFilename()).toBe(`relance-ticket-${number}.pdf`);
		await expect(row).toContainText('1 envoyée');
		const csv = later.waitForEvent('download');
		await later.getByRole('button', { name: 'Exporter en CSV' }).click();
		const text = readFileSync(await (await csv).path(), 'utf8');
		expect(text.split('\r\n')[0]).toContain('Document;Numéro;Client;Date;Échéance');
		expect(text).toMatch(new RegExp(`Ticket en compte;${number};[^;]*Médiathèque`, 'u'));
	} finally {
		await later.clock.setSystemTime(new Date());
		await later.close();
	}
});

test('a company: its file with SIREN and directory address, a sale invoiced as a reform e-invoice that passes BR-FR, left out of the e-reporting', async ({
	page
}) => {
	const shop = new Shop(page);
	await shop.goToArea('Clients');
	await page.getByRole('link', { name: 'Nouveau client' }).click();
	await page
		.getByLabel('Statut pour accorder une remise Loi Lang')
		.selectOption({ label: 'entreprise' });
	await page.getByLabel('Intitulé professionnel').fill('Cabinet Delcourt Avocats');
	await page.getByLabel('SIREN').fill('732 829 321');
	await page.getByLabel('N° de TVA intracommunautaire').fill('FR44732829320');
	await page.getByLabel('Adresse de facturation électronique').fill('732829320_COMPTA');
	const address = page.getByRole('group', { name: 'Adresse 1' });
	await address.getByLabel('Adresse', { exact: true }).fill('4 place de la République');
	await address.getByLabel('Code postal').fill('62300');
	await address.getByLabel('Ville').fill('Lens');
	await page.getByRole('button', { name: 'Créer le client' }).click();
	// A wrong key is said at the SIREN, the focus there, nothing saved.
	await expect(page.getByLabel('SIREN')).toBeFocused();
	await expect(page.getByLabel('SIREN')).toHaveAccessibleDescription(/clé de contrôle fausse/u);
	await page.getByLabel('SIREN').fill('732 829 320');
	await page.getByRole('button', { name: 'Créer le client' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Cabinet Delcourt/u })).toBeVisible();

	// The directory's CSV: a file with a bad line imports nothing; the right one sets the demo
	// company's address for its establishment and names the SIREN no customer has.
	await shop.goToArea('Clients');
	await page.getByLabel('Vendeur en poste').fill('Dominique');
	await page.getByText('Adresses de facturation électronique de l’annuaire (CSV)').click();
	const directory = page.getByLabel('Fichier de l’annuaire (CSV)');
	const csv = (text: string) => ({
		name: 'annuaire.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text, 'utf8')
	});
	await directory.setInputFiles(csv('SIREN;Adresse électronique\n552100555;552100555\n'));
	await page.getByRole('button', { name: 'Importer les adresses' }).click();
	await expect(directory).toHaveAccessibleDescription(/ligne 2 : Le SIREN/u);
	await directory.setInputFiles(
		csv(
			'SIREN;SIRET;Adresse électronique\n552100554;55210055400013;552100554_ATELIER\n812345676;;812345676\n'
		)
	);
	await page.getByRole('button', { name: 'Importer les adresses' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: '1 fiche client modifiée' })
	).toContainText('SIREN sans client entreprise\u00a0: 812345676');

	// At the till: a consumer's sale, then a book for the company, paid by card; the sale done
	// says its invoice is owed and leads to it.
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.pay();
	await till.scan(await firstBookEan(page));
	await till.expectLines(1);
	await till.chooseCustomer('Delcourt');
	await till.pay();
	await expect(page.getByTestId('invoice-owed')).toContainText(
		'Vente à une entreprise\u00a0: sa facture est obligatoire'
	);
	await page.getByRole('link', { name: 'Faire la facture' }).click();
	await expect(
		page.getByRole('tab', { name: 'Modifier adresses et référence, créer une facture' })
	).toHaveAttribute('aria-selected', 'true');
	await page.getByRole('button', { name: 'Enregistrer et créer une facture' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: /^Facture n° \d+ créée\.$/u })
	).toBeVisible();
	await page.getByRole('tab', { name: 'Détail du ticket' }).click();
	await page.getByTestId('invoice-number').getByRole('link').click();

	// The reform's pre-flight passes; one button gives the file for the plateforme agréée.
	const platform = page.getByRole('region', { name: 'Facture électronique (plateforme agréée)' });
	await expect(platform.getByRole('list', { name: /Pré-contrôle de la réforme/u })).toContainText(
		'SIREN du client : conforme'
	);
	await expect(page.getByText('732829320_COMPTA')).toBeVisible();
	const forPlatform = page.waitForEvent('download');
	await platform
		.getByRole('button', { name: 'Télécharger pour la plateforme agréée (Factur-X)' })
		.click();
	const facturx = await forPlatform;
	expect(facturx.suggestedFilename()).toMatch(/^facture-\d+-plateforme-facturx\.pdf$/u);
	await expect(page.getByText(/\(fichier pour la plateforme agréée, par /u)).toBeVisible();
	const cii = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger le CII' }).click();
	const ubl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger l’UBL' }).click();
	const reform = ['--br-fr', '--fx-version', '1.09'];
	await expectValidated(facturx, reform);
	await expectValidated(await cii, reform);
	await expectValidated(await ubl, reform);

	// Paid at the counter, nothing is owed: a credit note is refused, said once, at its form.
	await page.getByRole('button', { name: 'Créditer' }).click();
	await page.getByRole('button', { name: 'Tout créditer' }).click();
	await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
	const refusal = page.getByRole('alert').filter({ hasText: 'Cette facture ne doit plus rien' });
	await expect(refusal).toHaveCount(1);
	await expect(refusal).toBeFocused();

	// The e-reporting of the month holds the consumer's sale only: the company's is e-invoiced.
	const reports = new Reports(page);
	await reports.setUpEreporting();
	const flux = await reports.downloadMonthsEreporting();
	const xml = readFileSync(await flux.path(), 'utf8');
	expect(xml).toMatch(/<TransactionsCount>1<\/TransactionsCount>/u);
	await expectValidated(flux, ['--ereporting']);

	// Reconciled: per rate, what is e-reported plus the company's invoice is the month's report.
	const byRate = new Map<string, number>();
	const add = (percent: string, amount: string) =>
		byRate.set(percent, (byRate.get(percent) ?? 0) + Math.round(Number(amount) * 100));
	for (const [, percent, amount] of xml.matchAll(
		/<TaxPercent>([\d.]+)<\/TaxPercent><TaxableAmount>(-?[\d.]+)</gu
	)) {
		add(percent ?? '', amount ?? '');
	}
	const invoiceXml = readFileSync(await (await cii).path(), 'utf8');
	const settlement = invoiceXml.slice(invoiceXml.indexOf('<ram:ApplicableHeaderTradeSettlement>'));
	for (const [, amount, percent] of settlement.matchAll(
		/<ram:BasisAmount>(-?[\d.]+)<\/ram:BasisAmount>.*?<ram:RateApplicablePercent>([\d.]+)</gu
	)) {
		add(percent ?? '', amount ?? '');
	}
	expect(byRate.size).toBeGreaterThan(0);
	await page.goto(at(page, '/rapports'));
	await page.getByLabel('Période', { exact: true }).selectOption({ label: 'Mois' });
	await page.getByRole('button', { name: 'Afficher le rapport' }).click();
	const rates = page.getByRole('table', { name: 'Par taux de TVA' }).getByRole('row');
	await expect(rates).toHaveCount(byRate.size + 1);
	for (const [percent, cents] of byRate) {
		const shown = `${percent.replace('.', ',')}\u00a0%`;
		await expect(rates.filter({ hasText: shown })).toContainText(
			`${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`
		);
	}
});
