import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getStock, saveArticle } from '$lib/db/article-repository';
import { recordSale } from '$lib/db/ticket-repository';
import CataloguePage from '../../src/routes/catalogue/+page.svelte';
import { freshDatabase } from '../unit/db/fresh-db';
import { book, bookSale } from '../unit/db/sale-fixtures';

describe('Catalogue: the stock shown and edited is the one the till sells from', () => {
	it('shows the stock left after a sale, and editing the article keeps it', async () => {
		freshDatabase();
		await saveArticle(book); // 5 in stock
		await recordSale(bookSale()); // 2 copies
		const user = userEvent.setup();
		render(CataloguePage);

		await user.type(screen.getByLabelText('EAN, ISBN, titre, auteur, éditeur'), 'perry');
		const row = (await screen.findByText('Perry Rhodan 318')).closest('tr') as HTMLElement;
		const cells = within(row).getAllByRole('cell');
		const stockColumn = screen
			.getAllByRole('columnheader')
			.findIndex((header) => header.textContent === 'Stock');
		expect(cells[stockColumn]?.textContent).toBe('3');

		await user.click(within(row).getByRole('button', { name: 'Modifier Perry Rhodan 318' }));
		expect((screen.getByLabelText('Stock') as HTMLInputElement).value).toBe('3');
		const title = screen.getByRole('textbox', { name: 'Titre' });
		await user.clear(title);
		await user.type(title, 'Perry Rhodan 318\u00a0: le retour');
		await user.click(screen.getByRole('button', { name: 'Enregistrer l’article' }));

		expect(
			await screen.findByText('Article « Perry Rhodan 318 : le retour » enregistré.')
		).toBeTruthy();
		expect(await getStock('9782266248549')).toBe(3);
	});
});
