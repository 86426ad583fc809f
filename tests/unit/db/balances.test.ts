import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	customerAccounts,
	depositToCreditNote,
	findAccountByCode
} from '$lib/db/balance-repository';
import { cancelTicket } from '$lib/db/ticket-amendment-repository';
import { searchTickets } from '$lib/db/ticket-browse-repository';
import { recordSale, SaleRejectedError } from '$lib/db/ticket-repository';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import { freshDatabase } from './fresh-db';
import { bookSale, issueSale, spend } from './sale-fixtures';

const c = assertCents;

describe('vouchers, deposits and credit notes issued at the till', () => {
	it('sells a gift voucher: its code, its balance, outside the day’s sales but in the cash taken', async () => {
		const db = freshDatabase();
		const sale = await recordSale(
			issueSale('gift-voucher', 3000),
			new Date('2026-11-23T10:00:00Z')
		);
		const code = sale.issues?.[0]?.code as string;
		expect(code).toBe('2888800000011');
		expect(sale.references).toContain(code);
		expect(await findAccountByCode(code)).toMatchObject({
			balanceCents: 3000,
			account: { kind: 'gift-voucher', validUntil: '2099-12-31' }
		});
		expect(await db.dailyTotals.get(['CAISSE1', '2026-11-23'])).toMatchObject({
			ttcCents: 0,
			balanceIssuedCents: 3000,
			byMethod: { carte: 3000 }
		});
		// The next voucher takes the next number.
		const next = await recordSale(issueSale('gift-voucher', 1000));
		expect(next.issues?.[0]?.code).toBe('2888800000028');
	});

	it('what is left on a deposit becomes a credit note in the same name, once', async () => {
		const db = freshDatabase();
		const paid = await recordSale(issueSale('deposit', 2000, 1), new Date('2026-11-23T10:00:00Z'));
		const code = paid.issues?.[0]?.code as string;
		await recordSale(spend(code, 1720, 'acompte'), new Date('2026-11-25T10:00:00Z'));
		const made = await depositToCreditNote({ depositCode: code, by: 'Anne' });
		expect(made.amountCents).toBe(280);
		expect((await findAccountByCode(code))?.balanceCents).toBe(0);
		expect(await findAccountByCode(made.code)).toMatchObject({
			balanceCents: 280,
			account: { kind: 'credit-note', customerId: 1, orderReference: '27846' }
		});
		expect((await db.journal.toArray()).at(-1)).toMatchObject({
			type: 'deposit-to-credit-note',
			detail: { deposit: code, creditNote: made.code, amountCents: 280, by: 'Anne' }
		});
		await expect(depositToCreditNote({ depositCode: code, by: 'Anne' })).rejects.toThrow(
			/n’a plus rien à rendre/u
		);
		await expect(depositToCreditNote({ depositCode: made.code, by: 'Anne' })).rejects.toThrow(
			/introuvable/u
		);
	});

	it('takes a deposit on an order, spends part of it, and finds both tickets by its code', async () => {
		freshDatabase();
		const paid = await recordSale(issueSale('deposit', 2000, 1), new Date('2026-11-23T10:00:00Z'));
		const code = paid.issues?.[0]?.code as string;
		expect(await findAccountByCode(code)).toMatchObject({
			account: { kind: 'deposit', customerId: 1, orderReference: '27846' }
		});
		// Unused, it has no date of use (it used to show the day it was paid).
		expect((await customerAccounts(1, '2026-11-23'))[0]).toMatchObject({ usedAt: null });
		expect((await findAccountByCode(code))?.account.lastUsedAt).toBeNull();
		const used = await recordSale(spend(code, 1720, 'acompte'), new Date('2026-11-25T10:00:00Z'));
		expect((await findAccountByCode(code))?.balanceCents).toBe(280);
		expect((await customerAccounts(1, '2026-11-25'))[0]).toMatchObject({
			usedAt: '2026-11-25T10:00:00.000Z'
		});
		expect((await searchTickets('deposit-paid', code)).tickets.map((t) => t.id)).toEqual([paid.id]);
		expect((await searchTickets('deposit-linked', code)).tickets.map((t) => t.id)).toEqual([
			paid.id,
			used.id
		]);
		// The order's number finds the same tickets; a number of nothing says so.
		expect((await searchTickets('deposit-linked', '27846')).tickets.map((t) => t.id)).toEqual([
			paid.id,
			used.id
		]);
		expect((await searchTickets('deposit-linked', '99999')).message).toBe(
			'Aucun acompte n° 99999 (ni acompte de la commande n° 99999).'
		);
		expect((await searchTickets('deposit-paid', '27846')).tickets).toEqual([]);
	});

	it('refunds a return as a new credit note, found by “avoir émis”, spendable later', async () => {
		freshDatabase();
		const refund = await recordSale(
			bookSale({
				lines: [
					{
						...bookSale().lines[0]!,
						quantity: -2,
						grossCents: c(-1720),
						ttcCents: c(-1720),
						htCents: c(-1630),
						vatCents: c(-90)
					}
				],
				rates: [
					{
						vatRateBp: assertVatRateBp(550),
						ttcCents: c(-1720),
						htCents: c(-1630),
						vatCents: c(-90),
						discountCents: c(0)
					}
				],
				totalCents: c(-1720),
				payments: [{ method: 'avoir', amountCents: c(-1720), reference: null }],
				changeCents: c(0)
			})
		);
		const code = refund.payments[0]?.reference as string;
		expect(code).toBe('2888100000018');
		expect((await findAccountByCode(code))?.balanceCents).toBe(1720);
		expect((await searchTickets('credit-note-issued', code)).tickets.map((t) => t.id)).toEqual([
			refund.id
		]);
		await recordSale(spend(code, 1000, 'avoir'));
		expect((await searchTickets('credit-note-used', code)).tickets).toHaveLength(1);
		expect((await findAccountByCode(code))?.balanceCents).toBe(720);
	});

	it('cancelling a voucher sale takes the voucher back, unless it was spent', async () => {
		freshDatabase();
		const sold = await recordSale(issueSale('gift-voucher', 3000));
		const code = sold.issues?.[0]?.code as string;
		await recordSale(spend(code, 500));
		await expect(cancelTicket(sold.id, 'CAISSE1', 'Anne')).rejects.toThrow(
			`${code} a déjà servi (reste 25,00\u00a0€)\u00a0: il ne peut plus être repris en entier.`
		);
		const other = await recordSale(issueSale('gift-voucher', 1000));
		const otherCode = other.issues?.[0]?.code as string;
		const { cancellation } = await cancelTicket(other.id, 'CAISSE1', 'Anne');
		expect(cancellation.issues).toEqual([
			expect.objectContaining({ code: otherCode, amountCents: -1000 })
		]);
		expect(cancellation.payments).toEqual([
			{ method: 'carte', amountCents: -1000, reference: null }
		]);
		expect((await findAccountByCode(otherCode))?.balanceCents).toBe(0);
	});

	it('a cancellation can be refunded as a credit note instead of the same payment types', async () => {
		freshDatabase();
		const sale = await recordSale(bookSale());
		const { cancellation } = await cancelTicket(
			sale.id,
			'CAISSE1',
			'Anne',
			new Date(),
			'credit-note'
		);
		expect(cancellation.payments).toEqual([
			{ method: 'avoir', amountCents: -1720, reference: '2888100000018' }
		]);
		expect((await findAccountByCode('2888100000018'))?.balanceCents).toBe(1720);
	});
});

