// Paramètres: the shop's identity, storage, the manager PIN, the integrity check, the backup, and
// the conformity file (fiscal version, attestation, inspector's package).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, launch, test } from './fixtures';
import { Shop, Till, at } from './pages';

test('Paramètres refuses a bad SIRET at the field, saves a good change, keeps it on reload; shows storage', async ({
	page
}) => {
	await new Shop(page).goToArea('Paramètres');
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
	await expect(page.getByTestId('persisted')).toContainText(/Accordé|Non accordé/u);
	await expect(page.getByTestId('usage')).toContainText(/ sur /u);
});

test('manager PIN: set in Paramètres, then a settings change asks for it and refuses a wrong one [SEC-04]', async ({
	page
}) => {
	const shop = new Shop(page);
	await shop.setManagerPin('2468');
	await page.getByLabel(/^Bon de fidélité, en\s%/u).fill('3');
	await page.getByRole('button', { name: 'Enregistrer le taux de fidélité' }).click();
	const dialog = shop.pinDialog();
	await expect(dialog.getByLabel('Code PIN')).toBeFocused();
	await shop.enterPin('1111');
	await expect(dialog.getByRole('alert')).toHaveText(
		'Code PIN incorrect (pour modifier les paramètres).'
	);
	await dialog.getByLabel('Code PIN').fill('2468');
	await dialog.getByRole('button', { name: 'Valider' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(page.getByText('Bons de fidélité : 3 % des achats.')).toBeVisible();
});

test('backup: one click in Paramètres, restored in another browser profile, every chain verified [CON-01]', async ({
	page,
	server
}) => {
	// A sale first, so that the backup carries a sealed ticket.
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.pay();

	const shop = new Shop(page);
	await shop.goToArea('Paramètres');
	await page.getByLabel('Vendeur en poste').fill('Anne');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger une sauvegarde complète' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(
		/^comptoir-sauvegarde-\d{4}-\d{2}-\d{2}-\d{2}h\d{2}\.zip$/u
	);
	await expect(page.getByTestId('backup-status')).toHaveText('Dernière sauvegarde : aujourd’hui.');
	const path = await file.path();

	// Another computer: a new, empty profile.
	const profile = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
	const other = await launch(profile);
	try {
		const second = other.pages()[0] ?? (await other.newPage());
		await second.goto(`${server.url}/parametres`);
		await second.getByLabel('Vendeur en poste').fill('Anne');
		await second.getByLabel('Fichier de sauvegarde (.zip)').setInputFiles(path);
		await expect(second.getByTestId('backup-checked')).toContainText(/20\s500 articles/u, {
			timeout: 60_000
		});
		await second.getByRole('checkbox', { name: /J’ai comparé cette empreinte/u }).check();
		await Promise.all([
			second.waitForEvent('load'),
			second.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click()
		]);
		await second.goto(at(second, '/'));
		await expect(second.getByTestId('article-count')).toHaveText(/^20\s?500$/u);
		await new Shop(second).checkIntegrity();
	} finally {
		await other.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('Conformité: the fiscal version and the fingerprint of the files built, the attestation filled with the shop, the inspector’s package [PER-01] [DOC-01] [DOC-02]', async ({
	page
}) => {
	await new Shop(page).goToArea('Paramètres');
	await page.getByLabel('Vendeur en poste').fill('Dominique');
	const section = page.getByRole('region', { name: 'Conformité' });
	const version = (await section.getByTestId('fiscal-version').innerText()).trim();
	const fingerprint = (await section.getByTestId('fiscal-fingerprint').innerText()).trim();
	expect(version).toMatch(/^\d{4}\.\d{2}\.\d+$/u);
	// The build wrote the perimeter's files and hashes: their listing is the fingerprint shown.
	const listing = await (await page.request.get(at(page, '/perimetre-fiscal.txt'))).body();
	expect(createHash('sha256').update(listing).digest('hex')).toBe(fingerprint);
	await expect(section.getByRole('alert')).toHaveCount(0);

	const attestation = page.waitForEvent('download');
	await section.getByRole('button', { name: 'Imprimer l’attestation (PDF)' }).click();
	const pdf = await attestation;
	expect(pdf.suggestedFilename()).toBe(`attestation-caisse-${version}.pdf`);
	const text = execFileSync('pdftotext', [await pdf.path(), '-'], { encoding: 'utf8' }).replace(
		/\s+/gu,
		' '
	);
	expect(text).toContain('ATTESTATION INDIVIDUELLE');
	expect(text).toContain('3° bis du I de l’article 286 du CGI');
	expect(text).toContain(`version fiscale ${version}`);
	expect(text).toContain(fingerprint);
	expect(text).toContain('Librairie du Comptoir SARL');
	expect(text).toContain('SIRET 404 833 048 00022');

	const made = page.waitForEvent('download');
	await section.getByRole('button', { name: 'Préparer le dossier de contrôle (ZIP)' }).click();
	const zip = await made;
	const files = unzipSync(new Uint8Array(readFileSync(await zip.path())));
	expect(Object.keys(files).sort()).toEqual(
		expect.arrayContaining([
			'LISEZMOI.txt',
			'attestation.pdf',
			'cles/cle-publique.pem',
			'documentation/exigences.md',
			'documentation/manuel.md',
			'documentation/plan-de-tests.md',
			'perimetre-fiscal.txt'
		])
	);
	const packed = files['perimetre-fiscal.txt'] as Uint8Array;
	expect(createHash('sha256').update(packed).digest('hex')).toBe(fingerprint);
	expect(new TextDecoder().decode(files['LISEZMOI.txt'])).toContain(
		'aucune archive n’a encore été faite'
	);
	await expect(section.getByRole('status')).toContainText('dossier à remettre au contrôleur');
});
