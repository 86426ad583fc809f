import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { formatTime, parisDay } from './format';
import { formatDay } from './ticket-period';

/**
 * Tamper-evident records (CGI art. 286-I-3° bis; BOI-TVA-DECLA-30-10-30 §§ 80–110: inaltérabilité,
 * sécurisation). Each ticket, invoice, credit note, duplicate print and journal entry is appended
 * to its own chain:
 *
 *   hash = SHA-256( previous hash ‖ canonical JSON of the record )   (hex, lower case)
 *
 * where the canonical JSON has its keys sorted at every level, no white space, and leaves out
 * `id` (given by the database after the write) and the chain fields themselves (`hash`,
 * `previousHash`, `signature`). The first record of a chain follows GENESIS_HASH. Each hash is
 * then signed (ECDSA P-256, SHA-256, by a key that never leaves the till: see the db layer), so
 * recomputing a chain after a change is not enough to hide it.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type ChainName =
	'tickets' | 'training-tickets' | 'invoices' | 'journal' | 'reprints' | 'closings' | 'archives';

export const CHAIN_LABELS: Readonly<Record<ChainName, string>> = {
	tickets: 'Tickets de caisse',
	'training-tickets': 'Tickets de formation',
	invoices: 'Factures et avoirs',
	journal: 'Journal des événements',
	reprints: 'Duplicatas',
	closings: 'Clôtures',
	archives: 'Archives'
};

const LEFT_OUT = new Set(['id', 'hash', 'previousHash', 'signature']);

function canonical(value: unknown, top: boolean): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new RangeError('canonicalJson: numbers must be finite');
		}
		return JSON.stringify(value) ?? 'null';
	}
	if (Array.isArray(value)) return `[${value.map((item) => canonical(item, false)).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([key, item]) => item !== undefined && !(top && LEFT_OUT.has(key)))
		// Keys of one object are unique: no tie to break.
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item, false)}`).join(',')}}`;
}

/**
 * The record as hashed: keys sorted (by UTF-16 code units) at every level, undefined members
 * left out, and at the top level neither `id` nor the chain fields.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], id: 9 }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(record: object): string {
	return canonical(record, true);
}

export function chainHash(previousHash: string, record: object): string {
	return bytesToHex(sha256(utf8ToBytes(previousHash + canonicalJson(record))));
}

/** What the integrity check learnt of one stored record. */
export interface CheckedRecord {
	readonly id: number;
	/** How the bookseller names it: "Ticket n° 12 (CAISSE1)". */
	readonly label: string;
	readonly previousHash: string | undefined;
	readonly hash: string | undefined;
	/** The hash recomputed from the record's content. */
	readonly recomputed: string;
	readonly signatureValid: boolean;
}

export type ChainBreak =
	| { readonly kind: 'modified'; readonly id: number; readonly label: string }
	| { readonly kind: 'inserted'; readonly id: number; readonly label: string }
	| { readonly kind: 'deleted-before'; readonly id: number; readonly label: string }
	| { readonly kind: 'deleted-at-end'; readonly missing: number }
	| { readonly kind: 'head-mismatch' }
	| {
			readonly kind: 'anchor-mismatch';
			readonly id: number;
			readonly label: string;
			readonly source: string;
	  }
	| { readonly kind: 'truncated'; readonly missing: number; readonly source: string };

/** A chain's last hash and length at one moment. */
export interface ChainHead {
	readonly hash: string;
	readonly count: number;
}

/** The heads of the chains at one moment, as a sealed record carries them. */
export type ChainHeads = Partial<Record<ChainName, ChainHead>>;

/**
 * A chain's head as another sealed record saw it (a closing, a journal entry, a server): the
 * chain must still hold `count` records at least, the `count`-th giving `hash`. Hashes chain, so
 * one anchor vouches for every record before it: a record deleted at the end, or the chain
 * rewritten and signed again from any point before it, no longer gives it (BOI-TVA-DECLA-30-10-30
 * § 80: inaltérabilité; docs/integrity.md#anchors).
 */
