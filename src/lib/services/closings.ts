import type { ClosingRow } from '$lib/db/schema';
import { recordEvent } from '$lib/db/chain-repository';
import type { Period, PeriodTotals, ShopSettings } from '$lib/domain';
import { buildPeriodReport } from '$lib/printing/receipt-model';

/**
 * What the law asks of the till after the sales (CGI art. 286-I-3° bis, docs/rules.md): the Z
 * closings, the yearly archives, the accountant's exports and the integrity check.
 */
export {
	canClosePeriod,
	closePeriod,
	dueClosings,
	listClosings,
	periodReport
} from '$lib/db/closing-repository';
export {
	createArchive,
	downloadArchiveAgain,
	dueArchives,
	listArchives
} from '$lib/db/archive-repository';
export { eReportingOf, recordExport, salesJournalOf, sofiaOf } from '$lib/db/export-repository';
export { verifyIntegrity, type IntegrityReport } from '$lib/db/integrity-repository';
export { tillKeys } from '$lib/db/chain-repository';
export type { ArchiveRow } from '$lib/db/schema';
export type { ClosingRow };

/** A period's report as the screen shows it, with the closing that sealed it if any. */
export interface ShownReport {
	period: Period;
	totals: PeriodTotals;
	closing: ClosingRow | null;
}

/**
 * The report as an A4 PDF (returned to download) or on the receipt printer; journaled either way
 * (docs/integrity.md). Gives what to tell the bookseller.
 */
export async function outputReport(input: {
	where: 'pdf' | 'printer';
	shop: ShopSettings;
	tillId: string;
	report: ShownReport;
	periodLabel: string;
}): Promise<{ notice: string; pdf?: { blob: Blob; name: string } }> {
	const { where, report } = input;
	const document = {
		shop: input.shop,
		tillId: input.tillId,
		periodLabel: input.periodLabel,
		totals: report.totals,
		closing: report.closing,
		printedAt: new Date()
	};
	let outcome: { notice: string; pdf?: { blob: Blob; name: string } };
	if (where === 'pdf') {
		const { reportPdf } = await import('$lib/pdf/report-pdf');
		const name = `rapport-caisse-${report.period.start}-${report.period.kind}.pdf`;
		outcome = {
			notice: `Rapport ${name} téléchargé.`,
			pdf: { blob: await reportPdf(document), name }
		};
	} else {
		const { printer } = await import('$lib/printing/printer.svelte');
		const sent = await printer.print(buildPeriodReport(document));
		outcome = {
			notice: `Rapport envoyé ${sent === 'usb' ? 'à l’imprimante' : 'à l’impression du navigateur'}.`
		};
	}
	await recordEvent('report-output', {
		where,
		kind: report.period.kind,
		periodStart: report.period.start
	});
	return outcome;
}
