/**
 * Row types of the Comptoir database. Plain interfaces (Dexie TS docs, EntityTable), amounts in
 * integer cents, rates in basis points, dates as ISO strings (sortable, readable in archives).
 * Version 1 covers the whole product so that later features add versions, not rewrites.
 */
import type {
	ArticleFields,
	ArchiveKind,
	ArchivedChain,
	ArchiveSegment,
	ArticleKind,
	ArticleRevision,
	RevisionConflict,
	RecordMessage,
	RevisionMessage,
	ChainHeads,
	ChorusStatus,
	Recorded,
	TicketAmendment,
	Cents,
	ClosingKind,
	CustomerOrder,
	CustomerStatus,
	FiscalVersionStamp,
	Loan,
	OrderLineStatus,
	OverdraftFix,
	Quote,
	PaymentMethod,
	PeriodTotals,
	RateTotal,
	RecordedBalanceIssue,
	RecordedInvoice,
	RecordedLine,
	RecordedPayment,
	RecordedTicket,
	SearchList,
	ShopSettings,
	TitleBatch,
	VatRateBp
} from '$lib/domain';

/**
 * A row before IndexedDB gives it its key: the same fields without `id`. Rows read back always
 * carry their `id` (Dexie's EntityTable keeps the key optional only on insert).
 */
export type Unsaved<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Fields every chained record carries (CGI art. 286-I-3° bis: inaltérabilité, sécurisation). */
export interface Chained {
	/** SHA-256 of (previous hash ‖ canonical JSON of the record), hex. */
	hash?: string;
	previousHash?: string;
	/** ECDSA P-256 signature of `hash`, base64. */
	signature?: string;
}

/**
 * How many entries of the articles' `words` index a word, or a prefix of 1 to 3 letters (key
 * `#` + prefix), has: the search plans on these instead of counting index ranges, which walks
 * every entry (10–30 ms for a common prefix on a million titles). Derived from the articles,
 * kept in step in each article write's transaction, rebuilt on restore, not backed up.
 */
export interface SearchTermRow {
	term: string;
	count: number;
}

/**
 * The words' packed posting lists (domain/search-lists.ts), for searches of two words or more,
 * and the batch of each title's entries (TitleBatchRow). Derived from the articles like the
 * statistics: kept in step in each article write's transaction, rebuilt on upgrade and restore,
 * not backed up. How many titles were placed in batches is the sequence SEARCH_LIST_PLACED.
 */
export type SearchListRow = SearchList;
export type TitleBatchRow = TitleBatch;

export interface ArticleRow {
	/** Primary key: EAN-13 / ISBN-13 or EAN-8, or a shop code starting with 2 (GS1 in-store). */
	ean: string;
	title: string;
	authors: string;
	publisher: string;
	collection: string;
	priceCents: Cents;
	vatRateBp: VatRateBp;
	kind: ArticleKind;
	/** Normalised word prefixes of title and authors for search (lower case, no accents). */
	words: string[];
	/** Soft delete: articles referenced by tickets are never removed. */
	archived: 0 | 1;
	updatedAt: string;
	/**
	 * The values a chain's head office last set for this title (docs/replication.md#head-office-catalogue):
	 * a field that differs from its value here is the shop's own (an override).
	 */
	headOffice?: Partial<ArticleFields>;
}

/**
 * Quantity in stock of an article, kept apart from the article record since v6: a sale writes
 * these small rows, never the article records with their ~10 `words` index entries each (a third
 * of a sale's time on a large catalogue). No row means 0, so a million-title catalogue holds rows
 * only for the titles the shop has had in stock. May go below 0 (sold before it was received).
 * Kept by EAN, in the catalogue or not: a book sold as « article divers » under its scanned EAN
 * counts too, and finds its stock when it joins the catalogue.
 */
export interface StockRow {
	ean: string;
	quantity: number;
}

/**
 * An article row as written before v6, with its stock inside. The v6 upgrade copies that stock
 * to StockRow and leaves the field where it is (rewriting a million article records would hold
 * the till for about 10 minutes): it is never read again, and dropped when the article is saved
 * again or restored.
 */
