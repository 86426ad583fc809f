import { describe, expect, it } from 'vitest';
import { DEMO_BOOK_COUNT, generateDemoShop } from '$lib/demo/demo-data';
import {
	validateEan,
	validateGln,
	validateIsbn,
	validateShopSettings,
	validateSiret,
	shopSettingsToForm
} from '$lib/domain';

describe('the demonstration shop', () => {
	const demo = generateDemoShop({ now: new Date('2026-11-23T09:00:00Z') });
	const books = demo.articles.filter((a) => a.kind === 'livre' || a.kind === 'livre-scolaire');

	it('has at least 20 000 books at 5,5 % with valid ISBN-13s', () => {
		expect(books.length).toBeGreaterThanOrEqual(DEMO_BOOK_COUNT);
		for (const book of books) {
			expect(validateIsbn(book.ean)).toEqual({ ok: true, value: book.ean });
			expect(book.vatRateBp).toBe(550);
		}
		expect(books.some((b) => b.kind === 'livre-scolaire')).toBe(true);
	});

	it('has press at 2,1 % and stationery at 20 %, all with valid EANs, none twice', () => {
		const press = demo.articles.filter((a) => a.kind === 'presse');
		const other = demo.articles.filter((a) => a.kind === 'autre');
		expect(press.length).toBeGreaterThan(0);
		expect(other.length).toBeGreaterThan(0);
		expect(press.every((a) => a.vatRateBp === 210 && a.ean.startsWith('977'))).toBe(true);
		expect(other.every((a) => a.vatRateBp === 2000)).toBe(true);
		expect(demo.articles.every((a) => validateEan(a.ean).ok)).toBe(true);
		expect(new Set(demo.articles.map((a) => a.ean)).size).toBe(demo.articles.length);
	});

	it('has search words without accents', () => {
		const accented = demo.articles.find((a) => /[éèà]/u.test(a.title));
		expect(accented?.words.every((w) => /^[a-z0-9]+$/u.test(w))).toBe(true);
	});

	it('has a lending library and a school with valid SIRET, GLN and code service', () => {
		const library = demo.customers.find((c) => c.isLendingLibrary);
		expect(library).toMatchObject({ status: 'bibliotheque', chorusServiceCodeRequired: true });
		expect(validateSiret(library!.siret).ok).toBe(true);
		expect(validateGln(library!.gln).ok).toBe(true);
		expect(library!.chorusServiceCode).not.toBe('');
		const school = demo.customers.find((c) => c.status === 'ecole');
		expect(school?.schoolPricing).toBe(true);
		expect(validateSiret(school!.siret).ok).toBe(true);
		expect(demo.customers.some((c) => c.siret === '11000201100044')).toBe(true);
	});

	it('has a valid shop identity and is the same on every run', () => {
		expect(validateShopSettings(shopSettingsToForm(demo.shop)).ok).toBe(true);
		const again = generateDemoShop({ now: new Date('2026-11-23T09:00:00Z') });
		expect(again.articles.slice(0, 50)).toEqual(demo.articles.slice(0, 50));
	});
});
