import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	chainDaySummary,
	closingOfCopy,
	closingsWithin,
	headOfficeRevisions,
	parseHeadOfficeAccess,
	parseStockAnswer,
	parseStockQuery,
	shopStocks,
	stockQueryOf,
	shopStreamAtHub,
	type ChainTicket
} from './head-office';
import { headOfficeTitle } from '../../../tests/fixtures/head-office';

const ticket = (
	shop: string,
	tillId: string,
	number: number,
	totalCents: number,
	intact = true
): ChainTicket => ({
	shop,
	intact,
	ticket: {
		tillId,
		number,
		createdAt: '2026-12-04T10:00:00.000Z',
		day: '2026-12-04',
		totalCents,
		rates: [{ vatCents: Math.round(totalCents * 0.052) }],
		hash: `${shop}-${tillId}-${number}-${totalCents}-${String(intact)}`
	}
});

describe('chainDaySummary: a chain’s day, each shop’s tills named with their shop', () => {
	it('keeps two shops’ CAISSE1 apart, adds up each shop and the chain, and leaves a broken seal out', () => {
		const summary = chainDaySummary(
			['BOUTIQUE2', 'BOUTIQUE1', 'BOUTIQUE3'],
			[
				ticket('BOUTIQUE1', 'CAISSE1', 1, 1_720),
				ticket('BOUTIQUE2', 'CAISSE1', 1, 2_000),
				ticket('BOUTIQUE1', 'CAISSE2', 1, 860),
				ticket('BOUTIQUE1', 'CAISSE1', 2, 500),
				// Read twice (the hub delivered it again): counted once.
				ticket('BOUTIQUE1', 'CAISSE1', 2, 500),
				ticket('BOUTIQUE2', 'CAISSE1', 2, 9_999, false)
			]
		);
		expect(
			summary.tills.map((t) => [t.shop, t.tillId, t.ticketCount, t.ttcCents, t.refused])
		).toEqual([
			['BOUTIQUE1', 'CAISSE1', 2, 2_220, 0],
			['BOUTIQUE1', 'CAISSE2', 1, 860, 0],
			['BOUTIQUE2', 'CAISSE1', 1, 2_000, 1]
		]);
		expect(summary.shops.map((s) => [s.shop, s.ticketCount, s.ttcCents, s.refused])).toEqual([
			['BOUTIQUE1', 3, 3_080, 0],
			['BOUTIQUE2', 1, 2_000, 1],
			['BOUTIQUE3', 0, 0, 0]
		]);
		expect(summary.total).toEqual({ ticketCount: 4, ttcCents: 5_080, vatCents: 264, refused: 1 });
	});

	it('counts a shop that is not in the access file too (its stream was read)', () => {
		const summary = chainDaySummary([], [ticket('BOUTIQUE9', 'CAISSE1', 1, 100)]);
		expect(summary.shops).toEqual([
			{ shop: 'BOUTIQUE9', ticketCount: 1, ttcCents: 100, vatCents: 5, refused: 0 }
		]);
	});

	it('gives the chain the sum of its shops, and each shop the sum of its tills, whatever the order', () => {
		const arbitraryTicket = fc.record({
			shop: fc.constantFrom('B1', 'B2'),
			till: fc.constantFrom('CAISSE1', 'CAISSE2'),
			number: fc.integer({ min: 1, max: 30 }),
			cents: fc.integer({ min: -5_000, max: 50_000 }),
			intact: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(arbitraryTicket, { maxLength: 60 }), (drawn) => {
				const tickets = drawn.map((t) => ticket(t.shop, t.till, t.number, t.cents, t.intact));
				const summary = chainDaySummary(['B1', 'B2'], tickets);
				const reversed = chainDaySummary(['B1', 'B2'], tickets.toReversed());
				const sum = (rows: readonly { ttcCents: number }[]) =>
					rows.reduce((total, row) => total + row.ttcCents, 0);
				expect(sum(summary.shops)).toBe(summary.total.ttcCents);
				expect(sum(summary.tills)).toBe(summary.total.ttcCents);
				expect(reversed.total).toEqual(summary.total);
			})
		);
	});
});

