import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ArticleForm from '$lib/components/catalogue/ArticleForm.svelte';
import { saveArticle } from '$lib/db/article-repository';
import { keepPeerRevisionBatch, saveSyncSettings } from '$lib/db/replication-repository';
import { assertCents, HEAD_OFFICE_TILL } from '$lib/domain';
import { freshDatabase } from '../unit/db/fresh-db';
import { book } from '../unit/db/sale-fixtures';
import { tillCredentials } from '../unit/db/sync-fixtures';

const { stock: _stock, ...fields } = book; // eslint-disable-line @typescript-eslint/no-unused-vars -- the title as the head office sends it

describe('Catalogue › Modifier, in a shop of a chain', () => {
	it('says the head office’s price beside the price, and that the shop has its own', async () => {
		freshDatabase();
		await saveSyncSettings(tillCredentials('CAISSE1', 1), 'Anne');
		await saveArticle(book, 'Anne');
		await keepPeerRevisionBatch([
			{
				message: {
					type: 'revisions',
					uid: 'siege-1',
					at: '2026-12-04T09:00:00.000Z',
					by: 'Siège (Claire)',
					items: [
						{
							ean: book.ean,
							base: null,
							fields: { ...fields, priceCents: assertCents(900) },
							stockDelta: 0
						}
					]
				},
				tillId: HEAD_OFFICE_TILL,
				streamSeq: 1
			}
		]);
		const following = render(ArticleForm, {
			article: { ...book, priceCents: assertCents(900) },
			onsaved: () => {},
			oncancel: () => {}
		});
		expect(await screen.findByText('Prix du siège.')).toBeTruthy();
		following.unmount();

		await saveArticle({ ...book, priceCents: assertCents(850) }, 'Anne');
		render(ArticleForm, {
			article: { ...book, priceCents: assertCents(850) },
			onsaved: () => {},
			oncancel: () => {}
		});
		const hint = await screen.findByText(/^Prix du siège\s: 9,00\s€ — cette boutique a le sien/u);
		expect(screen.getByLabelText(/^Prix TTC/u).getAttribute('aria-describedby')).toContain(hint.id);
	});
});
