import { releaseProxy, wrap } from 'comlink';
import type { BatchChecker, BatchVerdict } from '$lib/chain-check';
import type { ChainCheckApi } from './chain-check.worker';
import ChainCheckWorker from './chain-check.worker?worker';

/** A batch checker that spreads each batch over workers, and frees them when done. */
export interface ChainCheckPool {
	readonly check: BatchChecker;
	close(): void;
}

/**
 * One worker per core (at most 4), each trusting the same keys; each batch is cut into as many
 * slices, checked at once, and the verdicts put back in the batch's order.
 */
export async function chainCheckPool(
	keys: readonly CryptoKey[],
	size = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2))
): Promise<ChainCheckPool> {
	const workers = Array.from({ length: size }, (_, index) => {
		const worker = new ChainCheckWorker({ name: `comptoir-integrite-${index + 1}` });
		return { worker, remote: wrap<ChainCheckApi>(worker) };
	});
	await Promise.all(workers.map(({ remote }) => remote.trust([...keys])));
	return {
		async check(records) {
			const share = Math.ceil(records.length / workers.length);
			const verdicts: BatchVerdict[] = await Promise.all(
				workers.map(({ remote }, index) =>
					records.length > index * share
						? remote.check(records.slice(index * share, (index + 1) * share))
						: { recomputed: [], signatureValid: [] }
				)
			);
			return {
				recomputed: verdicts.flatMap((verdict) => verdict.recomputed),
				signatureValid: verdicts.flatMap((verdict) => verdict.signatureValid)
			};
		},
		close() {
			for (const { worker, remote } of workers) {
				remote[releaseProxy]();
				worker.terminate();
			}
		}
	};
}
