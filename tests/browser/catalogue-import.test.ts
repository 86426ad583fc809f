import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { createDatabase, useDatabaseForTests, DATABASE_NAME } from '$lib/db/db';
import { gs1CheckDigit } from '$lib/domain';
import { startImportWorker } from '$lib/workers/catalogue-import-client';

const CP1252: Record<string, number> = { '€': 0x80, œ: 0x9c, Œ: 0x8c, '’': 0x92, '—': 0x97 };

/** Encodes text as Windows-1252, as French spreadsheets save CSV files. */
function windows1252(text: string): Uint8Array<ArrayBuffer> {
	return Uint8Array.from([...text].map((char) => CP1252[char] ?? char.charCodeAt(0)));
}

function ean(i: number): string {
	const body = `978201${String(i).padStart(6, '0')}`;
	return `${body}${gs1CheckDigit(body)}`;
}

describe('catalogue CSV import in its worker (real Chromium)', () => {
	it('previews, maps, imports valid rows in one go and lists the rejected ones with their line', async () => {
		const db = createDatabase(DATABASE_NAME);
		await db.delete();
		await db.open();
		useDatabaseForTests(db);
		const rows = ['Code EAN;Titre;Auteur;Editeur;Prix TTC;TVA;Qté'];
		for (let i = 0; i < 12_000; i++)
			rows.push(`${ean(i)};Œuvres n° ${i} — l’été;Hugo;Gallimard;${8 + (i % 20)},50;5,5;${i % 4}`);
		rows.push('9782010000001;Mauvaise clé;X;Y;8,50;5,5;1'); // line 12 002
		rows.push(`${ean(99_999)};;X;Y;abc;5,5;1`); // line 12 003
		const file = new File([windows1252(rows.join('\r\n'))], 'catalogue.csv', { type: 'text/csv' });

		const worker = startImportWorker();
		const preview = await worker.api.previewCsv(file);
		expect(preview).toMatchObject({
			encoding: 'windows-1252',
			delimiter: ';',
			mapping: { ean: 0, title: 1, authors: 2, publisher: 3, priceCents: 4, vatRateBp: 5, stock: 6 }
		});
		expect(preview.sample[0]?.[1]).toBe('Œuvres n° 0 — l’été');

		const progress: number[] = [];
		const report = await worker.api.importCsv(
			file,
			{ mapping: preview.mapping, encoding: preview.encoding, delimiter: preview.delimiter },
			proxy((p: { written: number }) => void progress.push(p.written))
		);
		worker.terminate();
		expect(report.written).toBe(12_000);
		expect(report.rejected).toBe(2);
		expect(report.errors.map((e) => e.line)).toEqual([12_002, 12_003]);
		expect(report.errors[0]?.reason).toMatch(/clé de contrôle/u);
		expect(report.errors[1]?.reason).toMatch(/Titre\s: Le titre est obligatoire.*Prix TTC/u);
		expect(progress.at(-1)).toBe(12_000);
		expect(await db.articles.count()).toBe(12_000);
		expect(await db.articles.get(ean(7))).toMatchObject({
			title: 'Œuvres n° 7 — l’été',
			priceCents: 1550,
			vatRateBp: 550
		});
		expect(await db.stock.get(ean(7))).toEqual({ ean: ean(7), quantity: 3 });
		expect(await db.articles.where('words').equals('oeuvres').count()).toBe(12_000);
		db.close();
		await db.delete();
	});

	it('refuses at once a 5 MB single line that is not a catalogue, reading a bounded sample', async () => {
		const line = Array.from({ length: 700_000 }, (_, i) => `c${i}`).join(';');
		const file = new File([line], 'pas-un-catalogue.csv', { type: 'text/csv' });
		expect(file.size).toBeGreaterThan(5_000_000);
		const worker = startImportWorker();
		const preview = await worker.api.previewCsv(file);
		worker.terminate();
		expect(preview.problem).toBe(
			'Ce fichier n’est pas un catalogue\u00a0: aucune fin de ligne dans ses premiers 64\u00a0Ko (un catalogue a une ligne par article).'
		);
		expect(preview.headers).toEqual([]);
	});

	it('refuses a first line of hundreds of columns, and keeps every refused row in the file', async () => {
		const wide = new File(
			[`${Array.from({ length: 300 }, (_, i) => `c${i}`).join(';')}\nx`],
			'wide.csv'
		);
		let worker = startImportWorker();
		expect((await worker.api.previewCsv(wide)).problem).toMatch(
			/300 colonnes sur sa première ligne/u
		);
		worker.terminate();

		const db = createDatabase(DATABASE_NAME);
		await db.delete();
		await db.open();
		useDatabaseForTests(db);
		const rows = ['EAN;Titre;Prix TTC'];
		for (let i = 0; i < 5_000; i++) rows.push(`${ean(i)};=1+1;abc`);
		const file = new File([rows.join('\n')], 'refus.csv');
		worker = startImportWorker();
		const preview = await worker.api.previewCsv(file);
		const report = await worker.api.importCsv(
			file,
			{ mapping: preview.mapping, encoding: preview.encoding, delimiter: preview.delimiter },
			proxy(() => {})
		);
		worker.terminate();
		expect(report.rejected).toBe(5_000);
		expect(report.errors).toHaveLength(1_000);
		const lines = (await (report.refusedFile as Blob).text())
			.replace(/^\ufeff/u, '')
			.split('\r\n')
			.filter(Boolean);
		expect(lines).toHaveLength(5_001);
		expect(lines[0]).toBe('ligne;motif');
		expect(lines.at(-1)).toMatch(/^5001;/u);
		db.close();
		await db.delete();
	});
});