export interface ChainAnchor extends ChainHead {
	/** Who saw it, as the bookseller names it: « la clôture journalière (Z) du 02/12/2026 ». */
	readonly source: string;
}

/**
 * Where each record of a chain stands, as the check walks it: 64 bits of each hash by position,
 * in typed arrays (8 bytes a record: a million tickets hold in 16 MB), so that every anchor any
 * sealed record carries can be checked, not only the last one (a chain cut then continued agrees
 * with the anchors written after the cut, never with those written before it).
 */
export class ChainPositions {
	private high = new Uint32Array(1024);
	private low = new Uint32Array(1024);
	private ids = new Float64Array(1024);
	/** Records placed so far. */
	length = 0;

	/** The next record of the chain, found intact and in place. */
	add(id: number, hash: string): void {
		if (this.length === this.ids.length) {
			const grow = <T extends Uint32Array | Float64Array>(array: T, make: (n: number) => T) => {
				const bigger = make(array.length * 2);
				bigger.set(array);
				return bigger;
			};
			this.high = grow(this.high, (n) => new Uint32Array(n));
			this.low = grow(this.low, (n) => new Uint32Array(n));
			this.ids = grow(this.ids, (n) => new Float64Array(n));
		}
		this.high[this.length] = Number.parseInt(hash.slice(0, 8), 16);
		this.low[this.length] = Number.parseInt(hash.slice(8, 16), 16);
		this.ids[this.length] = id;
		this.length++;
	}

	/**
	 * An anchor held against the chain: null when the record at its position gives its hash;
	 * records deleted at the end when the chain is shorter; the record rewritten otherwise.
	 */
	check(
		anchor: ChainAnchor
	):
		| { readonly kind: 'truncated'; readonly missing: number; readonly source: string }
		| { readonly kind: 'rewritten'; readonly id: number; readonly source: string }
		| null {
		if (anchor.count <= 0) return null;
		if (anchor.count > this.length) {
			return { kind: 'truncated', missing: anchor.count - this.length, source: anchor.source };
		}
		const at = anchor.count - 1;
		const same =
			this.high[at] === Number.parseInt(anchor.hash.slice(0, 8), 16) &&
			this.low[at] === Number.parseInt(anchor.hash.slice(8, 16), 16);
		return same ? null : { kind: 'rewritten', id: Number(this.ids[at]), source: anchor.source };
	}
}

/**
 * What a new closing finds when it holds the chains against the previous closing of the till
 * (its anchors): the last ticket that closing sealed, gone or no longer the same, and chains now
 * shorter than it saw. Cheap (one ticket read by its number), so every Z checks it before it
 * seals: a truncation or a rewrite since the last Z is caught by the next one, and journaled
 * (docs/integrity.md#anchors).
 */
export function closingAnchorProblems(
	previous: {
		readonly source: string;
		readonly lastTicket?: { readonly number: number; readonly hash: string } | null;
		readonly heads?: ChainHeads;
	},
	/** `lastTicketHash`: the hash of the ticket bearing the previous closing's last number, null if none. */
	now: { readonly lastTicketHash: string | null; readonly heads: ChainHeads }
): string[] {
	const problems: string[] = [];
	const last = previous.lastTicket;
	if (last && now.lastTicketHash === null) {
		problems.push(
			`${CHAIN_LABELS.tickets}\u00a0: le ticket n°\u00a0${last.number}, scellé par ${previous.source}, a disparu.`
		);
	} else if (last && now.lastTicketHash !== last.hash) {
		problems.push(
			`${CHAIN_LABELS.tickets}\u00a0: le ticket n°\u00a0${last.number} ne correspond plus à ce que ${previous.source} a scellé.`
		);
	}
	for (const [chain, head] of Object.entries(previous.heads ?? {}) as [ChainName, ChainHead][]) {
		const missing = head.count - (now.heads[chain]?.count ?? 0);
		if (missing > 0) {
			problems.push(chainBreakText(chain, { kind: 'truncated', missing, source: previous.source }));
		}
	}
	return problems;
}

