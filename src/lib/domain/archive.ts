import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
	CHAIN_LABELS,
	chainBreakText,
	chainHash,
	chainRecordLabel,
	ChainWalk,
	GENESIS_HASH,
	type ChainName
} from './chain';
import type { FiscalVersionStamp } from './fiscal';
import { centsToFrenchDecimal, formatDate, formatTime } from './format';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from './payment';
import { formatDay } from './ticket-period';

/**
 * Monthly and annual archives (CGI art. 286-I-3° bis, archivage; BOI-TVA-DECLA-30-10-30 § 250:
 * an open format, integrity-protected, verifiable without the application). An archive is a ZIP
 * holding, for each chain, the segment of records written since the previous archive of its kind
 * (JSON, with their hashes and signatures), readable CSV copies, the till's public key, a
 * manifest with every file's SHA-256, and the manifest's signature. `verifyArchive` checks it
 * all; `npm run verify-archive -- FILE` runs it outside the app.
 */

export const ARCHIVE_FORMAT = 'comptoir-archive/1';
export const MANIFEST_FILE = 'manifeste.json';
export const MANIFEST_SIGNATURE_FILE = 'manifeste.sig';
export const PUBLIC_KEY_FILE = 'cle-publique.pem';

export type ArchiveKind = 'month' | 'year';
export type ArchivedChain = Exclude<ChainName, 'archives'>;

/** The chains an archive carries, and the file each one is written to. */
export const ARCHIVED_CHAIN_FILES: Readonly<Record<ArchivedChain, string>> = {
	tickets: 'tickets.json',
	'training-tickets': 'tickets-formation.json',
	invoices: 'factures.json',
	reprints: 'duplicatas.json',
	closings: 'clotures.json',
	journal: 'journal.json'
};

export const ARCHIVED_CHAINS = Object.keys(ARCHIVED_CHAIN_FILES) as ArchivedChain[];

/** Where a chain's segment starts and ends: the verifier links it to the archives around it. */
export interface ArchiveSegment {
	/** The hash the segment's first record follows (64 zeros at the chain's start). */
	readonly startHash: string;
	/** The last record's hash (the start hash when the segment is empty). */
	readonly endHash: string;
	readonly count: number;
}

export interface ArchiveManifest {
	readonly format: typeof ARCHIVE_FORMAT;
	readonly kind: ArchiveKind;
	/** "2026-11" for a month, "2026" for a year. */
	readonly period: string;
	/** Last day (Europe/Paris) of the records it holds, after the previous archive of its kind. */
	readonly throughDay: string;
	readonly createdAt: string;
	readonly shop: {
		readonly name: string;
		readonly siret: string;
		readonly vatNumber: string;
		readonly tillId: string;
	};
	readonly software: string;
	/** The fiscal version that made it (docs/conformite/perimetre.md; absent before it existed). */
	readonly fiscal?: FiscalVersionStamp;
	/** SubjectPublicKeyInfo, base64 (also in cle-publique.pem). */
	readonly publicKeySpki: string;
	/**
	 * The keys the till signed with before a sealed key change (a till replaced on a new computer)
	 * or a restored backup: its records from before carry their signatures. Vouched for by the
	 * manifest's signature with the till's present key.
	 */
	readonly formerKeys?: readonly string[];
	readonly algorithms: {
		readonly hash: string;
		readonly signature: string;
	};
	readonly chains: Readonly<Record<ArchivedChain, ArchiveSegment>>;
	/** SHA-256 (hex) of every other file of the archive but the manifest and its signature. */
	readonly files: Readonly<Record<string, string>>;
}

export const ARCHIVE_ALGORITHMS = {
	hash: 'hash = SHA-256(previousHash ‖ JSON canonique), hex\u00a0; JSON canonique\u00a0: clés triées, sans espace, sans id, hash, previousHash, signature',
	signature:
		'ECDSA P-256 / SHA-256 sur les octets UTF-8 du hash (et du manifeste), forme IEEE P1363 (r ‖ s), base64'
} as const;

