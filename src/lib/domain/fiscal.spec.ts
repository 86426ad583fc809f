import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	perimeterChanges,
	perimeterFingerprint,
	perimeterListing,
	recordFiscalVersion,
	type FiscalPerimeter
} from './fiscal';

const a = { path: 'src/lib/domain/chain.ts', sha256: 'a'.repeat(64) };
const b = { path: 'src/cli/verify-archive.ts', sha256: 'b'.repeat(64) };
const documented: FiscalPerimeter = {
	version: '2026.12.1',
	recordedOn: '2026-12-04',
	files: [b, a],
	fingerprint: perimeterFingerprint([a, b])
};

describe('the fiscal perimeter [PER-01]', () => {
	it('lists the files as sha256sum does, by path, and fingerprints that listing', () => {
		expect(perimeterListing([a, b])).toBe(`${b.sha256}  ${b.path}\n${a.sha256}  ${a.path}\n`);
		expect(perimeterListing([a, a])).toBe(`${a.sha256}  ${a.path}\n`.repeat(2));
		expect(perimeterFingerprint([a, b])).toBe(
			createHash('sha256')
				.update(perimeterListing([b, a]))
				.digest('hex')
		);
	});

	it('names each file changed, missing or added since the documented version', () => {
		expect(perimeterChanges(documented, [a, b])).toEqual([]);
		const changed = { ...a, sha256: 'c'.repeat(64) };
		const added = { path: 'src/lib/domain/new.ts', sha256: 'd'.repeat(64) };
		expect(perimeterChanges(documented, [changed, added])).toEqual([
			'src/cli/verify-archive.ts : fichier absent',
			'src/lib/domain/chain.ts : modifié depuis la version 2026.12.1',
			'src/lib/domain/new.ts : ajouté au périmètre'
		]);
	});

	it('records a new version only when the files changed, under a new version number', () => {
		const changed = [{ ...a, sha256: 'c'.repeat(64) }, b];
		expect(recordFiscalVersion(documented, '2026.12.2', changed, '2026-12-05')).toEqual({
			ok: true,
			value: {
				version: '2026.12.2',
				recordedOn: '2026-12-05',
				files: [b, changed[0]],
				fingerprint: perimeterFingerprint(changed)
			}
		});
		expect(recordFiscalVersion(null, '2026.12.1', [a], '2026-12-04').ok).toBe(true);
		const refusal = (version: string, files: typeof changed) => {
			const result = recordFiscalVersion(documented, version, files, '2026-12-05');
			return result.ok ? '' : result.error.message;
		};
		expect(refusal('2026.12.1', changed)).toBe(
			'Le périmètre fiscal a changé : donnez-lui une version nouvelle (la 2026.12.1 désigne déjà d’autres fichiers).'
		);
		expect(refusal('2026.12.2', [a, b])).toBe(
			'Aucun fichier du périmètre fiscal n’a changé depuis la version 2026.12.1.'
		);
		expect(refusal('v2', changed)).toBe(
			'Version « v2 » : attendue sous la forme AAAA.MM.N (ex. 2026.12.1).'
		);
	});
});
