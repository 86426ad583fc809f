/**
 * Catalogue CSV import off the main thread: a million rows never freeze the page. Parsing streams
 * through Papa Parse (pause/resume gives back-pressure), rows are checked by the domain, and the
 * valid ones are written by the data layer in one transaction (all or nothing).
 */
import { expose, type ProxyOrClone } from 'comlink';
import Papa from 'papaparse';
import { importCatalogue } from '$lib/db/article-repository';
import { csvText } from '$lib/export/files';
import {
	catalogueShapeProblem,
	csvRowToArticle,
	decodeCsvBytes,
	detectDelimiter,
	guessColumnMapping,
	type Article,
	type ColumnMapping,
	type CsvRowError
} from '$lib/domain';

export interface CsvPreview {
	encoding: 'utf-8' | 'windows-1252';
	delimiter: string;
	headers: string[];
	sample: string[][];
	mapping: ColumnMapping;
	/** Why this is not a catalogue (nothing more is read), or null. */
	problem: string | null;
}

export interface ImportReport {
	written: number;
	rejected: number;
	/** The first rejected rows with their line number and reason, for the screen. */
	errors: CsvRowError[];
	/** Every rejected row (line; reason) as a French CSV file, or null when none was. */
	refusedFile: Blob | null;
}

const MAX_LISTED_ERRORS = 1_000;
const REFUSED_HEADER = ['ligne', 'motif'];
/** The preview reads this much of the file, whatever its size. */
const PREVIEW_BYTES = 64 << 10;
const BATCH_ROWS = 5_000;

async function sniff(file: Blob): Promise<{ encoding: 'utf-8' | 'windows-1252'; text: string }> {
	// 1 MiB is enough to tell UTF-8 from Windows-1252; cut at a line end to keep characters whole.
	const head = new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer());
	const lastNewline = head.lastIndexOf(10);
	return decodeCsvBytes(
		file.size > head.length && lastNewline > 0 ? head.slice(0, lastNewline) : head
	);
}

async function previewCsv(file: Blob): Promise<CsvPreview> {
	const { encoding } = await sniff(file);
	const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
	const lastNewline = head.lastIndexOf(10);
	const sawLineEnd = lastNewline >= 0 || file.size <= PREVIEW_BYTES;
	const { text } = decodeCsvBytes(lastNewline > 0 ? head.slice(0, lastNewline) : head);
	const firstLine = text.split(/\r?\n/u, 1)[0] ?? '';
	const delimiter = detectDelimiter(firstLine);
	const parsed = Papa.parse<string[]>(text, { delimiter, preview: 6, skipEmptyLines: true });
	const [headers = [], ...sample] = parsed.data;
	const problem = catalogueShapeProblem({
		columns: headers.length,
		sawLineEnd,
		bytes: head.length
	});
	if (problem) {
		return { encoding, delimiter, headers: [], sample: [], mapping: {}, problem };
	}
	return { encoding, delimiter, headers, sample, mapping: guessColumnMapping(headers), problem };
}

type Batch = { article: Article; hasStock: boolean }[];

async function importCsv(
	file: Blob,
	options: { mapping: ColumnMapping; encoding: 'utf-8' | 'windows-1252'; delimiter: string },
	onProgress: ProxyOrClone<
		(progress: { rows: number; written: number; bytes: number; totalBytes: number }) => void
	>
): Promise<ImportReport> {
	const report: ImportReport = { written: 0, rejected: 0, errors: [], refusedFile: null };
	// Every refused row goes to the downloadable file, written as it comes, formulas defused.
	const refusedParts: string[] = [];
	let refusedRows: string[][] = [];
	const flushRefused = () => {
		if (refusedRows.length === 0) return;
		refusedParts.push(`${csvText(refusedRows)}\r\n`);
		refusedRows = [];
	};
	const ready: Batch[] = [];
	let waiting: ((batch: Batch | null) => void) | null = null;
	let finished = false;
	let failure: unknown = null;
	let parser: Papa.Parser | null = null;
	let rows = 0;
	let bytes = 0;
	let pending: Batch = [];

	const deliver = (batch: Batch | null) => {
		if (waiting) {
			const resolve = waiting;
			waiting = null;
			resolve(batch);
		} else if (batch) ready.push(batch);
	};

	Papa.parse<string[]>(file as File, {
		delimiter: options.delimiter,
		encoding: options.encoding,
		skipEmptyLines: true,
		chunkSize: 1 << 20,
		chunk(results, chunkParser) {
			parser = chunkParser;
			bytes = results.meta.cursor;
			for (const row of results.data) {
				rows++;
				if (rows === 1) continue; // header
				const result = csvRowToArticle(row, options.mapping, rows);
				if (result.ok) pending.push({ article: result.article, hasStock: result.hasStock });
				else {
					report.rejected++;
					if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push(result.error);
					refusedRows.push([String(result.error.line), result.error.reason]);
					if (refusedRows.length >= BATCH_ROWS) flushRefused();
				}
				if (pending.length >= BATCH_ROWS) {
					deliver(pending);
					pending = [];
				}
			}
			// Back-pressure: keep at most two batches ahead of the database.
			if (ready.length >= 2) chunkParser.pause();
		},
		complete() {
			finished = true;
			if (pending.length > 0) deliver(pending);
			pending = [];
			deliver(null);
		},
		error(error) {
			failure = error;
			finished = true;
			deliver(null);
		}
	});

	const nextBatch = () =>
		new Promise<Batch | null>((resolve) => {
			const batch = ready.shift();
			if (ready.length < 2) parser?.resume();
			if (batch) resolve(batch);
			else if (finished) resolve(null);
			else waiting = resolve;
		});

	const { written } = await importCatalogue(nextBatch, (count) => {
		void onProgress({ rows, written: count, bytes, totalBytes: file.size });
	});
	if (failure) throw new Error(`Lecture du fichier impossible\u00a0: ${String(failure)}`);
	report.written = written;
	flushRefused();
	if (report.rejected > 0) {
		report.refusedFile = new Blob(
			['\ufeff', `${csvText([], REFUSED_HEADER)}\r\n`, ...refusedParts],
			{
				type: 'text/csv;charset=utf-8'
			}
		);
	}
	return report;
}

const api = { previewCsv, importCsv };
export type CatalogueImportApi = typeof api;
expose(api);
