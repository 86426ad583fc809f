// E-reporting files (Flux 10.3) checked by the independent validator: the official XSD of the PPF
// external specifications v3.2 and the AIFE rules (`check.mjs FILE --ereporting`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	emptyDayTotals,
	ereportingXml,
	reportedDays,
	reportingPeriodOf,
	type DayTotals
} from '$lib/domain';
import {
	checkEInvoice,
	VALIDATOR_MISSING_MESSAGE,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from '../support/einvoice-check.js';

/** A day of one till: its tickets, and its amounts excluding VAT and VAT at 5,5 % and 20 %. */
const dayArbitrary = fc.record({
	date: fc.integer({ min: 1, max: 10 }),
	count: fc.integer({ min: 1, max: 300 }),
	books: fc.tuple(
		fc.integer({ min: -20_000, max: 900_000 }),
		fc.integer({ min: -1_100, max: 49_500 })
	),
	stationery: fc.option(
		fc.tuple(fc.integer({ min: -20_000, max: 90_000 }), fc.integer({ min: -4_000, max: 18_000 })),
		{ nil: undefined }
	)
});

type SoldDay = typeof dayArbitrary extends fc.Arbitrary<infer T> ? T : never;

function dayTotals(days: readonly SoldDay[]): DayTotals[] {
	return days.map(({ date, count, books, stationery }) => ({
		...emptyDayTotals(`2027-09-${String(date).padStart(2, '0')}`),
		ticketCount: count,
		byRate: {
			550: { ttcCents: books[0] + books[1], htCents: books[0], vatCents: books[1] },
			...(stationery
				? {
						2000: {
							ttcCents: stationery[0] + stationery[1],
							htCents: stationery[0],
							vatCents: stationery[1]
						}
					}
				: {})
		}
	}));
}

describe.skipIf(!VALIDATOR_PRESENT)('e-reporting files pass einvoice-check --ereporting', () => {
	it('for any décade of sales (several tills, cancellations, a corrective transmission)', async () => {
		const period = reportingPeriodOf('reel-mensuel', '2027-09-05');
		await fc.assert(
			fc.asyncProperty(
				fc.array(dayArbitrary, { minLength: 1, maxLength: 12 }),
				fc.constantFrom('IN' as const, 'RE' as const),
				async (days, typeCode) => {
					const xml = ereportingXml({
						parties: {
							platformId: '9998',
							platformName: 'PA EXEMPLE',
							siren: '812345676',
							name: 'Librairie du Comptoir SARL'
						},
						period,
						days: reportedDays(dayTotals(days), period),
						typeCode,
						issuedAt: new Date('2027-09-11T07:30:00Z')
					});
					const report = await checkEInvoice(xml, 'flux10.xml', ['--ereporting']);
					expect(report.errors, report.output).toEqual([]);
					expect(report.exitCode, report.output).toBe(0);
				}
			),
			{ numRuns: 4 }
		);
	}, 300_000);
});

it.runIf(!VALIDATOR_PRESENT)(
	'says why the e-reporting files are not validated, and fails in CI',
	() => {
		console.warn(VALIDATOR_MISSING_MESSAGE);
		expect(VALIDATOR_REQUIRED, VALIDATOR_MISSING_MESSAGE).toBe(false);
	}
);
