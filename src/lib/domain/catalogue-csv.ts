import { validateArticle, type Article, type ArticleForm } from './article';

/** Catalogue fields a CSV column can feed. */
export type CsvField = keyof Article;

export const CSV_FIELD_LABELS: Readonly<Record<CsvField, string>> = {
	ean: 'EAN / ISBN',
	title: 'Titre',
	authors: 'Auteur(s)',
	publisher: 'Éditeur',
	collection: 'Collection',
	priceCents: 'Prix TTC',
	vatRateBp: 'Taux de TVA',
	kind: 'Type',
	stock: 'Stock'
};

/** Column names seen in bookshop exports (Dilicom, distributors, spreadsheets), normalised. */
const HEADER_ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
	ean: [
		'ean',
		'ean13',
		'codeean',
		'codeean13',
		'isbn',
		'isbn13',
		'codeisbn',
		'gencod',
		'code',
		'codebarre',
		'codebarres',
		'reference',
		'ref'
	],
	title: ['titre', 'title', 'libelle', 'designation', 'intitule'],
	authors: ['auteur', 'auteurs', 'author', 'authors', 'contributeur', 'contributeurs'],
	publisher: ['editeur', 'publisher', 'marque'],
	collection: ['collection', 'serie'],
	priceCents: ['prix', 'prixttc', 'puttc', 'price', 'prixpublic', 'prixdevente', 'ppttc'],
	vatRateBp: ['tva', 'tauxtva', 'taux', 'vat', 'tauxdetva'],
	kind: ['type', 'genre', 'famille', 'categorie', 'nature'],
	stock: ['stock', 'qte', 'quantite', 'qtestock', 'quantity']
};

/** A CSV header as the column guesses compare it: « Adresse électronique » → adresseelectronique. */
export function normaliseHeader(header: string): string {
	return header
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/gu, '');
}

/** Which column feeds each field, guessed from the header row; the user confirms or changes it. */
export type ColumnMapping = Partial<Record<CsvField, number>>;

export function guessColumnMapping(headers: readonly string[]): ColumnMapping {
	const mapping: ColumnMapping = {};
	headers.forEach((header, column) => {
		const name = normaliseHeader(header);
		for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [
			CsvField,
			readonly string[]
		][]) {
			if (mapping[field] === undefined && aliases.includes(name)) mapping[field] = column;
		}
	});
	return mapping;
}

/** Mapping problems that stop an import before it starts. */
export function checkColumnMapping(mapping: ColumnMapping): string[] {
	const missing = (['ean', 'title', 'priceCents'] as const).filter(
		(field) => mapping[field] === undefined
	);
	return missing.map(
		(field) => `Choisissez la colonne « ${CSV_FIELD_LABELS[field]} » : elle est obligatoire.`
	);
}

/** The columns a catalogue file can reasonably have (EAN, title, authors, price… and extras). */
export const MAX_CATALOGUE_COLUMNS = 60;

/**
 * Why a file's first lines are not a catalogue, in French, or null: the preview reads a bounded
 * sample (a few lines of the first 64 KiB) and refuses what a spreadsheet would never call a
 * catalogue before anything else is read (a 5 MB single line once made one column per field).
 */
export function catalogueShapeProblem(sample: {
	readonly columns: number;
	readonly sawLineEnd: boolean;
	readonly bytes: number;
}): string | null {
	if (!sample.sawLineEnd && sample.bytes > 0) {
		return 'Ce fichier n’est pas un catalogue\u00a0: aucune fin de ligne dans ses premiers 64\u00a0Ko (un catalogue a une ligne par article).';
	}
	if (sample.columns < 2) {
		return 'Ce fichier ne ressemble pas à un CSV\u00a0: une seule colonne trouvée.';
	}
	if (sample.columns > MAX_CATALOGUE_COLUMNS) {
		return `Ce fichier n’est pas un catalogue\u00a0: ${sample.columns} colonnes sur sa première ligne (un catalogue en a une dizaine\u00a0: EAN, titre, prix…).`;
	}
	return null;
}

export interface CsvRowError {
	/** Line number in the file, as a spreadsheet shows it (header = line 1). */
	readonly line: number;
	readonly reason: string;
}

/**
 * Turns one CSV row into an article, or says why not. Unmapped type → "livre"; unmapped rate →
 * the kind's usual rate; unmapped stock → `null`, so a re-import keeps the stock in the shop.
 */
export function csvRowToArticle(
	row: readonly string[],
	mapping: ColumnMapping,
	line: number
): { ok: true; article: Article; hasStock: boolean } | { ok: false; error: CsvRowError } {
	const cell = (field: CsvField) => {
		const column = mapping[field];
		return column === undefined ? '' : (row[column] ?? '').trim();
	};
	const kind = cell('kind') || 'livre';
	const form: ArticleForm = {
		ean: cell('ean'),
		title: cell('title'),
		authors: cell('authors'),
		publisher: cell('publisher'),
		collection: cell('collection'),
		priceCents: cell('priceCents'),
		vatRateBp:
			cell('vatRateBp') ||
			(/presse|journal|revue|magazine/iu.test(kind)
				? '2,1'
				: /papeterie|autre|divers|jeu|cadeau/iu.test(kind)
					? '20'
					: '5,5'),
		kind,
		stock: cell('stock')
	};
	const result = validateArticle(form);
	if (!result.ok) {
		const reasons = Object.entries(result.fieldErrors).map(
			([field, message]) => `${CSV_FIELD_LABELS[field as CsvField]} : ${message}`
		);
		return { ok: false, error: { line, reason: reasons.join(' ; ') } };
	}
	return { ok: true, article: result.value, hasStock: mapping.stock !== undefined };
}

/**
 * Decodes a CSV file: UTF-8 when it is valid UTF-8 (BOM removed), Windows-1252 otherwise, as
 * spreadsheets on French Windows save it.
 */
export function decodeCsvBytes(bytes: Uint8Array): {
	text: string;
	encoding: 'utf-8' | 'windows-1252';
} {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { text: text.replace(/^\uFEFF/u, ''), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

/** Windows-1252 bytes 0x80–0x9F (€, œ, ’, «…); some TextDecoders read them as Latin-1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) {
		text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
	}
	return text;
}

/** The delimiter of a CSV from its first line: ";" (French spreadsheets) or ",". */
export function detectDelimiter(firstLine: string): ';' | ',' | '\t' {
	const count = (char: string) => firstLine.split(char).length - 1;
	const candidates = [';', ',', '\t'] as const;
	return candidates.reduce((best, char) => (count(char) > count(best) ? char : best), ';');
}
