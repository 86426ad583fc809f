import Papa from 'papaparse';
import { decodeCsvBytes, detectDelimiter } from '$lib/domain';

/**
 * The rows of a small CSV the user chose (a head office catalogue, a directory export): its
 * encoding and separator guessed as the catalogue import guesses them, blank lines left out.
 */
export async function csvRowsOf(file: Blob): Promise<string[][]> {
	const { text } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
	return Papa.parse<string[]>(text, {
		delimiter: detectDelimiter(text.split(/\r?\n/u, 1)[0] ?? ''),
		skipEmptyLines: 'greedy'
	}).data;
}

/** Hands a file to the user as a download (everything stays on the device: no upload). */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A CSV for French spreadsheets: `;` separator, CRLF, UTF-8 with a BOM so Excel reads accents.
 * Text cells that a spreadsheet would run as a formula (=, +, @, or - not followed by a digit)
 * are prefixed with a quote (OWASP "CSV injection"); negative amounts stay numbers.
 */
export function csvBlob(header: readonly string[], rows: readonly (readonly string[])[]): Blob {
	return new Blob(['\ufeff', csvText(rows, header)], { type: 'text/csv;charset=utf-8' });
}

/**
 * A cell a spreadsheet would read as a formula (OWASP « CSV Injection »): starting with =, +, @,
 * a tab or a carriage return, or with « - » unless the whole cell is a plain amount (-45,40 ;
 * -1 234,50). Such a cell is written with a leading apostrophe, shown as text.
 */
const FORMULA_START =
	/^(?:[=+@\t\r]|-(?!\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:,\d+)?(?:[ \u00a0\u202f]?€)?$))/u;

/** The same CSV as text, without the BOM; without a header for the next part of a long file. */
export function csvText(rows: readonly (readonly string[])[], header?: readonly string[]): string {
	return Papa.unparse(
		{ fields: header ? [...header] : [], data: rows.map((row) => [...row]) },
		{
			delimiter: ';',
			newline: '\r\n',
			header: header !== undefined,
			escapeFormulae: FORMULA_START
		}
	);
}
