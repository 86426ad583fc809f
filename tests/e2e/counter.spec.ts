// The till at the counter, as a cashier with a keyboard-wedge scanner uses it: a scan is typed
// fast then Enter, wherever the focus was left (docs/till.md#scanner). Each test starts on the
// demo shop with the till open and three books of the catalogue at hand.
import { expect, test } from './fixtures';
import { Till, expectReachable, seriousViolations } from './pages';
import { books, type Book } from './store';

let till: Till;
let first: Book;
let second: Book;
let third: Book;

test.beforeEach(async ({ page }) => {
	till = new Till(page);
	await till.open();
	[first, second, third] = (await books(page, 3)) as [Book, Book, Book];
	await till.stubPrint();
});

test('scanner: after a click on « + », on a line or a focused button, a fast scan adds its book and presses nothing', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await expect(till.lines).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);
	await till.scan(first.ean);
	await expect(till.quantity(first.title)).toHaveValue('1');
	await page.getByRole('button', { name: `Augmenter la quantité de ${first.title}` }).click();
	await expect(till.quantity(first.title)).toHaveValue('2');
	await expect(till.field).toBeFocused();
	// The scanner's Enter used to press « + » again and lose the scan.
	await till.scan(second.ean);
	await expect(till.quantity(second.title)).toHaveValue('1');
	await expect(till.quantity(first.title)).toHaveValue('2');
	// A click on a line, then a scan: the scan is not lost.
	await page
		.getByRole('row')
		.filter({ hasText: first.title })
		.getByText(first.title, { exact: true })
		.click();
	await till.scan(first.ean);
	await expect(till.quantity(first.title)).toHaveValue('3');
	// A button left focused by the keyboard is not pressed by the scan's Enter.
	const xReport = page.getByRole('button', { name: 'Rapport X' });
	await xReport.focus();
	await till.scan(second.ean);
	await expect(till.quantity(second.title)).toHaveValue('2');
	await expect(xReport).toHaveAttribute('aria-expanded', 'false');
	await expect(till.lines).toHaveCount(3);
});

test('quantities typed: 30* then the scan, Enter in the line’s quantity; stock and bad quantities said at the field', async ({
	page
}) => {
	await till.scan(first.ean);
	await till.scan(second.ean);
	await expect(till.quantity(second.title)).toHaveValue('1');
	await till.scan(`30*${third.ean}`);
	await expect(till.quantity(third.title)).toHaveValue('30');
	// The demo holds fewer than 30 copies: the sale goes on, the bookseller is told.
	await expect(page.getByRole('status').filter({ hasText: 'Stock insuffisant' })).toHaveText(
		`Stock insuffisant pour « ${third.title} » : ${third.stock || 'aucun'} en stock, 30 dans la vente. La vente reste possible.`
	);
	await till.quantity(second.title).click();
	await page.keyboard.type('12');
	await page.keyboard.press('Enter');
	await expect(till.quantity(second.title)).toHaveValue('12');
	await expect(till.field).toBeFocused();
	await till.scan(`0*${first.ean}`);
	await expect(till.field).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('alert').filter({ hasText: 'Quantité 0 impossible' })).toBeVisible();
	await expect(till.quantity(first.title)).toHaveValue('1');
	await page.keyboard.press('Escape');
	await expect(till.field).toHaveValue('');
});

test('1024×768 and tablet: the scan field, every line’s buttons and « Retirer » are on screen, uncovered, ≥ 44 px; axe-core finds nothing serious', async ({
	page
}) => {
	for (const book of [first, second, third]) await till.scan(book.ean);
	await till.expectLines(3);
	for (const viewport of [
		{ width: 1024, height: 768 },
		{ width: 800, height: 1280 }
	]) {
		await page.setViewportSize(viewport);
		await expectReachable(till.field);
		for (const book of [first, second, third]) {
			const row = page.getByRole('row').filter({ hasText: book.title });
			for (const name of [
				`Diminuer la quantité de ${book.title}`,
				`Augmenter la quantité de ${book.title}`,
				`Retirer ${book.title}`
			]) {
				const button = row.getByRole('button', { name });
				// Scrolled into view vertically only: a button reachable only by scrolling the
				// lines sideways counts as hidden.
				await button.evaluate((element) =>
					window.scrollBy(0, element.getBoundingClientRect().top - window.innerHeight / 2)
				);
				await expectReachable(button);
				const box = await button.boundingBox();
				expect(Math.min(box?.width ?? 0, box?.height ?? 0), name).toBeGreaterThanOrEqual(44);
			}
		}
		await expectReachable(page.getByRole('button', { name: /^Encaisser/u }));
	}
	await page.setViewportSize({ width: 1024, height: 768 });
	expect(await seriousViolations(page)).toEqual([]);
});

