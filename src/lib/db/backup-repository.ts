import {
	addArticlesTermCounts,
	BACKUP_CHECKSUM_FILE,
	BACKUP_FORMAT,
	BACKUP_MANIFEST_FILE,
	backupFileName,
	backupReminder,
	backupTableFile,
	checkBackupFiles,
	formatTime,
	parisDay,
	parseJsonLines,
	sha256Hex,
	type BackupManifest
} from '$lib/domain';
import { publicKeyFromSpki } from '$lib/signature';
import { journal, tillKeys } from './chain-repository';
import { checkStore, inThreadChecker, rowsStore, trustedKeys } from './integrity-repository';
import { BATCH, forEachBatch, getDb, stockRowsOf } from './db';
import { writeNewListBatches } from './search/lists';
import { replaceSearchTerms } from './search/statistics';
import type { ArticleRow, ArticleRowBeforeV6 } from './schema';
import { getShopSettings } from './settings-repository';
import { getSyncSettings, offsiteCopyState } from './replication-repository';
import { SaleRejectedError } from './ticket-repository';

/**
 * Full backup and restore. The backup is every table, read in one transaction (a
 * consistent picture even while another window sells), chains and signatures included, with a
 * checksum. A restore goes only into a database with no business data yet, and only after the
 * whole file was read and checked: checksum, every table's SHA-256 and count, and everything
 * « Vérifier l'intégrité » checks (chains, anchors, day totals, balances, PIN). Then all tables are written in one transaction: whole or absent.
 */

export class BackupRejectedError extends SaleRejectedError {}

function reject(message: string): never {
	throw new BackupRejectedError('BACKUP_REFUSED', message);
}

/**
 * Tables computed from the articles: not in the file, rebuilt on restore (schema.ts
 * SearchTermRow, SearchListRow).
 */
const DERIVED_TABLES: ReadonlySet<string> = new Set([
	'searchTerms',
	'searchLists',
	'searchBatches'
]);

/**
 * The ZIP writer and reader (with fflate) load with the first backup or restore: the screens
 * that only remind of backups, the till's among them, never fetch them.
 */
const loadZip = () => import('$lib/export/zip');

/** Makes the backup file and records when (for the weekly reminder). */
export async function createBackup(
	by: string,
	now = new Date()
): Promise<{ blob: Blob; fileName: string; counts: Record<string, number> }> {
	const db = getDb();
	const [keys, shop, { zipWriter }] = await Promise.all([tillKeys(), getShopSettings(), loadZip()]);
	const zip = zipWriter(now);
	const tables: Record<string, BackupManifest['tables'][string]> = {};
	await db.transaction('r', db.tables, async () => {
		for (const table of db.tables.filter((t) => !DERIVED_TABLES.has(t.name))) {
			const file = backupTableFile(table.name);
			const entry = zip.file(file);
			let count = 0;
			await forEachBatch(table, (rows) => {
				entry.push(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
				count += rows.length;
			});
			tables[table.name] = { file, count, sha256: entry.end() };
		}
	});
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		schemaVersion: db.verno,
		createdAt: now.toISOString(),
		shop: {
			name: shop ? shop.tradeName || shop.legalName : '',
			siret: shop?.siret ?? '',
			tillId: shop?.tillId ?? ''
		},
		publicKeySpki: keys.publicKeySpki,
		tables
	};
	const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
	zip.add(BACKUP_MANIFEST_FILE, manifestText);
	zip.add(BACKUP_CHECKSUM_FILE, `${sha256Hex(new TextEncoder().encode(manifestText))}\n`);
	const { blob, sha256 } = zip.finish();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		await updateBackupSettings({ lastAt: now.toISOString() });
		await journal('backup', { sha256, by }, now);
	});
	return {
		blob,
		fileName: backupFileName(parisDay(now), formatTime(now)),
		counts: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.count]))
	};
}

/**
 * The backup reminder: weekly, or once the shop syncs and chose so, only when records stop
 * reaching the server (domain backupReminder).
 */
export async function backupStatus(today: string): Promise<{ due: boolean; text: string }> {
	const value = await backupSettings();
	const lastAt = value['lastAt'] as string | undefined;
	const sync = await getSyncSettings();
	const offsite = sync
		? {
				weeklyReminder: keepsWeeklyReminder(value),
				...(await offsiteCopyState(sync.tillId))
			}
		: null;
	return backupReminder(lastAt ? parisDay(new Date(lastAt)) : null, today, offsite);
}

/** Whether this till reminds weekly of the backup once it syncs, journaled with who chose. */
export async function setWeeklyBackupReminder(on: boolean, by: string): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		await updateBackupSettings({ weeklyReminder: on });
		await journal('settings-changed', { section: 'backup', weeklyReminder: on, by });
	});
}

/** Whether the weekly reminder is kept (it is, unless the shop syncs and turned it off). */
export async function weeklyBackupReminder(): Promise<boolean> {
	return keepsWeeklyReminder(await backupSettings());
}

/** The backup's settings row: when the last backup was made, the reminder chosen. */
async function backupSettings(): Promise<Record<string, unknown>> {
	const row = await getDb().settings.get('backup');
	return row?.key === 'backup' ? row.value : {};
}

const keepsWeeklyReminder = (value: Record<string, unknown>) => value['weeklyReminder'] !== false;

/** Changes some of the backup's settings, the others kept, inside the caller's transaction. */
async function updateBackupSettings(change: Record<string, unknown>): Promise<void> {
	await getDb().settings.put({ key: 'backup', value: { ...(await backupSettings()), ...change } });
}

