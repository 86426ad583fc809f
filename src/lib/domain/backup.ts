import { sha256Hex } from './archive';
import { daysBetween } from './ticket-period';
import { formatDay } from './ticket-period';
import { err, ok, type Result } from './result';

/**
 * The full backup file: a ZIP holding every table of the database as JSON Lines (one
 * record per line, chains and signatures included), a manifest with each table's record count
 * and SHA-256, and the manifest's own SHA-256 as the checksum. A restore reads it all and checks
 * it before writing anything.
 */

export const BACKUP_FORMAT = 'comptoir-sauvegarde/1';
export const BACKUP_MANIFEST_FILE = 'sauvegarde.json';
export const BACKUP_CHECKSUM_FILE = 'sauvegarde.sha256';
/** A reminder once the last backup is older than this (a week). */
export const BACKUP_REMINDER_DAYS = 7;

export interface BackupManifest {
	readonly format: typeof BACKUP_FORMAT;
	/** The database version the backup was made at (Dexie `verno`). */
	readonly schemaVersion: number;
	readonly createdAt: string;
	readonly shop: { readonly name: string; readonly siret: string; readonly tillId: string };
	/** The public key of the till that signed the records (SPKI, base64). */
	readonly publicKeySpki: string;
	readonly tables: Readonly<
		Record<string, { readonly file: string; readonly count: number; readonly sha256: string }>
	>;
}

export function backupFileName(day: string, time: string): string {
	return `comptoir-sauvegarde-${day}-${time.replace(':', 'h')}.zip`;
}

export function backupTableFile(table: string): string {
	return `tables/${table}.jsonl`;
}

function isManifest(value: unknown): value is BackupManifest {
	const manifest = value as Partial<BackupManifest> | null;
	return (
		typeof manifest === 'object' &&
		manifest !== null &&
		manifest.format === BACKUP_FORMAT &&
		typeof manifest.schemaVersion === 'number' &&
		typeof manifest.createdAt === 'string' &&
		typeof manifest.publicKeySpki === 'string' &&
		typeof manifest.tables === 'object' &&
		manifest.tables !== null &&
		Object.values(manifest.tables).every(
			(table) =>
				typeof table === 'object' &&
				table !== null &&
				typeof table.file === 'string' &&
				Number.isSafeInteger(table.count) &&
				typeof table.sha256 === 'string'
		)
	);
}

/**
 * Checks a backup's files before anything is written: the checksum of the manifest, its format
 * and version, every table file present with its SHA-256. Returns the manifest, or why the file
 * is refused.
 */
export function checkBackupFiles(
	files: ReadonlyMap<string, Uint8Array>,
	latestVersion: number
): Result<BackupManifest> {
	const refuse = (message: string) => err('BACKUP_REFUSED', message, 'file');
	const manifestBytes = files.get(BACKUP_MANIFEST_FILE);
	const checksum = files.get(BACKUP_CHECKSUM_FILE);
	if (!manifestBytes || !checksum) {
		return refuse(
			'Ce fichier n’est pas une sauvegarde Comptoir (sauvegarde.json ou sa somme de contrôle manque).'
		);
	}
	if (new TextDecoder().decode(checksum).trim() !== sha256Hex(manifestBytes)) {
		return refuse(
			'La somme de contrôle ne correspond pas\u00a0: le fichier a été modifié ou abîmé.'
		);
	}
	let manifest: unknown;
	try {
		manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
	} catch {
		manifest = null;
	}
	if (!isManifest(manifest)) {
		return refuse(`sauvegarde.json n’est pas au format ${BACKUP_FORMAT}.`);
	}
	if (manifest.schemaVersion > latestVersion) {
		return refuse(
			'Cette sauvegarde vient d’une version plus récente de Comptoir\u00a0: mettez l’application à jour avant de la restaurer.'
		);
	}
	for (const [table, entry] of Object.entries(manifest.tables)) {
		const bytes = files.get(entry.file);
		if (!bytes)
			return refuse(`La table «\u00a0${table}\u00a0» manque\u00a0: le fichier est incomplet.`);
		if (sha256Hex(bytes) !== entry.sha256) {
			return refuse(
				`La table «\u00a0${table}\u00a0» a été modifiée ou tronquée (empreinte différente).`
			);
		}
	}
	return ok(manifest);
}

/** The records of a table file, one JSON object per line; the count must be the manifest's. */
export function parseJsonLines(
	table: string,
	text: string,
	count: number
): Result<Record<string, unknown>[]> {
	const rows: Record<string, unknown>[] = [];
	const lines = text.split('\n');
	for (const [index, line] of lines.entries()) {
		if (line === '') continue;
		let row: unknown;
		try {
			row = JSON.parse(line);
		} catch {
			row = null;
		}
		if (typeof row !== 'object' || row === null || Array.isArray(row)) {
			return err(
				'BACKUP_REFUSED',
				`La table «\u00a0${table}\u00a0» est illisible à la ligne ${index + 1}.`,
				'file'
			);
		}
		rows.push(row as Record<string, unknown>);
	}
	if (rows.length !== count) {
		return err(
			'BACKUP_REFUSED',
			`La table «\u00a0${table}\u00a0» compte ${rows.length} enregistrements au lieu de ${count}.`,
			'file'
		);
	}
	return ok(rows);
}

/** A till's off-site copy on the shop's server (docs/replication.md#copies), once the shop syncs. */
export interface OffsiteCopy {
	/** The shop keeps the weekly reminder anyway (Paramètres › Sauvegarde). */
	readonly weeklyReminder: boolean;
	/** Sealed records not yet acknowledged by the server. */
	readonly waiting: number;
	/** The day of the oldest ticket waiting, null when none waits. */
	readonly oldestWaitingDay: string | null;
}

/** The off-site copy is late, and the reminder back, once a ticket waits longer than this. */
export const OFFSITE_LATE_DAYS = 2;

/**
 * Where the last backup stands: never made, or its age in days and whether to remind. A till that
 * syncs copies every sealed record to the shop's server as it is made, so the weekly reminder is
 * the shop's choice there; it comes back when records stop reaching the server.
 */
export function backupReminder(
	lastDay: string | null,
	today: string,
	offsite: OffsiteCopy | null = null
): { readonly due: boolean; readonly text: string } {
	if (offsite && !offsite.weeklyReminder) return offsiteReminder(offsite, today);
	if (lastDay === null) {
		return { due: true, text: 'Aucune sauvegarde n’a encore été faite sur cet ordinateur.' };
	}
	const days = -daysBetween(today, lastDay);
	const when =
		days === 0
			? 'aujourd’hui'
			: days === 1
				? 'hier'
				: `le ${formatDay(lastDay)} (il y a ${days} jours)`;
	return {
		due: days > BACKUP_REMINDER_DAYS,
		text: `Dernière sauvegarde\u00a0: ${when}.`
	};
}

function offsiteReminder(
	offsite: OffsiteCopy,
	today: string
): { readonly due: boolean; readonly text: string } {
	if (offsite.waiting === 0) {
		return { due: false, text: 'Copie continue\u00a0: tout est sur le serveur de la boutique.' };
	}
	const records =
		offsite.waiting === 1
			? '1 enregistrement attend'
			: `${offsite.waiting} enregistrements attendent`;
	const since = offsite.oldestWaitingDay;
	return {
		due: since !== null && -daysBetween(today, since) > OFFSITE_LATE_DAYS,
		text: since
			? `${records} le serveur de la boutique depuis le ${formatDay(since)}.`
			: `${records} le serveur de la boutique.`
	};
}
