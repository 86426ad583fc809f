// The customer file: read when the page opens, and read again after an action on it.
import { expect, test } from './fixtures';
import { Shop, Till } from './pages';

test('customer file: a loyalty voucher made from the file appears in its vouchers at once', async ({
	page
}) => {
	const shop = new Shop(page);
	// Something bought today, so that the voucher has purchases to count.
	const till = new Till(page);
	await till.open();
	await till.search('jardin');
	await till.chooseCustomer('Vasseur');
	await till.pay();
	await shop.goToArea('Paramètres');
	await page.getByLabel(/^Bon de fidélité, en\s%/u).fill('3');
	await page.getByRole('button', { name: 'Enregistrer le taux de fidélité' }).click();
	await expect(page.getByText('Bons de fidélité : 3 % des achats.')).toBeVisible();

	await shop.goToArea('Clients');
	await page.getByLabel(/^Rechercher un client/u).fill('Vasseur');
	await page.getByRole('link', { name: 'VASSEUR Laurent' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'VASSEUR Laurent' })).toBeVisible();
	const vouchers = page.getByRole('region', { name: 'Bons cadeaux', exact: true });
	const before = await vouchers.getByRole('row').count();
	await page.getByRole('button', { name: /^Créer le bon de fidélité \(3\s%/u }).click();
	const made = page.getByRole('status').filter({ hasText: /^Bon de fidélité n° \d{13} de / });
	await expect(made).toBeVisible();
	const code = (await made.innerText()).match(/\d{13}/u)?.[0] ?? '';
	await expect(vouchers).toContainText(code);
	expect(await vouchers.getByRole('row').count()).toBeGreaterThan(before);
});
