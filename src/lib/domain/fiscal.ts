import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from './result';

/**
 * The fiscal perimeter (docs/conformite/perimetre.md): the source files that record, seal, close,
 * archive and verify the sales (CGI art. 286-I-3° bis), each with its SHA-256, and the version of
 * the till software they make: the version the attestation names (CGI art. 286-I-3° bis, second
 * paragraph). A change to one of them is a new fiscal version, documented as such.
 */
export interface PerimeterFile {
	/** From the repository's root, with « / ». */
	readonly path: string;
	/** SHA-256 of the file's bytes, hex. */
	readonly sha256: string;
}

export interface FiscalPerimeter {
	/** « 2026.12.1 »: year, month, then the number of the version that month. */
	readonly version: string;
	/** The day the version was recorded, YYYY-MM-DD. */
	readonly recordedOn: string;
	readonly files: readonly PerimeterFile[];
	/** SHA-256 of `perimeterListing(files)`. */
	readonly fingerprint: string;
}

/** What a closing or an archive records of the version that made it. */
export interface FiscalVersionStamp {
	readonly version: string;
	readonly fingerprint: string;
}

/**
 * The version the running app was built from, and whether its files are the documented ones
 * (computed by the build, vite.config.ts).
 */
export interface FiscalRelease {
	readonly version: string;
	readonly fingerprint: string;
	/** False when a perimeter file differs from the documented version (a build not to ship). */
	readonly documented: boolean;
}

function byPath(files: readonly PerimeterFile[]): PerimeterFile[] {
	return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const VERSION = /^\d{4}\.\d{2}\.\d{1,3}$/u;

/**
 * The perimeter as `sha256sum` prints it (« hash␣␣path », one line each, sorted by path): an
 * inspector checks the files with `sha256sum -c`, and the fingerprint with `sha256sum` of it.
 */
export function perimeterListing(files: readonly PerimeterFile[]): string {
	return byPath(files)
		.map((file) => `${file.sha256}  ${file.path}\n`)
		.join('');
}

export function perimeterFingerprint(files: readonly PerimeterFile[]): string {
	return bytesToHex(sha256(utf8ToBytes(perimeterListing(files))));
}

/** What differs between the documented perimeter and the files as they are, in French. */
export function perimeterChanges(
	documented: FiscalPerimeter,
	current: readonly PerimeterFile[]
): string[] {
	const now = new Map(current.map((file) => [file.path, file.sha256]));
	const changes = documented.files.flatMap((file) => {
		const hash = now.get(file.path);
		if (hash === undefined) return [`${file.path} : fichier absent`];
		return hash === file.sha256
			? []
			: [`${file.path} : modifié depuis la version ${documented.version}`];
	});
	const known = new Set(documented.files.map((file) => file.path));
	for (const file of current) {
		if (!known.has(file.path)) changes.push(`${file.path} : ajouté au périmètre`);
	}
	return changes;
}

/**
 * The perimeter recorded as a new version: refused when nothing changed, and when the files
 * changed but the version did not (a changed fiscal file is always a new version).
 */
export function recordFiscalVersion(
	previous: FiscalPerimeter | null,
	version: string,
	files: readonly PerimeterFile[],
	today: string
): Result<FiscalPerimeter> {
	if (!VERSION.test(version)) {
		return err(
			'FISCAL_VERSION',
			`Version « ${version} » : attendue sous la forme AAAA.MM.N (ex. 2026.12.1).`
		);
	}
	const fingerprint = perimeterFingerprint(files);
	if (previous && previous.fingerprint === fingerprint) {
		return err(
			'FISCAL_UNCHANGED',
			`Aucun fichier du périmètre fiscal n’a changé depuis la version ${previous.version}.`
		);
	}
	if (previous && previous.version === version) {
		return err(
			'FISCAL_SAME_VERSION',
			`Le périmètre fiscal a changé : donnez-lui une version nouvelle (la ${version} désigne déjà d’autres fichiers).`
		);
	}
	return ok({ version, recordedOn: today, files: byPath(files), fingerprint });
}
