// The till at the counter, as a cashier with a keyboard-wedge scanner uses it: a scan is typed
// fast then Enter, wherever the focus was left (docs/till.md#scanner). Run by run.mjs on the
// demo shop, with the till open.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'playwright/test';

const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** What a keyboard-wedge scanner does: the code's digits a few ms apart, then Enter. */
async function scan(page, code) {
	await page.keyboard.type(code, { delay: 4 });
	await page.keyboard.press('Enter');
}

/** Books of the demo catalogue with their stock, read from IndexedDB behind the app's back. */
function books(page, count) {
	return page.evaluate(
		(count) =>
			new Promise((resolve) => {
				const open = indexedDB.open(
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
				);
				open.onsuccess = () => {
					const tx = open.result.transaction(['articles', 'stock']);
					const found = [];
					const cursor = tx.objectStore('articles').openCursor(IDBKeyRange.lowerBound('9782'));
					cursor.onsuccess = () => {
						const current = cursor.result;
						if (current && found.length < count) {
							found.push({ ean: current.key, title: current.value.title });
							current.continue();
							return;
						}
						const stock = tx.objectStore('stock');
						Promise.all(
							found.map(
								(book) =>
									new Promise((done) => {
										const request = stock.get(book.ean);
										request.onsuccess = () =>
											done({ ...book, stock: request.result?.quantity ?? 0 });
									})
							)
						).then((result) => {
							// Closed at once: an open connection would block deleting the database later.
							open.result.close();
							resolve(result);
						});
					};
				};
			}),
		count
	);
}