/** « comptoir-archive-2026-11.zip », « comptoir-archive-2026.zip ». */
export function archiveFileName(period: string): string {
	return `comptoir-archive-${period}.zip`;
}

export function sha256Hex(bytes: Uint8Array): string {
	return bytesToHex(sha256(bytes));
}

/** A JSON array written a record per line (readable, and written a batch at a time). */
export function jsonArrayPart(records: readonly object[], first: boolean): string {
	if (records.length === 0) return '';
	return `${first ? '' : ',\n'}${records.map((record) => JSON.stringify(record)).join(',\n')}`;
}

export const wrapJsonArray = { open: '[\n', close: '\n]\n' } as const;

/** What the readable ticket CSV needs of a ticket. */
export interface ArchivedTicket {
	readonly tillId: string;
	readonly number: number;
	readonly createdAt: string;
	readonly day: string;
	readonly cashier: string;
	readonly totalCents: number;
	readonly rates: readonly { readonly htCents: number; readonly vatCents: number }[];
	readonly payments: readonly { readonly method: string; readonly amountCents: number }[];
	readonly changeCents: number;
	readonly cancelsTicketId: number | null;
	readonly hash?: string;
}

export const ARCHIVE_TICKETS_CSV_HEADER = [
	'Caisse',
	'N° ticket',
	'Date',
	'Heure',
	'Journée de caisse',
	'Vendeur',
	'Total TTC',
	'Total HT',
	'TVA',
	'Paiements',
	'Rendu',
	'Annule le ticket interne',
	'Empreinte'
] as const;

export function archiveTicketCsvRows(tickets: readonly ArchivedTicket[]): string[][] {
	return tickets.map((ticket) => {
		const at = new Date(ticket.createdAt);
		return [
			ticket.tillId,
			String(ticket.number),
			formatDate(at),
			formatTime(at),
			formatDay(ticket.day),
			ticket.cashier,
			centsToFrenchDecimal(ticket.totalCents),
			centsToFrenchDecimal(ticket.rates.reduce((sum, rate) => sum + rate.htCents, 0)),
			centsToFrenchDecimal(ticket.rates.reduce((sum, rate) => sum + rate.vatCents, 0)),
			ticket.payments
				.map(
					(payment) =>
						`${PAYMENT_METHOD_LABELS[payment.method as PaymentMethod] ?? payment.method} ${centsToFrenchDecimal(payment.amountCents)}`
				)
				.join(' + '),
			centsToFrenchDecimal(ticket.changeCents),
			ticket.cancelsTicketId === null ? '' : String(ticket.cancelsTicketId),
			ticket.hash ?? ''
		];
	});
}

/** The archive's LISEZMOI.txt: what it holds and how to check it without Comptoir. */
export function archiveReadme(manifest: Omit<ArchiveManifest, 'files'>): string {
	const counts = ARCHIVED_CHAINS.map(
		(chain) =>
			`- ${ARCHIVED_CHAIN_FILES[chain]}\u00a0: ${CHAIN_LABELS[chain]}, ${manifest.chains[chain].count} enregistrement(s)`
	).join('\n');
	return `Archive fiscale Comptoir (${manifest.kind === 'month' ? 'mensuelle' : 'annuelle'}) — période ${manifest.period}
Boutique\u00a0: ${manifest.shop.name}, SIRET ${manifest.shop.siret}, caisse ${manifest.shop.tillId}
Faite le ${formatDate(new Date(manifest.createdAt))}\u00a0; enregistrements écrits jusqu’au ${formatDay(manifest.throughDay)} inclus.

Contenu\u00a0:
${counts}
- tickets.csv\u00a0: les tickets de caisse lisibles dans un tableur (séparateur «\u00a0; »)
- ${PUBLIC_KEY_FILE}\u00a0: la clé publique de la caisse (ECDSA P-256)
- ${MANIFEST_FILE}\u00a0: l’empreinte SHA-256 de chaque fichier, le début et la fin de chaque chaîne
- ${MANIFEST_SIGNATURE_FILE}\u00a0: la signature du manifeste par la caisse

${manifest.fiscal ? `Logiciel\u00a0: ${manifest.software}, version fiscale ${manifest.fiscal.version}, empreinte du périmètre ${manifest.fiscal.fingerprint}.\n` : ''}Chaînage\u00a0: ${manifest.algorithms.hash}.
Signature\u00a0: ${manifest.algorithms.signature}.
Chaque chaîne reprend là où l’archive précédente du même type s’est arrêtée (startHash = endHash
de l’archive précédente).

Vérification sans l’application\u00a0: npm run verify-archive -- ${archiveFileName(manifest.period)}
(dans le dépôt de Comptoir), ou tout outil qui recalcule SHA-256 et vérifie ECDSA P-256.
`;
}

