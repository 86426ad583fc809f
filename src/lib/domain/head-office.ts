import {
	checkColumnMapping,
	csvRowToArticle,
	guessColumnMapping,
	type CsvRowError
} from './catalogue-csv';
import type { ClosingKind, PeriodTotals } from './closing';
import { compactCode, validateEan, validateIsbn } from './identifiers';
import { err, ok, type Result } from './result';
import {
	ARTICLE_FIELDS,
	serverAddressProblem,
	SHOP_STREAM,
	type ArticleFields,
	type ArticleRevision
} from './replication';

/**
 * The head office of a chain of shops (docs/replication.md#shops): its hub keeps one stream per
 * shop, sourced from that shop's server; the head office reads them to see each shop's tills side
 * by side. Till ids repeat from shop to shop (each shop has its CAISSE1), so a till is always
 * named with its shop. Pure: the hub is read elsewhere.
 */

/** The head office's access to the hub, as `npm run shop-server -- init-hub` writes it (siege.json). */
export interface HeadOfficeAccess {
	readonly server: string;
	readonly user: string;
	readonly password: string;
	readonly shops: readonly string[];
}

/**
 * The hub's stream of the head office's catalogue and prices (docs/replication.md#head-office-catalogue),
 * which every shop's stream sources.
 */
export const HEAD_OFFICE_STREAM = `${SHOP_STREAM}_SIEGE`;

/** The hub's stream of one shop: every record of that shop, as its server keeps them. */
export function shopStreamAtHub(shop: string): string {
	return `${SHOP_STREAM}_${shop}`;
}

const NAME = /^[A-Z0-9_-]{1,16}$/u;

/** Reads the head office's access file; each fault in French. */
export function parseHeadOfficeAccess(text: string): Result<HeadOfficeAccess> {
	let value: Partial<Record<keyof HeadOfficeAccess, unknown>>;
	try {
		value = JSON.parse(text) as typeof value;
	} catch {
		return err(
			'ACCESS',
			'Ce n’est pas le fichier d’accès du siège (JSON attendu, tel que l’écrit «\u00a0npm run shop-server -- init-hub\u00a0» dans siege.json).'
		);
	}
	const server = typeof value?.server === 'string' ? value.server.trim() : '';
	const serverProblem = serverAddressProblem(server, 'Adresse du serveur du siège');
	if (serverProblem) return err('ACCESS', serverProblem);
	const user = typeof value.user === 'string' ? value.user : '';
	const password = typeof value.password === 'string' ? value.password : '';
	if (!user || !password) {
		return err('ACCESS', 'Utilisateur ou mot de passe manquant dans le fichier du siège.');
	}
	const shops = Array.isArray(value.shops) ? value.shops : [];
	if (shops.length === 0 || !shops.every((shop) => typeof shop === 'string' && NAME.test(shop))) {
		return err('ACCESS', 'Liste des boutiques manquante ou invalide dans le fichier du siège.');
	}
	return ok({ server, user, password, shops: shops as string[] });
}

/** A ticket read from a shop's stream at the hub, and whether its seal holds. */
export interface ChainTicket {
	readonly shop: string;
	readonly ticket: {
		readonly tillId: string;
		readonly number: number;
		readonly createdAt: string;
		readonly day: string;
		readonly totalCents: number;
		readonly rates: readonly { readonly vatCents: number }[];
		readonly hash: string;
	};
	/** Its hash recomputed from its content and its till's signature both hold. */
	readonly intact: boolean;
}

/** What a till of a shop sold on the day, as its sealed tickets say. */
export interface ChainTillDay {
	readonly shop: string;
	readonly tillId: string;
	readonly ticketCount: number;
	readonly ttcCents: number;
	readonly vatCents: number;
	/** Tickets whose seal does not hold: shown, never added to the figures. */
	readonly refused: number;
}

export interface ChainDaySummary {
	readonly tills: readonly ChainTillDay[];
	readonly shops: readonly Omit<ChainTillDay, 'tillId'>[];
	readonly total: Omit<ChainTillDay, 'shop' | 'tillId'>;
}

type Figures = { ticketCount: number; ttcCents: number; vatCents: number; refused: number };

const none = (): Figures => ({ ticketCount: 0, ttcCents: 0, vatCents: 0, refused: 0 });

function add(figures: Figures, { ticket, intact }: ChainTicket): void {
	if (!intact) {
		figures.refused += 1;
		return;
	}
	figures.ticketCount += 1;
	figures.ttcCents += ticket.totalCents;
	figures.vatCents += ticket.rates.reduce((sum, rate) => sum + rate.vatCents, 0);
}

/**
 * The day of a chain: each shop's tills, each shop, the whole chain, from the tickets read at the
 * hub (a ticket read twice, the same hash under the same shop, till and number, counted once). Shops and tills in
 * name order; every shop of `shops` appears, a shop that sold nothing with zeros.
 */