test('payment in two keys: F8, the amount typed over the one due, Enter, Enter; the change shown large', async ({
	page
}) => {
	await till.scan(first.ean);
	await till.expectLines(1);
	const keys: string[] = [];
	const press = async (key: string) => {
		keys.push(key);
		await page.keyboard.press(key);
	};
	await press('F8');
	const dialog = page.getByRole('dialog', { name: /Encaisser/u });
	const amount = dialog.getByLabel(/^Montant/u);
	await expect(amount).toBeFocused();
	// The focus stays in the dialog, whichever way the cashier tabs.
	for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+Tab');
	expect(
		await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))
	).toBe(true);
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	keys.length = 0;
	await press('F8');
	await expect(amount).toBeFocused();
	for (const digit of '500') await press(digit);
	await expect(amount).toHaveValue('500');
	await press('Enter');
	await expect(dialog.getByTestId('change-due')).toBeVisible();
	await press('Enter');
	await expect(page.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u })).toBeVisible();
	expect(keys).toEqual(['F8', '5', '0', '0', 'Enter', 'Enter']);
	const change = page.getByTestId('change-given');
	await expect(change).toContainText(/^Rendu\s: [\d\s]+,\d\d\s€$/u);
	expect(
		await change.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
	).toBeGreaterThanOrEqual(28);
	expect(await seriousViolations(page)).toEqual([]);
});

test('printing: F8 at once after a scan pays for it; a scan after « Imprimer le ticket » starts the next sale and prints no duplicate; a failed print is not recorded', async ({
	page
}) => {
	// F8 the moment the scanner's Enter is sent: the payment waits for the book's line.
	await till.scan(first.ean);
	await till.pay();
	await expect(page.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u })).toBeVisible();
	await till.stubPrint('papier coincé');
	await page.getByRole('button', { name: 'Imprimer le ticket' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Impression impossible' })).toContainText(
		'Rien n’a été enregistré'
	);
	await till.stubPrint();
	await page.getByRole('button', { name: 'Imprimer le ticket' }).click();
	// The failed print did not count: this one is the original.
	await expect(till.paper).toContainText(/Ticket n° \d+/u);
	await expect(till.paper).not.toContainText('DUPLICATA');
	await expect(till.field).toBeFocused();
	await till.scan(first.ean);
	await expect(till.quantity(first.title)).toHaveValue('1');
	expect(await till.printed()).toBe(1);
	await expect(till.paper).not.toContainText('DUPLICATA');
	await expect(page.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u })).toHaveCount(0);
});

test('payment keys: a letter chooses the method, a quick cash button gives the amount', async ({
	page
}) => {
	await till.scan(first.ean);
	await till.expectLines(1);
	await page.keyboard.press('F8');
	const dialog = page.getByRole('dialog', { name: /Encaisser/u });
	// The keys follow the dialog as the cashier sees it open.
	await expect(dialog.getByLabel(/^Montant/u)).toBeFocused();
	await page.keyboard.press('c');
	await expect(dialog.getByRole('radio', { name: /Carte/u })).toBeChecked();
	await expect(dialog.getByLabel(/^Montant \(Carte/u)).toBeFocused();
	await page.keyboard.press('e');
	await dialog.getByRole('button', { name: '50,00 €' }).click();
	await expect(dialog.getByLabel(/^Montant \(Espèces/u)).toHaveValue('50,00');
	await page.keyboard.press('Enter');
	await expect(dialog.getByTestId('change-due')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('change-given')).toBeVisible();
	await expect(till.field).toBeFocused();
});
