import type { ArchiveRow, ClosingRow } from '$lib/db/schema';
import * as closingsDb from '$lib/db/closing-repository';
import * as archivesDb from '$lib/db/archive-repository';
import * as exportsDb from '$lib/db/export-repository';
import * as integrityDb from '$lib/db/integrity-repository';
import { attempt } from './outcome';
import { recordEvent } from '$lib/db/chain-repository';
import type {
	ArchiveKind,
	ClosingKind,
	Period,
	PeriodTotals,
	Result,
	ShopSettings
} from '$lib/domain';
import { buildPeriodReport } from '$lib/printing/receipt-model';

/**
 * What the law asks of the till after the sales (CGI art. 286-I-3° bis, docs/rules.md): the Z
 * closings, the yearly archives, the accountant's exports and the integrity check.
 */
export {
	canClosePeriod,
	dueClosings,
	listClosings,
	periodReport
} from '$lib/db/closing-repository';
export { dueArchives, listArchives } from '$lib/db/archive-repository';
export { eReportingOf, salesJournalOf, sofiaOf } from '$lib/db/export-repository';
export type { IntegrityReport } from '$lib/db/integrity-repository';
export { tillKeys } from '$lib/db/chain-repository';
export type { ArchiveRow, ClosingRow };

/**
 * « Vérifier l'intégrité », the hashing and signature checks spread over one worker per core
 * (docs/integrity.md#million): ten years of sales checked while the till stays usable.
 */
export async function verifyIntegrity(
	onProgress?: (checked: number, total: number) => void
): Promise<integrityDb.IntegrityReport> {
	if (typeof Worker === 'undefined') return integrityDb.verifyIntegrity(onProgress);
	const { chainCheckPool } = await import('$lib/workers/chain-check-pool');
	return integrityDb.verifyIntegrity(onProgress, (keys) => chainCheckPool(keys));
}

/**
 * The Z closing of a day, month or year: its totals and the perpetual grand total sealed on the
 * till's chain; a closed day takes no more sales (docs/rules.md#till-law). `alarms` are the
 * integrity problems found while closing.
 */
export function closePeriod(input: {
	tillId: string;
	kind: ClosingKind;
	day: string;
	today: string;
	by: string;
}): Promise<Result<{ closing: ClosingRow; alarms: string[] }>> {
	const { tillId, kind, day, today, by } = input;
	return attempt(() => closingsDb.closePeriod(tillId, kind, day, today, by));
}

/** The fiscal archive of a closed month or year, as a file to keep six years. */
export function createArchive(input: {
	tillId: string;
	kind: ArchiveKind;
	day: string;
	by: string;
}): Promise<Result<{ row: ArchiveRow; blob: Blob }>> {
	const { tillId, kind, day, by } = input;
	return attempt(() => archivesDb.createArchive(tillId, kind, day, by));
}

/** An archive made earlier, rebuilt from the same records and checked against its fingerprint. */
export function downloadArchiveAgain(input: { id: number; by: string }): Promise<Result<Blob>> {
	return attempt(() => archivesDb.downloadArchiveAgain(input.id, input.by));
}

/** An export handed to the accountant or a declaration body, journaled with who made it. */
export function recordExport(input: {
	what: string;
	from: string;
	to: string;
	rows: number;
	by: string;
}): Promise<Result<void>> {
	const { what, ...detail } = input;
	return attempt(() => exportsDb.recordExport(what, detail));
}

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
export function outputReport(input: {
	where: 'pdf' | 'printer';
	shop: ShopSettings;
	tillId: string;
	report: ShownReport;
	periodLabel: string;
}): Promise<Result<{ notice: string; pdf?: { blob: Blob; name: string } }>> {
	return attempt(() => writeReport(input), 'Impossible de sortir le rapport');
}

async function writeReport(input: Parameters<typeof outputReport>[0]) {
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