/** axe-core in the page: the serious and critical violations, as « rule: target » lines. */
async function seriousViolations(page) {
	// Evaluated through the DevTools protocol: the app's CSP refuses inline scripts, rightly.
	await page.evaluate(`${AXE_SOURCE}\n;0`);
	return page.evaluate(async () => {
		const { violations } = await window.axe.run(document, {
			resultTypes: ['violations'],
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
	});
}

/** The element is on screen, inside the viewport, and nothing covers its centre. */
async function expectReachable(locator) {
	await expect(locator).toBeVisible();
	const uncovered = await locator.evaluate((element) => {
		const box = element.getBoundingClientRect();
		const x = box.left + box.width / 2;
		const y = box.top + box.height / 2;
		const top = document.elementFromPoint(x, y);
		return {
			inside: box.left >= 0 && box.right <= window.innerWidth,
			covered: !(top && (top === element || element.contains(top)))
		};
	});
	expect(uncovered).toEqual({ inside: true, covered: false });
}

export async function counterTests({ run, tillPage }) {
	let opened;
	try {
		opened = await tillPage();
	} catch (error) {
		// Counted as a failure, not a crash of the whole run.
		await run.test('the till at the counter: the till page opens', () => {
			throw error;
		});
		return;
	}
	const { till, lines } = opened;
	// The lock may still be settling with another window of the till: take it for good.
	const takeOver = till.getByRole('button', { name: 'Vendre ici' });
	await till.waitForTimeout(500);
	if (await takeOver.isVisible()) await takeOver.click();
	const field = till.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
	const quantity = (book) => till.getByRole('textbox', { name: `Quantité de ${book.title}` });
	const [first, second, third] = await books(till, 3);
	const paper = till.locator('.paper');
	await till.evaluate(() => {
		window.printed = 0;
		window.print = () => {
			window.printed += 1;
		};
	});
	try {
		await run.test(
			'scanner: after a click on « + », on a line or a focused button, a fast scan adds its book and presses nothing',
			async () => {
				await till.setViewportSize({ width: 1280, height: 900 });
				await expect(lines).toHaveCount(0);
				expect(await seriousViolations(till)).toEqual([]);
				await scan(till, first.ean);
				await expect(quantity(first)).toHaveValue('1');
				await till.getByRole('button', { name: `Augmenter la quantité de ${first.title}` }).click();
				await expect(quantity(first)).toHaveValue('2');
				await expect(field).toBeFocused();
				// The scanner's Enter used to press « + » again and lose the scan.
				await scan(till, second.ean);
				await expect(quantity(second)).toHaveValue('1');
				await expect(quantity(first)).toHaveValue('2');
				// A click on a line, then a scan: the scan is not lost.
				await till
					.getByRole('row')
					.filter({ hasText: first.title })
					.getByText(first.title, { exact: true })
					.click();
				await scan(till, first.ean);
				await expect(quantity(first)).toHaveValue('3');
				// A button left focused by the keyboard is not pressed by the scan's Enter.
				const xReport = till.getByRole('button', { name: 'Rapport X' });
				await xReport.focus();
				await scan(till, second.ean);
				await expect(quantity(second)).toHaveValue('2');
				await expect(xReport).toHaveAttribute('aria-expanded', 'false');
				await expect(lines).toHaveCount(3);
			}
		);

		await run.test(
			'quantities typed: 30* then the scan, Enter in the line’s quantity; stock and bad quantities said at the field',
			async () => {
				await scan(till, `30*${third.ean}`);
				await expect(quantity(third)).toHaveValue('30');
				// The demo holds fewer than 30 copies: the sale goes on, the bookseller is told.
				await expect(till.getByRole('status').filter({ hasText: 'Stock insuffisant' })).toHaveText(
					`Stock insuffisant pour « ${third.title} » : ${third.stock || 'aucun'} en stock, 30 dans la vente. La vente reste possible.`
				);
				await quantity(second).click();
				await till.keyboard.type('12');
				await till.keyboard.press('Enter');
				await expect(quantity(second)).toHaveValue('12');
				await expect(field).toBeFocused();
				await scan(till, `0*${first.ean}`);
				await expect(field).toHaveAttribute('aria-invalid', 'true');
				await expect(
					till.getByRole('alert').filter({ hasText: 'Quantité 0 impossible' })
				).toBeVisible();
				await expect(quantity(first)).toHaveValue('3');
				await till.keyboard.press('Escape');
				await expect(field).toHaveValue('');
			}
		);

		await run.test(
			'1024×768 and tablet: the scan field, every line’s buttons and « Retirer » are on screen, uncovered, ≥ 44 px',
			async () => {
				for (const viewport of [
					{ width: 1024, height: 768 },
					{ width: 800, height: 1280 }
				]) {
					await till.setViewportSize(viewport);
					await expectReachable(field);
					for (const book of [first, second, third]) {
						const row = till.getByRole('row').filter({ hasText: book.title });
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
							expect(Math.min(box.width, box.height), name).toBeGreaterThanOrEqual(44);
						}
					}
					await expectReachable(till.getByRole('button', { name: /^Encaisser/u }));
				}
				await till.setViewportSize({ width: 1024, height: 768 });
			}
		);

		await run.test(
			'axe-core: no serious or critical violation on the till with lines',
			async () => {
				expect(await seriousViolations(till)).toEqual([]);
			}
		);

		await run.test(
			'payment in two keys: F8, the amount typed over the one due, Enter, Enter; the change shown large',
			async () => {
				const keys = [];
				const press = async (key) => {
					keys.push(key);
					await till.keyboard.press(key);
				};
				await press('F8');
				const dialog = till.getByRole('dialog', { name: /Encaisser/u });
				const amount = dialog.getByLabel(/^Montant/u);
				await expect(amount).toBeFocused();
				// The focus stays in the dialog, whichever way the cashier tabs.
				for (let i = 0; i < 12; i++) await till.keyboard.press('Shift+Tab');
				expect(
					await till.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))
				).toBe(true);
				expect(await seriousViolations(till)).toEqual([]);
				await till.keyboard.press('Escape');
				keys.length = 0;
				await press('F8');
				await expect(amount).toBeFocused();
				for (const digit of '500') await press(digit);
				await expect(amount).toHaveValue('500');
				await press('Enter');
				await expect(dialog.getByTestId('change-due')).toBeVisible();
				await press('Enter');
				await expect(
					till.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u })
				).toBeVisible();
				expect(keys).toEqual(['F8', '5', '0', '0', 'Enter', 'Enter']);
				const change = till.getByTestId('change-given');
				await expect(change).toContainText(/^Rendu\s: [\d\s]+,\d\d\s€$/u);
				expect(
					await change.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
				).toBeGreaterThanOrEqual(28);
				expect(await seriousViolations(till)).toEqual([]);
			}
		);

		await run.test(
			'printing: a scan after « Imprimer le ticket » starts the next sale and prints no duplicate; a failed print is not recorded',
			async () => {
				await till.evaluate(() => {
					window.print = () => {
						throw new Error('papier coincé');
					};
				});
				await till.getByRole('button', { name: 'Imprimer le ticket' }).click();
				await expect(
					till.getByRole('status').filter({ hasText: 'Impression impossible' })
				).toContainText('Rien n’a été enregistré');
				await till.evaluate(() => {
					window.print = () => {
						window.printed += 1;
					};
				});
				await till.getByRole('button', { name: 'Imprimer le ticket' }).click();
				// The failed print did not count: this one is the original.
				await expect(paper).toContainText(/Ticket n° \d+/u);
				await expect(paper).not.toContainText('DUPLICATA');
				await expect(field).toBeFocused();
				await scan(till, first.ean);
				await expect(quantity(first)).toHaveValue('1');
				expect(await till.evaluate(() => window.printed)).toBe(1);
				await expect(paper).not.toContainText('DUPLICATA');
				await expect(
					till.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u })
				).toHaveCount(0);
			}
		);

		await run.test(
			'payment keys: a letter chooses the method, a quick cash button gives the amount',
			async () => {
				await till.keyboard.press('F8');
				const dialog = till.getByRole('dialog', { name: /Encaisser/u });
				await till.keyboard.press('c');
				await expect(dialog.getByRole('radio', { name: /Carte/u })).toBeChecked();
				await expect(dialog.getByLabel(/^Montant \(Carte/u)).toBeFocused();
				await till.keyboard.press('e');
				await dialog.getByRole('button', { name: '50,00 €' }).click();
				await expect(dialog.getByLabel(/^Montant \(Espèces/u)).toHaveValue('50,00');
				await till.keyboard.press('Enter');
				await expect(dialog.getByTestId('change-due')).toBeVisible();
				await till.keyboard.press('Enter');
				await expect(till.getByTestId('change-given')).toBeVisible();
				await expect(field).toBeFocused();
			}
		);

		await run.test(
			'closings: the till closes after a summary; the Z is confirmed with its totals; then the till refuses to open today',
			async () => {
				await till.getByRole('button', { name: 'Fermer la caisse' }).click();
				await till.getByLabel('Billet de 500,00 €').fill('1');
				await till.getByRole('button', { name: 'Fermer la caisse avec ce comptage' }).click();
				await till.getByRole('button', { name: /^Confirmer la fermeture/u }).click();
				await expect(till.getByRole('heading', { name: 'Ouvrir la caisse CAISSE1' })).toBeVisible();
				await till.goto(till.url().replace(/\/caisse$/u, '/rapports'));
				await till.getByRole('button', { name: 'Clôturer la journée d’aujourd’hui (Z)' }).click();
				const confirm = till.getByRole('group', {
					name: /^Clôture journalière \(Z\) du .*\s: à confirmer$/u
				});
				await expect(confirm.getByTestId('closing-ttc')).toHaveText(/€$/u);
				await expect(confirm).toContainText('plus aucune vente ne sera possible sur cette journée');
				await expect(confirm.getByRole('button', { name: 'Confirmer la clôture' })).toBeFocused();
				await till.keyboard.press('Enter');
				await expect(
					till
						.getByRole('status')
						.filter({ hasText: /Clôture journalière \(Z\) du \d\d\/\d\d\/\d{4} faite/u })
				).toBeVisible();
				await till.goto(till.url().replace(/\/rapports$/u, '/caisse'));
				await expect(
					till.getByRole('heading', { name: 'Caisse CAISSE1 fermée pour aujourd’hui' })
				).toBeVisible();
				await expect(till.getByRole('alert')).toContainText('est clôturée (Z)');
				await expect(till.getByRole('button', { name: 'Ouvrir la caisse' })).toHaveCount(0);
				expect(await seriousViolations(till)).toEqual([]);
			}
		);
	} finally {
		await till.close();
	}
}
