import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { isQuotaExceeded } from '$lib/db/storage';
import { getCartDraft, saveCartDraft } from '$lib/db/settings-repository';
import { recordSale, recordTillSale } from '$lib/db/ticket-repository';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

describe('a full disk during a sale', () => {
	it('leaves nothing half-written: no ticket, no number used, no day total', async () => {
		const db = freshDatabase();
		await recordSale(bookSale(), new Date('2026-11-23T10:00:00Z'));
		const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		const put = vi.spyOn(db.dailyTotals, 'put').mockRejectedValueOnce(full);
		const failure = await recordSale(bookSale(), new Date('2026-11-23T10:05:00Z')).catch(
			(error: unknown) => error
		);
		put.mockRestore();
		expect(isQuotaExceeded(failure)).toBe(true);
		expect(await db.tickets.count()).toBe(1);
		expect(await db.ticketHeads.count()).toBe(1);
		expect((await db.sequences.get('ticket:CAISSE1'))?.last).toBe(1);
		expect((await db.dailyTotals.get(['CAISSE1', '2026-11-23']))?.ticketCount).toBe(1);
		expect((await db.chainHeads.get('tickets'))?.count).toBe(1);
		// Room again: the sale goes through with the next number, no gap.
		expect((await recordSale(bookSale(), new Date('2026-11-23T10:06:00Z'))).number).toBe(2);
	});

	it('removes the sale kept on screen in the sale’s own transaction, or keeps it when the sale fails', async () => {
		const db = freshDatabase();
		await saveCartDraft({ lines: [{ ean: '9782266248549' }] });
		const put = vi
			.spyOn(db.dailyTotals, 'put')
			.mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
		await expect(recordTillSale(bookSale())).rejects.toBeDefined();
		put.mockRestore();
		expect(await getCartDraft()).toEqual({ lines: [{ ean: '9782266248549' }] });
		await recordTillSale(bookSale());
		expect(await getCartDraft()).toBeUndefined();
	});

	it('recognises the quota error as the browser or Dexie raises it', () => {
		const raw = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaExceeded(raw)).toBe(true);
		expect(isQuotaExceeded(new Dexie.AbortError('aborted', raw))).toBe(true);
		expect(isQuotaExceeded(new Error('other'))).toBe(false);
		expect(isQuotaExceeded(null)).toBe(false);
	});
});
