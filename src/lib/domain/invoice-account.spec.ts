import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	amountOwed,
	checkCredit,
	checkPayment,
	checkReissue,
	currentInvoiceOf,
	deferredTicketAccount,
	dueState,
	type InvoiceAccount
} from './invoice-account';

const unpaid: InvoiceAccount = {
	totalCents: 5790,
	paidAtIssueCents: 0,
	credits: [],
	receivedCents: 0
};

describe('amountOwed', () => {
	it.each([
		['an invoice « en compte »', unpaid, 5790],
		['paid at the counter', { ...unpaid, paidAtIssueCents: 5790 }, 0],
		['« Tout créditer »', { ...unpaid, credits: [{ amountCents: 5790, repaidCents: 0 }] }, 0],
		[
			'a partial credit note and a payment',
			{ ...unpaid, credits: [{ amountCents: 1790, repaidCents: 0 }], receivedCents: 2000 },
			2000
		],
		[
			'paid at the counter, cancelled and refunded',
			{
				...unpaid,
				paidAtIssueCents: 5790,
				credits: [{ amountCents: 5790, repaidCents: 5790 }]
			},
			0
		]
	] as const)('%s → %i', (_label, account, owed) => {
		expect(amountOwed(account)).toBe(owed);
	});
});

describe('checkCredit', () => {
	it('refuses a credit note beyond what is owed, naming the amount left', () => {
		const partlyPaid = { ...unpaid, receivedCents: 5000 };
		const refused = checkCredit(partlyPaid, { amountCents: 1790, repaidCents: 0 });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.error.message).toMatch(/reste dû.*7,90\s€/u);
		expect(checkCredit(partlyPaid, { amountCents: 790, repaidCents: 0 }).ok).toBe(true);
	});

	it('refuses an empty credit note', () => {
		const refused = checkCredit(unpaid, { amountCents: 0, repaidCents: 0 });
		expect(!refused.ok && refused.error.code).toBe('CREDIT_EMPTY');
	});

	it('a sale « en compte » owes what was deferred, less what was settled', () => {
		const account = deferredTicketAccount({
			totalCents: 5790,
			deferredCents: 5790,
			settledCents: 2000
		});
		expect(amountOwed(account)).toBe(3790);
	});

	it('says how to give money back when the invoice is paid', () => {
		const paid = { ...unpaid, paidAtIssueCents: 5790 };
		const refused = checkCredit(paid, { amountCents: 5790, repaidCents: 0 });
		expect(!refused.ok && refused.error.message).toMatch(/annulez le ticket/u);
		expect(checkCredit(paid, { amountCents: 5790, repaidCents: 5790 }).ok).toBe(true);
	});
});

describe('dueState', () => {
	it.each([
		[unpaid, '2026-12-31', 'a-echoir', 0],
		[unpaid, '2026-11-20', 'echue', 12],
		[{ ...unpaid, receivedCents: 1000 }, '2026-12-31', 'partiellement-payee', 0],
		[{ ...unpaid, receivedCents: 5790 }, '2026-11-20', 'payee', 0],
		[
			{ ...unpaid, credits: [{ amountCents: 5790, repaidCents: 0 }] },
			'2026-11-20',
			'soldee-par-avoir',
			0
		]
	] as const)('%o due %s → %s', (account, dueDay, state, daysLate) => {
		expect(dueState(account, dueDay, '2026-12-02')).toEqual({ state, daysLate });
	});
});

describe('checkPayment', () => {
	it('refuses a payment of nothing, at the amount field', () => {
		const refused = checkPayment(unpaid, 0);
		expect(!refused.ok && refused.error.field).toBe('amount');
	});
});

describe('dueState, more cases', () => {
	it.each([
		[{ ...unpaid, credits: [{ amountCents: 790, repaidCents: 0 }] }, null, 'partiellement-payee'],
		[unpaid, null, 'a-echoir']
	] as const)('%o with due day %s → %s', (account, dueDay, state) => {
		expect(dueState(account, dueDay, '2026-12-02').state).toBe(state);
	});
});

describe('currentInvoiceOf', () => {
	it('takes a row not yet given an id as the oldest', () => {
		expect(currentInvoiceOf([{ id: 2, kind: 'invoice' }, { kind: 'invoice' }])?.id).toBe(2);
	});

	it('is the latest final invoice: the reissued one, not the credit note nor the first', () => {
		const rows = [
			{ id: 3, kind: 'invoice' },
			{ id: 9, kind: 'credit-note' },
			{ id: 10, kind: 'invoice' },
			{ id: 1, kind: 'proforma' }
		];
		expect(currentInvoiceOf(rows)?.id).toBe(10);
		expect(currentInvoiceOf([])).toBeNull();
	});
});

/** What a bookseller may do to an invoice, in any order, any number of times. */
const step = fc.oneof(
	fc.record({ kind: fc.constant('credit' as const), cents: fc.integer({ min: 1, max: 20_000 }) }),
	fc.record({
		kind: fc.constant('refunded-credit' as const),
		cents: fc.integer({ min: 1, max: 20_000 })
	}),
	fc.record({ kind: fc.constant('payment' as const), cents: fc.integer({ min: 1, max: 20_000 }) })
);

describe('what is owed, for any sequence of credit notes and payments', () => {
	it('is never negative and equals invoice − credits − payments to the cent', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 100_000 }),
				fc.integer({ min: 0, max: 100 }),
				fc.array(step, { maxLength: 12 }),
				(totalCents, paidPercent, steps) => {
					const paidAtIssueCents = Math.floor((totalCents * paidPercent) / 100);
					let account: InvoiceAccount = {
						totalCents,
						paidAtIssueCents,
						credits: [],
						receivedCents: 0
					};
					let credits = 0;
					let repaid = 0;
					let payments = paidAtIssueCents;
					for (const { kind, cents } of steps) {
						const result =
							kind === 'payment'
								? checkPayment(account, cents)
								: checkCredit(account, {
										amountCents: cents,
										repaidCents: kind === 'refunded-credit' ? Math.min(cents, payments - repaid) : 0
									});
						if (!result.ok) continue;
						account = result.value;
						if (kind === 'payment') payments += cents;
						else {
							credits += cents;
							if (kind === 'refunded-credit') repaid += Math.min(cents, payments - repaid);
						}
						expect(amountOwed(account)).toBeGreaterThanOrEqual(0);
						// A refund gives back part of what was paid: it is a payment returned.
						expect(amountOwed(account)).toBe(totalCents - credits - (payments - repaid));
					}
				}
			)
		);
	});
});

describe('checkReissue', () => {
	it.each([
		[unpaid, true, ''],
		[{ ...unpaid, credits: [{ amountCents: 790, repaidCents: 0 }] }, false, 'ALREADY_CREDITED'],
		[{ ...unpaid, receivedCents: 1000 }, false, 'ALREADY_PAID']
	] as const)('%o may be reissued: %s', (account, allowed, code) => {
		const result = checkReissue(account);
		expect(result.ok).toBe(allowed);
		if (!result.ok) expect(result.error.code).toBe(code);
	});
});
