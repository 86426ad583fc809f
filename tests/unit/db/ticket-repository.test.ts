import { describe, expect, it } from 'vitest';
import { getStock, saveArticle } from '$lib/db/article-repository';
import { findAccountByCode } from '$lib/db/balance-repository';
import {
	lastTicket,
	recordSale,
	registerTicketPrint,
	SaleRejectedError,
	ticketsSince
} from '$lib/db/ticket-repository';
import { assertCents } from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { book, bookSale } from './sale-fixtures';

describe('recordSale: one transaction per sale', () => {
	it('numbers tickets without gap per till, decrements stock, adds to the day [INA-01]', async () => {
		const db = freshDatabase();
		await saveArticle(book);
		const at = new Date('2026-11-23T15:00:00Z');
		const first = await recordSale(bookSale(), at);
		const second = await recordSale(bookSale(), at);
		const other = await recordSale(bookSale({ tillId: 'CAISSE2' }), at);
		expect([first.number, second.number, other.number]).toEqual([1, 2, 1]);
		expect(first.day).toBe('2026-11-23');
		// 3 sales of 2 copies from a stock of 5: stock may go negative (sold before received).
		expect(await getStock(book.ean)).toBe(-1);
		const day = await db.dailyTotals.get(['CAISSE1', '2026-11-23']);
		expect(day).toMatchObject({
			ticketCount: 2,
			ttcCents: 3440,
			byMethod: { especes: 3440 },
			byKind: { livre: 3440 }
		});
		expect(day?.byHour[16]).toBe(3440);
		expect((await lastTicket('CAISSE1'))?.number).toBe(2);
		expect(await ticketsSince('CAISSE1', '2026-11-23T14:00:00.000Z')).toHaveLength(2);
	});

	it('training tickets have their own sequence and touch neither stock nor totals [SEC-02]', async () => {
		const db = freshDatabase();
		await saveArticle(book);
		const training = await recordSale(bookSale({ training: 1 }));
		const real = await recordSale(bookSale());
		expect([training.number, real.number]).toEqual([1, 1]);
		expect(await getStock(book.ean)).toBe(3);
		expect((await db.dailyTotals.toArray())[0]?.ticketCount).toBe(1);
	});

	it('consumes a gift voucher within its balance, as a movement linked to the ticket', async () => {
		const db = freshDatabase();
		const accountId = await db.balanceAccounts.add({
			kind: 'gift-voucher',
			code: 'BC-1',
			customerId: null,
			initialCents: assertCents(3000),
			validUntil: '2099-12-31',
			orderReference: '',
			status: 'active',
			createdAt: '2026-01-01T00:00:00Z',
			lastUsedAt: null
		});
		const sale = await recordSale(
			bookSale({
				payments: [{ method: 'bon-cadeau', amountCents: assertCents(1720), reference: 'BC-1' }],
				changeCents: assertCents(0),
				references: ['BC-1']
			})
		);
		expect((await findAccountByCode('bc-1'))?.balanceCents).toBe(1280);
		expect(await db.balanceMovements.where('accountId').equals(accountId).toArray()).toMatchObject([
			{ ticketId: sale.id, amountCents: -1720 }
		]);
	});

	it('refuses a voucher beyond its balance and writes nothing, not even a number', async () => {
		const db = freshDatabase();
		await saveArticle(book);
		await db.balanceAccounts.add({
			kind: 'gift-voucher',
			code: 'BC-2',
			customerId: null,
			initialCents: assertCents(1000),
			validUntil: null,
			orderReference: '',
			status: 'active',
			createdAt: '2026-01-01T00:00:00Z',
			lastUsedAt: null
		});
		const sequences = await db.sequences.toArray();
		const attempt = recordSale(
			bookSale({
				payments: [{ method: 'bon-cadeau', amountCents: assertCents(1720), reference: 'BC-2' }],
				changeCents: assertCents(0)
			})
		);
		await expect(attempt).rejects.toBeInstanceOf(SaleRejectedError);
		await expect(attempt).rejects.toThrow(/Solde insuffisant sur BC-2\s: 10,00/u);
		expect(await db.tickets.count()).toBe(0);
		expect(await db.sequences.toArray()).toEqual(sequences);
		expect(await getStock(book.ean)).toBe(5);
		expect(await db.balanceMovements.count()).toBe(0);
		expect((await recordSale(bookSale())).number).toBe(1);
	});

	it('refuses an expired or unknown voucher', async () => {
		const db = freshDatabase();
		await db.balanceAccounts.add({
			kind: 'gift-voucher',
			code: 'BC-OLD',
			customerId: null,
			initialCents: assertCents(5000),
			validUntil: '2020-01-31',
			orderReference: '',
			status: 'active',
			createdAt: '2019-01-01T00:00:00Z',
			lastUsedAt: null
		});
		await expect(
			recordSale(
				bookSale({
					payments: [{ method: 'bon-cadeau', amountCents: assertCents(1720), reference: 'BC-OLD' }],
					changeCents: assertCents(0)
				})
			)
		).rejects.toThrow(/n’est plus valable depuis le 31\/01\/2020/u);
		await expect(
			recordSale(
				bookSale({
					payments: [{ method: 'avoir', amountCents: assertCents(1720), reference: 'AV-404' }],
					changeCents: assertCents(0)
				})
			)
		).rejects.toThrow(/AV-404 inconnu/u);
	});

	it('a ticket is cancelled once: the inverse links to it, the original is never edited [INA-04]', async () => {
		freshDatabase();
		const original = await recordSale(bookSale());
		const frozen = structuredClone(original);
		const inverse = await recordSale(
			bookSale({
				cancelsTicketId: original.id,
				totalCents: assertCents(-1720),
				changeCents: assertCents(0),
				payments: [{ method: 'especes', amountCents: assertCents(-1720), reference: null }]
			})
		);
		expect(inverse.cancelsTicketId).toBe(original.id);
		await expect(recordSale(bookSale({ cancelsTicketId: original.id }))).rejects.toThrow(
			/déjà annulé par le ticket n° 2/u
		);
		await expect(recordSale(bookSale({ cancelsTicketId: 999 }))).rejects.toThrow(/introuvable/u);
		expect(await freshLookup(original.id)).toEqual(frozen);
	});

	it('counts prints: the original, then DUPLICATA 1, 2, each journaled; gift receipts apart [SEC-01] [SEC-03]', async () => {
		const db = freshDatabase();
		const ticket = await recordSale(bookSale());
		const id = ticket.id;
		expect([
			await registerTicketPrint(id),
			await registerTicketPrint(id),
			await registerTicketPrint(id, 'gift'),
			await registerTicketPrint(id)
		]).toEqual([0, 1, 0, 2]);
		expect((await db.journal.toArray()).map((e) => e.type)).toEqual([
			'ticket-printed',
			'ticket-reprinted',
			'gift-receipt-printed',
			'ticket-reprinted'
		]);
	});
});

async function freshLookup(id: number) {
	const { getTicket } = await import('$lib/db/ticket-repository');
	return getTicket(id);
}
