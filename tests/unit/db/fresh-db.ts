import { createDatabase, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';

let counter = 0;

/** A fresh, empty database per test (real Dexie on fake-indexeddb), made the app's one. */
export function freshDatabase(): ComptoirDb {
	counter += 1;
	const db = createDatabase(`test-${process.pid}-${counter}-${Date.now()}`);
	useDatabaseForTests(db);
	return db;
}
