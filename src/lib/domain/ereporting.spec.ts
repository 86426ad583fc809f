import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { soldMonthArbitrary } from '../../../tests/fixtures/arbitraries';
import { emptyDayTotals, periodTotals, type DayTotals } from './closing';
import { assertCents } from './money';
import type { RecordedTicket } from './recorded';
import {
	checkEreportingParties,
	checkReportingPeriod,
	ereportingId,
	ereportingXml,
	owesCompanyInvoice,
	reportedDays,
	soldToCompany,
	previousReportingPeriod,
	reportingPeriodOf,
	transmissionWindow,
	validateEreportingSettings,
	type EreportingReport,
	type VatFilingRegime
} from './ereporting';

describe('reportingPeriodOf', () => {
	it.each([
		['reel-mensuel', '2027-09-01', '2027-09-01', '2027-09-10'],
		['reel-mensuel', '2027-09-10', '2027-09-01', '2027-09-10'],
		['reel-mensuel', '2027-09-11', '2027-09-11', '2027-09-20'],
		['reel-mensuel', '2027-09-21', '2027-09-21', '2027-09-30'],
		['reel-mensuel', '2028-02-29', '2028-02-21', '2028-02-29'],
		['reel-trimestriel', '2027-10-15', '2027-10-01', '2027-10-31'],
		['simplifie', '2027-11-30', '2027-11-01', '2027-11-30'],
		['franchise', '2027-09-03', '2027-09-01', '2027-10-31'],
		['franchise', '2027-10-31', '2027-09-01', '2027-10-31'],
		['franchise', '2028-02-10', '2028-01-01', '2028-02-29']
	] as const)('%s: %s is in %s…%s', (regime, day, start, end) => {
		expect(reportingPeriodOf(regime as VatFilingRegime, day)).toEqual({ start, end });
	});
});

const day = (date: string, count: number, byRate: Record<string, [number, number]>): DayTotals => ({
	...emptyDayTotals(date),
	ticketCount: count,
	byRate: Object.fromEntries(
		Object.entries(byRate).map(([rate, [ht, vat]]) => [
			rate,
			{ ttcCents: ht + vat, htCents: ht, vatCents: vat }
		])
	)
});

describe('the sales to companies (e-invoiced, never e-reported)', () => {
	type Sale = Pick<
		RecordedTicket,
		'training' | 'customerStatus' | 'cancelsTicketId' | 'totalCents'
	>;
	const sale: Sale = {
		training: 0,
		customerStatus: 'entreprise',
		cancelsTicketId: null,
		totalCents: assertCents(1)
	};
	it.each([
		['a company’s sale', sale, true, true],
		['its cancellation', { ...sale, cancelsTicketId: 7, totalCents: assertCents(-1) }, true, false],
		['a refund to it', { ...sale, totalCents: assertCents(-1) }, true, false],
		['a training sale', { ...sale, training: 1 }, false, false],
		['a consumer’s sale', { ...sale, customerStatus: 'particulier' }, false, false],
		['a library’s (Chorus Pro)', { ...sale, customerStatus: 'bibliotheque' }, false, false]
	] as [string, Sale, boolean, boolean][])(
		'%s: left out %s, owes an invoice %s',
		(_, ticket, left, owes) => {
			expect(soldToCompany(ticket)).toBe(left);
			expect(owesCompanyInvoice(ticket)).toBe(owes);
		}
	);
});

describe('reportedDays', () => {
	it('adds the tills of a day, keeps the period’s days with a ticket, rates in order', () => {
		const period = { start: '2027-09-01', end: '2027-09-10' };
		expect(
			reportedDays(
				[
					day('2027-09-02', 2, { 2000: [1_000, 200] }),
					day('2027-09-01', 3, { 550: [2_000, 110] }),
					day('2027-09-02', 1, { 550: [948, 52], 2000: [-500, -100] }),
					day('2027-09-03', 0, {}),
					day('2027-09-11', 4, { 550: [1, 0] })
				],
				period
			)
		).toEqual([
			{
				day: '2027-09-01',
				category: 'TLB1',
				transactionCount: 3,
				byRate: { 550: { htCents: 2_000, vatCents: 110 } }
			},
			{
				day: '2027-09-02',
				category: 'TLB1',
				transactionCount: 3,
				byRate: { 550: { htCents: 948, vatCents: 52 }, 2000: { htCents: 500, vatCents: 100 } }
			}
		]);
	});

	it('leaves out the tickets invoiced to companies: their amounts, their count, a day or a rate only they made', () => {
		const period = { start: '2027-09-01', end: '2027-09-10' };
		const sale = (date: string, rates: [number, number, number][]) => ({
			day: date,
			rates: rates.map(([vatRateBp, htCents, vatCents]) => ({ vatRateBp, htCents, vatCents }))
		});
		expect(
			reportedDays(
				[
					day('2027-09-01', 3, { 550: [3_000, 165], 2000: [1_000, 200] }),
					day('2027-09-02', 1, { 550: [948, 52] })
				],
				period,
				[
					sale('2027-09-01', [
						[550, 1_000, 55],
						[2000, 1_000, 200]
					]),
					sale('2027-09-02', [[550, 948, 52]]),
					// Sold in another period, or at a rate the day does not hold: not taken away.
					sale('2027-08-31', [[550, 10, 1]]),
					sale('2027-09-01', [[1000, 10, 1]])
				]
			)
		).toEqual([
			{
				day: '2027-09-01',
				category: 'TLB1',
				transactionCount: 1,
				byRate: { 550: { htCents: 2_000, vatCents: 110 } }
			}
		]);
	});

	it('reports no day that sold only what bears no VAT at sale (a gift voucher)', () => {
		const period = { start: '2027-09-01', end: '2027-09-10' };
		expect(reportedDays([day('2027-09-01', 1, {})], period)).toEqual([]);
	});

	it('reports at zero the rates of consumers’ transactions that add up to nothing beside a company’s sale', () => {
		const period = { start: '2027-09-01', end: '2027-09-10' };
		// A company's book, a consumer's book and the consumer's cancellation of another.
		expect(
			reportedDays([day('2027-09-01', 3, { 550: [1_000, 55] })], period, [
				{ day: '2027-09-01', rates: [{ vatRateBp: 550, htCents: 1_000, vatCents: 55 }] }
			])
		).toEqual([
			{
				day: '2027-09-01',
				category: 'TLB1',
				transactionCount: 2,
				byRate: { 550: { htCents: 0, vatCents: 0 } }
			}
		]);
	});
});

