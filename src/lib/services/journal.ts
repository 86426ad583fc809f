/**
 * Events of the till that the law wants journaled (CGI art. 286-I-3° bis, docs/integrity.md):
 * app start, training mode, reports printed. Sealed on the journal's chain.
 */
import { getDb } from '$lib/db/db';
import { recordEvent } from '$lib/db/chain-repository';
import { replacingNow, undoInterruptedReplacement } from '$lib/db/till-rebuild-repository';

export { recordEvent };

/**
 * Starts opening the database as the app starts: after a browser restart it takes 0.25–0.9 s on
 * a large catalogue (docs/performance.md), which then overlaps the loading of the first screen.
 * A database that cannot open is reported by the screens, where they read it.
 */
export function openDatabaseEarly(): void {
	void getDb()
		.open()
		.catch(() => {});
}

/**
 * The start of the app, journaled on its chain — after undoing a replacement of a lost till that
 * a closed page left half made, and never while this page replaces one (the journal coming back
 * must follow the lost till's own, docs/replication.md#lost-till).
 */
export async function recordAppStart(detail: Record<string, unknown>): Promise<void> {
	await undoInterruptedReplacement();
	if (await replacingNow()) return;
	await recordEvent('app-start', detail);
}
