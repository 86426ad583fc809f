import { beforeEach, describe, expect, it } from 'vitest';
import { createBackup, readBackup } from '$lib/db/backup-repository';
import { tillKeys } from '$lib/db/chain-repository';
import { closePeriod } from '$lib/db/closing-repository';
import { createDatabase, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import type { DailyTotalsRow, TicketRow } from '$lib/db/schema';
import { checkManagerPin, setManagerPin } from '$lib/db/security-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale, registerTicketPrint } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	assertCents,
	BACKUP_CHECKSUM_FILE,
	BACKUP_MANIFEST_FILE,
	chainHash,
	GENESIS_HASH,
	sha256Hex,
	type BackupManifest
} from '$lib/domain';
import { unzipFile, zipWriter } from '$lib/export/zip';
import { bytesToBase64 } from '$lib/base64';
import { KEY_ALGORITHM, signText } from '$lib/signature';
import { buildPeriodReport } from '$lib/printing/receipt-model';
import { bookSale } from '../unit/db/sale-fixtures';

/**
 * Tamper evidence against the shop's own computer (CGI art. 286-I-3° bis), in real Chromium:
 * each test edits IndexedDB behind the app's back as a merchant could from the browser's
 * developer tools, then asks « Vérifier l'intégrité » (or restores a doctored backup). Each of
 * these edits went through with « Intégrité vérifiée » before the anchors, the sealed figures,
 * the sealed key events and the sealed PIN (docs/integrity.md).
 */
let db: ComptoirDb;

const DAY = '2026-11-20';
const at = (hour: number) => new Date(`${DAY}T${String(hour).padStart(2, '0')}:00:00Z`);

/** A voucher bought with the books: 17,20 € of sales and a 30 € gift voucher. */
const voucherSale = () =>
	bookSale({
		issues: [
			{
				kind: 'gift-voucher',
				amountCents: assertCents(3000),
				validUntil: '2027-12-31',
				orderReference: ''
			}
		],
		payments: [{ method: 'carte', amountCents: assertCents(4720), reference: null }],
		changeCents: assertCents(0)
	});