const report = (change: Partial<EreportingReport> = {}): EreportingReport => ({
	parties: {
		platformId: '9998',
		platformName: 'PA EXEMPLE',
		siren: '812345676',
		name: 'Librairie & Cie'
	},
	period: { start: '2027-09-01', end: '2027-09-10' },
	days: reportedDays([day('2027-09-01', 57, { 550: [123_457, 6_790], 2000: [5_000, 1_000] })], {
		start: '2027-09-01',
		end: '2027-09-10'
	}),
	typeCode: 'IN',
	issuedAt: new Date('2027-09-11T00:00:00Z'),
	...change
});

describe('ereportingXml', () => {
	it('writes the transmission, the period and a block a day with its sums, in the shop’s time', () => {
		const xml = ereportingXml(report());
		expect(ereportingId(report())).toBe('F10-812345676-20270901-20270910-IN-20270911020000');
		expect(ereportingId(report()).length).toBeLessThanOrEqual(50);
		expect(xml).toContain('<DateTimeString>20270911020000</DateTimeString>');
		expect(xml).toContain('<Id schemeId="0238">9998</Id>');
		expect(xml).toContain('<Id schemeId="0002">812345676</Id><Name>Librairie &amp; Cie</Name>');
		expect(xml).toContain(
			'<Transactions><Date>20270901</Date><TransactionsCurrency>EUR</TransactionsCurrency><CategoryCode>TLB1</CategoryCode><TaxExclusiveAmount>1284.57</TaxExclusiveAmount><TaxTotal>77.90</TaxTotal><TransactionsCount>57</TransactionsCount><TaxSubtotal><TaxPercent>5.5</TaxPercent><TaxableAmount>1234.57</TaxableAmount><TaxTotal>67.90</TaxTotal></TaxSubtotal><TaxSubtotal><TaxPercent>20</TaxPercent>'
		);
		expect(ereportingXml(report({ typeCode: 'RE' }))).toContain('<TypeCode>RE</TypeCode>');
	});

	it('writes each block’s totals as the sums of its rates, to the cent', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						count: fc.integer({ min: 1, max: 500 }),
						books: fc.tuple(
							fc.integer({ min: -50_000, max: 500_000 }),
							fc.integer({ min: -3_000, max: 30_000 })
						),
						other: fc.tuple(
							fc.integer({ min: -50_000, max: 500_000 }),
							fc.integer({ min: -10_000, max: 100_000 })
						)
					}),
					{ minLength: 1, maxLength: 10 }
				),
				(days) => {
					const totals = days.map((d, i) =>
						day(`2027-09-${String(i + 1).padStart(2, '0')}`, d.count, {
							550: d.books,
							2000: d.other
						})
					);
					const xml = ereportingXml(
						report({ days: reportedDays(totals, { start: '2027-09-01', end: '2027-09-10' }) })
					);
					const blocks = xml.split('<Transactions>').slice(1);
					expect(blocks).toHaveLength(days.length);
					blocks.forEach((block, i) => {
						const d = days[i] as (typeof days)[number];
						const cents = (tag: string) =>
							Math.round(
								Number(new RegExp(`<${tag}>(-?[\\d.]+)</${tag}>`, 'u').exec(block)?.[1]) * 100
							);
						expect(cents('TaxExclusiveAmount')).toBe(d.books[0] + d.other[0]);
						expect(cents('TaxTotal')).toBe(d.books[1] + d.other[1]);
					});
				}
			)
		);
	});
});

