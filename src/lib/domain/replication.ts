import { chainHash, GENESIS_HASH, type ChainName } from './chain';
import { err, ok, type Result } from './result';
import type { Article } from './article';
import type { CustomerFile } from './customer';
import type { RecordedTicket } from './recorded';
import type { ShopSettings } from './shop';
import { isKeyChangeRecord, type KeyChangeMessage } from './key-change';

/**
 * Replication between the shop's tills through its NATS JetStream server (docs/replication.md).
 * What travels, under which subject and message id, and what a till checks before it keeps a
 * record another till sent. Pure: the transport and the storage are elsewhere.
 */

/** The shop's one stream: every till's subjects, kept as long as the server keeps its store. */
export const SHOP_STREAM = 'COMPTOIR';
export const SHOP_SUBJECTS = 'comptoir.>';
/**
 * The key-value bucket where tills reserve the spends of vouchers, credit notes and deposits while
 * connected (docs/replication.md#reservations): one key per code, written by compare-and-set.
 */
export const BALANCE_BUCKET = 'COMPTOIR_SOLDES';

/** A till's subject for one kind of record: only that till's credentials may publish on it. */
export function tillSubject(
	tillId: string,
	kind: 'key' | 'ticket' | 'revisions' | 'records' | CopiedKind
): string {
	return `comptoir.${tillId}.${kind}`;
}

/** The till and kind a subject names, or null for a subject of no till. */
export function subjectParts(subject: string): { tillId: string; kind: string } | null {
	const [, tillId, kind] = /^comptoir\.([A-Z0-9_-]{1,16})\.([a-z-]+)$/u.exec(subject) ?? [];
	return tillId && kind ? { tillId, kind } : null;
}

/**
 * The message id the server de-duplicates on: the record's identity across the shop, the same
 * each time it is sent again (after a crash between the server's ack and the local note of it).
 */
export function ticketMessageId(tillId: string, number: number): string {
	return `${tillId}:ticket:${number}`;
}

/**
 * The till's other sealed records, sent as off-site copies kept by the shop's server (LPF art.
 * L102 B: six years; a lost or broken device loses none of them): invoices and credit notes,
 * closings, the events journal, reprints, archives' register and training tickets (whose chain a
 * closing's anchors name too; docs/replication.md#copies).
 */
export const COPIED_KINDS = [
	'invoice',
	'closing',
	'journal',
	'reprint',
	'archive',
	'training-ticket'
] as const;
export type CopiedKind = (typeof COPIED_KINDS)[number];

/** The chain each kind of copy is on. */
export const COPIED_CHAINS: Readonly<Record<CopiedKind, ChainName>> = {
	invoice: 'invoices',
	closing: 'closings',
	journal: 'journal',
	reprint: 'reprints',
	archive: 'archives',
	'training-ticket': 'training-tickets'
};

/** A sealed record as it travels for its copy: as hashed and signed, with its id at its till. */
export interface CopyMessage {
	readonly type: 'copy';
	readonly kind: CopiedKind;
	readonly originId: number;
	readonly record: Readonly<Record<string, unknown>> & { hash: string; signature: string };
}

/** The copy's message id: sent again after a crash, it is kept once by the server. */
export function copyMessageId(tillId: string, kind: CopiedKind, originId: number): string {
	return `${tillId}:${kind}:${originId}`;
}

/** A till's public key, sent before its first record: its records are checked against it. */
export interface TillKeyMessage {
	readonly type: 'till-key';
	readonly tillId: string;
	readonly publicKeySpki: string;
	readonly at: string;
}

/** A sealed ticket as it travels: the record as hashed and signed, and its id at its till. */
export interface TicketMessage {
	readonly type: 'ticket';
	readonly originId: number;
	readonly ticket: RecordedTicket & { hash: string; previousHash: string; signature: string };
}

export type ShopMessage =
	TillKeyMessage | KeyChangeMessage | TicketMessage | RevisionMessage | RecordMessage | CopyMessage;