async function shopWithSales(): Promise<TicketRow[]> {
	db = createDatabase(`tamper-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	await saveShopSettings(DEMO_SHOP);
	const tickets: TicketRow[] = [];
	for (let hour = 9; hour < 14; hour++) tickets.push(await recordSale(bookSale(), at(hour)));
	tickets.push(await recordSale(voucherSale(), at(14)));
	return tickets;
}

/** What a merchant does to make the last ticket vanish: ticket, list row, head, sequence, totals. */
async function truncateLastTicket() {
	await db.transaction(
		'rw',
		[db.tickets, db.ticketHeads, db.chainHeads, db.sequences, db.dailyTotals],
		async () => {
			const last = (await db.tickets.orderBy(':id').last()) as TicketRow;
			await db.tickets.delete(last.id);
			await db.ticketHeads.delete(last.id);
			const head = await db.chainHeads.get('tickets');
			await db.chainHeads.put({
				chain: 'tickets',
				hash: last.previousHash as string,
				count: (head?.count as number) - 1
			});
			await db.sequences.put({ name: 'ticket:CAISSE1', last: last.number - 1 });
			const totals = await db.dailyTotals.get(['CAISSE1', last.day]);
			await db.dailyTotals.put({
				...(totals as DailyTotalsRow),
				ticketCount: (totals?.ticketCount as number) - 1,
				ttcCents: assertCents((totals?.ttcCents as number) - last.totalCents)
			});
		}
	);
}

/** Rewrites a ticket's total and signs the chain again from there with `key`, head included. */
async function rewriteTicketsFrom(id: number, key: CryptoKey) {
	const tickets = await db.tickets.orderBy(':id').toArray();
	let previous = GENESIS_HASH;
	for (const ticket of tickets) {
		if (ticket.id >= id) {
			const changed: TicketRow = { ...ticket, previousHash: previous };
			if (ticket.id === id) changed.note = 'réécrit';
			changed.hash = chainHash(previous, changed);
			changed.signature = await signText(key, changed.hash);
			await db.tickets.put(changed);
			previous = changed.hash;
		} else previous = ticket.hash as string;
	}
	await db.chainHeads.put({ chain: 'tickets', hash: previous, count: tickets.length });
}

describe('tamper evidence (developer tools on the shop computer)', () => {
	beforeEach(async () => {
		await shopWithSales();
	});

	it('1. a truncated ticket chain, head, sequence and totals set back, is caught by the next anchor', async () => {
		await registerTicketPrint(6, 'ticket', at(15));
		await truncateLastTicket();
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: 1 enregistrement supprimé à la fin de la chaîne (attesté par l’événement «\u00a0ticket-printed\u00a0» du 20/11/2026 à 16:00).',
			// What the deleted ticket did is still seen where it was not undone: its card payment
			// in the day's split, the voucher it sold.
			'Totaux du jour du 20/11/2026 (CAISSE1)\u00a0: la ventilation (taux, moyens de paiement, heures) ne correspond plus aux tickets scellés.',
			expect.stringMatching(
				/^Bon cadeau \d+\u00a0: solde de 30,00\u00a0€ enregistré, 0,00\u00a0€ d’après les tickets et le journal scellés\.$/u
			)
		]);
	});

	it('1. the same truncation after the Z is caught by the Z, which sealed every chain’s head', async () => {
		await closePeriod('CAISSE1', 'day', DAY, '2026-11-21', 'Anne', at(20));
		// The journal's own entries after the ticket are removed as well, their head set back.
		const journal = await db.journal.orderBy(':id').toArray();
		const closingEntry = journal.findIndex((entry) => entry.type === 'closing');
		for (const entry of journal.slice(closingEntry)) await db.journal.delete(entry.id);
		const kept = journal[closingEntry - 1];
		await db.chainHeads.put({ chain: 'journal', hash: kept?.hash as string, count: closingEntry });
		await truncateLastTicket();
		const { problems } = await verifyIntegrity();
		expect(problems).toContain(
			'Tickets de caisse\u00a0: 1 enregistrement supprimé à la fin de la chaîne (attesté par la clôture journalière (Z) du 20/11/2026 (CAISSE1)).'
		);
		// The shop sells on: the next sale takes the vanished ticket's number, and the next Z,
		// held against the last one, says so and journals it.
		const next = await recordSale(bookSale(), new Date('2026-11-21T10:00:00Z'));
		expect(next.number).toBe(6);
		await recordSale(bookSale(), new Date('2026-11-21T11:00:00Z'));
		const { alarms } = await closePeriod(
			'CAISSE1',
			'day',
			'2026-11-21',
			'2026-11-22',
			'Anne',
			new Date('2026-11-21T20:00:00Z')
		);
		expect(alarms).toEqual([
			'Tickets de caisse\u00a0: le ticket n°\u00a06 ne correspond plus à ce que la clôture journalière (Z) du 20/11/2026 (CAISSE1) a scellé.'
		]);
		const alarm = await db.journal.where('type').equals('integrity-alarm').first();
		expect(alarm?.detail['problems']).toEqual(alarms);
		// Every anchor sealed since agrees with the continued chain; the first Z's still does not.
		expect((await verifyIntegrity()).problems).toContain(
			'Tickets de caisse\u00a0: chaîne réécrite — ticket n° 6 (CAISSE1) ne correspond plus à ce que la clôture journalière (Z) du 20/11/2026 (CAISSE1) a scellé.'
		);
	});

	it('2. the Z seals the sealed tickets’ figures, not day totals lowered before it', async () => {
		const totals = await db.dailyTotals.get(['CAISSE1', DAY]);
		await db.dailyTotals.put({
			...(totals as DailyTotalsRow),
			ttcCents: assertCents((totals?.ttcCents as number) - 1000)
		});
		const { closing, alarms } = await closePeriod(
			'CAISSE1',
			'day',
			DAY,
			'2026-11-21',
			'Anne',
			at(20)
		);
		expect(alarms).toEqual([]);
		expect(closing.totals.ttcCents).toBe(6 * 1720);
		expect(closing.perpetualGrandTotalCents).toBe(6 * 1720);
		expect(closing.heads?.tickets?.count).toBe(6);
		expect(closing.lastTicket?.number).toBe(6);
		// The Z on paper carries the heads: an anchor away from the computer.
		const printed = buildPeriodReport({
			shop: DEMO_SHOP,
			tillId: 'CAISSE1',
			periodLabel: '20/11/2026',
			printedAt: at(20),
			totals: closing.totals,
			closing
		});
		const tickets = closing.heads?.tickets as { hash: string };
		expect(printed.footer).toContain(
			`Tickets\u00a0: 6\u00a0·\u00a0${tickets.hash.slice(0, 4)}\u00a0${tickets.hash.slice(4, 8)}\u00a0${tickets.hash.slice(8, 12)}`
		);
		expect(printed.footer).toContain('Dernier ticket\u00a0: n°\u00a06');
		const incident = await db.journal.where('type').equals('totals-mismatch').first();
		expect(incident?.detail['problems']).toEqual([
			'Totaux du jour du 20/11/2026 (CAISSE1)\u00a0: 93,20\u00a0€ en 6 tickets enregistrés, 103,20\u00a0€ en 6 d’après les tickets scellés.'
		]);
		expect((await verifyIntegrity()).problems).toEqual([
			'Totaux du jour du 20/11/2026 (CAISSE1)\u00a0: 93,20\u00a0€ en 6 tickets enregistrés, 103,20\u00a0€ en 6 d’après les tickets scellés.'
		]);
	});

	it('3. a key added to the settings is not trusted: a ticket signed with it is named', async () => {
		const rogue = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
		const spki = bytesToBase64(await crypto.subtle.exportKey('spki', rogue.publicKey));
		await db.settings.put({ key: 'former-keys', value: { keys: [spki] } });
		await rewriteTicketsFrom(3, rogue.privateKey);
		expect((await verifyIntegrity()).problems[0]).toBe(
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 3 (CAISSE1).'
		);
	});

	it('3. the same edit inside a backup, its hashes and checksum made again, is refused', async () => {
		const rogue = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
		const spki = bytesToBase64(await crypto.subtle.exportKey('spki', rogue.publicKey));
		await rewriteTicketsFrom(3, rogue.privateKey);
		await db.settings.put({ key: 'former-keys', value: { keys: [spki] } });
		const doctored = await doctoredBackup((tables) => tables);
		await expect(readBackup(doctored)).rejects.toThrow(
			'Sauvegarde refusée\u00a0: Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 3 (CAISSE1).'
		);
	});

	it('4. a chain signed again with the till’s own key is caught by the anchors other records sealed', async () => {
		await registerTicketPrint(6, 'ticket', at(15));
		await rewriteTicketsFrom(2, (await tillKeys()).privateKey);
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: chaîne réécrite — ticket n° 6 (CAISSE1) ne correspond plus à ce que l’événement «\u00a0ticket-printed\u00a0» du 20/11/2026 à 16:00 a scellé.'
		]);
	});

	it('5. a voucher’s initial balance, the day totals and the PIN row changed are each named', async () => {
		await setManagerPin('2468', '');
		const voucher = await db.balanceAccounts.where('kind').equals('gift-voucher').first();
		await db.balanceAccounts.update(voucher!.id, { initialCents: assertCents(10_000) });
		const totals = await db.dailyTotals.get(['CAISSE1', DAY]);
		await db.dailyTotals.put({ ...(totals as DailyTotalsRow), byMethod: { especes: 1 } });
		await db.settings.delete('security');
		expect((await verifyIntegrity()).problems).toEqual([
			'Totaux du jour du 20/11/2026 (CAISSE1)\u00a0: la ventilation (taux, moyens de paiement, heures) ne correspond plus aux tickets scellés.',
			`Bon cadeau ${voucher?.code}\u00a0: solde de 130,00\u00a0€ enregistré, 30,00\u00a0€ d’après les tickets et le journal scellés.`,
			'Code PIN du gérant\u00a0: effacé hors de Comptoir (le journal atteste qu’il était défini).'
		]);
		// With the PIN row gone, the settings do not become free: every manager action is refused.
		await expect(checkManagerPin('', 'change-settings')).rejects.toThrow(
			/effacé hors de Comptoir/u
		);
	});

	it('5. a backup whose balances and totals were edited, hashes made again, is refused', async () => {
		const doctored = await doctoredBackup((tables) => {
			const accounts = tables.get('balanceAccounts') as Record<string, unknown>[];
			(accounts[0] as Record<string, unknown>)['initialCents'] = 10_000;
			return tables;
		});
		await expect(readBackup(doctored)).rejects.toThrow(/Bon cadeau \d+\u00a0: solde de 130,00/u);
	});

	it('6. checks run while another window reprints tickets raise no false alarm', async () => {
		// Another window: prints one after the other, while this one checks again and again.
		let printing = true;
		const printer = (async () => {
			for (let i = 0; i < 40; i++) await registerTicketPrint(1 + (i % 6));
			printing = false;
		})();
		const reports = [];
		while (printing || reports.length < 3) reports.push(await verifyIntegrity());
		await printer;
		expect(reports.flatMap((report) => report.problems)).toEqual([]);
		expect(await db.reprints.count()).toBeGreaterThan(6);
		const sealed = await db.journal.where('type').equals('integrity-check').toArray();
		expect(sealed.flatMap((entry) => entry.detail['problems'] as string[])).toEqual([]);
	});
});

/** This database's backup, with `edit` applied to its tables and every hash made again. */
async function doctoredBackup(
	edit: (tables: Map<string, Record<string, unknown>[]>) => Map<string, Record<string, unknown>[]>
): Promise<Blob> {
	const { blob } = await createBackup('Anne');
	const files = await unzipFile(blob);
	const manifest = JSON.parse(
		new TextDecoder().decode(files.get(BACKUP_MANIFEST_FILE))
	) as BackupManifest;
	const tables = new Map<string, Record<string, unknown>[]>();
	for (const [name, entry] of Object.entries(manifest.tables)) {
		const text = new TextDecoder().decode(files.get(entry.file));
		tables.set(
			name,
			text
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line) as Record<string, unknown>)
		);
	}
	const zip = zipWriter(new Date());
	for (const [name, rows] of edit(tables)) {
		const entry = manifest.tables[name] as BackupManifest['tables'][string];
		const bytes = new TextEncoder().encode(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
		zip.add(entry.file, new TextDecoder().decode(bytes));
		(manifest.tables as Record<string, BackupManifest['tables'][string]>)[name] = {
			...entry,
			count: rows.length,
			sha256: sha256Hex(bytes)
		};
	}
	const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
	zip.add(BACKUP_MANIFEST_FILE, manifestText);
	zip.add(BACKUP_CHECKSUM_FILE, `${sha256Hex(new TextEncoder().encode(manifestText))}\n`);
	return zip.finish().blob;
}
