/**
 * The fiscal perimeter's files on disk (docs/conformite/perimetre.md), read by `npm run fiscal`
 * and by the test that keeps the documented version true (the build hashes the same files in
 * vite.config.ts). Node only; the CLI runs it with tsx, so only relative imports.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FiscalPerimeter, PerimeterFile } from '../lib/domain/fiscal';

/** Where the documented version and its files' SHA-256 are kept. */
export const PERIMETER_JSON = 'docs/conformite/perimetre.json';

/**
 * The files that record a sale and its figures, seal it (chaining and signature), write the
 * journal, make the closings with their perpetual grand total, make and check the archives, and
 * print the receipts and their duplicates (docs/conformite/exigences.md).
 */
export const FISCAL_FILES: readonly string[] = [
	'src/cli/verify-archive.ts',
	'src/lib/chain-check.ts',
	'src/lib/db/archive-repository.ts',
	'src/lib/db/chain-repository.ts',
	'src/lib/db/closing-repository.ts',
	'src/lib/db/integrity-repository.ts',
	'src/lib/db/ticket-repository.ts',
	'src/lib/domain/archive.ts',
	'src/lib/domain/chain.ts',
	'src/lib/domain/closing.ts',
	'src/lib/domain/inverse.ts',
	'src/lib/domain/key-change.ts',
	'src/lib/domain/money.ts',
	'src/lib/domain/recorded.ts',
	'src/lib/domain/ticket.ts',
	'src/lib/domain/vat.ts',
	'src/lib/export/zip.ts',
	'src/lib/printing/receipt-model.ts',
	'src/lib/signature.ts',
	'src/lib/workers/chain-check-pool.ts',
	'src/lib/workers/chain-check.worker.ts'
];

export function currentPerimeterFiles(root: string): PerimeterFile[] {
	return FISCAL_FILES.map((path) => ({
		path,
		sha256: createHash('sha256')
			.update(readFileSync(join(root, path)))
			.digest('hex')
	}));
}

export function documentedPerimeter(root: string): FiscalPerimeter {
	return JSON.parse(readFileSync(join(root, PERIMETER_JSON), 'utf8')) as FiscalPerimeter;
}