export type ArticleRowBeforeV6 = ArticleRow & { stock?: number };

export interface AddressRow {
	id: string;
	label: string;
	name: string;
	line1: string;
	line2: string;
	postalCode: string;
	city: string;
	country: string;
	isDefaultBilling: boolean;
	isDefaultDelivery: boolean;
}

export interface CustomerRow {
	id: number;
	/** Customer number shown on tickets (sequence "customer"). */
	number: string;
	lastName: string;
	firstName: string;
	professionalName: string;
	status: CustomerStatus;
	addresses: AddressRow[];
	phone: string;
	email: string;
	website: string;
	loyaltyCard: string;
	notes: string;
	/** Public bodies (Chorus Pro): SIRET, GLN, directory flags. */
	siret: string;
	/** Companies (reform e-invoices): SIREN, VAT number, directory address (absent on older files). */
	siren?: string;
	vatNumber?: string;
	einvoiceAddress?: string;
	gln: string;
	isLendingLibrary: boolean;
	schoolPricing: boolean;
	chorusServiceCode: string;
	chorusServiceCodeRequired: boolean;
	chorusEngagementRequired: boolean;
	chorusOneOfRequired: boolean;
	chorusDefaultFrame: 'A1' | 'A2';
	/** Standing Chorus Pro references copied to each invoice (absent on older files). */
	chorusEngagementNumber?: string;
	chorusMarketNumber?: string;
	/** Days to pay an invoice, null or absent for the status's default (domain/payment-terms). */
	paymentTermDays?: number | null;
	showShopIban: boolean;
	postalCode: string;
	words: string[];
	createdAt: string;
	/** Last change of the file here or at another till (absent on files older than v12). */
	updatedAt?: string;
	/**
	 * The references (customerRef) under which the shop's tills name this customer: for a file
	 * received from another till, its reference there first, then the other tills' own.
	 */
	refs?: string[];
	/** For a file received from another till: its reference there, how the shop names it. */
	origin?: string;
}

/** Storage names for the recorded ticket's parts: the domain types themselves. */
export type TicketLineRow = RecordedLine;
export type PaymentRow = RecordedPayment;
export type RateTotalRow = RateTotal;
export type BalanceIssueRow = RecordedBalanceIssue;

export interface TicketRow extends RecordedTicket, Chained {
	id: number;
}

/**
 * A ticket kept from another till of the shop (docs/replication.md): the record exactly as that
 * till sealed and signed it, beside what this till notes of it. Kept apart from this till's own
 * tickets, whose ids, chains, cancellations and customers are this till's.
 */
export interface PeerTicketRow {
	tillId: string;
	number: number;
	day: string;
	/** Codes of the vouchers, credit notes and deposits it used or issued, for searches. */
	references: string[];
	/** Its id at its till: what that till's cancellations name. */
	originId: number;
	/** The customer it was sold to as its till names them (customerRef), absent for none. */
	customerRef?: string;
	receivedAt: string;
	ticket: RecordedTicket & Required<Chained>;
}

/** A change waiting for the shop server's acknowledgement, removed only once it came. */
export interface OutboxRow {
	seq: number;
	subject: string;
	message: RevisionMessage | RecordMessage;
}

/**
 * Catalogue changes made or received, one row per message (a message is applied once). An edit's
 * row keeps its revisions as the titles' history; an import's keeps only its titles' count.
 */
export interface RevisionRow {
	id: number;
	/** The message's uid. */
	uid: string;
	eans: string[];
	tillId: string;
	at: string;
	by: string;
	items: ArticleRevision[];
	count: number;
	/** Fields both tills changed, and which value was kept, by title. */
	conflicts: (RevisionConflict & { ean: string })[];
}

/**
 * Another till of the shop as this till knows it (docs/replication.md): its public key, received
 * from the shop server on that till's own subject, and the head of its ticket chain kept here.
 */
export interface PeerRow {
	tillId: string;
	publicKeySpki: string;
	keyAt: string;
	lastNumber?: number;
	lastHash?: string;
	lastReceivedAt?: string;
	/** Its tickets up to this number are counted in the stock it published as it joined. */
	stockCountedThrough?: number;
	/** Why its records are no longer taken (a fork of its chain), in French; absent while they are. */
	stopped?: string;
	/** The keys it signed with before a sealed key change (docs/replication.md#lost-till). */
	formerKeys?: string[];
}

