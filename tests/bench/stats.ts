/** Timing statistics for benchmarks: medians and tails over repeated runs. */
export interface Figure {
	/** What was measured, in the bookseller's words. */
	name: string;
	samples: number;
	p50: number;
	p95: number;
	p99: number;
	/** Target in ms at p95 (or a throughput target), when the issues set one. */
	target?: string;
	/** The raw IndexedDB (or main-thread) figure it is compared with, measured in the same run. */
	baseline?: { name: string; p50: number; p95: number; p99: number };
	note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)] as number;
}

export function summarize(samples: readonly number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		samples: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99)
	};
}

/** Runs `body` `warmup` times unmeasured, then `runs` times measured (ms, performance.now()). */
export async function measure(
	body: (iteration: number) => unknown,
	{ runs = 200, warmup = 20 } = {}
): Promise<ReturnType<typeof summarize>> {
	for (let i = 0; i < warmup; i++) await body(i);
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await body(warmup + i);
		samples.push(performance.now() - start);
	}
	return summarize(samples);
}
