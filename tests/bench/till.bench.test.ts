/**
 * The till’s targets on a catalogue of BENCH_SCALE titles (1 000 000 by default), each next to the
 * raw IndexedDB figure for the same operation in the same run:
 * catalogue CSV import vs raw bulk write, word-prefix search vs raw index range, scan-to-line vs
 * raw get by key, ticket validation vs a raw strict readwrite commit.
 */
import { proxy } from 'comlink';
import { flushSync } from 'svelte';
import { commands } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { expect, it } from 'vitest';
import { toArticleRow } from '$lib/db/article-repository';
import { searchArticles } from '$lib/db/search/catalogue-search';
import { createDatabase, DATABASE_NAME, useDatabaseForTests } from '$lib/db/db';
import { recordSale } from '$lib/db/ticket-repository';
import {
	buildNewTicket,
	computeTicketTotals,
	placeTitles,
	validatePayments,
	type SaleLineInput,
	type TicketInput
} from '$lib/domain';
import { cart } from '$lib/state/cart.svelte';
import { startImportWorker } from '$lib/workers/catalogue-import-client';
import { catalogueCsvChunks, catalogueGenerator } from './catalogue-generator';
import { done, request, restNote, waitForRestOf, type Settling } from './raw-idb';
import { measure, summarize, type Figure } from './stats';
import TillHarness from './TillHarness.svelte';

const scale = Number(import.meta.env.BENCH_SCALE);
const generator = catalogueGenerator();
const figures: Figure[] = [];
let settling: Settling | undefined;
const withRest = (note: string) =>
	[note, settling && restNote(settling)].filter(Boolean).join(' ; ');
const pick3 = (s: { p50: number; p95: number; p99: number }) => ({
	p50: s.p50,
	p95: s.p95,
	p99: s.p99
});

/**
 * Raw baseline: the same records (article rows with their key and indexes, a stock row for each
 * stock other than 0, and the search lists with each title's batch row), one strict transaction.
 */
async function rawBulkWrite(name: string): Promise<number> {
	await request(indexedDB.deleteDatabase(name));
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		const store = open.result.createObjectStore('articles', { keyPath: 'ean' });
		store.createIndex('words', 'words', { multiEntry: true });
		store.createIndex('kind', 'kind');
		store.createIndex('updatedAt', 'updatedAt');
		open.result.createObjectStore('stock', { keyPath: 'ean' });
		open.result.createObjectStore('searchLists', { keyPath: ['word', 'batch'] });
		open.result.createObjectStore('searchBatches', { keyPath: 'ean' });
	};
	const raw = await request(open);
	const updatedAt = new Date().toISOString();
	const rawStart = performance.now();
	const stores = ['articles', 'stock', 'searchLists', 'searchBatches'];
	const tx = raw.transaction(stores, 'readwrite', { durability: 'strict' });
	const store = tx.objectStore('articles');
	const stock = tx.objectStore('stock');
	const lists = tx.objectStore('searchLists');
	const batches = tx.objectStore('searchBatches');
	for (let start = 0; start < scale; start += 5_000) {
		let last: IDBRequest | undefined;
		const rows = [];
		for (let i = start; i < Math.min(scale, start + 5_000); i++) {
			const article = generator.article(i);
			const row = toArticleRow(article, updatedAt);
			rows.push(row);
			last = store.put(row);
			if (article.stock !== 0) last = stock.put({ ean: article.ean, quantity: article.stock });
		}
		const placement = placeTitles(rows, start);
		for (const list of placement.lists) last = lists.put(list);
		for (const batch of placement.batches) last = batches.put(batch);
		if (last) await request(last);
	}
	await done(tx);
	const ms = performance.now() - rawStart;
	raw.close();
	return ms;
}

