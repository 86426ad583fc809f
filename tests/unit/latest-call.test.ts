import { describe, expect, it } from 'vitest';
import { latestCall, STALE } from '$lib/state/latest-call';

describe('latestCall', () => {
	it('keeps only the answer to the last call, however the answers arrive', async () => {
		const answers = new Map<number, (value: string) => void>();
		const load = latestCall(
			(id: number) => new Promise<string>((resolve) => answers.set(id, resolve))
		);
		const first = load(1);
		const second = load(2);
		answers.get(2)?.('ticket 2');
		answers.get(1)?.('ticket 1');
		await expect(second).resolves.toBe('ticket 2');
		await expect(first).resolves.toBe(STALE);
		// Alone, a call keeps its answer.
		const third = load(3);
		answers.get(3)?.('ticket 3');
		await expect(third).resolves.toBe('ticket 3');
	});
});
