/**
 * The backup round trip at scale, 100 000 sealed tickets (see
 * tests/browser/backup-round-trip.ts): backup file, reading and checking it (every hash and
 * signature), restoring it in one transaction, then « Vérifier l'intégrité » on the result.
 * One run of each phase; results go to bench/results/backup.json.
 */
import { commands } from 'vitest/browser';
import { it } from 'vitest';
import { backupRoundTrip } from '../browser/backup-round-trip';
import type { Figure } from './stats';

it('100 000 tickets backed up and restored, chains verified', async () => {
	const count = 100_000;
	const { phases, bytes } = await backupRoundTrip(count);
	const once = (name: string, ms: number, note?: string): Figure => ({
		name,
		samples: 1,
		p50: ms,
		p95: ms,
		p99: ms,
		...(note ? { note } : {})
	});
	const figures: Figure[] = [
		once(
			`Sauvegarde complète de ${count} tickets (une transaction de lecture, ZIP en continu)`,
			phases['backup'] ?? 0,
			`Fichier de ${(bytes / 1_048_576).toFixed(1)} Mio.`
		),
		once(
			'Lecture et vérification du fichier (sommes, comptes, chaque hachage et signature)',
			phases['read'] ?? 0
		),
		once('Restauration dans une base vide (une transaction)', phases['restore'] ?? 0),
		once('Vérifier l’intégrité après restauration', phases['verify'] ?? 0)
	];
	await commands.writeFile('tests/bench/results/backup.json', JSON.stringify(figures, null, 2));
}, 1_800_000);