describe('parseHeadOfficeAccess: the head office’s file (siege.json)', () => {
	const good = {
		server: 'ws://127.0.0.1:9223',
		user: 'SIEGE',
		password: 'secret',
		shops: ['BOUTIQUE1', 'BOUTIQUE2']
	};

	it('reads the file init-hub writes', () => {
		expect(parseHeadOfficeAccess(JSON.stringify(good))).toEqual({ ok: true, value: good });
		expect(shopStreamAtHub('BOUTIQUE1')).toBe('COMPTOIR_BOUTIQUE1');
	});

	it.each([
		['not JSON', 'siège', /JSON attendu/u],
		['no address', JSON.stringify({ ...good, server: 'http://x' }), /ws:\/\/… ou wss:\/\/…/u],
		[
			'plain ws beyond this computer',
			JSON.stringify({ ...good, server: 'ws://10.0.0.2:9223' }),
			/chiffrée \(wss:\/\/\)/u
		],
		['no password', JSON.stringify({ ...good, password: '' }), /mot de passe manquant/u],
		[
			'a user that is no text',
			JSON.stringify({ ...good, user: 7, password: 7 }),
			/mot de passe manquant/u
		],
		[
			'shops that are no list',
			JSON.stringify({ ...good, shops: 'BOUTIQUE1' }),
			/Liste des boutiques/u
		],
		['no shops', JSON.stringify({ ...good, shops: [] }), /Liste des boutiques/u],
		['a bad shop name', JSON.stringify({ ...good, shops: ['boutique 1'] }), /Liste des boutiques/u],
		['null', 'null', /ws:\/\/… ou wss:\/\/…/u]
	])('refuses %s, in French', (_, text, message) => {
		const read = parseHeadOfficeAccess(text);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.error.message).toMatch(message);
	});
});

describe('the shops’ closings at the head office', () => {
	const record = (change: Record<string, unknown> = {}) => ({
		tillId: 'CAISSE1',
		kind: 'day',
		periodStart: '2026-12-03',
		periodEnd: '2026-12-03',
		perpetualGrandTotalCents: 120_000,
		hash: 'h1',
		totals: { ticketCount: 3, ttcCents: 4_540, vatCents: 237 },
		...change
	});

	it('reads the figures a till sealed in its closing', () => {
		expect(closingOfCopy('BOUTIQUE1', record(), true)).toEqual({
			shop: 'BOUTIQUE1',
			tillId: 'CAISSE1',
			kind: 'day',
			periodStart: '2026-12-03',
			periodEnd: '2026-12-03',
			ticketCount: 3,
			ttcCents: 4_540,
			vatCents: 237,
			perpetualGrandTotalCents: 120_000,
			hash: 'h1',
			intact: true
		});
	});

	it.each([
		['another kind', { kind: 'week' }],
		['no till', { tillId: 7 }],
		['a period start that is no day', { periodStart: '03/12/2026' }],
		['a period end that is no day', { periodEnd: 20261203 }],
		['no grand total', { perpetualGrandTotalCents: '1' }],
		['no hash', { hash: null }],
		['no totals', { totals: undefined }],
		['totals without VAT', { totals: { ticketCount: 1, ttcCents: 1 } }],
		['totals without a count', { totals: { ttcCents: 1, vatCents: 0 } }],
		['a kind that is no text', { kind: 1 }],
		['no period start', { periodStart: null }]
	])('reads no closing from a record with %s', (_, change) => {
		expect(closingOfCopy('BOUTIQUE1', record(change), true)).toBeNull();
	});

	it('keeps those within the period, each once, by shop, till, end and kind', () => {
		const read = (shop: string, change: Record<string, unknown>) =>
			closingOfCopy(shop, record(change), true) as NonNullable<ReturnType<typeof closingOfCopy>>;
		const month = read('BOUTIQUE1', {
			kind: 'month',
			periodStart: '2026-11-01',
			periodEnd: '2026-11-30',
			hash: 'm'
		});
		const dayZ = (shop: string, day: string, hash: string, tillId = 'CAISSE1') =>
			read(shop, { tillId, periodStart: day, periodEnd: day, hash });
		const lastDay = dayZ('BOUTIQUE1', '2026-11-30', 'd30');
		const otherShop = dayZ('BOUTIQUE0', '2026-11-02', 'x');
		const otherTill = dayZ('BOUTIQUE1', '2026-11-02', 'y', 'CAISSE2');
		const outside = dayZ('BOUTIQUE1', '2026-12-01', 'z');
		expect(
			closingsWithin([month, outside, lastDay, otherTill, lastDay, otherShop], {
				from: '2026-11-01',
				to: '2026-11-30'
			})
		).toEqual([otherShop, lastDay, month, otherTill]);
	});
});

