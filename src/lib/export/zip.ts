import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Zip, ZipDeflate } from 'fflate';

/**
 * A ZIP written a file and a part at a time (fflate), so a year of tickets never sits in memory
 * as one string; each file's SHA-256 and the whole ZIP's are computed on the way.
 */
export function zipWriter(mtime: Date) {
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	const zipHash = sha256.create();
	const zip = new Zip((error, data) => {
		if (error) throw error;
		chunks.push(data as Uint8Array<ArrayBuffer>);
		zipHash.update(data);
	});
	const encoder = new TextEncoder();
	return {
		/** A new file: push its text in parts, then end it to get its SHA-256 (hex). */
		file(name: string) {
			const file = new ZipDeflate(name, { level: 6 });
			file.mtime = mtime;
			zip.add(file);
			const hash = sha256.create();
			return {
				push(text: string) {
					this.pushBytes(encoder.encode(text));
				},
				pushBytes(bytes: Uint8Array) {
					hash.update(bytes);
					file.push(bytes);
				},
				end(): string {
					file.push(new Uint8Array(0), true);
					return bytesToHex(hash.digest());
				}
			};
		},
		/** A whole file at once, text or bytes; its SHA-256. */
		add(name: string, content: string | Uint8Array): string {
			const entry = this.file(name);
			if (typeof content === 'string') entry.push(content);
			else entry.pushBytes(content);
			return entry.end();
		},
		finish(): { blob: Blob; sha256: string } {
			zip.end();
			return {
				blob: new Blob(chunks, { type: 'application/zip' }),
				sha256: bytesToHex(zipHash.digest())
			};
		}
	};
}

/** The files of a ZIP by name; throws on a file that is not a whole ZIP (truncated, other). */
export async function unzipFile(file: Blob): Promise<Map<string, Uint8Array>> {
	const { unzipSync } = await import('fflate');
	return new Map(Object.entries(unzipSync(new Uint8Array(await file.arrayBuffer()))));
}
