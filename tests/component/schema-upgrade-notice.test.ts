import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/svelte';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import SchemaUpgradeNotice from '$lib/components/SchemaUpgradeNotice.svelte';
import { createDatabase } from '$lib/db/db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';

describe('the schema upgrade after a new version', () => {
	it('says the database is being upgraded while it is, then gets out of the way', async () => {
		const name = `upgrade-notice-${Math.random().toString(36).slice(2)}`;
		const v5 = new Dexie(name);
		for (const version of [1, 2, 3, 4, 5] as const)
			v5.version(version).stores(SCHEMA_VERSIONS[version]);
		await v5.table('articles').bulkAdd(
			Array.from({ length: 5_000 }, (_, i) => ({
				ean: String(i).padStart(13, '0'),
				words: ['jardin'],
				stock: 1
			}))
		);
		v5.close();
		render(SchemaUpgradeNotice);
		const status = screen.getByRole('status');
		expect(status.textContent?.trim()).toBe('');

		const db = createDatabase(name);
		const opening = db.open();
		expect(await screen.findByText(/^Mise à jour de la base de données/u)).toBeTruthy();
		await opening;
		await waitFor(() => expect(status.textContent?.trim()).toBe(''));
		expect(await db.stock.count()).toBe(5_000);
		db.close();
	});
});
