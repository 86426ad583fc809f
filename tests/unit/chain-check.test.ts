// The integrity check's batch arithmetic (docs/integrity.md#check), as the workers run it: the
// same hashes as the sale sealed, and each signature judged with the trusted keys only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSealedBatch } from '$lib/chain-check';
import { chainHash, GENESIS_HASH } from '$lib/domain';
import { anyKeyVerifier, KEY_ALGORITHM, signText } from '$lib/signature';
import { bookSale } from './db/sale-fixtures';

describe('checkSealedBatch', () => {
	const keyPair = () =>
		crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;

	it('recomputes each hash and checks each signature, in the batch’s order', async () => {
		const own = await keyPair();
		const former = await keyPair();
		const stranger = await keyPair();
		const sealed = async (signer: CryptoKey, change: object = {}) => {
			const record = { ...bookSale(), previousHash: GENESIS_HASH } as Record<string, unknown>;
			record['hash'] = chainHash(GENESIS_HASH, record);
			record['signature'] = await signText(signer, record['hash'] as string);
			return { ...record, ...change };
		};
		const batch = [
			await sealed(own.privateKey),
			await sealed(former.privateKey),
			await sealed(stranger.privateKey),
			await sealed(own.privateKey, { totalCents: 1 }),
			{ ...bookSale() }
		];
		const verdict = await checkSealedBatch(
			batch,
			anyKeyVerifier([own.publicKey, former.publicKey])
		);
		expect(verdict.signatureValid).toEqual([true, true, false, true, false]);
		expect(verdict.recomputed.map((hash, index) => hash === batch[index]?.['hash'])).toEqual([
			true,
			true,
			true,
			false,
			false
		]);
	});

	/** A run of the chain as the till seals it: each record linked to the one before, signed. */
	async function sealedRun(length: number, signer: CryptoKey) {
		const run: Record<string, unknown>[] = [];
		let previousHash = GENESIS_HASH;
		for (let number = 1; number <= length; number++) {
			const record = { ...bookSale(), number, previousHash } as Record<string, unknown>;
			record['hash'] = chainHash(previousHash, record);
			record['signature'] = await signText(signer, record['hash'] as string);
			previousHash = record['hash'] as string;
			run.push(record);
		}
		return run;
	}

	/** Records from `from` on rewritten by someone without the key: hashes recomputed, signed by another. */
	async function forgedFrom(run: Record<string, unknown>[], from: number, forger: CryptoKey) {
		const forged = run.map((record) => ({ ...record }));
		for (let index = from; index < forged.length; index++) {
			const record = forged[index] as Record<string, unknown>;
			if (index === from) record['totalCents'] = 1;
			record['previousHash'] = index === 0 ? GENESIS_HASH : forged[index - 1]?.['hash'];
			record['hash'] = chainHash(record['previousHash'] as string, record);
			record['signature'] = await signText(forger, record['hash'] as string);
		}
		return forged;
	}

	it('checks one signature for an intact run: the last one vouches for the others through the chain', async () => {
		const own = await keyPair();
		const run = await sealedRun(12, own.privateKey);
		// A signature field changed on a record whose content is intact changes no figure: the
		// chain still ties that content to the last record's signature.
		run[4] = { ...run[4], signature: (run[7] as Record<string, unknown>)['signature'] };
		const checked: string[] = [];
		const verify = anyKeyVerifier([own.publicKey]);
		const verdict = await checkSealedBatch(run, (hash, signature) => {
			checked.push(hash);
			return verify(hash, signature);
		});
		expect(verdict.signatureValid).toEqual(run.map(() => true));
		expect(checked).toEqual([run.at(-1)?.['hash']]);
	});

	it('names the first record rewritten without the key, wherever the rewrite starts', async () => {
		const own = await keyPair();
		const forger = await keyPair();
		const run = await sealedRun(8, own.privateKey);
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: 7 }), async (from) => {
				const forged = await forgedFrom(run, from, forger.privateKey);
				const verdict = await checkSealedBatch(forged, anyKeyVerifier([own.publicKey]));
				expect(verdict.signatureValid.indexOf(false)).toBe(from);
				expect(verdict.recomputed).toEqual(forged.map((record) => record['hash']));
			}),
			{ numRuns: 20 }
		);
	});

	it('checks every signature when a record in the batch carries none', async () => {
		const own = await keyPair();
		const run = await sealedRun(5, own.privateKey);
		delete run[2]?.['signature'];
		const verdict = await checkSealedBatch(run, anyKeyVerifier([own.publicKey]));
		expect(verdict.signatureValid).toEqual([true, true, false, true, true]);
	});
});