/** What this till knows of another till's chain: its key and the last ticket it kept. */
export interface PeerChain {
	readonly tillId: string;
	readonly publicKeySpki: string;
	/** Number and hash of the last ticket kept from that till, absent before the first. */
	readonly lastNumber?: number;
	readonly lastHash?: string;
}

/** What to do with a ticket another till sent. */
export type ReplicaVerdict =
	| { readonly action: 'keep' }
	/** Already kept (sent again): nothing to do. */
	| { readonly action: 'skip' }
	| { readonly action: 'refuse'; readonly code: ReplicaRefusal; readonly message: string };

export type ReplicaRefusal = 'NO_KEY' | 'WRONG_TILL' | 'ALTERED' | 'UNLINKED' | 'GAP' | 'FORK';

/**
 * Checks a ticket from another till before it is kept (CGI art. 286-I-3° bis: a record is never
 * kept in a form its till did not seal). The signature is checked apart (WebCrypto is
 * asynchronous): `signatureValid` says whether it holds for the peer's key.
 *
 * - Its hash must be recomputed from its content, and link to the last ticket kept from that till
 *   (the first one kept starts the chain as this till knows it: a till may have sold before the
 *   shop had a server).
 * - Numbers follow each other: a gap means a record lost on the way, a second record under a
 *   number already kept is a fork (an old backup restored, a copied profile), refused.
 */
export function checkReplica(
	peer: PeerChain | undefined,
	subjectTill: string,
	ticket: TicketMessage['ticket'],
	signatureValid: boolean,
	kept?: { hash?: string }
): ReplicaVerdict {
	const label = `Ticket n°\u00a0${ticket.number} de la caisse ${subjectTill}`;
	if (!peer) {
		return refuse('NO_KEY', `${label}\u00a0: la clé publique de cette caisse n’a pas été reçue.`);
	}
	if (ticket.tillId !== subjectTill || ticket.training !== 0) {
		return refuse(
			'WRONG_TILL',
			`${label}\u00a0: il ne porte pas le nom de la caisse qui l’envoie.`
		);
	}
	if (kept) {
		if (kept.hash === ticket.hash) return { action: 'skip' };
		return refuse(
			'FORK',
			`${label}\u00a0: un autre ticket porte déjà ce numéro. La synchronisation de cette caisse est arrêtée (sauvegarde ancienne restaurée ou profil copié\u00a0?).`
		);
	}
	if (chainHash(ticket.previousHash ?? GENESIS_HASH, ticket) !== ticket.hash || !signatureValid) {
		return refuse(
			'ALTERED',
			`${label}\u00a0: son contenu ne correspond pas à son empreinte ou à la signature de la caisse\u00a0; il est refusé.`
		);
	}
	if (peer.lastNumber !== undefined) {
		if (ticket.number !== peer.lastNumber + 1) {
			return refuse(
				ticket.number > peer.lastNumber ? 'GAP' : 'UNLINKED',
				ticket.number > peer.lastNumber
					? `${label}\u00a0: le ticket n°\u00a0${peer.lastNumber + 1} n’est pas encore arrivé.`
					: `${label}\u00a0: il précède le premier ticket reçu de cette caisse\u00a0; il est refusé.`
			);
		}
		if (ticket.previousHash !== peer.lastHash) {
			return refuse(
				'UNLINKED',
				`${label}\u00a0: il ne suit pas le ticket n°\u00a0${peer.lastNumber} reçu de cette caisse\u00a0; il est refusé.`
			);
		}
	}
	return { action: 'keep' };
}

function refuse(code: ReplicaRefusal, message: string): ReplicaVerdict {
	return { action: 'refuse', code, message };
}

