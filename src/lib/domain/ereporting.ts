import type { DayTotals } from './closing';
import { invoiceChannelOf } from './discount';
import { ratePercent } from './einvoice';
import { centsToDecimal, parisDay } from './format';
import { addDays } from './ticket-period';
import { validateSiren } from './identifiers';
import { err, ok, type Result } from './result';
import type { RecordedTicket } from './recorded';
import { element as el, textElement as text, xmlDocument } from './xml';

/**
 * E-reporting of the shop's sales to consumers (« Flux 10.3 », CGI annexe II art. 242 nonies M;
 * PPF external specifications v3.2, AIFE rules of Annexe 7 v1.8): for sales without an e-invoice,
 * per day and transaction category, the totals per VAT rate and the day's number of transactions
 * (docs/invoices.md#e-reporting). Pure: the day aggregates come from the tills' sales.
 */

/** The shop's VAT filing regime (régime d'imposition), which sets how often it reports. */
export type VatFilingRegime = 'reel-mensuel' | 'reel-trimestriel' | 'simplifie' | 'franchise';

export const VAT_FILING_REGIME_LABELS: Readonly<Record<VatFilingRegime, string>> = {
	'reel-mensuel': 'réel normal, déclarations mensuelles',
	'reel-trimestriel': 'réel normal, déclarations trimestrielles',
	simplifie: 'régime simplifié',
	franchise: 'franchise en base'
};

/** First and last day of a reported period, YYYY-MM-DD. */
export interface ReportingPeriod {
	readonly start: string;
	readonly end: string;
}

function lastDayOfMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period that holds `day` for the shop's regime (décret 2022-1299, as summarised in the
 * shared e-reporting notes §2): réel normal with monthly returns by décade (1–10, 11–20, 21–end);
 * quarterly returns and the simplified regime by month; the franchise by two months (January and
 * February, March and April…).
 */
export function reportingPeriodOf(regime: VatFilingRegime, day: string): ReportingPeriod {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	const ym = `${year}-${pad(month)}`;
	const last = lastDayOfMonth(year, month);
	if (regime === 'reel-mensuel') {
		if (date <= 10) return { start: `${ym}-01`, end: `${ym}-10` };
		if (date <= 20) return { start: `${ym}-11`, end: `${ym}-20` };
		return { start: `${ym}-21`, end: `${ym}-${pad(last)}` };
	}
	if (regime === 'franchise') {
		const first = month % 2 === 1 ? month : month - 1;
		return {
			start: `${year}-${pad(first)}-01`,
			end: `${year}-${pad(first + 1)}-${pad(lastDayOfMonth(year, first + 1))}`
		};
	}
	return { start: `${ym}-01`, end: `${ym}-${pad(last)}` };
}

/**
 * Categories of transactions (CGI annexe II art. 242 nonies M I 4°): deliveries of goods subject
 * to VAT (new books, stationery) and goods sold under the margin scheme (second-hand books).
 */
export type TransactionCategory = 'TLB1' | 'TMA1';

/** One day and category as reported: its transactions and its totals by VAT rate (basis points). */
export interface ReportedDay {
	readonly day: string;
	readonly category: TransactionCategory;
	readonly transactionCount: number;
	readonly byRate: Readonly<
		Record<string, { readonly htCents: number; readonly vatCents: number }>
	>;
}

/**
 * A ticket of a sale to a company, or of its cancellation: it travels as an e-invoice (or its
 * credit note), so it is never e-reported (CGI art. 290 bis). Training tickets are no sale.
 */
export function soldToCompany(
	ticket: Pick<RecordedTicket, 'training' | 'customerStatus'>
): boolean {
	return ticket.training === 0 && invoiceChannelOf(ticket.customerStatus) === 'plateforme';
}

/**
 * A sale to a company that owes its invoice (CGI art. 289): neither a cancellation nor a refund.
 */
