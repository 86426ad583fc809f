import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseForTtc, ticketToInvoiceAmounts, unitPriceDecimal, type TtcLine } from './en16931';
import { assertCents, roundDivide } from './money';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import { computeTicketTotals } from './ticket';
import { assertVatRateBp, vatOnHt } from './vat';

const line = (ttc: number, rate = 550, quantity = 1): TtcLine => ({
	quantity,
	ttcCents: assertCents(ttc),
	vatRateBp: assertVatRateBp(rate)
});

describe('ticketToInvoiceAmounts', () => {
	it('the seed ticket: BT-116 43,03, BT-117 2,37, BT-112 45,40, no rounding', () => {
		const result = ticketToInvoiceAmounts({
			lines: [860, 870, 860, 860, 1090].map((ttc) => line(ttc))
		});
		expect(result).toMatchObject({
			ok: true,
			value: {
				vatBreakdown: [{ vatRateBp: 550, taxableCents: 4303, vatCents: 237 }],
				lineTotalCents: 4303,
				vatTotalCents: 237,
				totalWithVatCents: 4540,
				roundingCents: 0,
				dueCents: 4540
			}
		});
	});

	it('a ticket paid at the counter (cadre A2): BT-113 = total, BT-115 = 0', () => {
		const result = ticketToInvoiceAmounts({ lines: [line(3910)], paidCents: assertCents(3910) });
		expect(result).toMatchObject({
			ok: true,
			value: { vatBreakdown: [{ taxableCents: 3706, vatCents: 204 }], paidCents: 3910, dueCents: 0 }
		});
	});

	it('uses BT-114 only when no base gives the total back (1 cent)', () => {
		// 0,19 € at 5,5 %: 0,18 + 0,01 = 0,19? 0,18 × 5,5 % = 0,0099 → 0,01: exact. 0,37: none.
		const candidates = Array.from({ length: 400 }, (_, i) => i + 1).filter((ttc) => {
			const base = baseForTtc(assertCents(ttc), assertVatRateBp(550));
			return base + vatOnHt(base, assertVatRateBp(550)) !== ttc;
		});
		expect(candidates.length).toBeGreaterThan(0);
		const ttc = candidates[0] as number;
		const result = ticketToInvoiceAmounts({ lines: [line(ttc)] });
		expect(result).toMatchObject({
			ok: true,
			value: { roundingCents: 1, ticketTotalCents: ttc, dueCents: ttc }
		});
		const negative = ticketToInvoiceAmounts({ lines: [line(-ttc, 550, -1)] });
		expect(negative).toMatchObject({
			ok: true,
			value: { roundingCents: -1, ticketTotalCents: -ttc }
		});
	});

	it('refuses an empty invoice or a zero quantity', () => {
		expect(ticketToInvoiceAmounts({ lines: [] })).toMatchObject({
			ok: false,
			error: { code: 'INVOICE_EMPTY' }
		});
		expect(ticketToInvoiceAmounts({ lines: [line(100, 550, 0)] })).toMatchObject({
			ok: false,
			error: { code: 'QUANTITY_INVALID' }
		});
	});

	it('random tickets: BR-CO-10, BR-CO-14..17 and BR-S-08 hold, and the amount due is the ticket to the cent', () => {
		fc.assert(
			fc.property(ticketArbitrary(), fc.boolean(), (input, paid) => {
				const ticket = computeTicketTotals(input);
				if (!ticket.ok) {
					expect(ticket.error.code).toMatch(/CAP/u);
					return;
				}
				const lines = ticket.value.lines.map((l, i) => ({
					quantity: input.lines[i]!.quantity,
					ttcCents: l.ttcCents,
					vatRateBp: l.vatRateBp
				}));
				const result = ticketToInvoiceAmounts({
					lines,
					...(paid ? { paidCents: ticket.value.ttcCents } : {})
				});
				if (!result.ok) throw new Error(result.error.message);
				const a = result.value;
				const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);
				expect(sum(a.lines.map((l) => l.netCents))).toBe(a.lineTotalCents); // BR-CO-10
				expect(a.totalWithoutVatCents).toBe(a.lineTotalCents); // BR-CO-13
				expect(sum(a.vatBreakdown.map((v) => v.vatCents))).toBe(a.vatTotalCents); // BR-CO-14
				expect(a.totalWithoutVatCents + a.vatTotalCents).toBe(a.totalWithVatCents); // BR-CO-15
				expect(a.totalWithVatCents - a.paidCents + a.roundingCents).toBe(a.dueCents); // BR-CO-16
				for (const v of a.vatBreakdown) {
					expect(v.vatCents).toBe(
						Number(roundDivide(BigInt(v.taxableCents) * BigInt(v.vatRateBp), 10_000n))
					); // BR-CO-17
					expect(
						sum(a.lines.filter((l) => l.vatRateBp === v.vatRateBp).map((l) => l.netCents))
					).toBe(v.taxableCents); // BR-S-08
				}
				expect(a.ticketTotalCents).toBe(ticket.value.ttcCents);
				expect(Math.abs(a.roundingCents)).toBeLessThanOrEqual(a.vatBreakdown.length);
				for (const [i, l] of a.lines.entries()) {
					const q = lines[i]!.quantity;
					// Exact check: quantity × BT-146, rounded to the cent, gives back BT-131.
					const [units = '', fraction = ''] = l.unitNetPrice.split('.');
					const scaled = BigInt(units + fraction);
					const scale = 10n ** BigInt(fraction.length - 2);
					expect(roundDivide(scaled * BigInt(Math.abs(q)), scale)).toBe(
						BigInt(Math.abs(l.netCents))
					);
				}
			})
		);
	});
});

describe('unitPriceDecimal (BT-146)', () => {
	const cases: [number, number, string][] = [
		[4303, 1, '43.03'],
		[2446, 3, '8.153'],
		[-815, -1, '8.15'],
		[815, -1, '8.15'],
		[5, 1, '0.05'],
		[100_000, 7, '142.857'],
		[1, 9_999, '0.000001']
	];
	for (const [net, quantity, text] of cases) {
		it(`${net}¢ for ${quantity} → ${text}`, () =>
			expect(unitPriceDecimal(net, quantity)).toBe(text));
	}
});