describe('a balance never goes below zero', () => {
	it('two sales spending the same voucher at once: one is refused, nothing is half-written', async () => {
		const db = freshDatabase();
		const code = (await recordSale(issueSale('gift-voucher', 3000))).issues?.[0]?.code as string;
		const results = await Promise.allSettled([
			recordSale(spend(code, 2000)),
			recordSale(spend(code, 2000))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(SaleRejectedError);
		expect((await findAccountByCode(code))?.balanceCents).toBe(1000);
		expect(await db.tickets.count()).toBe(2);
	});

	it('two tabs (two connections to the database) spending the same voucher: one is refused', async () => {
		const first = freshDatabase();
		const code = (await recordSale(issueSale('gift-voucher', 3000))).issues?.[0]?.code as string;
		// A second tab: its own connection to the same database.
		const second = createDatabase(first.name);
		const fromFirstTab = recordSale(spend(code, 2000));
		useDatabaseForTests(second);
		const fromSecondTab = recordSale(spend(code, 2000));
		const results = await Promise.allSettled([fromFirstTab, fromSecondTab]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((await findAccountByCode(code))?.balanceCents).toBe(1000);
		second.close();
	});

	it('whatever concurrent spends are tried, the balance is the voucher minus what was accepted', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 6 }),
				async (amounts) => {
					freshDatabase();
					const code = (await recordSale(issueSale('gift-voucher', 5000))).issues?.[0]
						?.code as string;
					const results = await Promise.allSettled(
						amounts.map((amount) => recordSale(spend(code, amount)))
					);
					const accepted = amounts
						.filter((_, i) => results[i]?.status === 'fulfilled')
						.reduce((a, b) => a + b, 0);
					const balance = (await findAccountByCode(code))?.balanceCents ?? -1;
					expect(balance).toBeGreaterThanOrEqual(0);
					expect(balance).toBe(5000 - accepted);
				}
			),
			{ numRuns: 25 }
		);
	});
});