it(`catalogue import of ${scale} rows vs raw IndexedDB bulk write of the same records`, async () => {
	// On disk, whichever bulk write comes second pays for the first one's background compaction
	// (measured at 50 000 rows: 15–25 % slower, whatever its kind). So the raw write is timed once
	// before and once after the import, and the baseline is their mean. The raw databases are
	// deleted in the next test, before the wait for rest (see there).
	const rawBefore = await rawBulkWrite('bench-raw-articles-before');

	// The app: CSV parsed, checked and written by the import worker, in one transaction.
	const db = createDatabase(DATABASE_NAME);
	await db.delete();
	await db.open();
	useDatabaseForTests(db);
	const file = new File([...catalogueCsvChunks(generator, scale)], 'catalogue.csv', {
		type: 'text/csv'
	});
	const worker = startImportWorker();
	const preview = await worker.api.previewCsv(file);
	const importStart = performance.now();
	const report = await worker.api.importCsv(
		file,
		{ mapping: preview.mapping, encoding: preview.encoding, delimiter: preview.delimiter },
		proxy(() => undefined)
	);
	const importMs = performance.now() - importStart;
	worker.terminate();
	expect(report.written).toBe(scale);
	expect(report.rejected).toBe(0);

	const rawAfter = await rawBulkWrite('bench-raw-articles-after');

	const rawMs = (rawBefore + rawAfter) / 2;
	const rate = (ms: number) => Math.round(scale / (ms / 1000)).toLocaleString('fr-FR');
	const note = `${rate(importMs)} lignes/s contre ${rate(rawMs)}/s brut (${rate(rawBefore)} avant, ${rate(rawAfter)} après) : ${Math.round((100 * rawMs) / importMs)} %`;
	console.info(`Import : ${note}`); // the longest phase: its figure is shown as soon as it is known
	figures.push({
		name: `Import CSV du catalogue (${scale.toLocaleString('fr-FR')} lignes : lecture, contrôle, écriture)`,
		samples: 1,
		p50: importMs,
		p95: importMs,
		p99: importMs,
		target: '≥ 80 % du débit brut',
		baseline: {
			name: 'IndexedDB brut : mêmes enregistrements et index, une transaction stricte, moyenne avant et après l’import',
			p50: rawMs,
			p95: rawMs,
			p99: rawMs
		},
		note
	});
});

it('waits until the disk is at rest after the import', async () => {
	// The raw copies go first: two million records that would otherwise compact through the
	// measures. Deleted right before measuring (session 6), they made ticket validation p95 1,5 s;
	// kept to the end (session 7), the disk was not at rest 15 min after the import. Deleted
	// here, their compaction is waited out with the rest; on 2026-11-24 the disk still did not
	// come to rest within 15 min, and the measures were the same as with the copies kept.
	await request(indexedDB.deleteDatabase('bench-raw-articles-before'));
	await request(indexedDB.deleteDatabase('bench-raw-articles-after'));
	settling = await waitForRestOf(DATABASE_NAME, (raw) => ({
		get: (i) =>
			request(
				raw
					.transaction('articles')
					.objectStore('articles')
					.get(generator.article((i * 104_723) % scale).ean)
			),
		range: (i) => {
			const prefix = generator.query(i * 6_007, 1);
			const index = raw.transaction('articles').objectStore('articles').index('words');
			return request(index.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 20));
		}
	}));
	console.info(`Till : ${restNote(settling)}`);
});

it('word-prefix search, first 20 results, vs a raw index range read', async () => {
	const raw = await request(indexedDB.open(DATABASE_NAME));
	const rawRange = await measure(
		async (i) => {
			const prefix = generator.query(i * 7919, 1);
			const index = raw.transaction('articles').objectStore('articles').index('words');
			await request(index.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 20));
		},
		{ runs: 200 }
	);
	raw.close();
	for (const words of [1, 2, 3] as const) {
		let found = 0;
		const stats = await measure(
			async (i) => {
				const results = await searchArticles(generator.query((i * 104_729) % scale, words));
				if (results.articles.length > 0) found++;
			},
			{ runs: 200 }
		);
		figures.push({
			name: `Recherche par ${words === 1 ? 'un mot (préfixe)' : `${words} mots`}, 20 premiers résultats`,
			...stats,
			target: words === 1 ? 'p95 ≤ 20 ms' : 'p95 ≤ 50 ms',
			baseline: { name: 'IndexedDB brut : 20 premières entrées d’un index', ...pick3(rawRange) },
			note: withRest(
				`${Math.round((100 * found) / (stats.samples + 20))} % des requêtes ont au moins un résultat`
			)
		});
	}
});

