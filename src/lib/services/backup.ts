/**
 * Keeping the shop's data safe on this device (docs/data-safety.md): backups and restore, the
 * browser's persistent storage, and the demonstration shop kept apart from the real one.
 */
import type { Result } from '$lib/domain';
import * as backupsDb from '$lib/db/backup-repository';
import type { CheckedBackup } from '$lib/db/backup-repository';
import { loadDemoShop } from '$lib/db/demo-repository';
import { enterDemoDatabase, leaveDemoDatabase } from '$lib/db/db';
import { attempt } from './outcome';

export {
	backupStatus,
	hasBusinessData,
	weeklyBackupReminder,
	type CheckedBackup
} from '$lib/db/backup-repository';
export { readStorageState, requestPersistentStorage, type StorageState } from '$lib/db/storage';
export { databaseCountsStore } from '$lib/db/demo-repository';
export { isDemoActive, onSchemaUpgrade } from '$lib/db/db';

/** A complete backup of the shop as a file to download, journaled with who made it. */
export function createBackup(input: {
	by: string;
}): Promise<Result<{ blob: Blob; fileName: string; counts: Record<string, number> }>> {
	return attempt(() => backupsDb.createBackup(input.by), 'La sauvegarde a échoué');
}

/** Reads a backup file and checks its seals and signatures before anything is replaced. */
export function readBackup(input: { file: Blob }): Promise<Result<CheckedBackup>> {
	return attempt(() => backupsDb.readBackup(input.file));
}

/** Replaces the whole database by a checked backup, in one transaction, journaled. */
export function restoreBackup(input: { backup: CheckedBackup; by: string }): Promise<Result<void>> {
	return attempt(() => backupsDb.restoreBackup(input.backup, input.by));
}

/** The weekly « make a backup » reminder on or off (docs/data-safety.md). */
export function setWeeklyBackupReminder(input: { on: boolean; by: string }): Promise<Result<void>> {
	return attempt(() => backupsDb.setWeeklyBackupReminder(input.on, input.by));
}

/**
 * Loads the demonstration shop into a database of its own, so the shop's stays empty; on failure
 * the demonstration's database is dropped and the shop's comes back.
 */
export async function startDemoShop(): Promise<Result<void>> {
	const started = await attempt(async () => {
		// Loaded with the demonstration only: a real shop never carries its generator.
		const { generateDemoShop } = await import('$lib/demo/demo-data');
		const demo = generateDemoShop();
		await enterDemoDatabase();
		await loadDemoShop(demo);
	}, 'Le chargement a échoué, votre base est restée vide');
	if (!started.ok) await leaveDemoDatabase().catch(() => undefined);
	return started;
}

/** Leaves the demonstration: its database is dropped whole, the shop's comes back untouched. */
export function leaveDemoShop(): Promise<Result<void>> {
	return attempt(() => leaveDemoDatabase(), 'La démonstration n’a pas pu être effacée');
}
