import { describe, expect, it } from 'vitest';
import {
	catalogueShapeProblem,
	checkColumnMapping,
	csvRowToArticle,
	decodeCsvBytes,
	detectDelimiter,
	guessColumnMapping
} from './catalogue-csv';

describe('CSV import', () => {
	it('guesses the mapping from French headers', () => {
		expect(
			guessColumnMapping([
				'EAN',
				'Titre',
				'Auteur(s)',
				'Éditeur',
				'Prix TTC',
				'Taux TVA',
				'Qté',
				'Divers'
			])
		).toEqual({
			ean: 0,
			title: 1,
			authors: 2,
			publisher: 3,
			priceCents: 4,
			vatRateBp: 5,
			stock: 6
		});
		expect(guessColumnMapping(['isbn', 'isbn13'])).toEqual({ ean: 0 });
	});
	it('requires EAN, title and price columns', () => {
		expect(checkColumnMapping({ title: 1 })).toEqual([
			'Choisissez la colonne « EAN / ISBN » : elle est obligatoire.',
			'Choisissez la colonne « Prix TTC » : elle est obligatoire.'
		]);
		expect(checkColumnMapping({ ean: 0, title: 1, priceCents: 2 })).toEqual([]);
	});
	const mapping = { ean: 0, title: 1, priceCents: 2, kind: 3 };
	it('reads a row with a decimal comma or point; rate from the kind when not given', () => {
		expect(
			csvRowToArticle(['9782266248549', 'Perry Rhodan', '8,60', ''], mapping, 2)
		).toMatchObject({
			ok: true,
			hasStock: false,
			article: { priceCents: 860, vatRateBp: 550, kind: 'livre' }
		});
		expect(
			csvRowToArticle(['9771234567003', 'Le Monde', '3.20', 'Presse'], mapping, 3)
		).toMatchObject({ ok: true, article: { vatRateBp: 210, kind: 'presse' } });
		expect(
			csvRowToArticle(['2000000000015', 'Carnet', '4,90', 'Papeterie'], mapping, 4)
		).toMatchObject({ ok: true, article: { vatRateBp: 2000 } });
		expect(
			csvRowToArticle(
				['9782266248549', 'X', '1', '', '4'],
				{ ...mapping, stock: 4, vatRateBp: 9 },
				5
			)
		).toMatchObject({ ok: true, hasStock: true, article: { stock: 4, vatRateBp: 550 } });
	});
	it('says why a row is refused, with its line number', () => {
		expect(csvRowToArticle(['9782266248548', '', 'abc'], mapping, 7)).toEqual({
			ok: false,
			error: {
				line: 7,
				reason: expect.stringMatching(
					/^EAN \/ ISBN : .*clé de contrôle.* ; Titre : Le titre est obligatoire\. ; Prix TTC : .*montant/u
				)
			}
		});
	});
	it('decodes UTF-8 (with BOM) and falls back to Windows-1252', () => {
		const utf8 = new TextEncoder().encode('\uFEFFtitre;prix\nÉté;12,50');
		expect(decodeCsvBytes(utf8)).toEqual({ text: 'titre;prix\nÉté;12,50', encoding: 'utf-8' });
		const cp1252 = new Uint8Array([0xc9, 0x74, 0xe9, 0x3b, 0x80, 0x9c, 0x92]); // "Été;€œ’"
		expect(decodeCsvBytes(cp1252)).toEqual({ text: 'Été;€œ’', encoding: 'windows-1252' });
	});
	it('detects the delimiter', () => {
		expect(detectDelimiter('ean;titre;prix')).toBe(';');
		expect(detectDelimiter('ean,titre,prix')).toBe(',');
		expect(detectDelimiter('ean\ttitre\tprix')).toBe('\t');
		expect(detectDelimiter('ean')).toBe(';');
	});
});

describe('catalogueShapeProblem', () => {
	it.each([
		[{ columns: 7, sawLineEnd: true, bytes: 900 }, null],
		[
			{ columns: 0, sawLineEnd: false, bytes: 0 },
			'Ce fichier ne ressemble pas à un CSV\u00a0: une seule colonne trouvée.'
		],
		[
			{ columns: 1, sawLineEnd: true, bytes: 10 },
			'Ce fichier ne ressemble pas à un CSV\u00a0: une seule colonne trouvée.'
		],
		[
			{ columns: 30_000, sawLineEnd: false, bytes: 65_536 },
			'Ce fichier n’est pas un catalogue\u00a0: aucune fin de ligne dans ses premiers 64\u00a0Ko (un catalogue a une ligne par article).'
		],
		[
			{ columns: 61, sawLineEnd: true, bytes: 800 },
			'Ce fichier n’est pas un catalogue\u00a0: 61 colonnes sur sa première ligne (un catalogue en a une dizaine\u00a0: EAN, titre, prix…).'
		]
	])('%j → %s', (sample, problem) => {
		expect(catalogueShapeProblem(sample)).toBe(problem);
	});
});
