import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	amountToPay,
	balanceCode,
	balanceKindOfCode,
	balanceStatus,
	loyaltyVoucherCents,
	validateBalanceIssue,
	type BalanceIssueForm
} from './balance';
import { validateEan } from './identifiers';
import { assertCents } from './money';

describe('balanceCode', () => {
	it.each([
		['gift-voucher', 1, '2888800000011'],
		['credit-note', 1, '2888100000018'],
		['deposit', 42, '2888400000428']
	] as const)('%s n° %i → %s, a valid EAN-13', (kind, sequence, code) => {
		expect(balanceCode(kind, sequence)).toBe(code);
		expect(validateEan(code).ok).toBe(true);
	});

	it('tells the kind back from the code, and nothing from a code it did not print', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...(['gift-voucher', 'credit-note', 'deposit'] as const)),
				fc.integer({ min: 1, max: 9_999_999 }),
				(kind, sequence) => {
					expect(balanceKindOfCode(balanceCode(kind, sequence))).toBe(kind);
				}
			)
		);
		expect(balanceKindOfCode('9782070368228')).toBeNull();
		expect(balanceKindOfCode('2888900000010')).toBeNull();
	});

	it('refuses a sequence out of range', () => {
		expect(() => balanceCode('deposit', 0)).toThrow(RangeError);
		expect(() => balanceCode('deposit', 10_000_000)).toThrow(RangeError);
	});

	it('never gives two kinds or two numbers the same code', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 9_999_999 }),
				fc.integer({ min: 1, max: 9_999_999 }),
				(a, b) => {
					fc.pre(a !== b);
					expect(balanceCode('gift-voucher', a)).not.toBe(balanceCode('gift-voucher', b));
					expect(balanceCode('gift-voucher', a)).not.toBe(balanceCode('deposit', a));
				}
			)
		);
	});
});

describe('validateBalanceIssue', () => {
	const context = { today: '2026-11-23', hasCustomer: true };
	const form = (fields: Partial<BalanceIssueForm>): BalanceIssueForm => ({
		kind: 'gift-voucher',
		amount: '30',
		validUntil: '2027-11-23',
		orderReference: '',
		...fields
	});

	it('accepts a gift voucher and a deposit on an order', () => {
		expect(validateBalanceIssue(form({}), context)).toEqual({
			ok: true,
			value: {
				kind: 'gift-voucher',
				amountCents: 3000,
				validUntil: '2027-11-23',
				orderReference: ''
			}
		});
		expect(
			validateBalanceIssue(
				form({ kind: 'deposit', amount: '15,00', orderReference: ' 27846 ', validUntil: '' }),
				context
			)
		).toEqual({
			ok: true,
			value: { kind: 'deposit', amountCents: 1500, validUntil: null, orderReference: '27846' }
		});
	});

	it.each([
		[{ amount: 'abc' }, context, 'amount'],
		[{ amount: '0' }, context, 'amount'],
		[{ amount: '10000,01' }, context, 'amount'],
		[{ validUntil: '' }, context, 'validUntil'],
		[{ validUntil: '2026-11-22' }, context, 'validUntil'],
		[{ orderReference: 'x'.repeat(41) }, context, 'orderReference'],
		[{ kind: 'deposit' as const }, { ...context, hasCustomer: false }, 'amount']
	])('refuses %j', (fields, ctx, field) => {
		const result = validateBalanceIssue(form(fields), ctx);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.field).toBe(field);
	});

	it('says a deposit needs a customer', () => {
		const result = validateBalanceIssue(form({ kind: 'deposit' }), {
			...context,
			hasCustomer: false
		});
		expect(!result.ok && result.error.message).toBe(
			'Un acompte se rattache à un client\u00a0: choisissez-le d’abord (F4).'
		);
	});
});

describe('amounts and statuses', () => {
	it('adds what is bought on vouchers and deposits to the sale', () => {
		const issue = {
			kind: 'gift-voucher' as const,
			amountCents: assertCents(3000),
			validUntil: null,
			orderReference: ''
		};
		expect(amountToPay(assertCents(4540), [issue, issue])).toBe(10540);
		expect(amountToPay(assertCents(0), [])).toBe(0);
	});

	it.each([
		[{ validUntil: null }, 1500, 1500, 'Versement'],
		[{ validUntil: '2099-01-01' }, 1500, 500, 'Utilisé en partie'],
		[{ validUntil: '2099-01-01' }, 1500, 0, 'Utilisé'],
		[{ validUntil: '2020-01-01' }, 1500, 500, 'Expiré']
	])('%j issued %i, left %i → %s', (account, issued, left, status) => {
		expect(balanceStatus(account, issued, left, '2026-11-23')).toBe(status);
	});
});

describe('loyaltyVoucherCents (Loi Lang cap on books)', () => {
	it('gives the seed’s 9,07 € for 226,70 € of books at 4 %', () => {
		expect(
			loyaltyVoucherCents(
				[{ bookGrossCents: 22670, bookDiscountCents: 0, otherCents: 0 }],
				400,
				500
			)
		).toBe(907);
	});

	it('stops at the cap when discounts were already given, and rewards other goods freely', () => {
		// 100 € of books with 3 € off already: 2 € left under the 5 % cap.
		expect(
			loyaltyVoucherCents(
				[{ bookGrossCents: 10000, bookDiscountCents: 300, otherCents: 0 }],
				400,
				500
			)
		).toBe(200);
		expect(
			loyaltyVoucherCents(
				[{ bookGrossCents: 10000, bookDiscountCents: 500, otherCents: 5000 }],
				400,
				500
			)
		).toBe(200);
		expect(
			loyaltyVoucherCents(
				[{ bookGrossCents: -2000, bookDiscountCents: 0, otherCents: -100 }],
				400,
				500
			)
		).toBe(0);
	});

	it('never makes discounts plus reward on books exceed the cap', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						bookGrossCents: fc.integer({ min: 0, max: 100_000 }),
						bookDiscountCents: fc.integer({ min: 0, max: 5_000 }),
						otherCents: fc.constant(0)
					})
				),
				fc.integer({ min: 0, max: 2_000 }),
				(purchases, rateBp) => {
					const valid = purchases.map((p) => ({
						...p,
						bookDiscountCents: Math.min(p.bookDiscountCents, Math.floor(p.bookGrossCents * 0.05))
					}));
					const gross = valid.reduce((s, p) => s + p.bookGrossCents, 0);
					const discount = valid.reduce((s, p) => s + p.bookDiscountCents, 0);
					const reward = loyaltyVoucherCents(valid, rateBp, 500);
					expect(reward).toBeGreaterThanOrEqual(0);
					expect(discount + reward).toBeLessThanOrEqual(
						Math.max(discount, Math.floor(gross * 0.05))
					);
				}
			)
		);
	});
});
