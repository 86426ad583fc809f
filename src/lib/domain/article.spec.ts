import { describe, expect, it } from 'vitest';
import {
	articleSearchWords,
	articleToForm,
	internalEan,
	parseArticleKind,
	usualVatRateBp,
	validateArticle,
	validateArticleCode,
	type ArticleForm
} from './article';

const good: ArticleForm = {
	ean: '978-2-266-24854-9',
	title: 'Perry Rhodan — numéro 318',
	authors: 'Scheer / Darlton',
	publisher: 'Pocket',
	collection: 'Pocket SF',
	priceCents: '8,60',
	vatRateBp: '5,5',
	kind: 'livre',
	stock: '3'
};

describe('validateArticle', () => {
	it('accepts a book and normalises its code and price', () => {
		expect(validateArticle(good)).toEqual({
			ok: true,
			value: { ...good, ean: '9782266248549', priceCents: 860, vatRateBp: 550, stock: 3 }
		});
	});
	it('turns an ISBN-10 into the EAN-13 printed on the book; empty stock is 0', () => {
		expect(validateArticle({ ...good, ean: '0-306-40615-2', stock: '' })).toMatchObject({
			ok: true,
			value: { ean: '9780306406157', stock: 0 }
		});
	});
	const refusals: [Partial<ArticleForm>, keyof ArticleForm, RegExp][] = [
		[{ ean: '' }, 'ean', /obligatoire/u],
		[{ ean: '9782266248548' }, 'ean', /clé de contrôle/u],
		[{ title: ' ' }, 'title', /obligatoire/u],
		[{ title: 'x'.repeat(301) }, 'title', /300/u],
		[{ priceCents: 'gratuit' }, 'priceCents', /montant/u],
		[{ vatRateBp: '7' }, 'vatRateBp', /Taux de TVA/u],
		[{ kind: 'vinyle' }, 'kind', /Type inconnu/u],
		[{ stock: '2,5' }, 'stock', /entier/u],
		[{ authors: 'a'.repeat(301) }, 'authors', /300/u]
	];
	for (const [change, field, message] of refusals) {
		it(`refuses ${field} « ${String(Object.values(change)[0]).slice(0, 20)} »`, () => {
			const result = validateArticle({ ...good, ...change });
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.fieldErrors[field]).toMatch(message);
		});
	}
	it('round-trips through the form', () => {
		const saved = validateArticle(good);
		if (!saved.ok) throw new Error('expected valid');
		expect(validateArticle(articleToForm(saved.value))).toEqual(saved);
		expect(articleToForm(undefined)).toMatchObject({ ean: '', vatRateBp: '5,5', kind: 'livre' });
	});
});

describe('kinds, rates, codes', () => {
	const kinds: [string, string | null][] = [
		['', 'livre'],
		['Livres', 'livre'],
		['Livre scolaire', 'livre-scolaire'],
		['MANUEL', 'livre-scolaire'],
		['Presse', 'presse'],
		['magazine', 'presse'],
		['Papeterie', 'autre'],
		['Jeu de société', 'autre'],
		['vinyle', null]
	];
	for (const [text, kind] of kinds)
		it(`« ${text} » → ${kind}`, () => expect(parseArticleKind(text)).toBe(kind));
	it('knows the usual rate of each kind', () => {
		expect([
			usualVatRateBp('livre'),
			usualVatRateBp('livre-scolaire'),
			usualVatRateBp('presse'),
			usualVatRateBp('autre')
		]).toEqual([550, 550, 210, 2000]);
	});
	it('makes valid in-store EANs starting with 2', () => {
		const code = internalEan(42);
		expect(code).toMatch(/^2\d{12}$/u);
		expect(validateArticleCode(code).ok).toBe(true);
		expect(validateArticleCode('2-07-036822-5').ok).toBe(false);
	});
	it('indexes title, authors, publisher and collection words', () => {
		expect(
			articleSearchWords({
				title: 'L’Étranger',
				authors: 'Camus Albert',
				publisher: 'Gallimard',
				collection: 'Folio'
			})
		).toEqual(['etranger', 'camus', 'albert', 'gallimard', 'folio']);
	});
});
