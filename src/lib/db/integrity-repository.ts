import {
	addTicketToDay,
	balanceProblems,
	chainBreakText,
	chainHash,
	chainRecordLabel,
	ChainPositions,
	ChainWalk,
	dayTotalsProblems,
	emptyDayTotals,
	firstProblems,
	GENESIS_HASH,
	KEY_CHANGE_EVENT,
	pinRecordProblem,
	ticketBalanceMovements,
	type ChainAnchor,
	type ChainHead,
	type ChainHeads,
	type ChainName,
	type DayTotals,
	type StoredBalance,
	type RecordedTicket,
	type StoredPin
} from '$lib/domain';
import { checkSealedBatch, type BatchChecker, type BatchVerdict } from '$lib/chain-check';
import { anyKeyVerifier, publicKeyFromSpki, verifyText } from '$lib/signature';
import { CHAIN_TABLES, recordEvent, tillKeys } from './chain-repository';
import { getDb } from './db';
import type {
	BalanceAccountRow,
	BalanceMovementRow,
	Chained,
	DailyTotalsRow,
	JournalRow,
	PeerTicketRow,
	SettingRow,
	TicketRow
} from './schema';

/**
 * « Vérifier l'intégrité », and the same check on a backup before it is restored
 * (CGI art. 286-I-3° bis; BOI-TVA-DECLA-30-10-30 §§ 80–110; docs/integrity.md):
 * - every chain is walked in write order, each hash recomputed and each signature checked with
 *   the keys this till trusts: its own, and those a sealed restore event named;
 * - each chain is held against the heads other sealed records saw (its anchors: the closings
 *   seal every chain's head, each journal entry those of the tickets, invoices and closings), so
 *   records deleted at the end, or a chain signed again from some point, are found;
 * - the figures kept beside the records for speed (day totals, balances) and the manager PIN are
 *   held against what the sealed records say.
 * The live check reads each batch of a chain with the chain's head in one read transaction: the
 * last (empty) batch and the head then describe the same moment, so sales or reprints in another
 * window never raise a false alarm.
 */

type ChainRecord = Chained & { id: number } & Record<string, unknown>;

/** A batch of a chain as the store gives it, with the chain's head read with it. */
interface ChainBatch {
	readonly records: ChainRecord[];
	readonly lastId: number;
	readonly head: ChainHead | undefined;
}

/** A batch read ahead, its verdict on its way from the checker. */
interface BatchAhead {
	readonly batch: ChainBatch;
	readonly verdict: Promise<BatchVerdict>;
}

/** Records read from the store for each batch checked: a few milliseconds of reading. */
const BATCH = 2_000;
/**
 * Batches read ahead of the one being walked: the next batches are read, and checked by the
 * workers, while this one is walked (docs/integrity.md#million).
 */
const BATCHES_AHEAD = 3;

/** The hashing and signature checks of a whole check, and what to free after it. */
export interface ChainChecker {
	readonly check: BatchChecker;
	close?(): void;
}

/** The check on this thread, one batch after another: Node, and where workers cannot run. */
export function inThreadChecker(keys: readonly CryptoKey[]): ChainChecker {
	const verify = anyKeyVerifier(keys);
	return { check: (records) => checkSealedBatch(records, verify) };
}

/** Where the check reads the records: the live database, or a backup's rows. */
export interface CheckedStore {
	/**
	 * A chain's records after `afterId` in write order, batch by batch, each batch with the head
	 * read with it; the last batch is empty.
	 */
	batches(chain: ChainName, afterId: number): AsyncIterable<ChainBatch>;
	/** One record of a chain by id, to name it. */
	record(chain: ChainName, id: number): Promise<ChainRecord | undefined>;
	/** The restore events of the journal, which name the keys of the tills restored here. */
	keyEvents(): Promise<JournalRow[]>;
	dailyTotals(): Promise<DailyTotalsRow[]>;
	balances(): Promise<StoredBalance[]>;
	pin(): Promise<StoredPin | null>;
	/** The tickets kept from the shop's other tills (docs/replication.md). */
	peerTickets(): Promise<PeerTicketRow[]>;
}