export function chainDaySummary(
	shops: readonly string[],
	tickets: readonly ChainTicket[]
): ChainDaySummary {
	const seen = new Set<string>();
	const byTill = new Map<string, Figures & { shop: string; tillId: string }>();
	const shopFigures = new Map<string, Figures & { shop: string }>(
		shops.map((shop) => [shop, { shop, ...none() }])
	);
	const total = none();
	for (const item of tickets) {
		const { shop, ticket } = item;
		const key = `${shop}|${ticket.tillId}|${ticket.number}|${ticket.hash}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const till = byTill.get(`${shop}|${ticket.tillId}`) ?? {
			shop,
			tillId: ticket.tillId,
			...none()
		};
		byTill.set(`${shop}|${ticket.tillId}`, till);
		const ofShop = shopFigures.get(shop) ?? { shop, ...none() };
		shopFigures.set(shop, ofShop);
		for (const figures of [till, ofShop, total]) add(figures, item);
	}
	const byShop = (a: { shop: string }, b: { shop: string }) => a.shop.localeCompare(b.shop);
	return {
		tills: [...byTill.values()].sort((a, b) => byShop(a, b) || a.tillId.localeCompare(b.tillId)),
		shops: [...shopFigures.values()].sort(byShop),
		total
	};
}

/**
 * A shop's closing (Z of a day, a month's or a year's) as the hub keeps its copy: the figures the
 * till sealed, and whether its seal holds (hash and signature, as for a ticket).
 */
export interface ChainClosing {
	readonly shop: string;
	readonly tillId: string;
	readonly kind: ClosingKind;
	readonly periodStart: string;
	readonly periodEnd: string;
	readonly ticketCount: number;
	readonly ttcCents: number;
	readonly vatCents: number;
	readonly perpetualGrandTotalCents: number;
	readonly hash: string;
	readonly intact: boolean;
}

const CLOSING_KINDS: readonly string[] = ['day', 'month', 'year'];
const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** The closing a copy carries (the record as the till sealed it), or null when it is not one. */
export function closingOfCopy(
	shop: string,
	record: Readonly<Record<string, unknown>>,
	intact: boolean
): ChainClosing | null {
	const totals = record.totals as Partial<PeriodTotals> | undefined;
	const { tillId, kind, periodStart, periodEnd, perpetualGrandTotalCents, hash } = record;
	if (
		typeof tillId !== 'string' ||
		typeof kind !== 'string' ||
		!CLOSING_KINDS.includes(kind) ||
		typeof periodStart !== 'string' ||
		!DAY.test(periodStart) ||
		typeof periodEnd !== 'string' ||
		!DAY.test(periodEnd) ||
		typeof perpetualGrandTotalCents !== 'number' ||
		typeof hash !== 'string' ||
		typeof totals?.ttcCents !== 'number' ||
		typeof totals.vatCents !== 'number' ||
		typeof totals.ticketCount !== 'number'
	) {
		return null;
	}
	return {
		shop,
		tillId,
		kind: kind as ClosingKind,
		periodStart,
		periodEnd,
		ticketCount: totals.ticketCount,
		ttcCents: totals.ttcCents,
		vatCents: totals.vatCents,
		perpetualGrandTotalCents,
		hash,
		intact
	};
}

/**
 * The closings of a period at the head office: those whose period lies within it, each once (a
 * copy read twice), by shop, till, period and kind (a day's Z before the month's that follows).
 */
export function closingsWithin(
	closings: readonly ChainClosing[],
	period: { readonly from: string; readonly to: string }
): ChainClosing[] {
	const seen = new Set<string>();
	const order: Record<ClosingKind, number> = { day: 0, month: 1, year: 2 };
	return closings
		.filter((closing) => closing.periodStart >= period.from && closing.periodEnd <= period.to)
		.filter((closing) => {
			const key = `${closing.shop}|${closing.tillId}|${closing.hash}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.sort(
			(a, b) =>
				a.shop.localeCompare(b.shop) ||
				a.tillId.localeCompare(b.tillId) ||
				a.periodEnd.localeCompare(b.periodEnd) ||
				order[a.kind] - order[b.kind]
		);
}

/** Lines refused in a head office's catalogue file, named at most this many at a time. */
const ERRORS_SHOWN = 5;

/**
 * The head office's catalogue file (a CSV with a header line, as a till imports it: EAN, title,
 * price… — its stock column ignored, stock is each shop's) as the revisions it sends to every shop
 * (docs/replication.md#head-office-catalogue): each title whole, its last line winning. A file with
 * a line that is not a title sends nothing: the lines are named, in French.
 */
export function headOfficeRevisions(
	rows: readonly (readonly string[])[],
	at: string
): Result<ArticleRevision[]> {
	const [headers, ...lines] = rows;
	const mapping = guessColumnMapping(headers ?? []);
	const missing = checkColumnMapping(mapping);
	if (missing.length > 0) return err('CATALOGUE', missing.join(' '), 'catalogue');
	const refused: CsvRowError[] = [];
	const items = new Map<string, ArticleRevision>();
	lines.forEach((row, index) => {
		if (row.every((cell) => cell.trim() === '')) return;
		const read = csvRowToArticle(row, mapping, index + 2);
		if (!read.ok) {
			refused.push(read.error);
			return;
		}
		const { ean } = read.article;
		const fields = Object.fromEntries(
			ARTICLE_FIELDS.map((field) => [field, read.article[field]])
		) as ArticleFields;
		items.set(ean, { ean, base: null, fields, stockDelta: 0, editedAt: at });
	});
	if (refused.length > 0) {
		const named = refused
			.slice(0, ERRORS_SHOWN)
			.map((error) => `ligne ${error.line}\u00a0: ${error.reason}`)
			.join('\u00a0; ');
		const more =
			refused.length > ERRORS_SHOWN ? `\u00a0; et ${refused.length - ERRORS_SHOWN} autres` : '';
		return err(
			'CATALOGUE',
			`${refused.length} ligne${refused.length > 1 ? 's' : ''} à corriger, rien n’est envoyé (${named}${more}).`,
			'catalogue'
		);
	}
	if (items.size === 0) return err('CATALOGUE', 'Ce fichier n’a aucun titre.', 'catalogue');
	return ok([...items.values()]);
}

/**
 * The head office's question to the shops' tills: their stock of some titles
 * (docs/replication.md#head-office-stock). Any till online in a shop answers for its shop: the
 * tills of a shop share its stock.
 */
export const STOCK_QUERY_SUBJECT = 'siege.stock';
/** Titles asked at a time. */
export const STOCK_QUERY_MAX = 20;

export interface StockQuery {
	readonly eans: readonly string[];
}

/** A till's answer: its shop's stock of each title asked (null: a title the shop does not have). */
export interface StockAnswer {
	readonly shop: string;
	readonly tillId: string;
	readonly at: string;
	readonly stock: Readonly<Record<string, number | null>>;
}

/** The titles typed at the head office (EAN or ISBN, separated by spaces or commas); in French. */
export function stockQueryOf(text: string): Result<StockQuery> {
	const codes = text.split(/[\s,;]+/u).filter(Boolean);
	if (codes.length === 0) return err('STOCK_QUERY', 'Indiquez au moins un EAN ou ISBN.', 'eans');
	if (codes.length > STOCK_QUERY_MAX) {
		return err('STOCK_QUERY', `${STOCK_QUERY_MAX} titres au plus à la fois.`, 'eans');
	}
	const eans: string[] = [];
	for (const code of codes) {
		// An ISBN-10 as the EAN printed on the book; any other code as an EAN (stationery too).
		const ean = compactCode(code).length === 10 ? validateIsbn(code) : validateEan(code);
		if (!ean.ok) return err('STOCK_QUERY', `« ${code} »\u00a0: ${ean.error.message}`, 'eans');
		if (!eans.includes(ean.value)) eans.push(ean.value);
	}
	return ok({ eans });
}

/** A question as a till receives it, or null when it is not one. */
export function parseStockQuery(text: string): StockQuery | null {
	try {
		const value = JSON.parse(text) as { eans?: unknown };
		const { eans } = value ?? {};
		return Array.isArray(eans) &&
			eans.length <= STOCK_QUERY_MAX &&
			eans.every((ean) => typeof ean === 'string' && /^\d{8,14}$/u.test(ean))
			? { eans: eans as string[] }
			: null;
	} catch {
		return null;
	}
}

/** An answer as the head office receives it, or null when it is not one. */
export function parseStockAnswer(text: string): StockAnswer | null {
	try {
		const value = JSON.parse(text) as Partial<Record<keyof StockAnswer, unknown>>;
		const { shop, tillId, at, stock } = value ?? {};
		return typeof shop === 'string' &&
			typeof tillId === 'string' &&
			typeof at === 'string' &&
			typeof stock === 'object' &&
			stock !== null &&
			Object.values(stock).every((n) => n === null || Number.isInteger(n))
			? { shop, tillId, at, stock: stock as Record<string, number | null> }
			: null;
	} catch {
		return null;
	}
}

/** Each shop of the chain with its stock as its freshest answer says, or null: no till online. */
export function shopStocks(
	shops: readonly string[],
	answers: readonly StockAnswer[]
): { shop: string; answer: StockAnswer | null }[] {
	return [...shops].sort().map((shop) => ({
		shop,
		answer:
			answers
				.filter((answer) => answer.shop === shop)
				.reduce<StockAnswer | null>(
					(freshest, answer) => (!freshest || answer.at > freshest.at ? answer : freshest),
					null
				) ?? null
	}));
}