export function owesCompanyInvoice(
	ticket: Pick<RecordedTicket, 'training' | 'customerStatus' | 'cancelsTicketId' | 'totalCents'>
): boolean {
	return soldToCompany(ticket) && ticket.cancelsTicketId === null && ticket.totalCents > 0;
}

/**
 * A ticket invoiced to a company: its sale travels as an e-invoice, so it is not e-reported
 * (CGI art. 290 bis: e-reporting covers the transactions that are not e-invoiced).
 */
export interface CompanyInvoicedSale {
	readonly day: string;
	readonly rates: readonly {
		readonly vatRateBp: number;
		readonly htCents: number;
		readonly vatCents: number;
	}[];
}

/**
 * The shop's days of a period as they are reported, from every till's day aggregates (training
 * tickets are never in them; a cancellation counts as a transaction with its negative amounts):
 * one block a day, the tills added up, less the tickets invoiced to companies; the days left
 * without a sale to a consumer are left out. Every sale is a delivery of goods subject to VAT
 * (TLB1): the till sells no goods under the margin scheme.
 */
export function reportedDays(
	days: readonly DayTotals[],
	period: ReportingPeriod,
	invoicedToCompanies: readonly CompanyInvoicedSale[] = []
): ReportedDay[] {
	const byDay = new Map<
		string,
		{
			count: number;
			byRate: Map<string, { ht: number; vat: number }>;
			zeroed?: Set<string>;
		}
	>();
	const inPeriod = (day: string) => day >= period.start && day <= period.end;
	for (const day of days) {
		if (!inPeriod(day.day) || day.ticketCount === 0) continue;
		const reported = byDay.get(day.day) ?? { count: 0, byRate: new Map() };
		reported.count += day.ticketCount;
		for (const [rate, sums] of Object.entries(day.byRate)) {
			const sum = reported.byRate.get(rate) ?? { ht: 0, vat: 0 };
			reported.byRate.set(rate, { ht: sum.ht + sums.htCents, vat: sum.vat + sums.vatCents });
		}
		byDay.set(day.day, reported);
	}
	// A sale the aggregates shown do not hold (another period) is not taken away.
	for (const sale of invoicedToCompanies) {
		const reported = byDay.get(sale.day);
		if (!reported) continue;
		reported.count -= 1;
		for (const rate of sale.rates) {
			const key = String(rate.vatRateBp);
			const sum = reported.byRate.get(key);
			if (!sum) continue;
			const left = { ht: sum.ht - rate.htCents, vat: sum.vat - rate.vatCents };
			// A rate only companies bought at that day is not reported at zero.
			if (left.ht === 0 && left.vat === 0) {
				reported.byRate.delete(key);
				(reported.zeroed ??= new Set()).add(key);
			} else reported.byRate.set(key, left);
		}
		if (reported.count === 0) byDay.delete(sale.day);
	}
	// Consumers' transactions that add up to nothing still need a subtotal (XSD: TaxSubtotal 1..n):
	// their rates are then reported at zero. A day with no rate at all sold only what bears no VAT
	// at sale (gift vouchers, deposits: the VAT is due when they are used): nothing to report.
	for (const [day, reported] of byDay) {
		if (reported.byRate.size > 0) continue;
		for (const key of reported.zeroed ?? []) reported.byRate.set(key, { ht: 0, vat: 0 });
		if (reported.byRate.size === 0) byDay.delete(day);
	}
	return [...byDay]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, { count, byRate }]) => ({
			day,
			category: 'TLB1' as const,
			transactionCount: count,
			byRate: Object.fromEntries(
				[...byRate]
					.sort(([a], [b]) => Number(a) - Number(b))
					.map(([rate, sum]) => [rate, { htCents: sum.ht, vatCents: sum.vat }])
			)
		}));
}

