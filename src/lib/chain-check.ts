import { chainHash, GENESIS_HASH } from '$lib/domain';

/**
 * The arithmetic of the integrity check on a batch of sealed records (CGI art. 286-I-3° bis;
 * docs/integrity.md#million): each record's hash recomputed from its content and the hash before
 * it, and its signature of its stored hash checked. Shared by the check on the page's thread (a
 * backup being read, Node) and by the workers that spread « Vérifier l'intégrité » over the cores.
 */

/** What a sealed record carries besides its content. */
export interface SealedFields {
	readonly previousHash?: string;
	readonly hash?: string;
	readonly signature?: string;
}

/** Checks a record's signature of its hash. */
export type HashVerifier = (hash: string, signature: string) => Promise<boolean>;

/** For each record of a batch, in order: its hash recomputed, and whether its signature holds. */
export interface BatchVerdict {
	readonly recomputed: string[];
	readonly signatureValid: boolean[];
}

/** Checks a batch of records in order; the records are never changed. */
export type BatchChecker = (records: readonly (SealedFields & object)[]) => Promise<BatchVerdict>;

/**
 * A batch's verdict. Every hash is recomputed. When the batch is one intact run of the chain
 * (each hash recomputes, each record links to the one before, each carries a signature) and its
 * last record's signature holds, that signature vouches for every record of the run: its hash
 * covers them all through the chain (SHA-256 second-preimage resistance), so they count as
 * signed. Otherwise every signature of the batch is checked, so that the first forged record is
 * named. Checking them all every time would cost a million WebCrypto verifications, done one at a
 * time per browser (docs/integrity.md#million).
 */
export async function checkSealedBatch(
	records: readonly (SealedFields & object)[],
	verify: HashVerifier
): Promise<BatchVerdict> {
	const recomputed = records.map((record) =>
		chainHash(record.previousHash ?? GENESIS_HASH, record)
	);
	const intactRun = records.every(
		(record, index) =>
			recomputed[index] === record.hash &&
			typeof record.signature === 'string' &&
			record.signature.length > 0 &&
			(index === 0 || record.previousHash === records[index - 1]?.hash)
	);
	const last = records.at(-1);
	if (intactRun && last?.hash && last.signature && (await verify(last.hash, last.signature))) {
		return { recomputed, signatureValid: records.map(() => true) };
	}
	const signatureValid = await Promise.all(
		records.map((record) =>
			record.hash && record.signature
				? verify(record.hash, record.signature)
				: Promise.resolve(false)
		)
	);
	return { recomputed, signatureValid };
}
