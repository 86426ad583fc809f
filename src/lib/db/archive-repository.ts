import {
	ARCHIVE_ALGORITHMS,
	ARCHIVE_FORMAT,
	ARCHIVE_TICKETS_CSV_HEADER,
	ARCHIVED_CHAIN_FILES,
	ARCHIVED_CHAINS,
	archiveFileName,
	archiveReadme,
	archiveTicketCsvRows,
	GENESIS_HASH,
	jsonArrayPart,
	MANIFEST_FILE,
	MANIFEST_SIGNATURE_FILE,
	formatDay,
	parisDay,
	periodOf,
	periodText,
	PUBLIC_KEY_FILE,
	wrapJsonArray,
	type ArchiveKind,
	type ArchivedChain,
	type ArchivedTicket,
	type ArchiveManifest,
	type Period
} from '$lib/domain';
import { fiscalStamp, SOFTWARE_NAME } from '$lib/fiscal-release';
import { publicKeyPem, signText } from '$lib/signature';
import { chainBatches, journal, seal, tillKeys } from './chain-repository';
import { getDb } from './db';
import { trustedFormerKeys } from './integrity-repository';
import type { ArchiveRow, Unsaved } from './schema';
import { getShopSettings } from './settings-repository';
import { SaleRejectedError } from './ticket-repository';

/**
 * Monthly and annual archives (CGI art. 286-I-3° bis): once a month or a year is
 * closed, a ZIP of each chain's records written since the previous archive of the same kind,
 * with readable CSV, the public key and a signed manifest (see `src/lib/domain/archive.ts`). The
 * archive itself is a record on the archives' chain. Its bytes are not stored: a later download
 * rebuilds it from the same records, whose files must give the same SHA-256 as at the time (the
 * manifest is signed again: the app's version may have changed the readable files).
 */

export class ArchiveRejectedError extends SaleRejectedError {}

function reject(code: string, message: string): never {
	throw new ArchiveRejectedError(code, message);
}

/** When a chain's record was written, to cut the segment at the period's end. */
const WRITTEN_AT: Readonly<Record<ArchivedChain, string>> = {
	tickets: 'createdAt',
	'training-tickets': 'createdAt',
	invoices: 'issueDate',
	reprints: 'at',
	closings: 'createdAt',
	journal: 'at'
};

const archivePeriod = (period: Period) =>
	period.kind === 'year' ? period.start.slice(0, 4) : period.start.slice(0, 7);

/** The months and years closed but not yet archived, oldest first (months, then years). */
export async function dueArchives(tillId: string): Promise<Period[]> {
	const db = getDb();
	const [closings, archives] = await Promise.all([
		db.closings
			.where('[tillId+kind+periodStart]')
			.between([tillId, 'month', ''], [tillId, 'year', '\uffff'])
			.toArray(),
		db.archives.toArray()
	]);
	const made = new Set(archives.map((row) => `${row.kind}:${row.period}`));
	return closings
		.map((row) => periodOf(row.kind, row.periodStart))
		.filter((period) => !made.has(`${period.kind}:${archivePeriod(period)}`))
		.sort((a, b) => a.kind.localeCompare(b.kind) || a.start.localeCompare(b.start));
}

