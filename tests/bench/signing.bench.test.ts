/**
 * Sealing a sale on its chain (SHA-256 of the canonical ticket, ECDSA P-256 signature by
 * the till's non-extractable WebCrypto key, inside the sale's transaction) must not slow the sale
 * noticeably. Measures the validation of a ticket with its seal against the seal alone and a raw
 * strict readwrite commit, in Chromium. Results go to bench/results/signing.json.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { journal, tillKeys } from '$lib/db/chain-repository';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { recordSale } from '$lib/db/ticket-repository';
import { bookSale } from '../unit/db/sale-fixtures';
import { openRawStore, rawCommit } from './raw-idb';
import { measure, type Figure } from './stats';

it('a sale sealed and signed on its chain', async () => {
	const db = createDatabase(`bench-signing-${Date.now()}`);
	useDatabaseForTests(db);
	await tillKeys();
	const sale = await measure(() => recordSale(bookSale()), { runs: 300, warmup: 30 });
	const sealOnly = await measure(
		() => db.transaction('rw', [db.journal, db.chainHeads], () => journal('bench', {})),
		{ runs: 300, warmup: 30 }
	);
	const raw = await rawCommit(await openRawStore(`bench-signing-raw-${Date.now()}`, 1_000), 300);
	const report = await verifyIntegrity();
	expect(report.problems).toEqual([]);

	const figures: Figure[] = [
		{
			name: 'Validation d’un ticket scellé (SHA-256 + signature ECDSA P-256 dans la transaction)',
			...sale,
			baseline: { name: 'IndexedDB brut : une petite transaction readwrite stricte', ...pick(raw) },
			note: 'Base de test neuve ; la validation sur 1 000 000 d’articles est dans la ligne « Validation d’un ticket ».'
		},
		{
			name: 'Une entrée du journal scellée seule : hachage, signature, tête de chaîne (une transaction)',
			...sealOnly,
			baseline: { name: 'IndexedDB brut : une petite transaction readwrite stricte', ...pick(raw) }
		}
	];
	await commands.writeFile('tests/bench/results/signing.json', JSON.stringify(figures, null, 2));
});

function pick(s: { p50: number; p95: number; p99: number }) {
	return { p50: s.p50, p95: s.p95, p99: s.p99 };
}
