/**
 * The integrity check's hashing and signature checks off the main thread (docs/integrity.md#million):
 * one such worker per core checks its share of each batch, so a million sealed records are checked
 * on every core while the till stays usable.
 */
import { expose } from 'comlink';
import {
	checkSealedBatch,
	type BatchVerdict,
	type HashVerifier,
	type SealedFields
} from '$lib/chain-check';
import { anyKeyVerifier } from '$lib/signature';

let verify: HashVerifier | null = null;

const api = {
	/** The keys whose signatures hold: the till's own and those its sealed events named. */
	trust(keys: CryptoKey[]): void {
		verify = anyKeyVerifier(keys);
	},
	check(records: (SealedFields & object)[]): Promise<BatchVerdict> {
		if (!verify) throw new Error('Clés de vérification non transmises au worker.');
		return checkSealedBatch(records, verify);
	}
};

export type ChainCheckApi = typeof api;

expose(api);
