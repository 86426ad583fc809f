import {
	addTicketToDay,
	balanceProblems,
	chainBreakText,
	chainHash,
	chainRecordLabel,
	ChainWalk,
	dayTotalsProblem,
	emptyDayTotals,
	firstProblems,
	GENESIS_HASH,
	pinRecordProblem,
	strongestAnchor,
	ticketBalanceMovements,
	type ChainAnchor,
	type ChainHead,
	type ChainHeads,
	type ChainName,
	type DayTotals,
	type StoredBalance,
	type StoredPin
} from '$lib/domain';
import { anyKeyVerifier, publicKeyFromSpki, verifyText } from '$lib/signature';
import { CHAIN_TABLES, recordEvent, tillKeys } from './chain-repository';
import { getDb } from './db';
import type {
	BalanceAccountRow,
	BalanceMovementRow,
	Chained,
	DailyTotalsRow,
	JournalRow,
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

/** Checks a record's signature of its hash. */
export type HashVerifier = (hash: string, signature: string) => Promise<boolean>;

/** Where the check reads the records: the live database, or a backup's rows. */
export interface CheckedStore {
	/** A chain's records in write order, batch by batch, each batch with the head read with it. */
	batches(chain: ChainName): AsyncIterable<{ records: ChainRecord[]; head: ChainHead | undefined }>;
	/** The restore events of the journal, which name the keys of the tills restored here. */
	keyEvents(): Promise<JournalRow[]>;
	dailyTotals(): Promise<DailyTotalsRow[]>;
	balances(): Promise<StoredBalance[]>;
	pin(): Promise<StoredPin | null>;
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
		async *batches(chain) {
			const { table, keep } = CHAIN_TABLES[chain];
			let after = 0;
			for (;;) {
				const { rows, head } = await db.transaction(
					'r',
					[db.table(table), db.chainHeads],
					async () => ({
						rows: (await db
							.table(table)
							.where(':id')
							.above(after)
							.limit(2_000)
							.toArray()) as ChainRecord[],
						head: await db.chainHeads.get(chain)
					})
				);
				yield { records: rows.filter((record) => keep(record)), head };
				if (rows.length === 0) return;
				after = rows.at(-1)?.id ?? after;
			}
		},
		keyEvents: () => db.journal.where('type').equals('restore').toArray(),
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
		}
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
		async *batches(chain) {
			const { table: name, keep } = CHAIN_TABLES[chain];
			const records = table<ChainRecord>(name)
				.filter((record) => keep(record))
				.sort((a, b) => a.id - b.id);
			yield { records, head: heads.get(chain) };
		},
		keyEvents: async () => table<JournalRow>('journal').filter((entry) => entry.type === 'restore'),
		dailyTotals: async () => table<DailyTotalsRow>('dailyTotals'),
		balances: async () =>
			storedBalances(
				table<BalanceAccountRow>('balanceAccounts'),
				table<BalanceMovementRow>('balanceMovements')
			),
		pin: async () => pinOf(table<SettingRow>('settings').find((row) => row.key === 'security'))
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
		movementsCents: sums.get(account.id as number) ?? 0
	}));
}

function pinOf(row: SettingRow | undefined): StoredPin | null {
	return row?.key === 'security' ? ((row.value['pin'] as StoredPin | undefined) ?? null) : null;
}

/**
 * The keys whose signatures this store's records may carry: `own` (the till's), and those named
 * by a restore event that `own` sealed (a restored backup was signed on another computer, whose
 * private key stayed there; each restore names every key its backup trusted). A key written
 * anywhere else — a settings row, an unsealed field — is never trusted.
 */
export async function trustedVerifier(
	own: CryptoKey,
	keyEvents: readonly JournalRow[]
): Promise<{ verify: HashVerifier; keys: string[] }> {
	const keys: string[] = [];
	for (const entry of keyEvents) {
		const named = entry.detail['keys'];
		if (!Array.isArray(named) || !entry.hash || !entry.signature) continue;
		if (chainHash(entry.previousHash ?? GENESIS_HASH, entry) !== entry.hash) continue;
		if (!(await verifyText(own, entry.hash, entry.signature))) continue;
		for (const spki of named) if (typeof spki === 'string' && !keys.includes(spki)) keys.push(spki);
	}
	const former = await Promise.all(keys.map((spki) => publicKeyFromSpki(spki).catch(() => null)));
	return {
		verify: anyKeyVerifier([own, ...former.filter((key) => key !== null)]),
		keys
	};
}

/** What the sealed journal and closings say, gathered while walking them. */
interface SealedFacts {
	readonly closingAnchors: Map<ChainName, ChainAnchor>;
	readonly journalAnchors: Map<ChainName, ChainAnchor>;
	/** The last PIN the journal sealed: its fingerprint (null on entries older than fingerprints). */
	pin: { fingerprint: string | null } | null;
	/** Amounts put on balances outside a ticket (loyalty vouchers, the demonstration's), by code. */
	readonly balanceIssues: Map<string, number>;
}

function keepStrongest(into: Map<ChainName, ChainAnchor>, heads: unknown, source: string) {
	if (!heads || typeof heads !== 'object') return;
	for (const [chain, head] of Object.entries(heads as ChainHeads)) {
		const anchor = strongestAnchor([into.get(chain as ChainName), { ...head, source }]);
		if (anchor) into.set(chain as ChainName, anchor);
	}
}

