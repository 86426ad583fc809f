import type { NewOrderLine } from '$lib/domain';
import { type ArticleRow, getArticle, searchArticles } from '$lib/services/catalogue';

const isCode = (text: string) => /^\d{8,13}$/u.test(text);

/** A catalogue article as a line of an order or a loan: one copy at its price. */
export function titleLineOf(article: ArticleRow): NewOrderLine {
	return {
		ean: article.ean,
		title: article.title,
		authors: article.authors,
		publisher: article.publisher,
		kind: article.kind,
		vatRateBp: article.vatRateBp,
		unitPriceCents: article.priceCents,
		quantity: 1
	};
}

/**
 * The « add a title » field of an order or a loan: the titles found while typing, and Enter (a
 * scanner's, or typed) taking the first. The field is emptied at Enter, before the lookup: the
 * next scan may already be typing, and codes are looked up in scanning order (docs/till.md#scanner).
 */
export class TitleEntry {
	query = $state('');
	found = $state.raw<ArticleRow[]>([]);
	#version = 0;
	#lookups: Promise<void> = Promise.resolve();

	/** `onfound` gets each title taken; `onmissing` what was typed when nothing matched. */
	constructor(
		private readonly onfound: (article: ArticleRow) => void,
		private readonly onmissing: (text: string, isCode: boolean) => void | Promise<void>
	) {}

	/** The titles matching what is typed: the article of a code, else a search. */
	async search(): Promise<void> {
		const current = ++this.#version;
		const text = this.query.trim();
		let articles: ArticleRow[] = [];
		if (isCode(text)) {
			const article = await getArticle(text);
			articles = article ? [article] : [];
		} else if (text.length >= 2) {
			articles = (await searchArticles(text, 10)).articles;
		}
		if (current === this.#version) this.found = articles;
	}

	/** A title chosen in the list. */
	pick(article: ArticleRow): void {
		this.clear();
		this.onfound(article);
	}

	keydown(event: KeyboardEvent): void {
		if (event.key !== 'Enter') return;
		event.preventDefault();
		const text = this.query.trim();
		const shown = this.found[0];
		if (!text) return;
		this.clear();
		this.#lookups = this.#lookups.then(async () => {
			const code = isCode(text);
			const article = code
				? await getArticle(text)
				: (shown ?? (await searchArticles(text, 1)).articles[0]);
			if (article) this.onfound(article);
			else await this.onmissing(text, code);
		});
	}

	clear(): void {
		this.#version++;
		this.query = '';
		this.found = [];
	}
}