/**
 * What a tickets list shows of a ticket: a small copy written in the sale's transaction, so that
 * a day's list reads 320 records of 100 bytes instead of 320 whole tickets (docs/performance.md: a day’s list
 * within 30 ms with ten years stored). Never changed either.
 */
export type TicketHeadRow = Pick<
	TicketRow,
	| 'tillId'
	| 'number'
	| 'createdAt'
	| 'day'
	| 'totalCents'
	| 'customerId'
	| 'cancelsTicketId'
	| 'training'
	| 'dueDate'
> & { id: number };

/** The list row of a recorded ticket. */
export function ticketHead(ticket: RecordedTicket & { id: number }): TicketHeadRow {
	return {
		id: ticket.id,
		tillId: ticket.tillId,
		number: ticket.number,
		createdAt: ticket.createdAt,
		day: ticket.day,
		totalCents: ticket.totalCents,
		customerId: ticket.customerId,
		cancelsTicketId: ticket.cancelsTicketId,
		training: ticket.training,
		dueDate: ticket.dueDate
	};
}

/** A ticket to record (the domain's NewTicket). */
export type { NewTicket } from '$lib/domain';

/**
 * A change made to a ticket after it was recorded (customer attached, internal note, invoice
 * addresses and references): its own record, so the ticket itself is never edited.
 */
export type TicketAmendmentRow = TicketAmendment &
	Recorded & {
		id: number;
		ticketId: number;
	};

export interface InvoiceRow extends RecordedInvoice, Chained {
	id: number;
}

export interface ChorusStatusRow {
	id: number;
	invoiceId: number;
	status: ChorusStatus;
	at: string;
	note: string;
	certificateNumber: string;
	/** Day the status was seen on the portal (YYYY-MM-DD), and who recorded it. */
	day?: string;
	by?: string;
}

/** A payment received on an invoice after its issue ("échéances"), schema v4. */
export interface InvoicePaymentRow {
	id: number;
	invoiceId: number;
	day: string;
	method: PaymentMethod;
	amountCents: Cents;
	by: string;
	at: string;
}

export type BalanceAccountKind = 'gift-voucher' | 'credit-note' | 'deposit' | 'customer-account';

/** A quote as stored (docs/orders.md#quotes). */
export interface QuoteRow extends Quote {
	id: number;
}

/** A loan as stored, with what its indexes read (loanRow computes them). */
export interface LoanRow extends Loan {
	id: number;
	/** Titles with copies still out. */
	lentEans: string[];
	/** Its due-back day while copies are out, else '' (the overdue list reads this range). */
	openDueBack: string;
}

/** A customer order as stored, with what its indexes read (customerOrderRow computes them). */
export interface CustomerOrderRow extends CustomerOrder {
	id: number;
	openStates: OrderLineStatus[];
	reservedEans: string[];
}

export interface BalanceAccountRow {
	id: number;
	kind: BalanceAccountKind;
	/** Printed code (barcode) of the voucher, credit note or deposit. */
	code: string;
	customerId: number | null;
	initialCents: Cents;
	validUntil: string | null;
	orderReference: string;
	status: string;
	createdAt: string;
	lastUsedAt: string | null;
	/** A loyalty voucher: the purchases it rewards (docs/features.md "Période des achats"). */
	loyalty?: { from: string; to: string; purchasesCents: Cents };
}

/** Every change of a balance is its own record, linked to the ticket that caused it. */
export interface BalanceMovementRow {
	id: number;
	accountId: number;
	/** This till's ticket that moved it. */
	ticketId: number | null;
	amountCents: Cents;
	at: string;
	/** Another till's ticket that moved it (docs/replication.md#codes). */
	peer?: { tillId: string; number: number };
	/** The settlement of an overdraft, here or at another till (docs/replication.md#double-spend). */
	fix?: OverdraftFix;
}