/** Short names for the printed anchors, to fit a 48-column receipt. */
const SHORT_LABELS: Readonly<Record<ChainName, string>> = {
	tickets: 'Tickets',
	'training-tickets': 'Formation',
	invoices: 'Factures',
	journal: 'Journal',
	reprints: 'Duplicatas',
	closings: 'Clôtures',
	archives: 'Archives'
};

/**
 * The heads a closing sealed, one line per chain, as the Z and the report print them: paper kept
 * away from the computer against which a chain rewritten later, even signed with the till's own
 * key, no longer matches (docs/integrity.md#anchors).
 * @example headLines({ tickets: { count: 1204, hash: '3f9a07c2b1d4…' } })
 * // ['Tickets : 1 204 · 3f9a 07c2 b1d4']
 */
export function headLines(heads: ChainHeads): string[] {
	return (Object.keys(SHORT_LABELS) as ChainName[]).flatMap((chain) => {
		const head = heads[chain];
		return head ? [`${SHORT_LABELS[chain]}\u00a0: ${headFingerprint(head)}`] : [];
	});
}

/**
 * What a closing sealed of the chains, to keep on paper: the last ticket and each chain's head
 * (docs/integrity.md#anchors). Closings made before anchors print nothing more.
 */
export function closingAnchorLines(closing: {
	heads?: ChainHeads;
	lastTicket?: { number: number } | null;
}): string[] {
	if (!closing.heads) return [];
	return [
		'Empreintes scellées (à garder\u00a0; à comparer lors d’un contrôle)\u00a0:',
		...(closing.lastTicket ? [`Dernier ticket\u00a0: n°\u00a0${closing.lastTicket.number}`] : []),
		...headLines(closing.heads)
	];
}

/** A head in a few characters, to print and compare by eye: « 1 204 · 3f9a 07c2 b1d4 ». */
export function headFingerprint(head: ChainHead): string {
	const short = head.hash.slice(0, 12).replace(/(.{4})(?=.)/gu, '$1\u00a0');
	return `${new Intl.NumberFormat('fr-FR').format(head.count)}\u00a0·\u00a0${short}`;
}

/**
 * Walks a chain in write order, one record at a time (a chain can hold millions of records), and
 * names the first one that was changed, inserted or deleted:
 * - content that no longer gives its hash, or a bad signature: changed — or inserted, when the
 *   chain holds again without it;
 * - a record whose content holds but which does not follow the one before: records were deleted
 *   before it;
 * - fewer records than appended, the last ones intact: records deleted at the end.
 * `head` (in `finish`) is the chain's last hash and length as recorded at each append.
 */
export class ChainWalk {
	/** `expected`: the hash the first record follows (an archive's segment starts mid-chain). */
	constructor(private expected: string = GENESIS_HASH) {}

	private suspect: CheckedRecord | null = null;
	private found: ChainBreak | null = null;
	private seen = 0;

	/** Feeds the next record; true once a break is found (no need to read further). */
	push(record: CheckedRecord): boolean {
		if (this.found) return true;
		this.seen++;
		if (this.suspect) {
			this.found = this.verdict(this.suspect, record.previousHash === this.expected);
			return true;
		}
		const intact = record.hash === record.recomputed && record.signatureValid;
		if (!intact) {
			this.suspect = record;
			return false;
		}
		if (record.previousHash !== this.expected) {
			this.found = { kind: 'deleted-before', id: record.id, label: record.label };
			return true;
		}
		this.expected = record.recomputed;
		return false;
	}

	/** Whether every record pushed so far is intact and in place (what it says can be trusted). */
	get clean(): boolean {
		return this.found === null && this.suspect === null;
	}