/** The verifier's verdict: problems (empty when the archive holds) and what it checked. */
export interface ArchiveVerdict {
	readonly problems: readonly string[];
	readonly facts: readonly string[];
}

/** Checks a signature of `text` with the archive's public key. */
export type TextVerifier = (text: string, signature: string) => Promise<boolean>;

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function isManifest(value: unknown): value is ArchiveManifest {
	const manifest = value as Partial<ArchiveManifest> | undefined;
	return (
		typeof manifest === 'object' &&
		manifest !== null &&
		manifest.format === ARCHIVE_FORMAT &&
		typeof manifest.publicKeySpki === 'string' &&
		typeof manifest.files === 'object' &&
		manifest.files !== null &&
		typeof manifest.chains === 'object' &&
		manifest.chains !== null &&
		ARCHIVED_CHAINS.every((chain) => typeof manifest.chains?.[chain]?.startHash === 'string') &&
		(manifest.formerKeys === undefined ||
			(Array.isArray(manifest.formerKeys) &&
				manifest.formerKeys.every((key) => typeof key === 'string')))
	);
}

async function verifyChain(
	chain: ArchivedChain,
	segment: ArchiveSegment,
	text: string,
	verify: TextVerifier
): Promise<string | null> {
	const records = parseJson(text);
	if (!Array.isArray(records))
		return `${ARCHIVED_CHAIN_FILES[chain]} n’est pas un tableau JSON lisible.`;
	const walk = new ChainWalk(segment.startHash);
	for (const [index, value] of records.entries()) {
		const record = (value ?? {}) as Record<string, unknown>;
		const hash = typeof record['hash'] === 'string' ? record['hash'] : undefined;
		const signature = typeof record['signature'] === 'string' ? record['signature'] : '';
		const previousHash =
			typeof record['previousHash'] === 'string' ? record['previousHash'] : undefined;
		const broken = walk.push({
			id: index + 1,
			label: chainRecordLabel(chain, record),
			previousHash,
			hash,
			recomputed: chainHash(previousHash ?? GENESIS_HASH, record),
			signatureValid: hash !== undefined && (await verify(hash, signature))
		});
		if (broken) break;
	}
	const found = walk.finish({ hash: segment.endHash, count: segment.count });
	return found ? chainBreakText(chain, found) : null;
}

/**
 * Checks an archive's files (name → bytes): the manifest and its signature, every file's
 * SHA-256, and each chain's segment record by record (hash, signature, links, count).
 * `verifierFor` makes a signature checker from the manifest's public key and the former keys it
 * names; the manifest's own signature is checked with the present key alone.
 */