export interface TillSessionRow {
	id: number;
	tillId: string;
	openedAt: string;
	openingFloatCents: Cents;
	closedAt: string | null;
	countedCents: Cents | null;
	expectedCents: Cents | null;
	countDetail: Record<string, number> | null;
	cashier: string;
}

export interface CashMovementRow {
	id: number;
	sessionId: number;
	at: string;
	amountCents: Cents;
	reason: string;
}

export interface ClosingRow extends Chained {
	id: number;
	tillId: string;
	kind: ClosingKind;
	/** First and last day covered, YYYY-MM-DD. */
	periodStart: string;
	periodEnd: string;
	createdAt: string;
	totals: PeriodTotals;
	/** Every sale of the till since its first, never reset (BOI-TVA-DECLA-30-10-30). */
	perpetualGrandTotalCents: Cents;
	by?: string;
	/** Every chain's head when it was sealed: printed on the Z, an anchor for the check. */
	heads?: ChainHeads;
	/** The till's last ticket when it was sealed (number and hash), printed on the Z. */
	lastTicket?: { number: number; hash: string } | null;
	/** The fiscal version that made it (docs/conformite/perimetre.md; absent before it existed). */
	fiscal?: FiscalVersionStamp;
}

/** Daily aggregates written in the sale's own transaction, for instant reports. */
export interface DailyTotalsRow {
	tillId: string;
	day: string;
	ticketCount: number;
	ttcCents: Cents;
	byRate: Record<string, { ttcCents: number; htCents: number; vatCents: number }>;
	byMethod: Record<string, number>;
	byKind: Record<string, number>;
	byHour: number[];
	discountCents: Cents;
	cancellationCount: number;
	/** Vouchers and deposits sold, net of those taken back: cashed but not sales. */
	balanceIssuedCents?: Cents;
}

export interface JournalRow extends Chained {
	id: number;
	at: string;
	type: string;
	detail: Record<string, unknown>;
	/** The heads of the tickets, invoices and closings when it was written (absent on older entries). */
	heads?: ChainHeads;
}

export interface ReprintRow extends Chained {
	id: number;
	documentType: 'ticket' | 'invoice' | 'report';
	documentId: number;
	count: number;
	at: string;
}

export interface ArchiveRow extends Chained {
	id: number;
	kind: ArchiveKind;
	/** "2026-11" or "2026". */
	period: string;
	createdAt: string;
	fileName: string;
	/** SHA-256 of the ZIP as first made, for the bookseller's register. */
	sha256: string;
	/** Last day whose records it holds (the period's end). */
	throughDay: string;
	/** Where each chain's segment lies: after `afterId`, up to `lastId` (ids of its table). */
	segments: Record<ArchivedChain, ArchiveSegment & { afterId: number; lastId: number }>;
	/** SHA-256 of each file, as in the manifest: a download made again must match the chains'. */
	files: Record<string, string>;
	by: string;
}

/** Last hash of each chain (tickets, invoices, closings, journal, …), for appends in O(1). */
export interface ChainHeadRow {
	chain: string;
	hash: string;
	count: number;
}

export interface SequenceRow {
	/** e.g. "ticket:CAISSE1", "invoice", "credit-note", "proforma", "customer". */
	name: string;
	last: number;
}

export type SettingKey =
	| 'shop'
	| 'printer'
	| 'preferences'
	| 'security'
	| 'backup'
	| 'demo'
	| 'cart-draft'
	| 'accounting'
	/** The shop server's address and this till's credentials (docs/replication.md). */
	| 'sync'
	/** The head office's access to the chain's hub (docs/replication.md#shops). */
	| 'head-office'
	/** The shop's platform (PA) and VAT filing regime for e-reporting (docs/invoices.md#e-reporting). */
	| 'ereporting'
	/** A lost till being replaced in this browser, until its key change is sealed (docs/replication.md#lost-till). */
	| 'replacement'
	/**
	 * Public keys of restored tills, as versions before sealed restore events kept them: no longer
	 * read (an unsealed row cannot decide which signatures hold; docs/integrity.md#keys).
	 */
	| 'former-keys';

