// Rapports et clôtures: the day's report, its PDF and the FEC; the Z refused while the till is
// open, then made from the keyboard once it is closed, after which the till stays shut today; the
// e-reporting file of the month's sales to consumers, checked by the independent validator.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { Reports, Shop, Till, at, expectValidated, isoDay, seriousViolations } from './pages';

test('Rapports et clôtures: today’s till report from the day’s aggregates; no Z while the till is open', async ({
	page
}) => {
	const shop = new Shop(page);
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.pay();
	await shop.goToArea('Rapports et clôtures');
	await expect(
		page.getByRole('navigation').getByRole('link', { name: 'Rapports et clôtures', exact: true })
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
	expect((await pdf).suggestedFilename()).toMatch(/^rapport-caisse-\d{4}-\d{2}-01-month\.pdf$/u);
	await page.getByLabel('Vendeur en poste').fill('Dominique');
	const today = isoDay(new Date());
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
});

test('closings: the till closes after a summary; the Z is confirmed with its totals; then the till refuses to open today [CLO-01] [CLO-02]', async ({
	page
}) => {
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.pay();
	await till.close();
	const summary = await new Reports(page).askTodaysZ();
	await expect(summary.getByTestId('closing-ttc')).toHaveText(/€$/u);
	await expect(summary).toContainText('plus aucune vente ne sera possible sur cette journée');
	await page.keyboard.press('Enter');
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: /Clôture journalière \(Z\) du \d\d\/\d\d\/\d{4} faite/u })
	).toBeVisible();
	await page.goto(at(page, '/caisse'));
	await expect(
		page.getByRole('heading', { name: 'Caisse CAISSE1 fermée pour aujourd’hui' })
	).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('est clôturée (Z)');
	await expect(page.getByRole('button', { name: 'Ouvrir la caisse' })).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);
});

test('e-reporting: the platform and regime set once, the month of sales to consumers exported as Flux 10.3, valid, a second export rectificative', async ({
	page
}) => {
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.pay();
	await till.search('jardin');
	await till.pay();
	const reports = new Reports(page);
	const settings = await reports.setUpEreporting();
	// A matricule the PA would not know is refused at its field; the saved settings stay.
	await settings.getByLabel('Matricule de la plateforme agréée').fill('99');
	await settings.getByRole('button', { name: 'Enregistrer l’e-reporting' }).click();
	await expect(settings.getByLabel('Matricule de la plateforme agréée')).toBeFocused();
	await expect(settings).toContainText(
		'4 lettres ou chiffres, tels que votre plateforme les donne'
	);
	expect(await seriousViolations(page)).toEqual([]);

	await page.goto(at(page, '/rapports'));
	const today = isoDay(new Date());
	await page.getByLabel('Du', { exact: true }).fill(`${today.slice(0, 7)}-01`);
	await page.getByLabel('Au', { exact: true }).fill(today);
	const xmlButton = page.getByRole('button', {
		name: 'Télécharger l’e-reporting (XML, plateforme agréée)'
	});
	await xmlButton.click();
	// The regime reports by month: the period is named, and nothing is downloaded.
	await expect(page.getByRole('alert')).toContainText('l’e-reporting se fait du 01/');
	const file = await reports.downloadMonthsEreporting();
	expect(file.suggestedFilename()).toMatch(
		/^e-reporting_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}_IN\.xml$/u
	);
	const xml = readFileSync(await file.path(), 'utf8');
	expect(xml).toContain(`<Date>${today.replaceAll('-', '')}</Date>`);
	expect(xml).toMatch(/<TransactionsCount>2<\/TransactionsCount>/u);
	await expectValidated(file, ['--ereporting']);
	await expect(page.getByRole('status').filter({ hasText: 'transmission initiale' })).toBeVisible();
	const second = page.waitForEvent('download');
	await xmlButton.click();
	expect((await second).suggestedFilename()).toMatch(/_RE\.xml$/u);
	await expect(
		page.getByRole('status').filter({ hasText: 'transmission rectificative' })
	).toBeVisible();
});
