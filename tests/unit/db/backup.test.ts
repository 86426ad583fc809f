import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	BackupRejectedError,
	backupStatus,
	createBackup,
	hasBusinessData,
	readBackup,
	restoreBackup
} from '$lib/db/backup-repository';
import { getStock, saveArticle } from '$lib/db/article-repository';
import { searchArticles } from '$lib/db/search/catalogue-search';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { closePeriod } from '$lib/db/closing-repository';
import type { ComptoirDb } from '$lib/db/db';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { assertCents, assertVatRateBp, chainHash, sha256Hex } from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

const at = (iso: string) => new Date(iso);
const etranger = {
	ean: '9782070360024',
	title: 'L’Étranger',
	authors: 'Albert Camus',
	publisher: 'Gallimard',
	collection: 'Folio',
	priceCents: assertCents(790),
	vatRateBp: assertVatRateBp(550),
	kind: 'livre' as const,
	stock: 3
};

async function shopWithSales(): Promise<ComptoirDb> {
	const db = freshDatabase();
	await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
	await recordSale(bookSale(), at('2026-11-02T10:00:00Z'));
	await recordSale(bookSale({ training: 1 }), at('2026-11-02T10:30:00Z'));
	await recordSale(bookSale(), at('2026-11-03T10:00:00Z'));
	await closePeriod('CAISSE1', 'day', '2026-11-02', '2026-11-23', 'Anne');
	return db;
}

const filesOf = async (blob: Blob) =>
	new Map(Object.entries(unzipSync(new Uint8Array(await blob.arrayBuffer()))));
const zipped = (files: Map<string, Uint8Array>) => new Blob([zipSync(Object.fromEntries(files))]);

type Manifest = {
	schemaVersion: number;
	tables: Record<string, { file: string; sha256: string; count: number }>;
};

/** Rewrites the manifest and its checksum, as a forger (or an older version) would write them. */
function withManifest(files: Map<string, Uint8Array>, edit: (manifest: Manifest) => void) {
	const manifest = JSON.parse(new TextDecoder().decode(files.get('sauvegarde.json'))) as Manifest;
	edit(manifest);
	const manifestBytes = strToU8(JSON.stringify(manifest));
	const copy = new Map(files);
	copy.set('sauvegarde.json', manifestBytes);
	copy.set('sauvegarde.sha256', strToU8(sha256Hex(manifestBytes)));
	return copy;
}

/** Rewrites a table file and everything that vouches for it, as a forger knowing the format. */
function forge(
	files: Map<string, Uint8Array>,
	table: string,
	edit: (rows: Record<string, unknown>[]) => void
) {
	const name = `tables/${table}.jsonl`;
	const rows = new TextDecoder()
		.decode(files.get(name))
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	edit(rows);
	const text = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
	const copy = withManifest(files, (manifest) => {
		manifest.tables[table] = {
			...(manifest.tables[table] as Manifest['tables'][string]),
			sha256: sha256Hex(strToU8(text)),
			count: rows.length
		};
	});
	copy.set(name, strToU8(text));
	return copy;
}