export interface IntegrityReport {
	readonly checked: number;
	/** One sentence per fault, naming the record or figure at fault; empty when all hold. */
	readonly problems: readonly string[];
}

/** The live database, read batch by batch. */
export function databaseStore(): CheckedStore {
	const db = getDb();
	return {
		async *batches(chain, afterId) {
			const { table, keep } = CHAIN_TABLES[chain];
			let after = afterId;
			for (;;) {
				const { rows, head } = await db.transaction(
					'r',
					[db.table(table), db.chainHeads],
					async () => ({
						rows: (await db
							.table(table)
							.where(':id')
							.above(after)
							.limit(BATCH)
							.toArray()) as ChainRecord[],
						head: await db.chainHeads.get(chain)
					})
				);
				after = rows.at(-1)?.id ?? after;
				yield { records: rows.filter((record) => keep(record)), lastId: after, head };
				if (rows.length === 0) return;
			}
		},
		record: async (chain, id) =>
			(await db.table(CHAIN_TABLES[chain].table).get(id)) as ChainRecord | undefined,
		keyEvents: () =>
			db.journal
				.where('type')
				.anyOf([...KEY_EVENTS])
				.toArray(),
		dailyTotals: () => db.dailyTotals.toArray(),
		async balances() {
			const [accounts, movements] = await Promise.all([
				db.balanceAccounts.toArray(),
				db.balanceMovements.toArray()
			]);
			return storedBalances(accounts, movements);
		},
		async pin() {
			return pinOf(await db.settings.get('security'));
		},
		peerTickets: () => db.peerTickets.toArray()
	};
}

/** A backup's rows, already read into memory. */
export function rowsStore(
	rows: ReadonlyMap<string, readonly Record<string, unknown>[]>
): CheckedStore {
	const table = <T>(name: string) => (rows.get(name) ?? []) as unknown as T[];
	const heads = new Map(
		table<ChainHead & { chain: string }>('chainHeads').map((h) => [h.chain, h])
	);
	return {
		async *batches(chain, afterId) {
			const { table: name, keep } = CHAIN_TABLES[chain];
			const records = table<ChainRecord>(name)
				.filter((record) => record.id > afterId && keep(record))
				.sort((a, b) => a.id - b.id);
			for (let start = 0; start < records.length; start += BATCH) {
				const batch = records.slice(start, start + BATCH);
				yield { records: batch, lastId: batch.at(-1)?.id ?? afterId, head: heads.get(chain) };
			}
			yield { records: [], lastId: records.at(-1)?.id ?? afterId, head: heads.get(chain) };
		},
		record: async (chain, id) =>
			table<ChainRecord>(CHAIN_TABLES[chain].table).find((record) => record.id === id),
		keyEvents: async () =>
			table<JournalRow>('journal').filter((entry) => KEY_EVENTS.includes(entry.type)),
		dailyTotals: async () => table<DailyTotalsRow>('dailyTotals'),
		balances: async () =>
			storedBalances(
				table<BalanceAccountRow>('balanceAccounts'),
				table<BalanceMovementRow>('balanceMovements')
			),
		pin: async () => pinOf(table<SettingRow>('settings').find((row) => row.key === 'security')),
		peerTickets: async () => table<PeerTicketRow>('peerTickets')
	};
}

function storedBalances(
	accounts: readonly BalanceAccountRow[],
	movements: readonly BalanceMovementRow[]
): StoredBalance[] {
	const sums = new Map<number, number>();
	for (const movement of movements)
		sums.set(movement.accountId, (sums.get(movement.accountId) ?? 0) + movement.amountCents);
	return accounts.map((account) => ({
		code: account.code,
		kind: account.kind,
		initialCents: account.initialCents,
		movementsCents: sums.get(account.id) ?? 0
	}));
}

function pinOf(row: SettingRow | undefined): StoredPin | null {
	return row?.key === 'security' ? ((row.value['pin'] as StoredPin | undefined) ?? null) : null;
}

/**
 * The sealed events that name the keys a till trusts besides its own: a backup restored (signed on
 * another computer, whose private key stayed there) and a till replaced after its computer was
 * lost (domain KEY_CHANGE_EVENT; docs/integrity.md#keys).
 */