/** The archives made, newest first. */
export async function listArchives(): Promise<ArchiveRow[]> {
	const rows = await getDb().archives.toArray();
	return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

interface BuildInput {
	readonly kind: ArchiveKind;
	readonly period: string;
	readonly throughDay: string;
	readonly createdAt: string;
	readonly starts: Readonly<Record<ArchivedChain, { afterId: number; startHash: string }>>;
}

async function buildArchive(input: BuildInput) {
	// The ZIP and CSV writers load with the first archive, off the till's start (they are fetched
	// from the service worker's cache, offline as online).
	const [{ zipWriter }, { csvText }] = await Promise.all([
		import('$lib/export/zip'),
		import('$lib/export/files')
	]);
	const shop = await getShopSettings();
	if (!shop) reject('SHOP_MISSING', 'Renseignez d’abord la boutique dans Paramètres.');
	const keys = await tillKeys();
	const formerKeys = await trustedFormerKeys();
	const zip = zipWriter(new Date(input.createdAt));
	const files: Record<string, string> = {};
	const segments = {} as ArchiveRow['segments'];
	const tickets = zip.file('tickets.csv');
	tickets.push(`\ufeff${csvText([], ARCHIVE_TICKETS_CSV_HEADER)}`);
	for (const chain of ARCHIVED_CHAINS) {
		const { afterId, startHash } = input.starts[chain];
		const name = ARCHIVED_CHAIN_FILES[chain];
		const entry = zip.file(name);
		entry.push(wrapJsonArray.open);
		let count = 0;
		let lastId = afterId;
		let endHash = startHash;
		for await (const batch of chainBatches(chain, afterId)) {
			// Records are in write order: the first one written after the period ends the segment.
			const after = batch.findIndex(
				(record) => parisDay(new Date(String(record[WRITTEN_AT[chain]]))) > input.throughDay
			);
			const inPeriod = after === -1 ? batch : batch.slice(0, after);
			entry.push(jsonArrayPart(inPeriod, count === 0));
			count += inPeriod.length;
			lastId = inPeriod.at(-1)?.id ?? lastId;
			endHash = inPeriod.at(-1)?.hash ?? endHash;
			if (chain === 'tickets' && inPeriod.length > 0) {
				tickets.push(
					`${csvText(archiveTicketCsvRows(inPeriod as unknown as ArchivedTicket[]))}\r\n`
				);
			}
			if (after !== -1) break;
		}
		entry.push(wrapJsonArray.close);
		files[name] = entry.end();
		segments[chain] = { afterId, lastId, startHash, endHash, count };
	}
	files['tickets.csv'] = tickets.end();
	const base = {
		format: ARCHIVE_FORMAT,
		kind: input.kind,
		period: input.period,
		throughDay: input.throughDay,
		createdAt: input.createdAt,
		shop: {
			name: shop.tradeName || shop.legalName,
			siret: shop.siret,
			vatNumber: shop.vatNumber,
			tillId: shop.tillId
		},
		software: SOFTWARE_NAME,
		fiscal: fiscalStamp(),
		publicKeySpki: keys.publicKeySpki,
		...(formerKeys.length > 0 ? { formerKeys } : {}),
		algorithms: ARCHIVE_ALGORITHMS,
		chains: Object.fromEntries(
			ARCHIVED_CHAINS.map((chain) => {
				const { startHash, endHash, count } = segments[chain];
				return [chain, { startHash, endHash, count }];
			})
		) as ArchiveManifest['chains']
	} satisfies Omit<ArchiveManifest, 'files'>;
	files['LISEZMOI.txt'] = zip.add('LISEZMOI.txt', archiveReadme(base));
	files[PUBLIC_KEY_FILE] = zip.add(PUBLIC_KEY_FILE, publicKeyPem(keys.publicKeySpki));
	const manifest: ArchiveManifest = { ...base, files };
	const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
	zip.add(MANIFEST_FILE, manifestText);
	zip.add(MANIFEST_SIGNATURE_FILE, `${await signText(keys.privateKey, manifestText)}\n`);
	return { ...zip.finish(), segments, files };
}

/**
 * Makes the archive of a closed month or year: the chains' records since the previous archive of
 * the same kind up to the period's last day, then the archive's own sealed record and a journal
 * entry. Archives of one kind are made in order.
 */
export async function createArchive(
	tillId: string,
	kind: ArchiveKind,
	day: string,
	by: string,
	now = new Date()
): Promise<{ row: ArchiveRow; blob: Blob }> {
	const db = getDb();
	const period = periodOf(kind, day);
	const name = archivePeriod(period);
	const due = await dueArchives(tillId);
	const first = due.find((item) => item.kind === kind);
	if (!due.some((item) => item.kind === kind && item.start === period.start)) {
		const archived = await db.archives.where('[kind+period]').equals([kind, name]).first();
		reject(
			archived ? 'ARCHIVE_EXISTS' : 'PERIOD_NOT_CLOSED',
			archived
				? `L’archive de ${periodText(period)} est déjà faite\u00a0: téléchargez-la dans la liste.`
				: `Clôturez d’abord ${periodText(period)}\u00a0: seule une période close s’archive.`
		);
	}
	if (first && first.start !== period.start) {
		reject(
			'ARCHIVE_ORDER',
			`Archivez d’abord ${periodText(first)}\u00a0: les archives se font dans l’ordre.`
		);
	}
	const previous = (
		await db.archives.where('[kind+period]').between([kind, ''], [kind, '\uffff']).toArray()
	).at(-1);
	const starts = Object.fromEntries(
		ARCHIVED_CHAINS.map((chain) => {
			const segment = previous?.segments[chain];
			return [
				chain,
				{ afterId: segment?.lastId ?? 0, startHash: segment?.endHash ?? GENESIS_HASH }
			];
		})
	) as BuildInput['starts'];
	const built = await buildArchive({
		kind,
		period: name,
		throughDay: period.end,
		createdAt: now.toISOString(),
		starts
	});
	const row = await db.transaction('rw', [db.archives, db.journal, db.chainHeads], async () => {
		const sealed = await seal('archives', {
			kind,
			period: name,
			createdAt: now.toISOString(),
			fileName: archiveFileName(name),
			sha256: built.sha256,
			throughDay: period.end,
			segments: built.segments,
			files: built.files,
			by
		} satisfies Unsaved<ArchiveRow>);
		const archive: ArchiveRow = { ...sealed, id: await db.archives.add(sealed) };
		await journal('archive-created', { kind, period: name, sha256: built.sha256, by }, now);
		return archive;
	});
	return { row, blob: built.blob };
}

/**
 * The same archive again, rebuilt from its records: refused when a chain's file differs from the
 * one made at the time (a record changed since), so what is handed over is what was archived.
 */
export async function downloadArchiveAgain(id: number, by: string): Promise<Blob> {
	const db = getDb();
	const row = await db.archives.get(id);
	if (!row) reject('ARCHIVE_MISSING', 'Cette archive est introuvable.');
	const built = await buildArchive({
		kind: row.kind,
		period: row.period,
		throughDay: row.throughDay,
		createdAt: row.createdAt,
		starts: row.segments
	});
	const changed = ARCHIVED_CHAINS.map((chain) => ARCHIVED_CHAIN_FILES[chain]).filter(
		(name) => built.files[name] !== row.files[name]
	);
	if (changed.length > 0) {
		reject(
			'ARCHIVE_CHANGED',
			`L’archive ${row.period} refaite ne correspond plus à celle du ${formatDay(row.createdAt.slice(0, 10))} (${changed.join(', ')})\u00a0: des enregistrements ont changé depuis. Lancez «\u00a0Vérifier l’intégrité\u00a0».`
		);
	}
	await db.transaction('rw', [db.journal, db.chainHeads], () =>
		journal('export', { what: 'archive', period: row.period, by })
	);
	return built.blob;
}
