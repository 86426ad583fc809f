import { createDatabase, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';

let counter = 0;

/** A fresh, empty database per test (real Dexie on fake-indexeddb), made the app's one. */
export function freshDatabase(): ComptoirDb {
	counter += 1;
	const db = createDatabase(`test-${counter}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	return db;
}