const KEY_EVENTS: readonly string[] = ['restore', KEY_CHANGE_EVENT];

/**
 * The keys whose signatures this store's records may carry: `own` (the till's), and those named
 * by a restore or key change event that `own` sealed (each names every key the records before it
 * were signed with). A key written anywhere else — a settings row, an unsealed field — is never
 * trusted.
 */
export async function trustedKeys(
	own: CryptoKey,
	keyEvents: readonly JournalRow[]
): Promise<{ keys: string[]; trusted: CryptoKey[] }> {
	const keys: string[] = [];
	for (const entry of keyEvents) {
		const named = entry.detail['keys'];
		if (!Array.isArray(named) || !entry.hash || !entry.signature) continue;
		if (chainHash(entry.previousHash ?? GENESIS_HASH, entry) !== entry.hash) continue;
		if (!(await verifyText(own, entry.hash, entry.signature))) continue;
		for (const spki of named) if (typeof spki === 'string' && !keys.includes(spki)) keys.push(spki);
	}
	const former = await Promise.all(keys.map((spki) => publicKeyFromSpki(spki).catch(() => null)));
	return { keys, trusted: [own, ...former.filter((key) => key !== null)] };
}

/**
 * The keys besides its own this till's records may be signed with, as its sealed restore and key
 * change events name them: an archive names them in its signed manifest.
 */
export async function trustedFormerKeys(): Promise<string[]> {
	const { publicKey } = await tillKeys();
	return (await trustedKeys(publicKey, await databaseStore().keyEvents())).keys;
}

/** What the sealed journal says besides its anchors, gathered while walking it. */
interface SealedFacts {
	/** The last PIN the journal sealed: its fingerprint (null on entries older than fingerprints). */
	pin: { fingerprint: string | null } | null;
	/**
	 * Amounts put on balances outside a ticket (loyalty vouchers, the demonstration's, overdrafts
	 * settled), by code.
	 */
	readonly balanceIssues: Map<string, number>;
}

function learnFromJournal(facts: SealedFacts, entry: ChainRecord) {
	const { type, detail } = entry as unknown as JournalRow;
	if (
		type === 'manager-pin-set' ||
		(type === 'settings-changed' && detail['section'] === 'security')
	) {
		const fingerprint = detail['pinFingerprint'];
		facts.pin = { fingerprint: typeof fingerprint === 'string' ? fingerprint : null };
	}
	if (type === 'loyalty-voucher-issued' || type === 'overdraft-settled')
		addTo(facts.balanceIssues, detail['code'], detail['amountCents']);
	if (type === 'demo-loaded' && Array.isArray(detail['balances'])) {
		for (const balance of detail['balances'] as Record<string, unknown>[])
			addTo(facts.balanceIssues, balance['code'], balance['amountCents']);
	}
}

function addTo(into: Map<string, number>, code: unknown, amount: unknown) {
	if (typeof code === 'string' && typeof amount === 'number')
		into.set(code, (into.get(code) ?? 0) + amount);
}

/** The anchors a sealed record carries (its `heads`), named after it. */
function anchorsOf(heads: unknown, source: string): [ChainName, ChainAnchor][] {
	if (!heads || typeof heads !== 'object') return [];
	return Object.entries(heads as ChainHeads).map(([chain, head]) => [
		chain as ChainName,
		{ ...(head as ChainHead), source }
	]);
}

/**
 * One chain being walked: resumable, so that an anchor met later (a journal entry written while
 * the check runs) can read on to the records it vouches for before judging.
 */
class ChainReader {
	private readonly walk = new ChainWalk();
	readonly positions = new ChainPositions();
	private afterId = 0;
	private head: ChainHead | undefined;
	private broken = false;
	/** The first anchor that does not hold, in French. */
	anchorProblem: string | null = null;

	constructor(
		readonly chain: ChainName,
		private readonly store: CheckedStore,
		private readonly check: BatchChecker,
		private readonly onRecord: (record: ChainRecord) => Promise<void> | void,
		private readonly onChecked: (count: number) => void
	) {}

