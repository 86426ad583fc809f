import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SchemaUpgradeNotice from '$lib/components/SchemaUpgradeNotice.svelte';
import { createDatabase } from '$lib/db/db';
import { articlesBeforeV6, databaseAtVersion } from '../unit/db/fresh-db';

describe('the schema upgrade after a new version', () => {
	it('says the database is being upgraded while it is, then gets out of the way', async () => {
		const { name, older: v5 } = databaseAtVersion(5);
		await v5.table('articles').bulkAdd(articlesBeforeV6(5_000, () => 1));
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
