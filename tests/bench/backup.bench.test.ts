/**
 * The backup round trip at scale, 100 000 sealed tickets (see
 * tests/browser/backup-round-trip.ts): backup file, reading and checking it (every hash and
 * signature), restoring it in one transaction, then « Vérifier l'intégrité » on the result.
 * One run of each phase; results go to bench/results/backup.json.
 */
import { commands } from 'vitest/browser';
import { it } from 'vitest';
import { createDatabase } from '$lib/db/db';
import { ticketHead, type TicketRow } from '$lib/db/schema';
import { backupRoundTrip } from '../browser/backup-round-trip';
import { done } from './raw-idb';
import type { Figure } from './stats';

/**
 * Raw IndexedDB: the same tickets and their list rows added in one transaction to an empty
 * database of the app's schema (same indexes), without Dexie: the floor of a restore's writes.
 */
async function rawRestore(tickets: readonly TicketRow[]): Promise<number> {
	const db = createDatabase(`bench-raw-restore-${Date.now()}`);
	await db.open();
	const idb = db.backendDB();
	const started = performance.now();
	const tx = idb.transaction(['tickets', 'ticketHeads'], 'readwrite', { durability: 'strict' });
	const ticketStore = tx.objectStore('tickets');
	const headStore = tx.objectStore('ticketHeads');
	for (const ticket of tickets) {
		ticketStore.add(ticket);
		headStore.add(ticketHead(ticket as TicketRow & { id: number }));
	}
	await done(tx);
	const elapsed = performance.now() - started;
	db.close();
	return elapsed;
}

it('100 000 tickets backed up and restored, chains verified', async () => {
	const count = 100_000;
	const { phases, bytes, tickets } = await backupRoundTrip(count);
	const raw = await rawRestore(tickets);
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
			'Lecture et vérification du fichier (sommes, comptes, chaque hash ; signatures par lot à travers le chaînage)',
			phases['read'] ?? 0
		),
		{
			...once('Restauration dans une base vide (une transaction)', phases['restore'] ?? 0),
			target: '≤ 20 000 ms',
			baseline: {
				name: 'IndexedDB brut : les mêmes tickets et leurs lignes de liste ajoutés en une transaction',
				p50: raw,
				p95: raw,
				p99: raw
			},
			note: `Du fichier choisi à la base restaurée (lecture, vérification, écriture) : ${Math.round(((phases['read'] ?? 0) + (phases['restore'] ?? 0)) / 1000)} s`
		},
		once('Vérifier l’intégrité après restauration', phases['verify'] ?? 0)
	];
	await commands.writeFile('tests/bench/results/backup.json', JSON.stringify(figures, null, 2));
}, 1_800_000);
