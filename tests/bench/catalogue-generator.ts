/**
 * A deterministic bookshop catalogue of any size for the benchmarks: titles from a vocabulary of
 * 24 000 words drawn with a Zipf-like law (a few words are very common, most are rare, as in real
 * titles), 3 000 authors, 400 publishers, valid ISBN-13s. Same seed, same catalogue.
 */
import { seededRandom as random } from '$lib/demo/demo-data';
import { assertCents, assertVatRateBp, gs1CheckDigit, type Article } from '$lib/domain';

const SYLLABLES = [
	'ba',
	'ro',
	'li',
	'ne',
	'ta',
	'mou',
	'ché',
	'ver',
	'an',
	'gal',
	'dre',
	'pi',
	'sou',
	'lé',
	'co',
	'mar',
	'tin',
	'vo',
	'ri',
	'zé',
	'ca',
	'du',
	'fleur',
	'mon',
	'bel',
	'or',
	'gue',
	'ti',
	'pa',
	'sel'
];
const COMMON = [
	'le',
	'la',
	'les',
	'de',
	'des',
	'du',
	'un',
	'une',
	'et',
	'au',
	'tome',
	'histoire',
	'nuit',
	'monde',
	'vie',
	'amour',
	'guide',
	'petit',
	'grand',
	'secret'
];

export interface CatalogueGenerator {
	article(index: number): Article;
	/** A query a bookseller would type for an existing article: 1 to 3 words, the last one cut. */
	query(index: number, words: 1 | 2 | 3): string;
}

export function catalogueGenerator(seed = 2026): CatalogueGenerator {
	const next = random(seed);
	const vocabulary = Array.from({ length: 24_000 }, () => {
		const length = 2 + Math.floor(next() * 3);
		return Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
	});
	const authors = Array.from(
		{ length: 3_000 },
		(_, i) =>
			`${(vocabulary[(i * 7) % vocabulary.length] as string).toUpperCase()} ${vocabulary[(i * 13 + 5) % vocabulary.length]}`
	);
	const publishers = Array.from(
		{ length: 400 },
		(_, i) => `Éditions ${vocabulary[(i * 31 + 11) % vocabulary.length]}`
	);
	// Zipf-like: rank r drawn with probability ∝ 1 / r.
	const zipf = (u: number) =>
		Math.min(vocabulary.length - 1, Math.floor(Math.exp(u * Math.log(vocabulary.length)) - 1));

	const titleWords = (index: number) => {
		const local = random(seed ^ (index * 2_654_435_761));
		const count = 2 + Math.floor(local() * 4);
		return Array.from({ length: count }, (_, k) =>
			k === 0 && local() < 0.5
				? (COMMON[Math.floor(local() * COMMON.length)] as string)
				: (vocabulary[zipf(local())] as string)
		);
	};

	return {
		article(index) {
			const body = `978${String(200_000_000 + index)}`; // 12 digits, unique up to 799 999 999
			const words = titleWords(index);
			return {
				ean: `${body}${gs1CheckDigit(body)}`,
				title: words.join(' ').replace(/^./u, (c) => c.toUpperCase()),
				authors: authors[index % authors.length] as string,
				publisher: publishers[(index * 7) % publishers.length] as string,
				collection: index % 3 === 0 ? 'Poche' : '',
				priceCents: assertCents(350 + (index % 830) * 5),
				vatRateBp: assertVatRateBp(550),
				kind: 'livre',
				stock: index % 9
			};
		},
		query(index, count) {
			const meaningful = titleWords(index).filter((w) => !COMMON.includes(w) || w.length > 5);
			const picked = [
				...meaningful,
				(authors[index % authors.length] as string).split(' ')[0]?.toLowerCase() ?? ''
			]
				.filter(Boolean)
				.slice(0, count);
			const last = picked.pop() as string;
			return [...picked, last.slice(0, Math.max(3, last.length - 2))].join(' ');
		}
	};
}

/** The catalogue as CSV text, in chunks (a million rows never sit in one string). */
export function* catalogueCsvChunks(
	generator: CatalogueGenerator,
	count: number,
	chunkRows = 20_000
): Generator<string> {
	yield 'EAN;Titre;Auteurs;Éditeur;Collection;Prix TTC;TVA;Type;Stock\n';
	for (let start = 0; start < count; start += chunkRows) {
		const rows: string[] = [];
		for (let i = start; i < Math.min(count, start + chunkRows); i++) {
			const a = generator.article(i);
			rows.push(
				`${a.ean};${a.title};${a.authors};${a.publisher};${a.collection};${(a.priceCents / 100).toFixed(2).replace('.', ',')};5,5;livre;${a.stock}\n`
			);
		}
		yield rows.join('');
	}
}
