import { formatBytes } from './format';

/**
 * When to warn that the browser's storage is nearly full (a warning before the quota
 * is near): 80 % used, or less than 100 Mo left — a day of sales takes well under 1 Mo, but an
 * import or a backup restore takes far more.
 */
export const STORAGE_WARNING_RATIO = 0.8;
export const STORAGE_WARNING_LEFT_BYTES = 100 * 1_000_000;

export function storageWarning(
	usageBytes: number | null,
	quotaBytes: number | null
): string | null {
	if (usageBytes === null || quotaBytes === null || quotaBytes <= 0) return null;
	const left = Math.max(0, quotaBytes - usageBytes);
	if (usageBytes / quotaBytes < STORAGE_WARNING_RATIO && left >= STORAGE_WARNING_LEFT_BYTES) {
		return null;
	}
	return `Espace de stockage presque plein\u00a0: ${formatBytes(left)} libres sur ${formatBytes(quotaBytes)}. Libérez de la place sur le disque et faites une sauvegarde\u00a0: une vente qui ne peut pas s’écrire reste à l’écran, mais n’est pas enregistrée.`;
}