function learnFromJournal(facts: SealedFacts, entry: ChainRecord) {
	const { type, detail } = entry as unknown as JournalRow;
	keepStrongest(facts.journalAnchors, entry['heads'], `l’${chainRecordLabel('journal', entry)}`);
	if (
		type === 'manager-pin-set' ||
		(type === 'settings-changed' && detail['section'] === 'security')
	) {
		const fingerprint = detail['pinFingerprint'];
		facts.pin = { fingerprint: typeof fingerprint === 'string' ? fingerprint : null };
	}
	if (type === 'loyalty-voucher-issued')
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

/**
 * Walks one chain, recomputing each hash and checking each signature, held against `anchors`;
 * `onRecord` sees each record found intact and in place. The French verdict, or null.
 */
async function walkChain(
	chain: ChainName,
	store: CheckedStore,
	verify: HashVerifier,
	anchors: readonly (ChainAnchor | undefined)[],
	onRecord: (record: ChainRecord) => void,
	onChecked: (count: number) => void
): Promise<string | null> {
	const walk = new ChainWalk(
		GENESIS_HASH,
		anchors.filter((anchor) => anchor !== undefined)
	);
	let head: ChainHead | undefined;
	let broken = false;
	for await (const batch of store.batches(chain)) {
		head = batch.head;
		if (broken) continue;
		const valid = await Promise.all(
			batch.records.map((record) =>
				record.hash && record.signature
					? verify(record.hash, record.signature)
					: Promise.resolve(false)
			)
		);
		for (const [index, record] of batch.records.entries()) {
			broken = walk.push({
				id: record.id,
				label: chainRecordLabel(chain, record),
				previousHash: record.previousHash,
				hash: record.hash,
				recomputed: chainHash(record.previousHash ?? GENESIS_HASH, record),
				signatureValid: valid[index] === true
			});
			if (broken) break;
			if (walk.clean) onRecord(record);
		}
		onChecked(batch.records.length);
		// A break is found: the rest is not read, but the head still comes with the last batch.
		if (broken) break;
	}
	const found = walk.finish(head);
	return found ? chainBreakText(chain, found) : null;
}

/** Every check on a store: chains, anchors, then the figures kept beside them. */
export async function checkStore(
	store: CheckedStore,
	verify: HashVerifier,
	onProgress: (checked: number) => void = () => {}
): Promise<IntegrityReport> {
	let checked = 0;
	const count = (n: number) => {
		checked += n;
		onProgress(checked);
	};
	const problems: string[] = [];
	const facts: SealedFacts = {
		closingAnchors: new Map(),
		journalAnchors: new Map(),
		pin: null,
		balanceIssues: new Map()
	};
	const closingSource = (record: ChainRecord) =>
		keepStrongest(
			facts.closingAnchors,
			record['heads'],
			`la ${chainRecordLabel('closings', record)}`
		);
	// The closings and the journal vouch for each other: the closings are read first for their
	// anchors, then the journal, then the closings again, held against the journal's anchors.
	await walkChain('closings', store, verify, [], closingSource, () => {});
	const walked = async (chain: ChainName, onRecord: (record: ChainRecord) => void = () => {}) => {
		const problem = await walkChain(
			chain,
			store,
			verify,
			[facts.closingAnchors.get(chain), facts.journalAnchors.get(chain)],
			onRecord,
			count
		);
		if (problem) problems.push(problem);
		return problem === null;
	};
	const journalHolds = await walked('journal', (entry) => learnFromJournal(facts, entry));
	await walked('closings');
	const days = new Map<string, DayTotals & { tillId: string }>();
	const balances = new Map(facts.balanceIssues);
	const ticketsHold = await walked('tickets', (record) => {
		const ticket = record as unknown as TicketRow;
		const key = `${ticket.tillId}|${ticket.day}`;
		days.set(key, {
			tillId: ticket.tillId,
			...addTicketToDay(days.get(key) ?? emptyDayTotals(ticket.day), ticket)
		});
		for (const movement of ticketBalanceMovements(ticket))
			addTo(balances, movement.code, movement.amountCents);
	});
	for (const chain of ['training-tickets', 'invoices', 'reprints', 'archives'] as const)
		await walked(chain);
	if (ticketsHold) {
		const dayProblems: string[] = [];
		for (const stored of await store.dailyTotals()) {
			const key = `${stored.tillId}|${stored.day}`;
			const { tillId: _tillId, ...storedDay } = stored;
			const sealed = days.get(key);
			days.delete(key);
			const { tillId: _sealedTill, ...sealedDay } = sealed ?? { tillId: '' };
			const problem = dayTotalsProblem(
				stored.tillId,
				stored.day,
				storedDay,
				sealed ? (sealedDay as DayTotals) : undefined
			);
			if (problem) dayProblems.push(problem);
		}
		for (const { tillId, ...sealed } of days.values()) {
			const problem = dayTotalsProblem(tillId, sealed.day, undefined, sealed);
			if (problem) dayProblems.push(problem);
		}
		problems.push(
			...firstProblems(
				dayProblems,
				'jours dont les totaux ne correspondent pas aux tickets scellés'
			)
		);
		if (journalHolds) {
			const balanceFaults = balanceProblems(await store.balances(), balances);
			problems.push(
				...firstProblems(balanceFaults, 'soldes qui ne correspondent pas aux tickets scellés')
			);
		}
	}
	if (journalHolds) {
		const pin = pinRecordProblem(facts.pin, await store.pin());
		if (pin) problems.push(pin);
	}
	return { checked, problems };
}

/**
 * « Vérifier l'intégrité »: every check on this database with the keys it trusts. The check is
 * journaled with its findings.
 */
export async function verifyIntegrity(
	onProgress: (checked: number) => void = () => {}
): Promise<IntegrityReport> {
	const store = databaseStore();
	const { publicKey } = await tillKeys();
	const { verify } = await trustedVerifier(publicKey, await store.keyEvents());
	const report = await checkStore(store, verify, onProgress);
	await recordEvent('integrity-check', { checked: report.checked, problems: report.problems });
	return report;
}
