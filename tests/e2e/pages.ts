// Page objects: the app as a bookseller sees it, by roles and French labels, so that a test reads
// as the steps at the counter and a change of markup is fixed in one place.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import {
	checkEInvoice,
	VALIDATOR_MISSING_MESSAGE,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from '../support/einvoice-check.js';

/** The app's address for `path`, on the origin the page is on. */
export function at(page: Page, path: string): string {
	return new URL(path, page.url()).href;
}

/** The shop's chrome: the main navigation, Paramètres' checks, the manager PIN. */
export class Shop {
	constructor(readonly page: Page) {}

	/** Follows a link of the main navigation by its visible name. */
	async goToArea(name: string): Promise<void> {
		await this.page
			.getByRole('navigation', { name: 'Navigation principale' })
			.getByRole('link', { name, exact: true })
			.click();
		await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
	}

	/** « Vérifier l'intégrité » in Paramètres: every chain must hold. */
	async checkIntegrity(): Promise<void> {
		await this.page.goto(at(this.page, '/parametres'));
		await this.page.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
		await expect(
			this.page.getByRole('status').filter({ hasText: /^Intégrité vérifiée\s: \d+/u })
		).toBeVisible({ timeout: 60_000 });
	}

	/** Sets the manager PIN in Paramètres (none set before). */
	async setManagerPin(pin: string): Promise<void> {
		await this.page.goto(at(this.page, '/parametres'));
		await this.page.getByLabel('Code PIN (4 à 8 chiffres)').fill(pin);
		await this.page.getByRole('button', { name: 'Définir le code PIN' }).click();
		await expect(this.page.getByText('Code PIN responsable enregistré.')).toBeVisible();
	}

	/** The PIN dialog, when an action asks for it. */
	pinDialog(): Locator {
		return this.page.getByRole('dialog', { name: 'Code PIN responsable' });
	}

	async enterPin(pin: string): Promise<void> {
		const field = this.pinDialog().getByLabel('Code PIN');
		await field.fill(pin);
		await field.press('Enter');
	}
}

/** The till screen (Caisse). */
export class Till {
	readonly field: Locator;
	readonly lines: Locator;
	readonly paper: Locator;
	readonly payment: Locator;
	readonly done: Locator;

	constructor(readonly page: Page) {
		this.field = page.getByRole('combobox', { name: /Code-barres, ISBN ou recherche/u });
		this.lines = page.getByRole('table', { name: 'Lignes du ticket' }).getByRole('row');
		this.paper = page.locator('.paper');
		this.payment = page.getByRole('dialog', { name: /Encaisser/u });
		this.done = page.getByRole('heading', { name: /^Ticket (de formation )?n° \d+ enregistré$/u });
	}

	/** Opens the till on this page: seller and float typed, the scan field then has the focus. */
	async open({ seller = 'Anne', float = '150,00' } = {}): Promise<void> {
		await this.page.goto(at(this.page, '/caisse'));
		await this.page.getByRole('textbox', { name: 'Vendeur', exact: true }).fill(seller);
		await this.page.getByLabel(/Fond de caisse/u).fill(float);
		await this.page.getByRole('button', { name: 'Ouvrir la caisse' }).click();
		await expect(this.field).toBeFocused();
	}

	/** The till in another window of the same profile, taking the till over if need be. */
	static async inNewWindow(page: Page): Promise<Till> {
		const other = new Till(await page.context().newPage());
		await other.page.goto(at(page, '/caisse'));
		const takeOver = other.page.getByRole('button', { name: 'Vendre ici' });
		await expect(other.field.or(takeOver)).toBeVisible();
		if (await takeOver.isVisible()) await takeOver.click();
		await expect(other.field).toBeVisible();
		return other;
	}

	/** What a keyboard-wedge scanner does, wherever the focus is: digits a few ms apart, Enter. */
	async scan(code: string): Promise<void> {
		await this.page.keyboard.type(code, { delay: 4 });
		await this.page.keyboard.press('Enter');
	}

