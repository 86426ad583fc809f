// E-reporting files (Flux 10.3) checked by the independent validator: the official XSD of the PPF
// external specifications v3.2 and the AIFE rules (`check.mjs FILE --ereporting`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyDayTotals, ereportingXml, reportedDays, reportingPeriodOf } from '$lib/domain';
import { soldMonthArbitrary } from '../fixtures/arbitraries';
import {
	checkEInvoice,
	VALIDATOR_MISSING_MESSAGE,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from '../support/einvoice-check.js';

const PARTIES = {
	platformId: '9998',
	platformName: 'PA EXEMPLE',
	siren: '812345676',
	name: 'Librairie du Comptoir SARL'
};

describe.skipIf(!VALIDATOR_PRESENT)('e-reporting files pass einvoice-check --ereporting', () => {
	it('for any month of random tickets (two tills, discounts, cancellations; initial or corrective)', async () => {
		const period = reportingPeriodOf('simplifie', '2027-09-05');
		await fc.assert(
			fc.asyncProperty(
				soldMonthArbitrary('2027-09'),
				fc.constantFrom('IN' as const, 'RE' as const),
				async ({ days, invoicedToCompanies }, typeCode) => {
					const xml = ereportingXml({
						parties: PARTIES,
						period,
						days: reportedDays(days, period, invoicedToCompanies),
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

	it('for a day whose consumers’ transactions add up to nothing beside a company’s sale', async () => {
		const period = reportingPeriodOf('simplifie', '2027-09-05');
		const sold = {
			...emptyDayTotals('2027-09-01'),
			ticketCount: 3,
			byRate: { 550: { ttcCents: 1_055, htCents: 1_000, vatCents: 55 } }
		};
		const xml = ereportingXml({
			parties: PARTIES,
			period,
			days: reportedDays([sold], period, [
				{ day: '2027-09-01', rates: [{ vatRateBp: 550, htCents: 1_000, vatCents: 55 }] }
			]),
			typeCode: 'IN',
			issuedAt: new Date('2027-10-26T07:30:00Z')
		});
		expect(xml).toContain('<TaxableAmount>0.00</TaxableAmount>');
		const report = await checkEInvoice(xml, 'flux10.xml', ['--ereporting']);
		expect(report.errors, report.output).toEqual([]);
	}, 300_000);
});

it.runIf(!VALIDATOR_PRESENT)(
	'says why the e-reporting files are not validated, and fails in CI',
	() => {
		console.warn(VALIDATOR_MISSING_MESSAGE);
		expect(VALIDATOR_REQUIRED, VALIDATOR_MISSING_MESSAGE).toBe(false);
	}
);
