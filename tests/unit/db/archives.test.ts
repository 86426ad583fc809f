import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	createArchive,
	downloadArchiveAgain,
	dueArchives,
	listArchives
} from '$lib/db/archive-repository';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { tillKeys } from '$lib/db/chain-repository';
import { inspectorPackageParts, recordInspectorPackage } from '$lib/db/compliance-repository';
import { fiscalStamp } from '$lib/fiscal-release';
import { closePeriod } from '$lib/db/closing-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { verifyArchive } from '$lib/domain';
import { anyKeyVerifier, publicKeyFromSpki } from '$lib/signature';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

const at = (iso: string) => new Date(iso);
const run = promisify(execFile);

async function filesOf(blob: Blob): Promise<Map<string, Uint8Array>> {
	return new Map(Object.entries(unzipSync(new Uint8Array(await blob.arrayBuffer()))));
}

function check(files: ReadonlyMap<string, Uint8Array>) {
	return verifyArchive(files, async (spki, former = []) =>
		anyKeyVerifier(await Promise.all([spki, ...former].map((key) => publicKeyFromSpki(key))))
	);
}

/** Sales on 30 and 31 October and 2 November, October and 2 November closed. */
async function twoClosedMonths() {
	const db = freshDatabase();
	await saveShopSettings({ ...DEMO_SHOP, tillId: 'CAISSE1' });
	await recordSale(bookSale(), at('2026-10-30T10:00:00Z'));
	await recordSale(bookSale(), at('2026-10-31T10:00:00Z'));
	await recordSale(bookSale(), at('2026-11-02T10:00:00Z'));
	for (const day of ['2026-10-30', '2026-10-31']) {
		await closePeriod('CAISSE1', 'day', day, '2026-12-01', 'Anne', at(`${day}T20:00:00Z`));
	}
	await closePeriod(
		'CAISSE1',
		'month',
		'2026-10-01',
		'2026-12-01',
		'Anne',
		at('2026-10-31T21:00:00Z')
	);
	await closePeriod(
		'CAISSE1',
		'day',
		'2026-11-02',
		'2026-12-01',
		'Anne',
		at('2026-11-02T20:00:00Z')
	);
	await closePeriod(
		'CAISSE1',
		'month',
		'2026-11-01',
		'2026-12-01',
		'Anne',
		at('2026-12-01T08:00:00Z')
	);
	return db;
}

