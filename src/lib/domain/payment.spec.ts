import { describe, expect, it } from 'vitest';
import { assertCents } from './money';
import {
	deferredCents,
	isRefund,
	remainingToPay,
	validatePayments,
	type TenderInput
} from './payment';

const c = assertCents;

describe('validatePayments', () => {
	it('cash gives change: 12,60 € paid with 20,00 € → 7,40 € back', () => {
		const result = validatePayments({
			totalCents: c(1260),
			hasCustomer: false,
			tenders: [{ method: 'especes', amountCents: c(2000) }]
		});
		expect(result).toEqual({
			ok: true,
			value: {
				paidCents: 2000,
				changeCents: 740,
				byMethod: [{ method: 'especes', amountCents: 2000 }]
			}
		});
	});

	it('several tenders add up, grouped by method', () => {
		const result = validatePayments({
			totalCents: c(4540),
			hasCustomer: true,
			tenders: [
				{ method: 'bon-cadeau', amountCents: c(1500), reference: 'BC-1', availableCents: c(2000) },
				{ method: 'carte', amountCents: c(2000) },
				{ method: 'carte', amountCents: c(1040) }
			]
		});
		expect(result).toMatchObject({
			ok: true,
			value: {
				changeCents: 0,
				byMethod: [
					{ method: 'bon-cadeau', amountCents: 1500 },
					{ method: 'carte', amountCents: 3040 }
				]
			}
		});
	});

	it('a refund is paid back exactly', () => {
		expect(
			validatePayments({
				totalCents: c(-860),
				hasCustomer: false,
				tenders: [{ method: 'especes', amountCents: c(-860) }]
			})
		).toMatchObject({ ok: true, value: { changeCents: 0 } });
		expect(validatePayments({ totalCents: c(0), hasCustomer: false, tenders: [] })).toMatchObject({
			ok: true
		});
	});

	const refused: {
		name: string;
		total: number;
		tenders: TenderInput[];
		hasCustomer?: boolean;
		code: string;
		message: RegExp;
	}[] = [
		{
			name: 'not enough',
			total: 4540,
			tenders: [{ method: 'carte', amountCents: c(4000) }],
			code: 'PAYMENT_INSUFFICIENT',
			message: /Il reste 5,40\s€ à encaisser/u
		},
		{
			name: 'change from a card',
			total: 1000,
			tenders: [{ method: 'carte', amountCents: c(1200) }],
			code: 'PAYMENT_EXCEEDS',
			message: /seules les espèces/u
		},
		{
			name: 'change larger than the cash given',
			total: 1000,
			tenders: [
				{ method: 'carte', amountCents: c(900) },
				{ method: 'especes', amountCents: c(200) },
				{ method: 'cheque', amountCents: c(500) }
			],
			code: 'PAYMENT_EXCEEDS',
			message: /dépasse/u
		},
		{
			name: 'a zero tender',
			total: 1000,
			tenders: [{ method: 'carte', amountCents: c(0) }],
			code: 'TENDER_INVALID',
			message: /montant/u
		},
		{
			name: 'a negative tender on a sale',
			total: 1000,
			tenders: [{ method: 'carte', amountCents: c(-10) }],
			code: 'TENDER_SIGN',
			message: /positif/u
		},
		{
			name: 'a positive tender on a refund',
			total: -1000,
			tenders: [{ method: 'carte', amountCents: c(1000) }],
			code: 'TENDER_SIGN',
			message: /négatif/u
		},
		{
			name: 'a refund not exact',
			total: -1000,
			tenders: [{ method: 'especes', amountCents: c(-900) }],
			code: 'REFUND_MISMATCH',
			message: /10,00/u
		},
		{
			name: 'en compte without customer',
			total: 1000,
			tenders: [{ method: 'en-compte', amountCents: c(1000) }],
			code: 'CUSTOMER_REQUIRED',
			message: /client/u
		},
		{
			name: 'a voucher without code',
			total: 1000,
			tenders: [{ method: 'bon-cadeau', amountCents: c(1000) }],
			code: 'BALANCE_UNKNOWN',
			message: /code/u
		},
		{
			name: 'a credit note beyond its balance',
			total: 3000,
			tenders: [
				{ method: 'avoir', amountCents: c(2500), reference: 'AV-7', availableCents: c(2000) },
				{ method: 'especes', amountCents: c(500) }
			],
			code: 'BALANCE_EXCEEDED',
			message: /AV-7.*20,00/u
		},
		{
			name: 'the same deposit used twice beyond its balance',
			total: 3000,
			tenders: [
				{ method: 'acompte', amountCents: c(1500), reference: 'AC-1', availableCents: c(2000) },
				{ method: 'acompte', amountCents: c(1500), reference: 'AC-1', availableCents: c(2000) }
			],
			code: 'BALANCE_EXCEEDED',
			message: /Solde insuffisant/u
		}
	];
	for (const r of refused) {
		it(`refuses ${r.name}`, () => {
			const result = validatePayments({
				totalCents: c(r.total),
				tenders: r.tenders,
				hasCustomer: r.hasCustomer ?? false
			});
			expect(result).toMatchObject({ ok: false, error: { code: r.code } });
			if (!result.ok) expect(result.error.message).toMatch(r.message);
		});
	}

	it('tells what is left to pay while tenders are typed', () => {
		expect(remainingToPay(c(4540), [{ method: 'carte', amountCents: c(4000) }])).toBe(540);
		expect(remainingToPay(c(1260), [{ method: 'especes', amountCents: c(2000) }])).toBe(-740);
	});
});

describe('deferredCents', () => {
	it('adds the "en compte" tenders only', () => {
		expect(
			deferredCents([
				{ method: 'en-compte', amountCents: 1000 },
				{ method: 'carte', amountCents: 500 },
				{ method: 'en-compte', amountCents: 240 }
			])
		).toBe(1240);
		expect(deferredCents([{ method: 'especes', amountCents: 500 }])).toBe(0);
	});
});

describe('isRefund', () => {
	it.each([
		[[{ quantity: 2 }], [{ amountCents: 1720 }], false],
		[[{ quantity: -1 }], [{ amountCents: -860 }], true],
		[[{ quantity: 1 }, { quantity: -1 }], [], true],
		[[{ quantity: 1 }], [{ amountCents: 2000 }, { amountCents: -280 }], true]
	])('lines %j, tenders %j → %s', (lines, tenders, refund) => {
		expect(isRefund(lines, tenders)).toBe(refund);
	});
});
