import { describe, expect, it } from 'vitest';
import { assertCents, assertVatRateBp } from '$lib/domain';
import { domainWorker } from '$lib/workers/domain-client';

const book = (priceCents: number) => ({
	quantity: 1,
	unitPriceCents: assertCents(priceCents),
	vatRateBp: assertVatRateBp(550),
	articleKind: 'livre' as const
});

describe('the domain worker (Comlink, real Chromium)', () => {
	it('computes the seed ticket off the main thread: 45,40 € → 43,03 € + 2,37 €', async () => {
		const result = await domainWorker().computeTicketTotals({
			customerStatus: 'particulier',
			lines: [860, 870, 860, 860, 1090].map(book)
		});
		expect(result).toMatchObject({
			ok: true,
			value: { ttcCents: 4540, htCents: 4303, vatCents: 237 }
		});
	});

	it('returns expected failures as data, with their code and French message', async () => {
		const result = await domainWorker().computeTicketTotals({
			customerStatus: 'particulier',
			lines: [{ ...book(2000), discount: { kind: 'percent', bp: 1000 } }]
		});
		expect(result).toMatchObject({ ok: false, error: { code: 'DISCOUNT_ABOVE_CAP' } });
		if (!result.ok) expect(result.error.message).toMatch(/loi Lang/u);
	});

	it('converts a ticket to EN 16931 amounts and parses amounts', async () => {
		const worker = domainWorker();
		const amounts = await worker.ticketToInvoiceAmounts({
			lines: [{ quantity: 2, ttcCents: assertCents(3910), vatRateBp: assertVatRateBp(550) }]
		});
		expect(amounts).toMatchObject({
			ok: true,
			value: { totalWithVatCents: 3910, vatTotalCents: 204 }
		});
		expect(await worker.parseEuros('12,50 €')).toEqual({ ok: true, value: 1250 });
		expect(await worker.ping(7)).toBe(7);
	});
});