/** Parses a message read from the stream, or says in French why it cannot be read. */
export function parseShopMessage(text: string): Result<ShopMessage> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return err('UNREADABLE', 'Message illisible reçu du serveur de la boutique.');
	}
	const message = value as Partial<ShopMessage> | null;
	if (message?.type === 'till-key' && typeof message.publicKeySpki === 'string') {
		return ok(message as TillKeyMessage);
	}
	if (message?.type === 'key-change' && isKeyChangeRecord(message.record)) {
		return ok(message as KeyChangeMessage);
	}
	if (
		message?.type === 'ticket' &&
		typeof message.originId === 'number' &&
		typeof message.ticket === 'object' &&
		message.ticket !== null &&
		typeof message.ticket.number === 'number' &&
		typeof message.ticket.hash === 'string'
	) {
		return ok(message as TicketMessage);
	}
	if (
		message?.type === 'revisions' &&
		typeof message.uid === 'string' &&
		Array.isArray(message.items)
	) {
		return ok(message as RevisionMessage);
	}
	if (
		message?.type === 'records' &&
		(message.kind === 'customer' || message.kind === 'shop' || message.kind === 'balance-fix') &&
		typeof message.uid === 'string' &&
		Array.isArray(message.items) &&
		message.items.every(
			(item: unknown) =>
				typeof (item as RecordRevision | null)?.key === 'string' &&
				typeof (item as RecordRevision).fields === 'object'
		)
	) {
		return ok(message as RecordMessage);
	}
	if (
		message?.type === 'copy' &&
		COPIED_KINDS.includes(message.kind as CopiedKind) &&
		typeof message.originId === 'number' &&
		typeof message.record === 'object' &&
		message.record !== null
	) {
		return ok(message as CopyMessage);
	}
	return err('UNREADABLE', 'Message d’un type inconnu reçu du serveur de la boutique.');
}

/**
 * What the init command of the shop server writes for each till, and what Paramètres ›
 * Synchronisation reads (pasted or from the file).
 */
export interface SyncCredentials {
	/** WebSocket address of the shop server, ws://127.0.0.1:9222 or wss://… */
	readonly server: string;
	readonly tillId: string;
	/** The till's rank in the shop (1–99): it keeps the codes of its vouchers apart. */
	readonly tillIndex: number;
	readonly user: string;
	/**
	 * How the till proves who it is: a user signed by the till's key in the shop account (a server
	 * whose manager can revoke a till, docs/replication.md#till-access), with its seed; or, on a
	 * server set up before keys, a password.
	 */
	readonly jwt?: string;
	readonly seed?: string;
	readonly password?: string;
	/** Written by `init --trial`: a test server, the only kind the demonstration shop links to. */
	readonly trial?: boolean;
}

/** Reads the till's credentials file; each fault in French. */
export function parseSyncCredentials(text: string): Result<SyncCredentials> {
	let value: Record<string, unknown>;
	try {
		value = JSON.parse(text) as Record<string, unknown>;
	} catch {
		return err(
			'CREDENTIALS',
			'Ce n’est pas un fichier d’accès de caisse (JSON attendu, tel que l’écrit « npm run shop-server -- init »).'
		);
	}
	const server = typeof value?.server === 'string' ? value.server.trim() : '';
	const serverProblem = serverAddressProblem(server, 'Adresse du serveur');
	if (serverProblem) return err('CREDENTIALS', serverProblem);
	const tillId = typeof value.tillId === 'string' ? value.tillId : '';
	if (!/^[A-Z0-9_-]{1,16}$/u.test(tillId)) {
		return err('CREDENTIALS', 'Identifiant de caisse manquant ou invalide dans le fichier.');
	}
	const tillIndex = value.tillIndex;
	if (
		typeof tillIndex !== 'number' ||
		!Number.isInteger(tillIndex) ||
		tillIndex < 1 ||
		tillIndex > 99
	) {
		return err('CREDENTIALS', 'Rang de la caisse (1 à 99) manquant dans le fichier.');
	}
	const trial = value.trial === true ? { trial: true } : {};
	const jwt = typeof value.jwt === 'string' ? value.jwt : '';
	const seed = typeof value.seed === 'string' ? value.seed : '';
	if (jwt || seed) {
		if (jwt.split('.').length !== 3 || !/^SU[A-Z2-7]{56}$/u.test(seed)) {
			return err('CREDENTIALS', 'La clé de la caisse est incomplète ou abîmée dans le fichier.');
		}
		return ok({ server, tillId, tillIndex, user: tillId, jwt, seed, ...trial });
	}
	const user = typeof value.user === 'string' ? value.user : '';
	const password = typeof value.password === 'string' ? value.password : '';
	if (!user || !password) {
		return err('CREDENTIALS', 'Clé, ou utilisateur et mot de passe, manquants dans le fichier.');
	}
	return ok({ server, tillId, tillIndex, user, password, ...trial });
}

