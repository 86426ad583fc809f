// The fiscal perimeter kept true (docs/conformite/perimetre.md): the documented version is the
// files as they are, and a fiscal file changed without a new version makes `npm run fiscal`, and
// this test in CI, fail.
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { perimeterChanges, perimeterFingerprint } from '$lib/domain/fiscal';
import {
	currentPerimeterFiles,
	documentedPerimeter,
	FISCAL_FILES,
	PERIMETER_JSON
} from '../../src/cli/fiscal-files';

const run = promisify(execFile);
const ROOT = process.cwd();
const CLI = join(ROOT, 'src/cli/fiscal-perimeter.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** The perimeter's files and its documented version, copied where they can be changed. */
async function copyOfPerimeter(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'comptoir-fiscal-'));
	for (const path of [...FISCAL_FILES, PERIMETER_JSON]) {
		await cp(join(ROOT, path), join(folder, path), { recursive: true });
	}
	return folder;
}

async function fiscal(cwd: string, ...args: string[]) {
	try {
		const { stdout } = await run(TSX, [CLI, ...args], { cwd });
		return { code: 0, output: stdout };
	} catch (failure) {
		const { code, stdout, stderr } = failure as { code: number; stdout: string; stderr: string };
		return { code, output: `${stdout}${stderr}` };
	}
}

describe('the fiscal perimeter [PER-01]', () => {
	it('is the documented version: every fiscal file as recorded in perimetre.json', () => {
		const changes = perimeterChanges(documentedPerimeter(ROOT), currentPerimeterFiles(ROOT));
		expect(
			changes,
			'Un fichier du périmètre fiscal a changé : documentez la version (npm run fiscal -- version AAAA.MM.N).'
		).toEqual([]);
		// The fingerprint recorded is the one of those files (the one the build compares with).
		expect(perimeterFingerprint(currentPerimeterFiles(ROOT))).toBe(
			documentedPerimeter(ROOT).fingerprint
		);
	});

	it(
		'fails the check when a fiscal file changes, until a new version is recorded',
		{ timeout: 60_000 },
		async () => {
			const folder = await copyOfPerimeter();
			try {
				expect(await fiscal(folder)).toMatchObject({ code: 0 });
				await appendFile(join(folder, 'src/lib/domain/chain.ts'), '\n// changed\n');
				const refused = await fiscal(folder);
				expect(refused.code).toBe(1);
				expect(refused.output).toContain('src/lib/domain/chain.ts : modifié depuis la version');
				const documented = documentedPerimeter(folder);
				// The documented version cannot be kept for other files.
				expect(await fiscal(folder, 'version', documented.version)).toMatchObject({ code: 1 });
				expect(await fiscal(folder, 'version', '2099.01.1')).toMatchObject({ code: 0 });
				expect(await fiscal(folder)).toMatchObject({ code: 0 });
				expect(documentedPerimeter(folder).version).toBe('2099.01.1');
			} finally {
				await rm(folder, { recursive: true, force: true });
			}
		}
	);
});
