/**
 * Random tickets for the property-based tests (fast-check). Not imported by the app.
 */
import fc from 'fast-check';
import type { ArticleKind, CustomerStatus, Discount } from './discount';
import { assertCents } from './money';
import type { TicketInput, TicketLineInput } from './ticket';
import { assertVatRateBp, VAT_RATES_BP } from './vat';

const kindForRate: Record<number, ArticleKind[]> = {
	210: ['presse'],
	550: ['livre', 'livre-scolaire'],
	1000: ['autre'],
	2000: ['autre']
};

export const lineArbitrary = (withDiscounts: boolean): fc.Arbitrary<TicketLineInput> =>
	fc
		.record({
			quantity: fc.integer({ min: -5, max: 12 }).filter((q) => q !== 0),
			unitPriceCents: fc.integer({ min: 0, max: 20_000 }),
			vatRateBp: fc.constantFrom(...VAT_RATES_BP),
			kindIndex: fc.nat(),
			percent: withDiscounts ? fc.option(fc.integer({ min: 0, max: 500 })) : fc.constant(null)
		})
		.map(({ quantity, unitPriceCents, vatRateBp, kindIndex, percent }) => {
			const kinds = kindForRate[vatRateBp] as ArticleKind[];
			const discount: Discount | undefined =
				percent === null ? undefined : { kind: 'percent', bp: percent };
			return {
				quantity,
				unitPriceCents: assertCents(unitPriceCents),
				vatRateBp: assertVatRateBp(vatRateBp),
				articleKind: kinds[kindIndex % kinds.length] as ArticleKind,
				...(discount ? { discount } : {})
			};
		});

export const ticketArbitrary = (withDiscounts = true): fc.Arbitrary<TicketInput> =>
	fc.record({
		lines: fc.array(lineArbitrary(withDiscounts), { minLength: 1, maxLength: 50 }),
		customerStatus: fc.constantFrom<CustomerStatus>(
			'particulier',
			'collectivite',
			'bibliotheque',
			'ecole'
		)
	});
