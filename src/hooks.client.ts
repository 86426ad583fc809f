import { openDatabaseEarly } from '$lib/services/journal';

/** Runs once when the app starts, before the first screen's code is fetched. */
export function init(): void {
	openDatabaseEarly();
}
