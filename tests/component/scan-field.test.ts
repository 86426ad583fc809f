import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { toArticleRow } from '$lib/db/article-repository';
import { fillCatalogueSearch } from '$lib/db/search/catalogue-search';
import ScanField from '$lib/components/till/ScanField.svelte';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { freshDatabase } from '../unit/db/fresh-db';

const book = (n: number, title: string) =>
	toArticleRow({
		ean: `2${String(n).padStart(11, '0')}0`,
		title,
		authors: '',
		publisher: '',
		collection: '',
		priceCents: assertCents(1_000),
		vatRateBp: assertVatRateBp(550),
		kind: 'livre',
		stock: 1
	});

describe('searching the catalogue from the scan field', () => {
	it('never says « aucun article » when the search stopped at its bound', async () => {
		const db = freshDatabase();
		// 1 100 gardens and 1 100 secrets: the only secret garden is the last of each list.
		await db.articles.bulkPut([
			...Array.from({ length: 1_099 }, (_, i) => book(i, `Jardin ${i}`)),
			...Array.from({ length: 1_099 }, (_, i) => book(2_000 + i, `Secret ${i}`)),
			book(9_999, 'Le jardin secret')
		]);
		await fillCatalogueSearch(db);
		const user = userEvent.setup();
		render(ScanField, { onarticle: () => undefined, onunknown: () => undefined });
		const field = screen.getByRole('combobox');

		await user.type(field, 'jardin secret ');
		expect((await screen.findByRole('status')).textContent).toBe(
			'Rien trouvé pour «\u00a0jardin secret\u00a0» parmi les premiers titres\u00a0: tapez la suite des mots pour préciser.'
		);

		await user.clear(field);
		await user.type(field, 'jardin zzz');
		expect(await screen.findByText('Aucun article ne correspond à « jardin zzz ».')).toBeTruthy();

		await user.clear(field);
		await user.type(field, 'jardin 1098');
		expect(await screen.findByText('Jardin 1098')).toBeTruthy();
		expect(screen.queryByRole('status')).toBeNull();
	});
});