describe('backup and restore', () => {
	it('round-trips every table into an empty database on another computer, chains verified [CON-01]', async () => {
		const source = await shopWithSales();
		await saveArticle(etranger);
		const tables = source.tables.map((table) => table.name);
		const before = new Map(
			await Promise.all(
				tables.map(async (name) => [name, await source.table(name).toArray()] as const)
			)
		);
		const { blob, fileName, counts } = await createBackup('Anne', at('2026-11-23T17:45:00Z'));
		expect(fileName).toBe('comptoir-sauvegarde-2026-11-23-18h45.zip');
		expect(counts).toMatchObject({ tickets: 3, closings: 1, articles: 1, stock: 2 });
		// The search statistics are derived: rebuilt on restore, not carried in the file.
		expect(counts).not.toHaveProperty('searchTerms');
		expect(await backupStatus('2026-11-30')).toEqual({
			due: false,
			text: 'Dernière sauvegarde\u00a0: le 23/11/2026 (il y a 7 jours).'
		});
		expect((await backupStatus('2026-12-01')).due).toBe(true);

		// Another browser: another database, another till key.
		const target = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		expect(await backupStatus('2026-11-23')).toEqual({
			due: true,
			text: 'Aucune sauvegarde n’a encore été faite sur cet ordinateur.'
		});
		const backup = await readBackup(blob);
		await restoreBackup(backup, 'Anne');
		for (const name of [
			'tickets',
			'ticketHeads',
			'closings',
			'dailyTotals',
			'sequences',
			'articles',
			'stock',
			'searchTerms'
		]) {
			expect(await target.table(name).toArray()).toEqual(before.get(name));
		}
		const journal = await target.journal.toArray();
		expect(journal.slice(0, -1)).toEqual(before.get('journal'));
		expect(journal.at(-1)).toMatchObject({ type: 'restore', detail: { by: 'Anne' } });
		expect((await verifyIntegrity()).problems).toEqual([]);
		expect((await searchArticles('camus etr')).articles.map((a) => a.title)).toEqual([
			'L’Étranger'
		]);
		// The till goes on from where it stopped: no number used twice.
		expect((await recordSale(bookSale(), at('2026-11-23T18:00:00Z'))).number).toBe(3);
	});

	it('restores a backup made before v6: the stock its articles carried becomes stock rows', async () => {
		await shopWithSales();
		await saveArticle(etranger);
		await saveArticle({ ...etranger, ean: '9782070360420', title: 'La Peste', stock: 0 });
		const files = await filesOf((await createBackup('Anne')).blob);
		const articles = forge(files, 'articles', (rows) => {
			for (const row of rows) row['stock'] = row['title'] === 'La Peste' ? 0 : 3;
		});
		const v5 = withManifest(articles, (manifest) => {
			manifest.schemaVersion = 5;
			delete manifest.tables['stock'];
		});
		v5.delete('tables/stock.jsonl');

		const target = freshDatabase();
		await restoreBackup(await readBackup(zipped(v5)), 'Anne');
		expect(await target.stock.toArray()).toEqual([{ ean: etranger.ean, quantity: 3 }]);
		expect(await getStock('9782070360420')).toBe(0);
		expect(await target.articles.get(etranger.ean)).not.toHaveProperty('stock');
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('refuses to restore over a database that already sells, writing nothing', async () => {
		await shopWithSales();
		const { blob } = await createBackup('Anne');
		const backup = await readBackup(blob);
		const db = await shopWithSales();
		const journal = await db.journal.count();
		await expect(restoreBackup(backup, 'Anne')).rejects.toThrow(
			/ne se restaure que dans une base vide/u
		);
		expect(await db.journal.count()).toBe(journal);
		expect(await db.tickets.count()).toBe(3);
		expect(await hasBusinessData()).toBe(true);
	});

	it('refuses a truncated, altered or forged file and says why', async () => {
		await shopWithSales();
		const { blob } = await createBackup('Anne');
		const files = await filesOf(blob);
		freshDatabase();
		await expect(readBackup(blob.slice(0, blob.size - 40))).rejects.toThrow(
			'Fichier illisible\u00a0: ce n’est pas une sauvegarde Comptoir, ou elle est tronquée.'
		);
		const altered = new Map(files);
		altered.set('tables/tickets.jsonl', strToU8('{}\n'));
		await expect(readBackup(zipped(altered))).rejects.toThrow(
			'La table «\u00a0tickets\u00a0» a été modifiée ou tronquée (empreinte différente).'
		);
		const manifest = new Map(files);
		manifest.set('sauvegarde.json', strToU8('{}'));
		await expect(readBackup(zipped(manifest))).rejects.toThrow(
			/somme de contrôle ne correspond pas/u
		);

		// Every file's hash made good again: the ticket's own hash and signature give it away.
		const amount = forge(files, 'tickets', (rows) => {
			(rows[0] as { totalCents: number }).totalCents = 1;
		});
		await expect(readBackup(zipped(amount))).rejects.toThrow(
			'Sauvegarde refusée\u00a0: Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 1 (CAISSE1).'
		);
		// Re-hashed too, but not re-signed: the signature gives it away.
		const rehashed = forge(files, 'tickets', (rows) => {
			const row = rows[0] as Record<string, unknown>;
			row['totalCents'] = 1;
			row['hash'] = chainHash(String(row['previousHash']), row);
		});
		await expect(readBackup(zipped(rehashed))).rejects.toThrow(
			/Sauvegarde refusée\s: Tickets de caisse/u
		);
		const dropped = forge(files, 'tickets', (rows) => rows.splice(0, 1));
		await expect(readBackup(zipped(dropped))).rejects.toThrow(
			/supprimé juste avant — ticket n° 2/u
		);
		const unknown = withManifest(files, (manifest) => {
			manifest.tables['secrets'] = {
				file: 'tables/secrets.jsonl',
				count: 0,
				sha256: sha256Hex(strToU8(''))
			};
		});
		unknown.set('tables/secrets.jsonl', strToU8(''));
		await expect(readBackup(zipped(unknown))).rejects.toThrow(
			'La table «\u00a0secrets\u00a0» est inconnue de cette version de Comptoir.'
		);
	});

	it('refuses any other file with a French reason, never a crash (fuzzed)', async () => {
		freshDatabase();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.uint8Array({ maxLength: 300 }),
					fc
						.dictionary(
							fc.constantFrom('sauvegarde.json', 'sauvegarde.sha256', 'tables/tickets.jsonl', 'x'),
							fc.string()
						)
						.map((entries) =>
							zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])))
						)
				),
				async (bytes) => {
					const failure = await readBackup(new Blob([bytes])).then(
						() => null,
						(error: unknown) => error
					);
					expect(failure).toBeInstanceOf(BackupRejectedError);
					expect((failure as Error).message).toMatch(/[a-zé]/u);
				}
			),
			{ numRuns: 60 }
		);
	});
});