/** Who sends the report and for whom (CGI annexe II art. 242 nonies M; AIFE G6.22, G6.26). */
export interface EreportingParties {
	/** The shop's platform (PA): its 4-character matricule and its name, as the PA gives them. */
	readonly platformId: string;
	readonly platformName: string;
	/** The shop: its SIREN and its name. */
	readonly siren: string;
	readonly name: string;
}

export interface EreportingReport {
	readonly parties: EreportingParties;
	readonly period: ReportingPeriod;
	readonly days: readonly ReportedDay[];
	/** IN: the period's first transmission; RE: one that replaces it (AIFE G8.01). */
	readonly typeCode: 'IN' | 'RE';
	readonly issuedAt: Date;
}

/** The PA as the shop typed it: its matricule (4 letters or digits) and its name; in French. */
function checkPlatform(platformId: string, platformName: string): Result<void> {
	if (!/^[A-Za-z0-9]{4}$/u.test(platformId)) {
		return err(
			'EREPORTING',
			'Matricule de la plateforme agréée\u00a0: 4 lettres ou chiffres, tels que votre plateforme les donne.',
			'platformId'
		);
	}
	if (platformName.trim() === '') {
		return err('EREPORTING', 'Nom de la plateforme agréée manquant.', 'platformName');
	}
	return ok(undefined);
}

/** Why the parties cannot be reported, in French; the field named. */
export function checkEreportingParties(parties: EreportingParties): Result<EreportingParties> {
	const platform = checkPlatform(parties.platformId, parties.platformName);
	if (!platform.ok) return platform;
	const siren = validateSiren(parties.siren);
	if (!siren.ok) return err('EREPORTING', siren.error.message, 'siren');
	if (parties.name.trim() === '') return err('EREPORTING', 'Raison sociale manquante.', 'name');
	return ok({ ...parties, siren: siren.value });
}

/** YYYY-MM-DD as the report writes a date: AAAAMMJJ (AIFE G1.09). */
const compactDay = (day: string) => day.replaceAll('-', '');

/** The instant as the report writes it, in the shop's time: AAAAMMJJHHMMSS (AIFE G7.53). */
function compactInstant(at: Date): string {
	const time = new Intl.DateTimeFormat('en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone: 'Europe/Paris'
	})
		.format(at)
		.replaceAll(':', '');
	return `${compactDay(parisDay(at))}${time}`;
}

/** The report's id: the shop, the period, the kind and the instant (≤ 50 characters, AIFE G1.104). */
export function ereportingId(report: EreportingReport): string {
	return `F10-${report.parties.siren}-${compactDay(report.period.start)}-${compactDay(report.period.end)}-${report.typeCode}-${compactInstant(report.issuedAt)}`;
}

/**
 * The XML of the report (PPF external specifications v3.2, root `Report` without a namespace):
 * the transmission, then the period's transactions, one block a day and category with its total
 * excluding VAT and its VAT (the sums of its rates, AIFE G1.53) and its number of transactions.
 */
export function ereportingXml(report: EreportingReport): string {
	const { parties } = report;
	const blocks = report.days.map((day) => {
		const rates = Object.entries(day.byRate);
		const ht = rates.reduce((sum, [, r]) => sum + r.htCents, 0);
		const vat = rates.reduce((sum, [, r]) => sum + r.vatCents, 0);
		return el(
			'Transactions',
			{},
			text('Date', compactDay(day.day)),
			text('TransactionsCurrency', 'EUR'),
			text('CategoryCode', day.category),
			text('TaxExclusiveAmount', centsToDecimal(ht)),
			text('TaxTotal', centsToDecimal(vat)),
			text('TransactionsCount', String(day.transactionCount)),
			rates.map(([rate, sums]) =>
				el(
					'TaxSubtotal',
					{},
					text('TaxPercent', ratePercent(Number(rate))),
					text('TaxableAmount', centsToDecimal(sums.htCents)),
					text('TaxTotal', centsToDecimal(sums.vatCents))
				)
			)
		);
	});
	return xmlDocument(
		el(
			'Report',
			{},
			el(
				'ReportDocument',
				{},
				text('Id', ereportingId(report)),
				el('IssueDateTime', {}, text('DateTimeString', compactInstant(report.issuedAt))),
				text('TypeCode', report.typeCode),
				el(
					'Sender',
					{},
					text('Id', parties.platformId, { schemeId: '0238' }),
					text('Name', parties.platformName),
					text('RoleCode', 'WK')
				),
				el(
					'Issuer',
					{},
					text('Id', parties.siren, { schemeId: '0002' }),
					text('Name', parties.name),
					text('RoleCode', 'SE')
				)
			),
			el(
				'TransactionsReport',
				{},
				el(
					'ReportPeriod',
					{},
					text('StartDate', compactDay(report.period.start)),
					text('EndDate', compactDay(report.period.end))
				),
				blocks
			)
		)
	);
}

