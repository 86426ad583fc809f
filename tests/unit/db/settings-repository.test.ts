import { describe, expect, it } from 'vitest';
import { getShopSettings, saveShopSettings } from '$lib/db/settings-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { freshDatabase } from './fresh-db';

describe('shop settings', () => {
	it('are undefined before setup, then saved and journaled with the changed fields', async () => {
		const db = freshDatabase();
		expect(await getShopSettings()).toBeUndefined();
		await saveShopSettings(DEMO_SHOP);
		expect(await getShopSettings()).toEqual(DEMO_SHOP);
		await saveShopSettings({ ...DEMO_SHOP, city: 'Liévin' });
		const journal = await db.journal.toArray();
		expect(journal.map((entry) => entry.type)).toEqual(['settings-changed', 'settings-changed']);
		expect(journal[1]?.detail).toEqual({ section: 'shop', fields: ['city'] });
	});
});
