// The founder's independent validator (../shared/tools/einvoice-check): official EN 16931
// schematron, Factur-X rules, PDF/A-3 and Chorus Pro checks. Every export must pass it with
// `--chorus` and 0 errors (docs/invoices.md). Runs in Node: Vitest's node project, and the browser
// project's server-side command (vite.config.ts), so plain JavaScript the config can import.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from './shared-dir.js';

export const VALIDATOR = join(sharedDir() ?? '../shared', 'tools/einvoice-check/check.mjs');

/** The validator sits in ../shared beside the repository; tests skip only when it is absent. */
export const VALIDATOR_PRESENT = existsSync(VALIDATOR);

/** In CI the validator must be there: a run that skips the validation is a failed run. */
export const VALIDATOR_REQUIRED = Boolean(process.env.CI);

export const VALIDATOR_MISSING_MESSAGE =
	'../shared/tools/einvoice-check est absent : les exports ne sont pas validés (cloner le dépôt à côté de ../shared).';

/**
 * @typedef {object} ValidatorReport
 * @property {number} exitCode 0 no error, 1 errors, 2 could not check
 * @property {string[]} errors the `ERROR <rule> <message>` lines
 * @property {string[]} warnings the `WARN <rule> <message>` lines
 * @property {string} output everything the validator printed
 */

/**
 * Writes the file to a temporary folder and runs `check.mjs FILE --chorus` on it.
 * @param {string | Uint8Array} contents
 * @param {string} fileName
 * @param {readonly string[]} [flags]
 * @returns {Promise<ValidatorReport>}
 */
export async function checkEInvoice(contents, fileName, flags = ['--chorus']) {
	const dir = await mkdtemp(join(tmpdir(), 'comptoir-einvoice-'));
	const file = join(dir, fileName);
	try {
		await writeFile(file, contents);
		/** @type {{ exitCode: number, output: string }} */
		const run = await new Promise((resolve) => {
			execFile(
				process.execPath,
				[VALIDATOR, file, ...flags],
				// Chorus Pro's "today" (the deposit date BT-2 may not pass) is France's day, the one
				// the shop dates its invoices in; the validator reads it from the process's zone,
				// so after 23:00 UTC a machine on UTC would judge tomorrow's French invoice future.
				{
					maxBuffer: 16 * 1024 * 1024,
					timeout: 300_000,
					env: { ...process.env, TZ: 'Europe/Paris' }
				},
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
					resolve({ exitCode: code, output: `${stdout}${stderr}` });
				}
			);
		});
		const lines = run.output.split('\n');
		return {
			exitCode: run.exitCode,
			errors: lines.filter((line) => line.startsWith('ERROR')),
			warnings: lines.filter((line) => line.startsWith('WARN')),
			output: run.output
		};
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
