import { ARTICLE_KIND_LABELS, type ArticleKind } from './discount';
import { gs1CheckDigit, validateEan, validateIsbn } from './identifiers';
import { parseEuros, type Cents } from './money';
import type { FieldErrors, FormResult } from './shop';
import { parseVatRate, type VatRateBp } from './vat';
import { searchWords } from './search';

/** An article as the catalogue keeps it (the data layer adds its bookkeeping fields). */
export interface Article {
	readonly ean: string;
	readonly title: string;
	readonly authors: string;
	readonly publisher: string;
	readonly collection: string;
	readonly priceCents: Cents;
	readonly vatRateBp: VatRateBp;
	readonly kind: ArticleKind;
	readonly stock: number;
}

/** What the till needs of an article to sell it. */
export type SellableArticle = Pick<
	Article,
	'ean' | 'title' | 'authors' | 'publisher' | 'kind' | 'priceCents' | 'vatRateBp'
>;

export type ArticleForm = { readonly [K in keyof Article]: string };

export const ARTICLE_KINDS = Object.keys(ARTICLE_KIND_LABELS) as ArticleKind[];

/** The usual VAT rate of a kind of article (CGI art. 278-0 bis A books, 298 septies press). */
export function usualVatRateBp(kind: ArticleKind): VatRateBp {
	return (kind === 'presse' ? 210 : kind === 'autre' ? 2000 : 550) as VatRateBp;
}

/** A rate as typed in a form: 550 → "5,5". */
export function vatRateText(bp: number): string {
	return String(bp / 100).replace('.', ',');
}

/** Reads a kind from a form or a CSV cell: "livre", "Livre scolaire", "presse", "papeterie"… */
export function parseArticleKind(text: string): ArticleKind | null {
	const value = text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
	if (value === '' || value === 'livre' || value === 'livres' || value === 'book') return 'livre';
	if (/^(livre[- ]?scolaire|scolaire|manuel)/u.test(value)) return 'livre-scolaire';
	if (/^(presse|journal|revue|magazine)/u.test(value)) return 'presse';
	if (/^(papeterie|autre|divers|jeu|cadeau)/u.test(value)) return 'autre';
	return null;
}

/** Validates a code typed or scanned for an article: an EAN-13/8, or an ISBN-10 turned into 13. */
export function validateArticleCode(text: string) {
	const compact = text.replace(/[\s-]/gu, '');
	return /^\d{9}[\dXx]$/u.test(compact) ? validateIsbn(compact) : validateEan(compact);
}

/** A shop-internal EAN-13 (GS1 prefix 2, reserved for in-store use) for an "article divers". */
export function internalEan(sequence: number): string {
	const body = `2${String(sequence).padStart(11, '0')}`;
	return `${body}${gs1CheckDigit(body)}`;
}

/**
 * Validates the catalogue form field by field, in French. The VAT rate is the one chosen;
 * the kind decides the Loi Lang cap at the till.
 */
export function validateArticle(form: ArticleForm): FormResult<Article, keyof Article> {
	const errors: FieldErrors<keyof Article> = {};
	const ean = validateArticleCode(form.ean);
	if (!ean.ok)
		errors.ean =
			form.ean.trim() === '' ? 'Le code EAN ou ISBN est obligatoire.' : ean.error.message;
	const title = form.title.trim();
	if (title === '') errors.title = 'Le titre est obligatoire.';
	else if (title.length > 300) errors.title = '300 caractères au plus.';
	const price = parseEuros(form.priceCents);
	if (!price.ok) errors.priceCents = price.error.message;
	const rate = parseVatRate(form.vatRateBp);
	if (!rate.ok) errors.vatRateBp = rate.error.message;
	const kind = parseArticleKind(form.kind);
	if (!kind) errors.kind = 'Type inconnu\u00a0: livre, livre scolaire, presse ou papeterie/autre.';
	const stockText = form.stock.trim();
	const stock = stockText === '' ? 0 : Number(stockText);
	if (!/^-?\d{1,7}$/u.test(stockText === '' ? '0' : stockText)) {
		errors.stock = 'Le stock est un nombre entier (ex. 3).';
	}
	const long = (key: 'authors' | 'publisher' | 'collection') => {
		const value = form[key].trim();
		if (value.length > 300) errors[key] = '300 caractères au plus.';
		return value;
	};
	const authors = long('authors');
	const publisher = long('publisher');
	const collection = long('collection');
	if (!ean.ok || !price.ok || !rate.ok || !kind || Object.keys(errors).length > 0) {
		return { ok: false, fieldErrors: errors };
	}
	return {
		ok: true,
		value: {
			ean: ean.value,
			title,
			authors,
			publisher,
			collection,
			priceCents: price.value,
			vatRateBp: rate.value,
			kind,
			stock
		}
	};
}

/** The form's text for an article (or a blank new book). */
export function articleToForm(article: Article | undefined): ArticleForm {
	if (!article) {
		return {
			ean: '',
			title: '',
			authors: '',
			publisher: '',
			collection: '',
			priceCents: '',
			vatRateBp: '5,5',
			kind: 'livre',
			stock: '0'
		};
	}
	return {
		...article,
		priceCents: (article.priceCents / 100).toFixed(2).replace('.', ','),
		vatRateBp: vatRateText(article.vatRateBp),
		stock: String(article.stock)
	};
}

/** Words of an article for the search index: title, authors, publisher, collection, EAN. */
export function articleSearchWords(
	article: Pick<Article, 'title' | 'authors' | 'publisher' | 'collection'>
): string[] {
	return searchWords(article.title, article.authors, article.publisher, article.collection);
}