/** What the shop sets once for its e-reporting (Paramètres › E-reporting). */
export interface EreportingSettings {
	/** The PA's matricule and name, as the PA gives them to the shop. */
	readonly platformId: string;
	readonly platformName: string;
	readonly regime: VatFilingRegime;
}

const REGIMES = Object.keys(VAT_FILING_REGIME_LABELS) as VatFilingRegime[];

/** Checks the e-reporting settings as typed; each fault at its field, in French. */
export function validateEreportingSettings(form: {
	readonly platformId: string;
	readonly platformName: string;
	readonly regime: string;
}): Result<EreportingSettings> {
	const platformId = form.platformId.trim();
	const platformName = form.platformName.trim();
	const platform = checkPlatform(platformId, platformName);
	if (!platform.ok) return platform;
	if (!REGIMES.includes(form.regime as VatFilingRegime)) {
		return err('EREPORTING', 'Choisissez le régime de TVA de la boutique.', 'regime');
	}
	return ok({ platformId, platformName, regime: form.regime as VatFilingRegime });
}

/**
 * The period asked, if it is one the shop reports for its regime; else the one that holds its first
 * day, named in French.
 */
export function checkReportingPeriod(
	regime: VatFilingRegime,
	from: string,
	to: string
): Result<ReportingPeriod> {
	const period = reportingPeriodOf(regime, from);
	if (period.start === from && period.end === to) return ok(period);
	return err(
		'EREPORTING_PERIOD',
		`Pour le régime « ${VAT_FILING_REGIME_LABELS[regime]} », l’e-reporting se fait du ${period.start.split('-').reverse().join('/')} au ${period.end.split('-').reverse().join('/')} (choisissez ces dates).`,
		'from'
	);
}

/** The last period that ended before `today`: the one whose file is due now. */
export function previousReportingPeriod(regime: VatFilingRegime, today: string): ReportingPeriod {
	const current = reportingPeriodOf(regime, today);
	return reportingPeriodOf(regime, addDays(current.start, -1));
}

/**
 * When a period's file is to be transmitted (the shared e-reporting notes §2, a secondary summary
 * of décret 2022-1299): quarterly returns before the 10th of the next month; the simplified regime
 * and the franchise between the 25th and the 30th of the month after the period (the last day in
 * February). Null for monthly returns by décade, whose deadlines the source does not give.
 */
export function transmissionWindow(
	regime: VatFilingRegime,
	period: ReportingPeriod
): { readonly from: string | null; readonly to: string } | null {
	if (regime === 'reel-mensuel') return null;
	const [year, month] = period.end.split('-').map(Number) as [number, number];
	const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
	const ym = `${next.year}-${pad(next.month)}`;
	if (regime === 'reel-trimestriel') return { from: null, to: `${ym}-10` };
	const last = Math.min(30, lastDayOfMonth(next.year, next.month));
	return { from: `${ym}-25`, to: `${ym}-${pad(last)}` };
}