describe('checkEreportingParties', () => {
	const parties = report().parties;
	it.each([
		[{}, null],
		[{ platformId: '99' }, 'platformId'],
		[{ platformName: ' ' }, 'platformName'],
		[{ siren: '812345677' }, 'siren'],
		[{ name: '' }, 'name']
	])('%j → %s', (change, field) => {
		const checked = checkEreportingParties({ ...parties, ...change });
		if (field === null) expect(checked).toEqual({ ok: true, value: parties });
		else expect(checked).toMatchObject({ ok: false, error: { field } });
	});
});

describe('the e-reporting settings and period', () => {
	it.each([
		[{ platformId: ' 9998 ', platformName: 'PA EXEMPLE', regime: 'simplifie' }, null],
		[{ platformId: '99 8', platformName: 'PA EXEMPLE', regime: 'simplifie' }, 'platformId'],
		[{ platformId: '9998', platformName: '', regime: 'simplifie' }, 'platformName'],
		[{ platformId: '9998', platformName: 'PA', regime: 'micro' }, 'regime']
	])('%j → %s', (form, field) => {
		const checked = validateEreportingSettings(form);
		if (field === null)
			expect(checked).toEqual({
				ok: true,
				value: { platformId: '9998', platformName: 'PA EXEMPLE', regime: 'simplifie' }
			});
		else expect(checked).toMatchObject({ ok: false, error: { field } });
	});

	it('takes a period of the regime, and names the right one otherwise', () => {
		expect(checkReportingPeriod('reel-mensuel', '2027-09-11', '2027-09-20')).toEqual({
			ok: true,
			value: { start: '2027-09-11', end: '2027-09-20' }
		});
		expect(checkReportingPeriod('reel-mensuel', '2027-09-11', '2027-09-30')).toMatchObject({
			ok: false,
			error: {
				field: 'from',
				message:
					'Pour le régime « réel normal, déclarations mensuelles », l’e-reporting se fait du 11/09/2027 au 20/09/2027 (choisissez ces dates).'
			}
		});
	});
});

describe('previousReportingPeriod', () => {
	it.each([
		['reel-mensuel', '2027-09-05', '2027-08-21', '2027-08-31'],
		['reel-mensuel', '2027-09-15', '2027-09-01', '2027-09-10'],
		['simplifie', '2027-01-03', '2026-12-01', '2026-12-31'],
		['franchise', '2027-01-03', '2026-11-01', '2026-12-31']
	] as const)('%s on %s: %s…%s is due', (regime, today, start, end) => {
		expect(previousReportingPeriod(regime, today)).toEqual({ start, end });
	});
});

describe('the e-reporting totals reconcile with the till’s report', () => {
	it('per rate, to the cent, with the companies’ invoices added back, whatever the days, tills, sales and cancellations of the period', () => {
		const period = { start: '2027-09-01', end: '2027-09-30' };
		fc.assert(
			fc.property(soldMonthArbitrary('2027-09'), ({ days, invoicedToCompanies }) => {
				const report = periodTotals(days);
				const reported = reportedDays(days, period, invoicedToCompanies);
				const byRate = new Map<number, { ht: number; vat: number }>();
				const add = (rate: number, ht: number, vat: number) => {
					const sum = byRate.get(rate) ?? { ht: 0, vat: 0 };
					byRate.set(rate, { ht: sum.ht + ht, vat: sum.vat + vat });
				};
				for (const block of reported) {
					for (const [rate, sums] of Object.entries(block.byRate)) {
						add(Number(rate), sums.htCents, sums.vatCents);
					}
				}
				for (const sale of invoicedToCompanies) {
					for (const rate of sale.rates) add(rate.vatRateBp, rate.htCents, rate.vatCents);
				}
				expect(
					[...byRate]
						.sort(([a], [b]) => a - b)
						.map(([vatRateBp, sum]) => ({ vatRateBp, htCents: sum.ht, vatCents: sum.vat }))
				).toEqual(
					report.byRate.map(({ vatRateBp, htCents, vatCents }) => ({
						vatRateBp,
						htCents,
						vatCents
					}))
				);
				expect(
					reported.reduce((sum, block) => sum + block.transactionCount, 0) +
						invoicedToCompanies.length
				).toBe(report.ticketCount);
				// Nothing a company bought is reported as a consumer's: a day left without a
				// consumer's sale has no block.
				for (const block of reported) expect(block.transactionCount).toBeGreaterThan(0);
			})
		);
	});
});

describe('transmissionWindow', () => {
	it.each([
		['reel-trimestriel', '2027-09-01', '2027-09-30', null, '2027-10-10'],
		['reel-trimestriel', '2027-12-01', '2027-12-31', null, '2028-01-10'],
		['simplifie', '2027-09-01', '2027-09-30', '2027-10-25', '2027-10-30'],
		['simplifie', '2028-01-01', '2028-01-31', '2028-02-25', '2028-02-29'],
		['franchise', '2027-11-01', '2027-12-31', '2028-01-25', '2028-01-30']
	] as const)('%s, %s…%s: from %s to %s', (regime, start, end, from, to) => {
		expect(transmissionWindow(regime, { start, end })).toEqual({ from, to });
	});

	it('gives no date for the décades of monthly returns (the source does not)', () => {
		expect(
			transmissionWindow('reel-mensuel', { start: '2027-09-01', end: '2027-09-10' })
		).toBeNull();
	});
});
