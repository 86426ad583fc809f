// Invoices right the first time, as a bookseller invoicing a library (docs/invoices.md): a sale
// « en compte » with its due date, « Les échéances », the invoice made from the ticket with the
// customer file's address and references, sending it, « Émettre un avoir et refacturer », a
// credit note that leaves nothing owed, and a reminder letter once overdue. Run by run.mjs on the
// demo shop, with the till open.
import { readFileSync } from 'node:fs';
import { expect } from 'playwright/test';

const DAY = 86_400_000;

/** A day as the app shows it: 02/12/2026, in Paris. */
function shownDay(date) {
	return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(date);
}

/** A sale of the first book « en compte » to the demo library, due date left as proposed. */
async function sellOnAccount({ till, scan, lines }, ean) {
	await expect(lines).toHaveCount(0);
	await scan.pressSequentially(String(ean));
	await scan.press('Enter');
	await expect(lines).toHaveCount(2);
	const customer = till.getByLabel(/Nom, n° client ou carte fidélité/u);
	await customer.fill('Médiathèque');
	await expect(till.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
	// F8 at once after the customer: the library's 9 % discount is in the amount offered.
	await customer.press('Enter');
	await till.keyboard.press('F8');
	const dialog = till.getByRole('dialog', { name: /Encaisser/u });
	const heading = await dialog.getByRole('heading').first().innerText();
	await expect(dialog.getByLabel(/^Montant/u)).toHaveValue(
		heading.match(/(\d+,\d\d)/u)?.[1] ?? 'none'
	);
	await expect(till.getByTestId('cart-customer')).toHaveText(/Médiathèque/u);
	// « T » chooses « En compte », Enter adds it, the due date appears, Enter validates.
	await dialog.getByLabel(/^Montant/u).press('t');
	await dialog.getByLabel(/^Montant/u).press('Enter');
	const due = dialog.getByLabel('Échéance du règlement en compte');
	const expected = await till.evaluate(
		(days) =>
			new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
				new Date(Date.now() + days)
			),
		30 * DAY
	);
	await expect(due).toHaveValue(expected);
	await expect(dialog.getByRole('button', { name: 'Valider la vente' })).toBeFocused();
	await till.keyboard.press('Enter');
	const done = till.getByRole('heading', { name: /^Ticket n° \d+ enregistré$/u });
	await expect(done).toBeVisible();
	return Number((await done.innerText()).match(/\d+/u)?.[0]);
}

export async function invoicingTests({ run, tillPage, firstBookEan, goToArea, page }) {
	/** A sale « en compte » in a window of its own, closed after: the ticket's number. */
	async function saleOnAccount() {
		const ean = await firstBookEan(page);
		const opened = await tillPage();
		try {
			return await sellOnAccount(opened, ean);
		} finally {
			await opened.till.close();
		}
	}

	await run.test(
		'a sale « en compte » to a library: its due date, « Les échéances », an invoice from the file that cannot miss the address, sent, reissued, credited to nothing owed',
		async () => {
			const number = await saleOnAccount();
			const due = shownDay(new Date(Date.now() + 30 * DAY));

			// « Les échéances » lists the sale, not yet due.
			await page.reload();
			await goToArea('Échéances');
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
			await expect(
				page.getByRole('heading', { level: 1, name: `Facture n° ${next}` })
			).toBeVisible();
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
			await goToArea('Factures');
			const open = page.getByRole('table').getByRole('link', { name: next, exact: true });
			await expect(open).toHaveCount(0);
			await page.getByLabel('Afficher').selectOption({ label: 'Factures' });
			await expect(
				page.getByRole('row', { name: new RegExp(`^${next} Facture`, 'u') })
			).toContainText('Soldée par avoir');
			await expect(
				page.getByRole('row', { name: new RegExp(`^${invoiceNumber} Facture`, 'u') })
			).toContainText('Soldée par avoir');
		}
	);

	// A second sale « en compte », left unpaid: « Les échéances » finds it overdue at the end of
	// the run (overdueTests), once nothing else depends on today's date.
	let unpaid = null;
	await run.test('a second sale « en compte » is left unpaid', async () => {
		unpaid = await saleOnAccount();
	});
	return { unpaid };
}

/**
 * Forty days on, through Playwright's clock, which holds for the whole browser context: run last,
 * and the clock set back to the present after.
 */
export async function overdueTests({ run, page, unpaid }) {
	await run.test(
		'« Les échéances » forty days on: the sale left « en compte » is overdue, its reminder letter is downloaded and noted, the list exports as CSV',
		async () => {
			expect(unpaid).not.toBeNull();
			const number = unpaid;
			const later = await page.context().newPage();
			try {
				await later.clock.install({ time: new Date(Date.now() + 40 * DAY) });
				await later.goto(`${new URL(page.url()).origin}/echeances`);
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
		}
	);
}
