import Papa from 'papaparse';

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

/** The same CSV as text, without the BOM; without a header for the next part of a long file. */
export function csvText(rows: readonly (readonly string[])[], header?: readonly string[]): string {
	return Papa.unparse(
		{ fields: header ? [...header] : [], data: rows.map((row) => [...row]) },
		{
			delimiter: ';',
			newline: '\r\n',
			header: header !== undefined,
			escapeFormulae: /^(?:[=+@\t\r]|-(?![\d,]))/u
		}
	);
}
