// Where the founder's shared folder is (DOMAIN.md, the e-invoice validator): beside the
// repository as `../shared`, or, for a clone made elsewhere from a local checkout (a CI run in a
// temporary folder), beside that checkout. COMPTOIR_SHARED names it outright.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The local checkout this clone was made from, if its origin is a folder on this machine. */
function localOrigin() {
	try {
		const url = execFileSync('git', ['-C', REPOSITORY, 'remote', 'get-url', 'origin'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
		const path = url.startsWith('file://') ? fileURLToPath(url) : url;
		return isAbsolute(path) && existsSync(path) ? path : null;
	} catch {
		return null;
	}
}

/** @returns {string | null} the shared folder, or null when none is found */
export function sharedDir() {
	const candidates = [
		process.env.COMPTOIR_SHARED,
		join(REPOSITORY, '../shared'),
		localOrigin() && join(/** @type {string} */ (localOrigin()), '../shared')
	];
	return candidates.find((path) => path && existsSync(path)) ?? null;
}

// `node tests/support/shared-dir.js` prints it, for .ci/run.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(sharedDir() ?? '');