/** `updatedAt`: the last change, here or at another till (the shop's identity travels). */
export type SettingRow =
	| { key: 'shop'; value: ShopSettings; updatedAt?: string }
	| { key: Exclude<SettingKey, 'shop'>; value: Record<string, unknown>; updatedAt?: string };

/**
 * Dexie store definitions by version. Versions only go up; each later one gets an upgrade and a
 * test that opens a database filled at the previous version (docs/decisions.md#schema-versions).
 */
export const SCHEMA_VERSIONS = {
	1: {
		articles: 'ean, *words, kind, updatedAt',
		customers: '++id, &number, *words, postalCode, email, siret, loyaltyCard, status',
		tickets:
			'++id, &[tillId+training+number], [tillId+day], day, number, customerId, cancelsTicketId, *references, training',
		invoices:
			'++id, &number, kind, status, issueDate, dueDate, customerId, *ticketIds, creditedInvoiceId',
		chorusStatuses: '++id, invoiceId, at',
		balanceAccounts: '++id, &code, kind, customerId, status',
		balanceMovements: '++id, accountId, ticketId, at',
		tillSessions: '++id, [tillId+openedAt], closedAt',
		cashMovements: '++id, sessionId, at',
		closings: '++id, &[tillId+kind+periodStart], [tillId+kind+periodEnd]',
		dailyTotals: '[tillId+day], day',
		journal: '++id, at, type',
		reprints: '++id, [documentType+documentId], at',
		archives: '++id, &[kind+period]',
		chainHeads: 'chain',
		sequences: 'name',
		settings: 'key'
	},
	/** v2: amendments to recorded tickets (tickets module). */
	2: {
		ticketAmendments: '++id, ticketId, customerId, settledDay'
	},
	/** v3: list rows of tickets, filled from the tickets on upgrade. */
	3: {
		ticketHeads: 'id, day'
	},
	/** v4: payments received on invoices (invoices module). */
	4: {
		invoicePayments: '++id, invoiceId, day'
	},
	/** v5: search statistics (entries per word and short prefix), filled from the articles on upgrade. */
	5: {
		searchTerms: 'term'
	},
	/** v6: stock apart from the articles (StockRow), copied from them on upgrade. */
	6: {
		stock: 'ean'
	},
	/** v7: packed posting lists (SearchListRow) and each title's batch, built from the articles on upgrade. */
	7: {
		searchLists: '[word+batch]',
		searchBatches: 'ean'
	},
	/**
	 * v8: the list rows of tickets left to pay at a due date (« en compte ») found by that date,
	 * for « Les échéances ». IndexedDB indexes no null key: the index holds only those tickets.
	 */
	8: {
		ticketHeads: 'id, day, dueDate'
	},
	/**
	 * v9: customer orders (docs/orders.md). `openStates` holds the statuses of lines still at work
	 * (the bookseller's lists), `reservedEans` the titles set aside (the till finds an order by a
	 * scan): both empty once the order is closed, so the indexes hold only open orders.
	 */
	9: {
		customerOrders: '++id, &number, customerId, *openStates, *reservedEans'
	},
	10: {
		quotes: '++id, &number, customerId, status',
		loans: '++id, &number, customerId, *lentEans, openDueBack'
	},
	/**
	 * v11: replication (docs/replication.md). `peers` holds each other till's key and the head of
	 * its chain as kept here; `peerTickets` the tickets kept from them, by till and number, by day
	 * for the lists, by code for the searches; `outbox` the changes of mutable records waiting for
	 * the server, each written in the change's own transaction; `revisions` every catalogue change
	 * made or received, by title (its history, both values of a conflict kept).
	 */
	11: {
		peers: 'tillId',
		peerTickets: '[tillId+number], day, *references',
		outbox: '++seq',
		revisions: '++id, &uid, *eans'
	},
	/**
	 * v12: customer files between tills (docs/replication.md#records). `refs` holds the references
	 * under which the shop's tills name a customer (customerRef); a peer ticket's `customerRef`
	 * finds the tickets of a customer at every till.
	 */
	12: {
		customers: '++id, &number, *words, postalCode, email, siret, loyaltyCard, status, *refs',
		peerTickets: '[tillId+number], day, *references, customerRef'
	}
} as const;

export const LATEST_VERSION = 12;
