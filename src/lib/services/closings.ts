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
export type { ArchiveRow, ClosingRow } from '$lib/db/schema';