	/** Words typed in the scan field; Enter takes the first article found. */
	async search(words: string): Promise<void> {
		await this.field.pressSequentially(words);
		await expect(
			this.page.getByRole('listbox', { name: 'Articles trouvés' }).getByRole('option').first()
		).toBeVisible();
		await this.field.press('Enter');
	}

	/** A sale's line count as the bookseller sees it (plus the header row). */
	async expectLines(count: number): Promise<void> {
		await expect(this.lines).toHaveCount(count === 0 ? 0 : count + 1);
	}

	quantity(title: string): Locator {
		return this.page.getByRole('textbox', { name: `Quantité de ${title}` });
	}

	/** Chooses the customer by the first one found for `name`. */
	/**
	 * F4's customer search: the first customer found for `name`, once the sale shows it (the cart
	 * recomputes its discounts first: on a busy machine a deposit added before that was refused
	 * for want of a customer).
	 */
	async chooseCustomer(name: string): Promise<void> {
		const customer = this.page.getByLabel(/Nom, n° client ou carte fidélité/u);
		await customer.fill(name);
		await expect(this.page.getByRole('list', { name: 'Clients trouvés' })).toBeVisible();
		await customer.press('Enter');
		await expect(this.page.getByTestId('cart-customer')).toContainText(new RegExp(name, 'iu'));
	}

	/**
	 * F8, then each payment (method's radio, amount typed or the amount due), then « Valider la
	 * vente »: the recorded ticket's number.
	 */
	async pay(...payments: { method?: string; amount?: string; code?: string }[]): Promise<number> {
		// Read without waiting: the last sale's notice goes away as the next sale's first line comes.
		const [previous] = await this.done.allInnerTexts();
		await this.page.keyboard.press('F8');
		await expect(this.payment).toBeVisible();
		const amount = this.payment.getByLabel(/^Montant/u);
		for (const { method, amount: typed, code } of payments.length > 0 ? payments : [{}]) {
			if (method) await this.payment.getByRole('radio', { name: method }).check();
			if (code) await this.payment.getByLabel(/^Code d/u).fill(code);
			if (typed) await amount.fill(typed);
			await amount.press('Enter');
		}
		await this.payment.getByRole('button', { name: 'Valider la vente' }).click();
		await expect(this.payment).toHaveCount(0);
		// The last sale's notice stays until this one's replaces it.
		if (previous) await expect(this.done).not.toHaveText(previous);
		await expect(this.done).toBeVisible();
		return Number((await this.done.innerText()).match(/n° (\d+)/u)?.[1]);
	}

	/** Makes window.print count its calls (or fail with `jam`), as a printer would see them. */
	async stubPrint(jam?: string): Promise<void> {
		await this.page.evaluate((jam) => {
			const counted = window as unknown as { printed?: number };
			counted.printed ??= 0;
			window.print = () => {
				if (jam) throw new Error(jam);
				counted.printed = (counted.printed ?? 0) + 1;
			};
		}, jam);
	}

	printed(): Promise<number> {
		return this.page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0);
	}

	/** « Fermer la caisse » with `notes` counted (label → count), the summary confirmed. */
	async close(notes: Record<string, string> = { 'Billet de 500,00 €': '1' }): Promise<void> {
		await this.page.getByRole('button', { name: 'Fermer la caisse' }).click();
		for (const [label, count] of Object.entries(notes)) {
			await this.page.getByLabel(label).fill(count);
		}
		await this.page.getByRole('button', { name: 'Fermer la caisse avec ce comptage' }).click();
		await this.page.getByRole('button', { name: /^Confirmer la fermeture/u }).click();
		await expect(
			this.page.getByRole('heading', { name: 'Ouvrir la caisse CAISSE1' })
		).toBeVisible();
	}
}

/** Rapports et clôtures. */
export class Reports {
	constructor(readonly page: Page) {}