/**
 * What is wrong with a NATS server's WebSocket address, in French (`what` names it), or null: a
 * ws:// or wss:// address, encrypted beyond this computer.
 */
export function serverAddressProblem(server: string, what: string): string | null {
	if (!/^wss?:\/\/[^\s/]+(\/\S*)?$/u.test(server)) {
		return `${what}\u00a0: ws://… ou wss://… attendu.`;
	}
	if (server.startsWith('ws://') && !isLoopback(server)) {
		return `${what}\u00a0: hors de cet ordinateur, la connexion doit être chiffrée (wss://).`;
	}
	return null;
}

/** Whether a server's address is this computer (plain ws:// is allowed there only). */
function isLoopback(address: string): boolean {
	const host = new URL(address).hostname;
	return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

/**
 * Vouchers, credit notes and deposits are printed with a code from their kind's sequence. With
 * several tills each draws from its own block of 100 000 (rank × 100 000 + n), so two tills never
 * print the same code (docs/replication.md#codes). A till alone keeps the sequence as it was.
 */
export function balanceSequenceNumber(tillIndex: number | null, next: number): number {
	if (tillIndex === null) return next;
	if (next >= 100_000) {
		throw new RangeError(`balanceSequenceNumber: block of till ${tillIndex} is full`);
	}
	return tillIndex * 100_000 + next;
}

/** The fields of a title that travel as revisions; its stock travels as movements. */
export const ARTICLE_FIELDS = [
	'title',
	'authors',
	'publisher',
	'collection',
	'priceCents',
	'vatRateBp',
	'kind'
] as const;

export type ArticleField = (typeof ARTICLE_FIELDS)[number];
export type ArticleFields = Pick<Article, ArticleField>;

/**
 * A change of one title at one till: the fields as they were there before (`base`, null for a new
 * title), those it changed, and the stock it added or took (a movement, so that two tills' changes
 * add up).
 */
export interface ArticleRevision {
	readonly ean: string;
	readonly base: ArticleFields | null;
	readonly fields: Partial<ArticleFields>;
	readonly stockDelta: number;
	/**
	 * The sending till's stock when it first publishes its catalogue (it joins the shop's server):
	 * taken only by a till that did not have the title, so that no copy is counted twice.
	 */
	readonly initialStock?: number;
	/** When the title was last changed at its till, if not when the message was made. */
	readonly editedAt?: string;
}

/** Revisions made together (one edit, one batch of an import), as they travel. */
export interface RevisionMessage {
	readonly type: 'revisions';
	/** Unique across the shop: a revision delivered twice is applied once. */
	readonly uid: string;
	readonly at: string;
	readonly by: string;
	readonly items: readonly ArticleRevision[];
	/**
	 * On the catalogue a till publishes as it joins the server: its last ticket number then. Its
	 * stock counts that ticket and those before, so they move no stock at the other tills.
	 */
	readonly stockThroughTicket?: number;
}

function fieldsOf(article: ArticleFields): ArticleFields {
	return Object.fromEntries(
		ARTICLE_FIELDS.map((field) => [field, article[field]])
	) as ArticleFields;
}

/** The revision from `before` to `after` (null when nothing that travels changed). */
export function articleRevision(
	before: (ArticleFields & { ean: string }) | null,
	after: ArticleFields & { ean: string },
	stockDelta: number
): ArticleRevision | null {
	const fields = Object.fromEntries(
		ARTICLE_FIELDS.filter((field) => before === null || before[field] !== after[field]).map(
			(field) => [field, after[field]]
		)
	) as Partial<ArticleFields>;
	if (Object.keys(fields).length === 0 && stockDelta === 0) return null;
	return { ean: after.ean, base: before && fieldsOf(before), fields, stockDelta };
}

/** A field both tills changed since the revision's base: the later change is kept. */
export interface RevisionConflict {
	readonly field: string;
	readonly here: unknown;
	readonly received: unknown;
	readonly kept: 'here' | 'received';
}

/**
 * Applies a revision from another till to the title as this till has it, field by field: a field
 * this till did not change since the revision's base takes the received value; a field both
 * changed keeps the later change (the received one when it is later than this till's last edit)
 * and is reported, so the bookseller sees both values (docs/replication.md#revisions). A title
 * unknown here is created from the revision when it carries every field, else left (null).
 */
export function mergeArticleRevision(
	here: { fields: ArticleFields; updatedAt: string } | null,
	revision: ArticleRevision,
	at: string
): { fields: ArticleFields | null; conflicts: RevisionConflict[] } {
	return mergeFields(ARTICLE_FIELDS, here, revision, at);
}

/**
 * The till id under which a chain's head office sets the catalogue and prices of every shop
 * (docs/replication.md#head-office-catalogue); no till may take it.
 */
export const HEAD_OFFICE_TILL = 'SIEGE';

/**
 * Applies a title as the head office sets it: each field it sends is taken unless this shop changed
 * it since the head office's last value for it (its own price, kept: an override, until the shop
 * sets it back to the head office's); a field the head office never set before is taken. The head
 * office's values are kept beside the title for its next revision. A title new here is created
 * when the revision carries every field, else left (null).
 */
export function mergeHeadOfficeRevision(
	here: { fields: ArticleFields; headOffice?: Partial<ArticleFields> } | null,
	revision: ArticleRevision
): {
	fields: ArticleFields | null;
	headOffice: Partial<ArticleFields>;
	overridden: ArticleField[];
} {
	const headOffice = { ...here?.headOffice, ...revision.fields };
	if (here === null) {
		const complete = ARTICLE_FIELDS.every((field) => revision.fields[field] !== undefined);
		return {
			fields: complete ? fieldsOf(revision.fields as ArticleFields) : null,
			headOffice,
			overridden: []
		};
	}
	const fields: Record<string, unknown> = { ...here.fields };
	const overridden: ArticleField[] = [];
	for (const field of ARTICLE_FIELDS) {
		if (!(field in revision.fields)) continue;
		const before = here.headOffice?.[field];
		if (before === undefined || sameValue(before, here.fields[field])) {
			fields[field] = revision.fields[field];
		} else if (!sameValue(revision.fields[field], here.fields[field])) {
			overridden.push(field);
		}
	}
	return { fields: fields as ArticleFields, headOffice, overridden };
}

/**
 * The merge of every record that travels as revisions (a title, a customer file, the shop's
 * identity), field by field as mergeArticleRevision tells. Values compare by content: a customer's
 * addresses are a list.
 */
export function mergeFields<F extends object>(
	names: readonly (keyof F & string)[],
	here: { fields: F; updatedAt: string } | null,
	revision: { base: F | null; fields: Partial<F>; editedAt?: string },
	at: string
): { fields: F | null; conflicts: RevisionConflict[] } {
	const pick = (source: Partial<F>) =>
		Object.fromEntries(names.map((field) => [field, source[field]])) as F;
	if (here === null) {
		const whole: Partial<F> = { ...revision.base, ...revision.fields };
		const complete = names.every((field) => whole[field] !== undefined);
		return { fields: complete ? pick(whole) : null, conflicts: [] };
	}
	const fields: Partial<F> = { ...here.fields };
	const conflicts: RevisionConflict[] = [];
	const editedAt = revision.editedAt ?? at;
	for (const field of names) {
		if (!(field in revision.fields)) continue;
		const received = revision.fields[field];
		const current = here.fields[field];
		if (sameValue(received, current)) continue;
		if (revision.base !== null && sameValue(revision.base[field], current)) {
			fields[field] = received;
			continue;
		}
		// Both changed it (or both had the record before they shared it): the later change wins on
		// every till alike, the larger value on an exact tie.
		const later =
			editedAt > here.updatedAt ||
			(editedAt === here.updatedAt && JSON.stringify(received) > JSON.stringify(current));
		if (later) fields[field] = received;
		conflicts.push({ field, here: current, received, kept: later ? 'received' : 'here' });
	}
	return { fields: fields as F, conflicts };
}

function sameValue(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of a customer file that travel: the file itself and its number (shown on tickets,
 * given once by the till that created it).
 */
export const CUSTOMER_FIELDS = [
	'number',
	'lastName',
	'firstName',
	'professionalName',
	'status',
	'addresses',
	'phone',
	'email',
	'website',
	'loyaltyCard',
	'notes',
	'siret',
	'siren',
	'vatNumber',
	'einvoiceAddress',
	'gln',
	'isLendingLibrary',
	'schoolPricing',
	'chorusServiceCode',
	'chorusServiceCodeRequired',
	'chorusEngagementRequired',
	'chorusOneOfRequired',
	'chorusDefaultFrame',
	'chorusEngagementNumber',
	'chorusMarketNumber',
	'paymentTermDays',
	'showShopIban'
] as const satisfies readonly (keyof CustomerFields)[];

export type CustomerFields = CustomerFile & { readonly number: string };

/** The shop's identity travels whole but for the till's own id. */
export const SHOP_FIELDS = [
	'legalName',
	'tradeName',
	'addressLine1',
	'addressLine2',
	'postalCode',
	'city',
	'siret',
	'vatNumber',
	'rcsCity',
	'shareCapitalCents',
	'legalForm',
	'phone',
	'email',
	'iban',
	'bic',
	'invoiceFooter',
	'vatRegime',
	'einvoiceAddress'
] as const satisfies readonly (keyof ShopSettings)[];

export type ShopFields = Omit<ShopSettings, 'tillId'>;

/**
 * A change of one customer file or of the shop's identity at one till (docs/replication.md#records).
 * A customer's `key` is its reference at the till that created it (customerRef): the other tills
 * keep it under a number of their own and say which with `aliases`, so that each till finds the
 * customer a ticket of another till names. The shop's key is « shop ».
 */
export interface RecordRevision {
	readonly key: string;
	readonly base: Readonly<Record<string, unknown>> | null;
	readonly fields: Readonly<Record<string, unknown>>;
	/** The references under which other tills' tickets name this customer. */
	readonly aliases?: readonly string[];
	readonly editedAt?: string;
}

export interface RecordMessage {
	readonly type: 'records';
	/**
	 * A customer file, the shop's identity, or the settlement of an overdraft (key: the account's
	 * code; fields: its OverdraftFix and amount; docs/replication.md#double-spend).
	 */
	readonly kind: 'customer' | 'shop' | 'balance-fix';
	/** Unique across the shop: a message delivered twice is applied once. */
	readonly uid: string;
	readonly at: string;
	readonly by: string;
	readonly items: readonly RecordRevision[];
}

/** How a customer is named across the shop: the till that holds the file, and its id there. */
export function customerRef(tillId: string, customerId: number): string {
	return `${tillId}:${customerId}`;
}

/** The till and id a customer reference names, or null. */
export function parseCustomerRef(ref: string): { tillId: string; customerId: number } | null {
	const [, tillId, id] = /^([A-Z0-9_-]{1,16}):([1-9]\d*)$/u.exec(ref) ?? [];
	return tillId && id ? { tillId, customerId: Number(id) } : null;
}

/** The fields whose values differ, by content, between two versions of a record. */
export function changedFields<F extends object>(
	names: readonly (keyof F & string)[],
	before: F,
	after: F
): (keyof F & string)[] {
	return names.filter((field) => !sameValue(before[field], after[field]));
}

/** The revision from `before` to `after` of a record's fields (null when none changed). */
export function fieldsRevision<F extends object>(
	names: readonly (keyof F & string)[],
	key: string,
	before: F | null,
	after: F
): RecordRevision | null {
	const changed = before === null ? [...names] : changedFields(names, before, after);
	if (changed.length === 0) return null;
	const pick = (source: F, fields: readonly string[]) =>
		Object.fromEntries(fields.map((field) => [field, source[field as keyof F]]));
	return {
		key,
		base: before && pick(before, names),
		fields: pick(after, changed)
	};
}
