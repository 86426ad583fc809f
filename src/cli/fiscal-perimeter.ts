/**
 * `npm run fiscal` — the fiscal perimeter (docs/conformite/perimetre.md):
 * - `npm run fiscal` (or `-- check`): says whether the files are those of the documented version
 *   (exit 0), or which changed (exit 1);
 * - `npm run fiscal -- version 2026.12.2`: records the files as a new version in perimetre.json,
 *   refused when nothing changed or when the version is the documented one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { perimeterChanges, recordFiscalVersion } from '../lib/domain/fiscal';
import { currentPerimeterFiles, documentedPerimeter, PERIMETER_JSON } from './fiscal-files';

function main(args: readonly string[]): number {
	const root = process.cwd();
	const documented = documentedPerimeter(root);
	const current = currentPerimeterFiles(root);
	const [command = 'check', version] = args;
	if (command === 'check') {
		const changes = perimeterChanges(documented, current);
		if (changes.length === 0) {
			console.log(
				`Périmètre fiscal conforme à la version ${documented.version} (empreinte ${documented.fingerprint}).`
			);
			return 0;
		}
		console.log(`Le périmètre fiscal a changé depuis la version ${documented.version} :`);
		for (const change of changes) console.log(`- ${change}`);
		console.log('Documentez la nouvelle version : npm run fiscal -- version AAAA.MM.N');
		return 1;
	}
	if (command === 'version' && version) {
		const recorded = recordFiscalVersion(
			documented,
			version,
			current,
			new Date().toISOString().slice(0, 10)
		);
		if (!recorded.ok) {
			console.error(recorded.error.message);
			return 1;
		}
		writeFileSync(join(root, PERIMETER_JSON), `${JSON.stringify(recorded.value, null, '\t')}\n`);
		console.log(
			`Version fiscale ${version} enregistrée (empreinte ${recorded.value.fingerprint}). Notez ce qui a changé dans docs/conformite/versions.md.`
		);
		return 0;
	}
	console.error('Usage : npm run fiscal [-- check] | npm run fiscal -- version AAAA.MM.N');
	return 2;
}

process.exitCode = main(process.argv.slice(2));