/** A backup file read and checked, ready to restore. */
export interface CheckedBackup {
	readonly manifest: BackupManifest;
	readonly rows: ReadonlyMap<string, Record<string, unknown>[]>;
	/** Public keys (SPKI) of the tills that signed its records: its own and those it restored. */
	readonly signingKeys: readonly string[];
}

/**
 * Reads a backup file and checks everything before a restore: refused, with the reason, when it
 * is not a whole Comptoir backup, was changed, or any chain no longer holds.
 */
export async function readBackup(file: Blob): Promise<CheckedBackup> {
	let files: Map<string, Uint8Array>;
	const { unzipFile } = await loadZip();
	try {
		files = await unzipFile(file);
	} catch {
		reject('Fichier illisible\u00a0: ce n’est pas une sauvegarde Comptoir, ou elle est tronquée.');
	}
	const db = getDb();
	const checked = checkBackupFiles(files, db.verno);
	if (!checked.ok) reject(checked.error.message);
	const manifest = checked.value;
	const known = new Set(db.tables.map((table) => table.name));
	const rows = new Map<string, Record<string, unknown>[]>();
	for (const [name, entry] of Object.entries(manifest.tables)) {
		if (!known.has(name))
			reject(`La table «\u00a0${name}\u00a0» est inconnue de cette version de Comptoir.`);
		const text = new TextDecoder().decode(files.get(entry.file));
		const parsed = parseJsonLines(name, text, entry.count);
		if (!parsed.ok) reject(parsed.error.message);
		rows.set(name, parsed.value);
	}
	let ownKey: CryptoKey;
	try {
		ownKey = await publicKeyFromSpki(manifest.publicKeySpki);
	} catch {
		reject('La clé publique de la sauvegarde est illisible.');
	}
	// Trusted: the key that made the backup, and those its own sealed restore events named.
	const store = rowsStore(rows);
	const { keys, trusted } = await trustedKeys(ownKey, await store.keyEvents());
	const report = await checkStore(store, inThreadChecker(trusted).check);
	if (report.problems.length > 0) reject(`Sauvegarde refusée\u00a0: ${report.problems.join(' ')}`);
	const signingKeys = [
		manifest.publicKeySpki,
		...keys.filter((spki) => spki !== manifest.publicKeySpki)
	];
	return { manifest, rows, signingKeys };
}

/** The business tables: a database holding any of them is not restored over. */
const BUSINESS_TABLES = [
	'articles',
	'customers',
	'tickets',
	'invoices',
	'tillSessions',
	'balanceAccounts',
	'closings',
	'archives'
] as const;

export async function hasBusinessData(): Promise<boolean> {
	const db = getDb();
	const counts = await Promise.all(BUSINESS_TABLES.map((name) => db.table(name).count()));
	return counts.some((count) => count > 0);
}

/**
 * A backup's rows as this version stores them. Before v6 the stock sat in the article rows
 * (schema.ts ArticleRowBeforeV6): it becomes StockRows, and the field is dropped from the
 * articles (also from those an upgraded database still carries).
 */
function rowsToRestore(backup: CheckedBackup): ReadonlyMap<string, readonly object[]> {
	const articles = (backup.rows.get('articles') ?? []) as unknown as ArticleRowBeforeV6[];
	const rows = new Map<string, readonly object[]>(backup.rows);
	rows.set(
		'articles',
		articles.map(({ stock: _stock, ...row }) => row)
	);
	if (backup.manifest.schemaVersion < 6) rows.set('stock', stockRowsOf(articles));
	return rows;
}

/**
 * Restores a checked backup into this database, which must hold no business data yet (its own
 * few start-up entries are replaced). One transaction: every table or none. The backup's till
 * keys join the keys the integrity check accepts through the sealed restore event, journaled on
 * the restored chain.
 */
export async function restoreBackup(
	backup: CheckedBackup,
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	const current = (await tillKeys()).publicKeySpki;
	await db.transaction('rw', db.tables, async () => {
		if (await hasBusinessData()) {
			reject(
				'Cette base contient déjà des ventes, des articles ou des clients\u00a0: une sauvegarde ne se restaure que dans une base vide (un autre navigateur, ou après effacement des données du site).'
			);
		}
		const rows = rowsToRestore(backup);
		for (const table of db.tables) {
			await table.clear();
			const tableRows = DERIVED_TABLES.has(table.name) ? [] : (rows.get(table.name) ?? []);
			for (let start = 0; start < tableRows.length; start += BATCH) {
				await table.bulkAdd(tableRows.slice(start, start + BATCH));
			}
		}
		// The search statistics and lists, derived: from the articles just written (still in memory).
		const articles = (rows.get('articles') ?? []) as unknown as ArticleRow[];
		await replaceSearchTerms(db.searchTerms, addArticlesTermCounts(new Map(), articles));
		// Their count of titles placed replaces the backup's (written with the sequences above).
		let placed = 0;
		for (let start = 0; start < articles.length; start += BATCH) {
			placed = await writeNewListBatches(db, articles.slice(start, start + BATCH), placed);
		}
		// The backup's keys enter the keys this till trusts only through this sealed event
		// (docs/integrity.md#keys): the integrity check reads them from here, nowhere else.
		await journal(
			'restore',
			{
				from: backup.manifest.createdAt,
				keys: backup.signingKeys.filter((spki) => spki !== current),
				tables: Object.fromEntries(
					Object.entries(backup.manifest.tables).map(([name, t]) => [name, t.count])
				),
				by
			},
			now
		);
	});
}