export async function verifyArchive(
	files: ReadonlyMap<string, Uint8Array>,
	verifierFor: (publicKeySpki: string, formerKeys?: readonly string[]) => Promise<TextVerifier>
): Promise<ArchiveVerdict> {
	const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
	const manifestBytes = files.get(MANIFEST_FILE);
	if (!manifestBytes)
		return {
			problems: [`Le fichier ${MANIFEST_FILE} manque\u00a0: ce n’est pas une archive Comptoir.`],
			facts: []
		};
	const manifestText = decode(manifestBytes);
	const manifest = parseJson(manifestText);
	if (!isManifest(manifest)) {
		return {
			problems: [`${MANIFEST_FILE} est illisible ou n’est pas au format ${ARCHIVE_FORMAT}.`],
			facts: []
		};
	}
	let verify: TextVerifier;
	let verifyManifest: TextVerifier;
	const formerKeys = manifest.formerKeys ?? [];
	try {
		verifyManifest = await verifierFor(manifest.publicKeySpki);
		verify =
			formerKeys.length > 0
				? await verifierFor(manifest.publicKeySpki, formerKeys)
				: verifyManifest;
	} catch {
		return { problems: ['La clé publique du manifeste est illisible.'], facts: [] };
	}
	const problems: string[] = [];
	const signature = files.get(MANIFEST_SIGNATURE_FILE);
	if (!signature || !(await verifyManifest(manifestText, decode(signature).trim()))) {
		problems.push(
			`La signature du manifeste (${MANIFEST_SIGNATURE_FILE}) manque ou ne correspond pas.`
		);
	}
	const listed = new Set([MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, ...Object.keys(manifest.files)]);
	for (const [name, expected] of Object.entries(manifest.files)) {
		const bytes = files.get(name);
		if (!bytes) problems.push(`Le fichier ${name} manque.`);
		else if (sha256Hex(bytes) !== expected)
			problems.push(`Le fichier ${name} a été modifié (empreinte SHA-256 différente).`);
	}
	for (const name of files.keys()) {
		if (!listed.has(name))
			problems.push(`Le fichier ${name} a été ajouté\u00a0: le manifeste ne le connaît pas.`);
	}
	for (const chain of ARCHIVED_CHAINS) {
		const bytes = files.get(ARCHIVED_CHAIN_FILES[chain]);
		if (!bytes) continue;
		const broken = await verifyChain(chain, manifest.chains[chain], decode(bytes), verify);
		if (broken) problems.push(broken);
	}
	const facts = [
		`Archive ${manifest.kind === 'month' ? 'mensuelle' : 'annuelle'} ${manifest.period} de ${manifest.shop.name} (SIRET ${manifest.shop.siret}, caisse ${manifest.shop.tillId}).`,
		...ARCHIVED_CHAINS.map(
			(chain) =>
				`${CHAIN_LABELS[chain]}\u00a0: ${manifest.chains[chain].count} enregistrement(s), fin ${manifest.chains[chain].endHash.slice(0, 16)}…`
		),
		...(manifest.fiscal
			? [
					`Faite par ${manifest.software}, version fiscale ${manifest.fiscal.version} (empreinte du périmètre ${manifest.fiscal.fingerprint}).`
				]
			: []),
		`Empreinte de la clé publique\u00a0: ${publicKeyFingerprint(manifest.publicKeySpki)} (à comparer avec Paramètres → Inaltérabilité).`,
		...formerKeys.map(
			(key) =>
				`Clé antérieure de la caisse (caisse remplacée ou sauvegarde restaurée, changement scellé au journal)\u00a0: ${publicKeyFingerprint(key)}.`
		)
	];
	return { problems, facts };
}

/** SHA-256 of the key's SPKI bytes, 4 hex digits per group: what people compare by eye. */
export function publicKeyFingerprint(publicKeySpki: string): string {
	const bytes = Uint8Array.from(atob(publicKeySpki), (char) => char.charCodeAt(0));
	const hex = sha256Hex(bytes);
	return Array.from({ length: 8 }, (_, group) => hex.slice(group * 4, group * 4 + 4)).join(' ');
}