it('scan-to-line: Enter in the scan field → line and totals in the DOM', async () => {
	const raw = await request(indexedDB.open(DATABASE_NAME));
	const rawGet = await measure(
		async (i) => {
			await request(
				raw
					.transaction('articles')
					.objectStore('articles')
					.get(generator.article((i * 7919) % scale).ean)
			);
		},
		{ runs: 300 }
	);
	raw.close();

	await render(TillHarness);
	const input = document.getElementById('scan') as HTMLInputElement;
	const total = () => document.querySelector('[data-testid="ticket-total"]')?.textContent ?? '';
	const samples: number[] = [];
	for (let i = 0; i < 320; i++) {
		if (i % 20 === 0) {
			cart.clear();
			flushSync();
		}
		const ean = generator.article((i * 15_485_863) % scale).ean;
		const before = total();
		const rows = document.querySelectorAll('tbody tr').length;
		const rendered = new Promise<void>((resolve) => {
			const observer = new MutationObserver(() => {
				if (document.querySelectorAll('tbody tr').length > rows && total() !== before) {
					observer.disconnect();
					resolve();
				}
			});
			observer.observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		const start = performance.now();
		input.value = ean;
		input.dispatchEvent(new Event('input', { bubbles: true }));
		input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
		await rendered;
		if (i >= 20) samples.push(performance.now() - start);
	}
	figures.push({
		name: 'Scan → ligne affichée avec totaux à jour (DOM, worker compris)',
		...summarize(samples),
		target: 'p95 ≤ 16 ms',
		baseline: { name: 'IndexedDB brut : lecture par clé', ...pick3(rawGet) },
		note: withRest('Mesuré jusqu’à la mise à jour du DOM (avant peinture)')
	});
	cart.clear();
});

it('ticket validation: one strict transaction vs a raw strict readwrite commit', async () => {
	const raw = await request(indexedDB.open(DATABASE_NAME));
	let key = 0;
	const rawCommit = await measure(
		async () => {
			const tx = raw.transaction('settings', 'readwrite', { durability: 'strict' });
			tx.objectStore('settings').put({ key: `bench-${key++ % 10}`, value: {} });
			await done(tx);
		},
		{ runs: 200 }
	);
	raw.close();

	const validation = await measure(
		async (i) => {
			const articles = [0, 1, 2].map((k) => generator.article(((i + 1) * 7919 * (k + 1)) % scale));
			const input: TicketInput<SaleLineInput> = {
				customerStatus: 'particulier',
				lines: articles.map((a) => ({
					label: a.title,
					ean: a.ean,
					title: a.title,
					authors: a.authors,
					publisher: a.publisher,
					quantity: 1,
					unitPriceCents: a.priceCents,
					vatRateBp: a.vatRateBp,
					articleKind: a.kind
				}))
			};
			const totals = computeTicketTotals(input);
			if (!totals.ok) throw new Error(totals.error.message);
			const tenders = [{ method: 'carte' as const, amountCents: totals.value.ttcCents }];
			const payment = validatePayments({
				totalCents: totals.value.ttcCents,
				tenders,
				hasCustomer: false
			});
			if (!payment.ok) throw new Error(payment.error.message);
			await recordSale(
				buildNewTicket({
					tillId: 'BENCH',
					cashier: 'Bench',
					customerId: null,
					ticketInput: input,
					totals: totals.value,
					tenders,
					payment: payment.value
				})
			);
		},
		{ runs: 200 }
	);
	figures.push({
		name: 'Validation d’un ticket (numéro, ticket, stock, totaux du jour : une transaction stricte)',
		...validation,
		target: 'p95 ≤ 30 ms',
		baseline: {
			name: 'IndexedDB brut : une petite transaction readwrite stricte',
			...pick3(rawCommit)
		},
		note: withRest('Ticket scellé : SHA-256 et signature ECDSA P-256 dans la transaction')
	});
	await commands.writeFile('tests/bench/results/till.json', JSON.stringify(figures, null, 2));
	// Free the million titles: the next bench files need the profile's quota.
	const db = createDatabase(DATABASE_NAME);
	await db.delete();
});