describe('the head office’s catalogue file', () => {
	const at = '2026-12-04T09:00:00.000Z';
	const header = ['EAN', 'Titre', 'Auteur', 'Éditeur', 'Prix', 'Stock'];

	it('sends each title whole, its last line winning, the stock left to each shop', () => {
		const sent = headOfficeRevisions(
			[
				header,
				['9782070368228', 'Le Petit Prince', 'Saint-Exupéry', 'Gallimard', '8,50', '4'],
				['', '', '', '', '', ''],
				['9782070368228', 'Le Petit Prince', 'Saint-Exupéry', 'Gallimard', '8,90', '4']
			],
			at
		);
		expect(sent).toEqual({ ok: true, value: [headOfficeTitle(890, at)] });
	});

	it.each([
		[
			'no price column',
			[
				['EAN', 'Titre'],
				['9782070368228', 'Le Petit Prince']
			],
			/colonne « Prix/u
		],
		['nothing at all', [], /colonne « EAN/u],
		['no title line', [header], /aucun titre/u],
		[
			'a bad line',
			[header, ['9782070368228', 'Le Petit Prince', '', '', 'gratuit', '']],
			/^1 ligne à corriger, rien n’est envoyé \(ligne 2\u00a0: Prix/u
		],
		[
			'seven bad lines',
			[header, ...Array.from({ length: 7 }, () => ['123', 'X', '', '', '1', ''])],
			/^7 lignes à corriger.*ligne 6.*; et 2 autres\)\.$/u
		]
	])('refuses %s, sending nothing', (_, rows, message) => {
		const sent = headOfficeRevisions(rows, at);
		expect(sent).toMatchObject({
			ok: false,
			error: { field: 'catalogue', message: expect.stringMatching(message) }
		});
	});
});

describe('the shops’ stock asked by the head office', () => {
	it.each([
		[
			'9782070368228 2-07-036822-X, 9782070368228',
			{ ok: true, value: { eans: ['9782070368228'] } }
		],
		['3760123456784', { ok: true, value: { eans: ['3760123456784'] } }],
		['', { ok: false, error: { field: 'eans', message: 'Indiquez au moins un EAN ou ISBN.' } }],
		['123', { ok: false, error: { field: 'eans', message: expect.stringMatching(/^« 123 »/u) } }],
		[
			Array.from({ length: 21 }, () => '9782070368228').join(' '),
			{ ok: false, error: { message: '20 titres au plus à la fois.' } }
		]
	])('reads %j', (text, outcome) => {
		expect(stockQueryOf(text)).toMatchObject(outcome);
	});

	it('reads a question and an answer as they travel, nothing else', () => {
		expect(parseStockQuery('{"eans":["9782070368228"]}')).toEqual({ eans: ['9782070368228'] });
		for (const text of ['x', 'null', '{"eans":"9782070368228"}', '{"eans":["abc"]}']) {
			expect(parseStockQuery(text)).toBeNull();
		}
		const answer = {
			shop: 'B1',
			tillId: 'CAISSE1',
			at: '2026-12-04T10:00:00Z',
			stock: { a: 3, b: null }
		};
		expect(parseStockAnswer(JSON.stringify(answer))).toEqual(answer);
		for (const text of [
			'x',
			'null',
			JSON.stringify({ ...answer, stock: { a: 1.5 } }),
			JSON.stringify({ ...answer, stock: null }),
			JSON.stringify({ ...answer, shop: 1 })
		]) {
			expect(parseStockAnswer(text)).toBeNull();
		}
	});

	it('keeps each shop’s freshest answer, a shop without one named', () => {
		const answer = (shop: string, tillId: string, at: string) => ({ shop, tillId, at, stock: {} });
		expect(
			shopStocks(
				['B2', 'B1', 'B3'],
				[
					answer('B1', 'CAISSE1', '2026-12-04T10:00:01Z'),
					answer('B1', 'CAISSE2', '2026-12-04T10:00:02Z'),
					answer('B2', 'CAISSE1', '2026-12-04T10:00:01Z'),
					answer('B1', 'CAISSE3', '2026-12-04T10:00:00Z'),
					answer('X9', 'CAISSE1', '2026-12-04T10:00:00Z')
				]
			)
		).toEqual([
			{ shop: 'B1', answer: answer('B1', 'CAISSE2', '2026-12-04T10:00:02Z') },
			{ shop: 'B2', answer: answer('B2', 'CAISSE1', '2026-12-04T10:00:01Z') },
			{ shop: 'B3', answer: null }
		]);
	});
});
