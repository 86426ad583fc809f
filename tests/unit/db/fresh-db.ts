import Dexie from 'dexie';
import { createDatabase, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';

let counter = 0;

/** A fresh, empty database per test (real Dexie on fake-indexeddb), made the app's one. */
export function freshDatabase(): ComptoirDb {
	counter += 1;
	const db = createDatabase(`test-${counter}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	return db;
}

/**
 * A new database as an older Comptoir made it: schema versions 1 to `version` only, to fill before
 * `createDatabase(name)` upgrades it. Returns its name and the older version's Dexie.
 */
export function databaseAtVersion(version: keyof typeof SCHEMA_VERSIONS): {
	name: string;
	older: Dexie;
} {
	const name = `v${version}-${Math.random().toString(36).slice(2)}`;
	const older = new Dexie(name);
	for (let v = 1; v <= version; v++)
		older.version(v).stores(SCHEMA_VERSIONS[v as keyof typeof SCHEMA_VERSIONS]);
	return { name, older };
}

/**
 * `count` article rows as Comptoir wrote them up to v5, stock inside: EANs 0000000000000 upwards,
 * each with the one search word « jardin », for the upgrade tests.
 */
export function articlesBeforeV6(
	count: number,
	stockOf: (index: number) => number
): { ean: string; words: string[]; stock: number }[] {
	return Array.from({ length: count }, (_, i) => ({
		ean: String(i).padStart(13, '0'),
		words: ['jardin'],
		stock: stockOf(i)
	}));
}
