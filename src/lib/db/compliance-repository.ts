import { downloadArchiveAgain, listArchives } from './archive-repository';
import { journal, tillKeys } from './chain-repository';
import { getDb } from './db';
import { trustedFormerKeys } from './integrity-repository';

/**
 * What the inspector's package takes from the database (docs/conformite/manuel.md#dossier): the
 * till's public keys, present and former, and its last archives rebuilt from the records (the
 * month's and the year's), each checked against the fingerprint it was made with.
 */
export async function inspectorPackageParts(by: string): Promise<{
	publicKeySpki: string;
	formerKeys: string[];
	archives: { fileName: string; blob: Blob | null; problem: string }[];
}> {
	const [keys, formerKeys, archives] = await Promise.all([
		tillKeys(),
		trustedFormerKeys(),
		listArchives()
	]);
	const last = (['month', 'year'] as const).flatMap((kind) => {
		const found = archives.find((row) => row.kind === kind);
		return found ? [found] : [];
	});
	const rebuilt = [];
	for (const row of last) {
		try {
			rebuilt.push({
				fileName: row.fileName,
				blob: await downloadArchiveAgain(row.id, by),
				problem: ''
			});
		} catch (failure) {
			rebuilt.push({
				fileName: row.fileName,
				blob: null,
				problem: failure instanceof Error ? failure.message : String(failure)
			});
		}
	}
	return { publicKeySpki: keys.publicKeySpki, formerKeys, archives: rebuilt };
}

/** The package handed over, journaled with who made it and what it holds. */
export async function recordInspectorPackage(detail: {
	by: string;
	version: string;
	fingerprint: string;
	archives: readonly string[];
}): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.journal, db.chainHeads], () =>
		journal('export', { what: 'dossier-controle', ...detail })
	);
}
