import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCatalogue } from '$lib/db/article-repository';
import { searchArticles } from '$lib/db/search/catalogue-search';
import {
	csvRowToArticle,
	decodeCsvBytes,
	detectDelimiter,
	guessColumnMapping,
	parseDiscount,
	parseEuros,
	parsePercentBp,
	validateArticleCode,
	validateCustomerDraft,
	EMPTY_CUSTOMER_FORM,
	type Article
} from '$lib/domain';
import { freshDatabase } from './db/fresh-db';

/**
 * Bad input, fuzzed: whatever is typed, scanned or imported, the parsers answer a
 * value or a French reason, never an exception, and a refused row is never written.
 */

/** Text people paste: any Unicode, quotes, markup, separators, very long lines. */
const hostile = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	fc.constantFrom(
		'& < > " \'',
		'<script>alert(1)</script>',
		'=SUM(A1)',
		'😀📚',
		'\u0000\uffff',
		';;;'
	),
	fc.string({ minLength: 4_990, maxLength: 5_010 })
);
/** A French reason: has a lower-case letter, says more than a code. */
const FRENCH = /[a-zéèàç]{3}/u;

function expectValueOrFrenchReason(result: { ok: boolean; error?: { message: string } }) {
	if (!result.ok) expect(result.error?.message).toMatch(FRENCH);
}

describe('fuzzed input', () => {
	it('amounts, discounts and percentages: a value or a French reason', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				expectValueOrFrenchReason(parseEuros(text));
				expectValueOrFrenchReason(parseDiscount(text));
				const percent = parsePercentBp(text);
				expect(percent === null || Number.isInteger(percent)).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});

	it('scanned codes: a valid EAN or a French reason', () => {
		const scans = fc.oneof(hostile, fc.stringMatching(/^[0-9X -]{0,20}$/u));
		fc.assert(
			fc.property(scans, (text) => {
				const result = validateArticleCode(text);
				if (result.ok) expect(result.value).toMatch(/^(\d{13}|\d{8})$/u);
				else expect(result.error.message).toMatch(FRENCH);
			}),
			{ numRuns: 500 }
		);
	});

	it('customer fields: a customer or French reasons at the fields', () => {
		fc.assert(
			fc.property(
				fc.record({
					lastName: hostile,
					email: hostile,
					siret: hostile,
					postalCode: hostile,
					phone: hostile
				}),
				(fields) => {
					const result = validateCustomerDraft({ ...EMPTY_CUSTOMER_FORM, ...fields });
					if (!result.ok) {
						for (const message of Object.values(result.fieldErrors))
							expect(message).toMatch(FRENCH);
					}
				}
			),
			{ numRuns: 200 }
		);
	});

	it('CSV files: any bytes decode, any row becomes an article or a line-numbered French reason', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 400 }),
				fc.array(fc.array(hostile, { maxLength: 8 }), { maxLength: 5 }),
				(bytes, rows) => {
					const { text } = decodeCsvBytes(bytes);
					expect([';', ',', '\t']).toContain(detectDelimiter(text.split('\n')[0] ?? ''));
					const mapping = guessColumnMapping([
						'EAN',
						'Titre',
						'Auteurs',
						'Éditeur',
						'Prix',
						'TVA',
						'Type',
						'Stock'
					]);
					rows.forEach((row, index) => {
						const result = csvRowToArticle(row, mapping, index + 2);
						if (!result.ok) {
							expect(result.error.line).toBe(index + 2);
							expect(result.error.reason).toMatch(FRENCH);
						}
					});
				}
			),
			{ numRuns: 200 }
		);
	});

	it('an import writes the valid rows only, and hostile text comes back as typed', async () => {
		freshDatabase();
		const mapping = guessColumnMapping(['EAN', 'Titre', 'Auteurs', 'Prix']);
		const title = `Les « guillemets » & <balises> "doubles" 'simples' 😀 ${'x'.repeat(240)}`;
		const rows = [
			['9782070612758', title, 'Saint-Exupéry & Cie', '8,50'],
			['9782266248549', 'y'.repeat(5_000), '', '8,50'],
			['9782070612759', 'Mauvaise clé', '', '8,50'],
			['9782266248549', 'Prix absurde', '', '-3'],
			['<script>', '', '', '']
		];
		const parsed = rows.map((row, index) => csvRowToArticle(row, mapping, index + 2));
		const valid = parsed.flatMap((result) =>
			result.ok ? [{ article: result.article as Article, hasStock: result.hasStock }] : []
		);
		expect(valid).toHaveLength(1);
		expect(parsed[1]).toEqual({
			ok: false,
			error: { line: 3, reason: 'Titre : 300 caractères au plus.' }
		});
		let given = false;
		await importCatalogue(
			async () => {
				if (given) return null;
				given = true;
				return valid;
			},
			() => {}
		);
		const found = await searchArticles('9782070612758');
		expect(found.articles.map((article) => article.title)).toEqual([title]);
		expect((await searchArticles('9782266248549')).articles).toEqual([]);
	});
});