	/** Paramètres › E-reporting: the shop's plateforme agréée and its VAT regime, saved. */
	async setUpEreporting(regime = 'régime simplifié'): Promise<Locator> {
		await this.page.goto(at(this.page, '/parametres'));
		await this.page.getByLabel('Vendeur en poste').fill('Dominique');
		const settings = this.page.getByRole('form', { name: 'Réglages de l’e-reporting' });
		await settings.getByLabel('Matricule de la plateforme agréée').fill('9998');
		await settings.getByLabel('Nom de la plateforme agréée').fill('PA EXEMPLE');
		await settings.getByLabel('Régime de TVA').selectOption({ label: regime });
		await settings.getByRole('button', { name: 'Enregistrer l’e-reporting' }).click();
		await expect(this.page.getByText('Réglages de l’e-reporting enregistrés.')).toBeVisible();
		return settings;
	}

	/** Rapports › Exports: this month's e-reporting file (the simplified regime's period). */
	async downloadMonthsEreporting(): Promise<Download> {
		await this.page.goto(at(this.page, '/rapports'));
		const today = isoDay(new Date());
		const monthEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
		await this.page.getByLabel('Du', { exact: true }).fill(`${today.slice(0, 7)}-01`);
		await this.page.getByLabel('Au', { exact: true }).fill(monthEnd.toISOString().slice(0, 10));
		const file = this.page.waitForEvent('download');
		await this.page
			.getByRole('button', { name: 'Télécharger l’e-reporting (XML, plateforme agréée)' })
			.click();
		return file;
	}

	/** « Clôturer la journée d'aujourd'hui (Z) »: the summary to confirm, its button focused. */
	async askTodaysZ(seller = 'Anne'): Promise<Locator> {
		await this.page.goto(at(this.page, '/rapports'));
		await this.page.getByLabel('Vendeur en poste').fill(seller);
		await this.page.getByRole('button', { name: 'Clôturer la journée d’aujourd’hui (Z)' }).click();
		const summary = this.page.getByRole('group', {
			name: /^Clôture journalière \(Z\) du .*\s: à confirmer$/u
		});
		await expect(summary.getByRole('button', { name: 'Confirmer la clôture' })).toBeFocused();
		return summary;
	}
}

/** Tickets de caisse: the list and its searches. */
export class Tickets {
	readonly count: Locator;
	readonly rows: Locator;

	constructor(readonly page: Page) {
		this.count = page.getByTestId('ticket-count');
		this.rows = page.getByRole('table').getByRole('row');
	}

	async search(kind: string, text: string): Promise<void> {
		if ((await this.page.getByLabel('Numéro ou code').count()) === 0) {
			await this.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
		}
		await this.page.getByLabel('Type de recherche').selectOption({ label: kind });
		await this.page.getByLabel('Numéro ou code').fill(text);
		await this.page.getByRole('button', { name: 'Lancer la recherche' }).click();
	}
}

const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** axe-core in the page: the serious and critical violations, as « rule: target » lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated through the DevTools protocol: the app's CSP refuses inline scripts, rightly.
	await page.evaluate(`${AXE_SOURCE}\n;0`);
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const { violations } = await axe.run(document, {
			resultTypes: ['violations'],
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
	});
}

/** The element is on screen, inside the viewport, and nothing covers its centre. */
export async function expectReachable(locator: Locator): Promise<void> {
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

/** A day as the app shows it (02/12/2026), in Paris. */
export function shownDay(date: Date): string {
	return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(date);
}

/** A day as a date input holds it (2026-12-02), in Paris. */
export function isoDay(date: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(date);
}

export const DAY = 86_400_000;

/**
 * A downloaded export passes the independent validator with `flags` (0 errors); where the
 * validator is absent the test says why, and fails in CI.
 */
export async function expectValidated(file: Download, flags: readonly string[]): Promise<void> {
	if (!VALIDATOR_PRESENT) {
		console.warn(VALIDATOR_MISSING_MESSAGE);
		expect(VALIDATOR_REQUIRED, VALIDATOR_MISSING_MESSAGE).toBe(false);
		return;
	}
	const report = await checkEInvoice(
		readFileSync(await file.path()),
		file.suggestedFilename(),
		flags
	);
	expect(report.errors, report.output).toEqual([]);
	expect(report.exitCode, report.output).toBe(0);
}
