/**
 * Keeping the shop's data safe on this device (docs/data-safety.md): backups and restore, the
 * browser's persistent storage, and the demonstration shop kept apart from the real one.
 */
export {
	backupStatus,
	createBackup,
	hasBusinessData,
	readBackup,
	restoreBackup,
	setWeeklyBackupReminder,
	weeklyBackupReminder,
	type CheckedBackup
} from '$lib/db/backup-repository';
export { readStorageState, requestPersistentStorage, type StorageState } from '$lib/db/storage';
export { databaseCountsStore, loadDemoShop } from '$lib/db/demo-repository';
export { enterDemoDatabase, isDemoActive, leaveDemoDatabase, onSchemaUpgrade } from '$lib/db/db';
