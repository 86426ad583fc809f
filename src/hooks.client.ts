import { getDb } from '$lib/db/db';

/**
 * Runs once when the app starts, before the first screen's code is fetched: opening the database
 * after a browser restart takes 0.25–0.9 s on a large catalogue (BENCHMARKS.md), so it starts now
 * and overlaps the loading of the screen's chunks instead of following it (cold start).
 */
export function init(): void {
	void getDb()
		.open()
		.catch(() => {
			// The screens report a database that cannot open, where they read it.
		});
}