	/**
	 * Reads on to the chain's current end (or its first break). The batches are walked in order;
	 * the next ones are read and checked meanwhile.
	 */
	async readOn(): Promise<void> {
		if (this.broken) return;
		const ahead: BatchAhead[] = [];
		const read = (batch: ChainBatch) => {
			const verdict = this.check(batch.records);
			// Awaited in order below; one left unawaited after a break must not be reported.
			verdict.catch(() => undefined);
			ahead.push({ batch, verdict });
		};
		for await (const batch of this.store.batches(this.chain, this.afterId)) {
			read(batch);
			if (ahead.length > BATCHES_AHEAD) await this.walkFirst(ahead);
			if (this.broken) return;
		}
		while (ahead.length > 0 && !this.broken) await this.walkFirst(ahead);
	}

	/** Walks the first batch read ahead, with its verdict. */
	private async walkFirst(ahead: BatchAhead[]): Promise<void> {
		const { batch, verdict } = ahead.shift() as BatchAhead;
		const { recomputed, signatureValid } = await verdict;
		this.head = batch.head;
		this.afterId = batch.lastId;
		for (const [index, record] of batch.records.entries()) {
			this.broken = this.walk.push({
				id: record.id,
				label: chainRecordLabel(this.chain, record),
				previousHash: record.previousHash,
				hash: record.hash,
				recomputed: recomputed[index] as string,
				signatureValid: signatureValid[index] === true
			});
			if (this.broken) break;
			if (this.walk.clean) {
				this.positions.add(record.id, recomputed[index] as string);
				await this.onRecord(record);
			}
		}
		this.onChecked(batch.records.length);
	}

	/** Holds an anchor against the chain, reading on first if it vouches for more records. */
	async hold(anchor: ChainAnchor): Promise<void> {
		if (this.anchorProblem || this.broken) return;
		if (anchor.count > this.positions.length) await this.readOn();
		if (this.broken) return;
		const found = this.positions.check(anchor);
		if (!found) return;
		if (found.kind === 'truncated') {
			this.anchorProblem = chainBreakText(this.chain, found);
			return;
		}
		const record = await this.store.record(this.chain, found.id);
		this.anchorProblem = chainBreakText(this.chain, {
			kind: 'anchor-mismatch',
			id: found.id,
			label: record ? chainRecordLabel(this.chain, record) : `enregistrement interne ${found.id}`,
			source: found.source
		});
	}

	/** Whether the chain itself holds so far (its records can be trusted for what they say). */
	get holds(): boolean {
		return !this.broken && this.walk.clean;
	}

	/** The chain's verdict: its first break, else the first anchor that failed, else null. */
	verdict(): string | null {
		const found = this.walk.finish(this.head);
		return found ? chainBreakText(this.chain, found) : this.anchorProblem;
	}
}

/**
 * Every check on a store: each chain walked, every anchor the closings and the journal carry held
 * against the chain it names, then the figures kept beside the records.
 */