describe('monthly archives', () => {
	it('archives closed months in order, each following the one before, and verifies them outside the app [ARC-01] [ARC-02]', async () => {
		await twoClosedMonths();
		expect((await dueArchives('CAISSE1')).map((p) => p.start)).toEqual([
			'2026-10-01',
			'2026-11-01'
		]);
		await expect(
			createArchive('CAISSE1', 'month', '2026-11-01', 'Anne', at('2026-12-01T09:00:00Z'))
		).rejects.toThrow('Archivez d’abord octobre 2026\u00a0: les archives se font dans l’ordre.');
		await expect(createArchive('CAISSE1', 'month', '2026-12-01', 'Anne')).rejects.toThrow(
			/Clôturez d’abord décembre 2026/u
		);

		const october = await createArchive(
			'CAISSE1',
			'month',
			'2026-10-01',
			'Anne',
			at('2026-12-01T09:00:00Z')
		);
		expect(october.row).toMatchObject({
			period: '2026-10',
			fileName: 'comptoir-archive-2026-10.zip'
		});
		expect(october.row.segments.tickets).toMatchObject({ count: 2, afterId: 0 });
		const octoberFiles = await filesOf(october.blob);
		expect(await check(octoberFiles)).toMatchObject({ problems: [] });
		const csv = new TextDecoder().decode(octoberFiles.get('tickets.csv'));
		expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
		expect(csv).toContain('30/10/2026;Anne;17,20;16,30;0,90;Espèces 20,00;2,80');

		const november = await createArchive(
			'CAISSE1',
			'month',
			'2026-11-01',
			'Anne',
			at('2026-12-01T09:05:00Z')
		);
		expect(november.row.segments.tickets).toMatchObject({
			count: 1,
			startHash: october.row.segments.tickets.endHash
		});
		expect(await check(await filesOf(november.blob))).toMatchObject({ problems: [] });
		await expect(createArchive('CAISSE1', 'month', '2026-10-01', 'Anne')).rejects.toThrow(
			/déjà faite/u
		);
		expect(await dueArchives('CAISSE1')).toEqual([]);
		expect((await listArchives()).map((row) => row.period)).toEqual(['2026-11', '2026-10']);

		// Downloaded again: the same records, the same chain files.
		const again = await filesOf(await downloadArchiveAgain(october.row.id, 'Anne'));
		expect(again.get('tickets.json')).toEqual(octoberFiles.get('tickets.json'));
		expect((await verifyIntegrity()).problems).toEqual([]);

		const dir = await mkdtemp(join(tmpdir(), 'archive-'));
		const good = join(dir, 'good.zip');
		await writeFile(good, new Uint8Array(await october.blob.arrayBuffer()));
		const ok = await run('npx', ['tsx', 'src/cli/verify-archive.ts', good]);
		expect(ok.stdout).toContain('Archive intègre');

		const tampered = new Map(octoberFiles);
		const tickets = JSON.parse(new TextDecoder().decode(octoberFiles.get('tickets.json'))) as {
			totalCents: number;
		}[];
		(tickets[1] as { totalCents: number }).totalCents = 1;
		tampered.set('tickets.json', strToU8(JSON.stringify(tickets)));
		const bad = join(dir, 'bad.zip');
		await writeFile(bad, zipSync(Object.fromEntries(tampered)));
		const refused = await run('npx', ['tsx', 'src/cli/verify-archive.ts', bad]).catch(
			(failure: { code: number; stdout: string }) => failure
		);
		expect(refused).toMatchObject({ code: 1 });
		expect(refused.stdout).toContain('ARCHIVE NON CONFORME');
		expect(refused.stdout).toContain('Le fichier tickets.json a été modifié');
		expect(refused.stdout).toContain(
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 2 (CAISSE1).'
		);
	}, 30_000);

	it('names what was changed, removed or added in an archive [ARC-02]', async () => {
		await twoClosedMonths();
		const { blob } = await createArchive('CAISSE1', 'month', '2026-10-01', 'Anne');
		const files = await filesOf(blob);
		const decode = (name: string) => new TextDecoder().decode(files.get(name));

		const dropped = new Map(files);
		const tickets = JSON.parse(decode('tickets.json')) as unknown[];
		dropped.set('tickets.json', strToU8(JSON.stringify(tickets.slice(1))));
		expect((await check(dropped)).problems).toContain(
			'Tickets de caisse\u00a0: enregistrement supprimé juste avant — ticket n° 2 (CAISSE1).'
		);

		const extra = new Map(files);
		extra.set('notes.txt', strToU8('ajout'));
		expect((await check(extra)).problems).toEqual([
			'Le fichier notes.txt a été ajouté\u00a0: le manifeste ne le connaît pas.'
		]);

		const resigned = new Map(files);
		resigned.set(
			'manifeste.json',
			strToU8(decode('manifeste.json').replace('"2026-10"', '"2026-09"'))
		);
		expect((await check(resigned)).problems).toEqual([
			'La signature du manifeste (manifeste.sig) manque ou ne correspond pas.'
		]);

		expect((await check(new Map([['x', strToU8('y')]]))).problems).toEqual([
			'Le fichier manifeste.json manque\u00a0: ce n’est pas une archive Comptoir.'
		]);
	});
});

describe('the inspector’s package (docs/conformite/manuel.md#controle)', () => {
	it('takes the last month’s archive rebuilt from the records, with the fiscal version that made it, and the till’s key [DOC-02] [PER-01]', async () => {
		const db = await twoClosedMonths();
		await createArchive('CAISSE1', 'month', '2026-10-01', 'Anne', at('2026-12-01T09:00:00Z'));
		await createArchive('CAISSE1', 'month', '2026-11-01', 'Anne', at('2026-12-01T09:05:00Z'));
		const parts = await inspectorPackageParts('Contrôle');
		expect(parts.publicKeySpki).toBe((await tillKeys()).publicKeySpki);
		expect(parts.archives.map(({ fileName, problem }) => ({ fileName, problem }))).toEqual([
			{ fileName: 'comptoir-archive-2026-11.zip', problem: '' }
		]);
		const files = await filesOf(parts.archives[0]?.blob as Blob);
		expect((await check(files)).problems).toEqual([]);
		const manifest = JSON.parse(new TextDecoder().decode(files.get('manifeste.json')));
		expect(manifest.fiscal).toEqual(fiscalStamp());
		// Every closing records the fiscal version too.
		for (const closing of await db.closings.toArray())
			expect(closing.fiscal).toEqual(fiscalStamp());
		// Handed over: journaled with who made it and what it holds.
		await recordInspectorPackage({
			by: 'Contrôle',
			...fiscalStamp(),
			archives: ['comptoir-archive-2026-11.zip']
		});
		const exports = await db.journal.where('type').equals('export').toArray();
		expect(exports.at(-1)?.detail).toEqual({
			what: 'dossier-controle',
			by: 'Contrôle',
			...fiscalStamp(),
			archives: ['comptoir-archive-2026-11.zip']
		});
	});
});