	finish(head: { readonly hash: string; readonly count: number } | undefined): ChainBreak | null {
		if (this.found) return this.found;
		if (this.suspect) return this.verdict(this.suspect, head?.hash === this.expected);
		const count = head?.count ?? 0;
		if (this.seen < count) return { kind: 'deleted-at-end', missing: count - this.seen };
		if ((head?.hash ?? GENESIS_HASH) !== this.expected) return { kind: 'head-mismatch' };
		return null;
	}

	private verdict(record: CheckedRecord, holdsWithout: boolean): ChainBreak {
		return { kind: holdsWithout ? 'inserted' : 'modified', id: record.id, label: record.label };
	}
}

/** The first break of a whole chain held in memory (see ChainWalk), or null. */
export function findChainBreak(
	records: readonly CheckedRecord[],
	head: { readonly hash: string; readonly count: number } | undefined
): ChainBreak | null {
	const walk = new ChainWalk();
	for (const record of records) if (walk.push(record)) break;
	return walk.finish(head);
}

const CLOSING_NAMES: Readonly<Record<string, string>> = {
	day: 'clôture journalière (Z)',
	month: 'clôture mensuelle',
	year: 'clôture annuelle'
};

const REPRINTED: Readonly<Record<string, string>> = {
	ticket: 'du ticket',
	invoice: 'de la facture',
	report: 'du rapport'
};

/** « 02/11/2026 à 09:00 » (Paris time) from an ISO instant; the text itself if it is not one. */
function moment(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : `${formatDay(parisDay(date))} à ${formatTime(date)}`;
}

/** How the bookseller names a chained record in a verdict: "ticket n° 12 (CAISSE1)". */
export function chainRecordLabel(
	chain: ChainName,
	record: Readonly<Record<string, unknown>>
): string {
	const text = (key: string) => String(record[key]);
	switch (chain) {
		case 'tickets':
			return `ticket n° ${text('number')} (${text('tillId')})`;
		case 'training-tickets':
			return `ticket de formation n° ${text('number')}`;
		case 'invoices':
			return `${record['kind'] === 'credit-note' ? 'avoir' : 'facture'} n° ${text('number')}`;
		case 'reprints':
			return `impression n° ${text('count')} ${REPRINTED[text('documentType')] ?? 'du document'} interne ${text('documentId')}`;
		case 'closings':
			return `${CLOSING_NAMES[text('kind')] ?? 'clôture'} du ${formatDay(text('periodStart'))} (${text('tillId')})`;
		case 'journal':
			return `événement «\u00a0${text('type')}\u00a0» du ${moment(text('at'))}`;
		case 'archives':
			return `archive ${text('period')}`;
	}
}

/** The integrity check's verdict in French, naming the record (labels carry no article). */
export function chainBreakText(chain: ChainName, found: ChainBreak): string {
	const where = CHAIN_LABELS[chain];
	switch (found.kind) {
		case 'modified':
			return `${where}\u00a0: enregistrement modifié après coup — ${found.label}.`;
		case 'inserted':
			return `${where}\u00a0: enregistrement inséré hors de la caisse — ${found.label}.`;
		case 'deleted-before':
			return `${where}\u00a0: enregistrement supprimé juste avant — ${found.label}.`;
		case 'deleted-at-end':
			return `${where}\u00a0: ${found.missing} enregistrement${found.missing > 1 ? 's supprimés' : ' supprimé'} à la fin de la chaîne.`;
		case 'head-mismatch':
			return `${where}\u00a0: la fin de la chaîne ne correspond pas au dernier enregistrement connu.`;
		case 'anchor-mismatch':
			return `${where}\u00a0: chaîne réécrite — ${found.label} ne correspond plus à ce que ${found.source} a scellé.`;
		case 'truncated':
			return `${where}\u00a0: ${found.missing} enregistrement${found.missing > 1 ? 's supprimés' : ' supprimé'} à la fin de la chaîne (attesté${found.missing > 1 ? 's' : ''} par ${found.source}).`;
	}
}