export async function checkStore(
	store: CheckedStore,
	check: BatchChecker,
	onProgress: (checked: number) => void = () => {}
): Promise<IntegrityReport> {
	let checked = 0;
	const count = (n: number) => {
		checked += n;
		onProgress(checked);
	};
	const facts: SealedFacts = { pin: null, balanceIssues: new Map() };
	const days = new Map<string, DayTotals & { tillId: string }>();
	const balances = new Map<string, number>();
	const closingAnchors: [ChainName, ChainAnchor][] = [];
	const readers = new Map<ChainName, ChainReader>();
	const reader = (
		chain: ChainName,
		onRecord: (record: ChainRecord) => Promise<void> | void = () => {}
	) => {
		const made = new ChainReader(chain, store, check, onRecord, count);
		readers.set(chain, made);
		return made;
	};
	const hold = async ([chain, anchor]: [ChainName, ChainAnchor]) => {
		const target = readers.get(chain);
		if (target) await target.hold(anchor);
	};
	/** A sealed ticket's part in the day totals and balances the check recomputes. */
	const countTicket = (ticket: RecordedTicket) => {
		const key = `${ticket.tillId}|${ticket.day}`;
		days.set(key, {
			tillId: ticket.tillId,
			...addTicketToDay(days.get(key) ?? emptyDayTotals(ticket.day), ticket)
		});
		for (const movement of ticketBalanceMovements(ticket))
			addTo(balances, movement.code, movement.amountCents);
	};
	const tickets = reader('tickets', (record) => countTicket(record as unknown as TicketRow));
	for (const chain of ['training-tickets', 'invoices', 'reprints', 'archives'] as const)
		reader(chain);
	reader('closings', (record) => {
		closingAnchors.push(
			...anchorsOf(record['heads'], `la ${chainRecordLabel('closings', record)}`)
		);
	});
	const journal = reader('journal', async (entry) => {
		learnFromJournal(facts, entry);
		for (const anchor of anchorsOf(entry['heads'], `l’${chainRecordLabel('journal', entry)}`))
			await hold(anchor);
	});
	// The journal last: its entries anchor the chains read before it (reading on if needed);
	// then the closings' anchors, the journal's included.
	for (const chain of readers.values()) if (chain !== journal) await chain.readOn();
	await journal.readOn();
	for (const anchor of closingAnchors) await hold(anchor);

	const problems = [...readers.values()].flatMap((chain) => chain.verdict() ?? []);
	// Other tills' tickets, checked and signed when they came: each still its sealed self, linked
	// to the one before it from the same till; their days and balances count as this till's do.
	const peerProblems: string[] = [];
	let previous: PeerTicketRow | undefined;
	const peers = (await store.peerTickets()).sort(
		(a, b) => a.tillId.localeCompare(b.tillId) || a.number - b.number
	);
	for (const row of peers) {
		const { ticket } = row;
		const linked = previous?.tillId !== row.tillId || ticket.previousHash === previous.ticket.hash;
		if (chainHash(ticket.previousHash, ticket) !== ticket.hash || !linked) {
			peerProblems.push(
				`Ticket n°\u00a0${ticket.number} reçu de la caisse ${row.tillId}\u00a0: modifié, ajouté ou supprimé depuis sa réception.`
			);
		}
		previous = row;
		countTicket(ticket);
	}
	count(peers.length);
	problems.push(...firstProblems(peerProblems, 'tickets reçus des autres caisses altérés'));
	if (tickets.holds) {
		const dayProblems = dayTotalsProblems(await store.dailyTotals(), [...days.values()]);
		problems.push(
			...firstProblems(
				dayProblems,
				'jours dont les totaux ne correspondent pas aux tickets scellés'
			)
		);
		if (journal.holds) {
			for (const [code, amount] of facts.balanceIssues) addTo(balances, code, amount);
			const balanceFaults = balanceProblems(await store.balances(), balances);
			problems.push(
				...firstProblems(balanceFaults, 'soldes qui ne correspondent pas aux tickets scellés')
			);
		}
	}
	if (journal.holds) {
		const pin = pinRecordProblem(facts.pin, await store.pin());
		if (pin) problems.push(pin);
	}
	return { checked, problems };
}

/** How many records the check will read, as the chains' heads count them, for its progress. */
async function recordsToCheck(): Promise<number> {
	const db = getDb();
	const [heads, peers] = await Promise.all([db.chainHeads.toArray(), db.peerTickets.count()]);
	return heads.reduce((sum, head) => sum + head.count, peers);
}

/**
 * « Vérifier l'intégrité »: every check on this database with the keys it trusts, the hashing and
 * signature checks done by `checkerFor` (the screens spread them over workers). The check is
 * journaled with its findings.
 */
export async function verifyIntegrity(
	onProgress: (checked: number, total: number) => void = () => {},
	checkerFor: (keys: readonly CryptoKey[]) => ChainChecker | Promise<ChainChecker> = inThreadChecker
): Promise<IntegrityReport> {
	const store = databaseStore();
	const { publicKey } = await tillKeys();
	const { trusted } = await trustedKeys(publicKey, await store.keyEvents());
	const checker = await checkerFor(trusted);
	const total = await recordsToCheck();
	let report: IntegrityReport;
	try {
		report = await checkStore(store, checker.check, (checked) =>
			onProgress(checked, Math.max(checked, total))
		);
	} finally {
		checker.close?.();
	}
	await recordEvent('integrity-check', { checked: report.checked, problems: report.problems });
	return report;
}
