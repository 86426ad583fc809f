import { serverLogin } from './server-login';
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import {
	DeliverPolicy,
	jetstream,
	jetstreamManager,
	StorageType,
	type JetStreamClient,
	type JsMsg
} from '@nats-io/jetstream';
import {
	COPIED_KINDS,
	copyMessageId,
	ok,
	saleSpends,
	parseShopMessage,
	parseStockQuery,
	SHOP_STREAM,
	SHOP_SUBJECTS,
	STOCK_QUERY_SUBJECT,
	subjectParts,
	ticketMessageId,
	tillSubject,
	type CopiedKind,
	type Result,
	type RevisionMessage,
	type StockAnswer,
	type TenderInput,
	type TicketMessage
} from '$lib/domain';
import { stockOfTitles } from '$lib/db/article-repository';
import { BalanceReservations, type Reservation } from './balance-reservations';
import { publishCatalogue } from '$lib/db/catalogue-sync';
import { frenchError, refusesAccess } from './link-errors';
import { publishRecords } from '$lib/db/record-sync';
import {
	copiesToSend,
	keepPeerRecords,
	keepPeerRevisionBatch,
	keepPeerTickets,
	keepKeyChange,
	keepTillKey,
	outboxEntries,
	removeFromOutbox,
	noteCopiesSent,
	noteKeyAnnounced,
	noteTicketsSent,
	noteOwnFork,
	ownKeyChange,
	ownRecordFork,
	passMessage,
	replayOwnTicketsStock,
	streamPosition,
	tillKeyMessage,
	ticketsToSend,
	type DeliveredTicket,
	type SyncSettings
} from '$lib/db/replication-repository';

/**
 * The link between this till and the shop's NATS JetStream server (docs/replication.md): this
 * till's sealed tickets go out in chain order, each with its message id and noted as sent only
 * once the server acknowledged it; every other till's records come in order from the position
 * kept in the database, each checked before it is kept. Nothing here decides what a record
 * means: the repositories and the domain do.
 */

/** What the settings screen shows of the link. */
export interface LinkState {
	readonly connected: boolean;
	/** When this till last sent or received a record, ISO. */
	readonly lastExchange: string | null;
	/** The last failure, in French; null once the link works again. */
	readonly lastError: string | null;
}

type Report = (change: Partial<LinkState>) => void;

const NANOS_PER_SECOND = 1_000_000_000;
/** Messages read before they are applied, when more are waiting. */
const BATCH = 200;
/** Catalogue messages (500 titles each) kept in one transaction. */
const REVISIONS_PER_TRANSACTION = 10;

export class ShopSync {
	private connection: NatsConnection | null = null;
	private client: JetStreamClient | null = null;
	private stopped = false;
	private pushing: Promise<void> | null = null;
	private pushAgain = false;
	private timer: ReturnType<typeof setInterval> | null = null;
	/** Set while the server answers: spends are reserved on it only then. */
	private online = false;
	private reservations: BalanceReservations | null = null;

	/** Stopped for good (a copy of this till found): its reason stays on screen. */
	private halted = false;

	constructor(
		private readonly settings: SyncSettings,
		private readonly sink: Report
	) {}

	private report(change: Partial<LinkState>): void {
		if (!this.halted) this.sink(change);
	}

	/** Connects (retrying until the server answers), then sends and receives until stopped. */
	async start(): Promise<void> {
		if (this.settings.forked) {
			this.report({ connected: false, lastError: this.settings.forked });
			return;
		}
		const connection = await wsconnect({
			servers: this.settings.server,
			...serverLogin(this.settings),
			name: `comptoir-${this.settings.tillId}`,
			waitOnFirstConnect: true,
			maxReconnectAttempts: -1,
			reconnectTimeWait: 1_000
		});
		if (this.stopped) {
			await connection.close();
			return;
		}
		this.connection = connection;
		this.client = jetstream(connection);
		this.reservations = new BalanceReservations(connection, this.settings.tillId);
		this.online = true;
		this.report({ connected: true, lastError: null });
		void this.watchStatus(connection);
		await this.ensureStream(connection);
		void this.answerStockQueries(connection);
		void this.receive();
		this.timer = setInterval(() => void this.send(), 5_000);
		await this.send();
	}

	/**
	 * Reserves a sale's spends of vouchers, credit notes and deposits on the server while it
	 * answers (docs/replication.md#reservations); offline, the till decides alone, as before.
	 */
	async reserve(tenders: readonly TenderInput[]): Promise<Result<Reservation | null>> {
		const reservations = this.reservations;
		if (!reservations || !this.online || this.stopped) return ok(null);
		return reservations.reserve(saleSpends(tenders));
	}

	/** Gives back the reservation of a sale that was not recorded. */
	async release(reservation: Reservation | null): Promise<void> {
		if (reservation) await this.reservations?.release(reservation);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.online = false;
		if (this.timer) clearInterval(this.timer);
		await this.connection?.close().catch(() => undefined);
		this.connection = null;
		this.report({ connected: false });
	}

	private async watchStatus(connection: NatsConnection): Promise<void> {
		// A refusal of this till's access (revoked, replaced: docs/replication.md#till-access) stays
		// the error shown through the disconnections that follow it, and ends the retries.
		let refused: string | null = null;
		for await (const status of connection.status()) {
			// Closed on purpose (a fork found, the credentials changed): nothing more to report.
			if (this.stopped) return;
			if (status.type === 'disconnect') {
				this.online = false;
				this.report({
					connected: false,
					lastError:
						refused ?? 'Serveur de la boutique injoignable\u00a0: nouvelle tentative en cours.'
				});
			} else if (status.type === 'reconnect') {
				refused = null;
				this.online = true;
				this.report({ connected: true, lastError: null });
				void this.send();
			} else if (status.type === 'error') {
				if (refusesAccess(status.error)) refused = frenchError(status.error);
				this.report({ lastError: frenchError(status.error) });
			}
		}
		if (!this.stopped) {
			this.online = false;
			this.report({
				connected: false,
				lastError:
					refused ?? 'Liaison avec le serveur de la boutique fermée\u00a0: relancez Comptoir.'
			});
		}
	}

	/**
	 * Answers the head office's question of this shop's stock (docs/replication.md#head-office-stock),
	 * on a shop server of a chain (its JetStream domain is the shop's name) that lets tills in by
	 * key: a server set up with passwords gives its tills no right to hear the question.
	 */
	private async answerStockQueries(connection: NatsConnection): Promise<void> {
		if (!this.settings.jwt) return;
		const info = await (await jetstreamManager(connection)).getAccountInfo().catch(() => null);
		const shop = info?.domain;
		if (!shop) return;
		for await (const message of connection.subscribe(STOCK_QUERY_SUBJECT)) {
			const query = parseStockQuery(message.string());
			if (!query || !message.reply) continue;
			const answer: StockAnswer = {
				shop,
				tillId: this.settings.tillId,
				at: new Date().toISOString(),
				stock: await stockOfTitles(query.eans)
			};
			message.respond(JSON.stringify(answer));
		}
	}

	/** The shop's stream, made at the first connection of the first till (idempotent). */
	private async ensureStream(connection: NatsConnection): Promise<void> {
		const manager = await jetstreamManager(connection);
		try {
			await manager.streams.info(SHOP_STREAM);
		} catch {
			await manager.streams.add({
				name: SHOP_STREAM,
				subjects: [SHOP_SUBJECTS],
				storage: StorageType.File,
				// Six years and more (LPF art. L102 B): the server keeps every record.
				max_age: 0,
				// A record sent again within a day is recognised by its message id.
				duplicate_window: 24 * 3_600 * NANOS_PER_SECOND
			});
		}
	}

	/**
	 * Sends what waits, in order; called after each sale (the waiting count changes), at
	 * reconnection and every 5 s. One send at a time: a call during a send makes it go round again.
	 */
	send(): Promise<void> {
		if (this.pushing) {
			this.pushAgain = true;
			return this.pushing;
		}
		this.pushing = (async () => {
			try {
				do {
					this.pushAgain = false;
					await this.sendWaiting();
				} while (this.pushAgain && !this.stopped);
			} catch (error) {
				if (!this.stopped) this.report({ lastError: frenchError(error) });
			} finally {
				this.pushing = null;
			}
		})();
		return this.pushing;
	}

	private async sendWaiting(): Promise<void> {
		const client = this.client;
		if (!client || this.stopped || this.connection?.isClosed()) return;
		const { tillId } = this.settings;
		const key = await tillKeyMessage(tillId);
		if (this.settings.announcedKey !== key.publicKeySpki) {
			const change = await ownKeyChange(key.publicKeySpki);
			await client.publish(
				tillSubject(tillId, 'key'),
				JSON.stringify(change ? { type: 'key-change', record: change } : key),
				{
					msgID: change
						? `${tillId}:key-change:${change.hash.slice(0, 24)}`
						: `${tillId}:key:${key.publicKeySpki.slice(-24)}`
				}
			);
			await noteKeyAnnounced(key.publicKeySpki);
			(this.settings as { announcedKey?: string }).announcedKey = key.publicKeySpki;
		}
		// The catalogue, customer files and identity this till had before it joined, once, before
		// its tickets (their stock, their customers).
		await publishCatalogue();
		await publishRecords();
		await this.sendOutbox(client);
		for (;;) {
			const { messages, examined, throughId } = await ticketsToSend(tillId);
			if (examined === 0) break;
			for (const message of messages) {
				await client.publish(tillSubject(tillId, 'ticket'), JSON.stringify(message), {
					msgID: ticketMessageId(tillId, message.ticket.number)
				});
				await noteTicketsSent(message.originId);
				this.report({ lastExchange: new Date().toISOString(), lastError: null });
			}
			await noteTicketsSent(throughId);
		}
		for (const kind of COPIED_KINDS) await this.sendCopies(client, kind);
	}

	/** The off-site copies of this till's other sealed records, in chain order, as tickets go. */
	private async sendCopies(client: JetStreamClient, kind: CopiedKind): Promise<void> {
		const { tillId } = this.settings;
		for (;;) {
			const { messages, examined, throughId } = await copiesToSend(kind);
			if (examined === 0 || this.stopped) return;
			for (const message of messages) {
				await client.publish(tillSubject(tillId, kind), JSON.stringify(message), {
					msgID: copyMessageId(tillId, kind, message.originId)
				});
				await noteCopiesSent(kind, message.originId);
			}
			await noteCopiesSent(kind, throughId);
			this.report({ lastExchange: new Date().toISOString(), lastError: null });
		}
	}

	/**
	 * Catalogue, customer and shop changes, in the order they were made; each leaves the outbox
	 * once acknowledged.
	 */
	private async sendOutbox(client: JetStreamClient): Promise<void> {
		for (let entries = await outboxEntries(); entries.length > 0; entries = await outboxEntries()) {
			for (const entry of entries) {
				await client.publish(entry.subject, JSON.stringify(entry.message), {
					msgID: entry.message.uid
				});
				await removeFromOutbox(entry.seq);
				this.report({ lastExchange: new Date().toISOString(), lastError: null });
			}
		}
	}

	/** Reads the shop's stream from the position kept here, for as long as the link lives. */
	private async receive(): Promise<void> {
		while (!this.stopped && this.client) {
			try {
				const consumer = await this.client.consumers.get(SHOP_STREAM, {
					deliver_policy: DeliverPolicy.StartSequence,
					opt_start_seq: (await streamPosition()) + 1
				});
				const messages = await consumer.consume();
				// Messages already waiting are kept together: a till catching up writes a batch per
				// transaction rather than one each (docs/replication.md).
				let batch: JsMsg[] = [];
				for await (const message of messages) {
					batch.push(message);
					if (message.info.pending > 0 && batch.length < BATCH) continue;
					await this.applyAll(batch);
					batch = [];
					if (this.stopped) break;
				}
			} catch (error) {
				if (this.stopped) return;
				this.report({ lastError: frenchError(error) });
				await new Promise((resolve) => setTimeout(resolve, 2_000));
			}
		}
	}

	/** Applies delivered messages in stream order, runs of tickets or of revisions together. */
	private async applyAll(batch: readonly JsMsg[]): Promise<void> {
		let tickets: DeliveredTicket[] = [];
		let revisions: { message: RevisionMessage; tillId: string; streamSeq: number }[] = [];
		// A till replaced on a new computer: its own tickets read again, for the stock they took.
		let ownTickets: { message: TicketMessage; streamSeq: number }[] = [];
		let passed: number | null = null;
		const replay = this.settings.replay;
		const flush = async () => {
			if (tickets.length > 0) {
				const verdicts = await keepPeerTickets(tickets);
				const refused = verdicts.findLast((verdict) => verdict.action === 'refuse');
				if (refused?.action === 'refuse') this.report({ lastError: refused.message });
			}
			if (revisions.length > 0) await keepPeerRevisionBatch(revisions);
			if (ownTickets.length > 0 && replay) {
				await replayOwnTicketsStock(ownTickets, replay.stockThroughTicket);
			}
			// Past what needs nothing here, after what came before it was kept.
			if (passed !== null) await passMessage(passed);
			tickets = [];
			revisions = [];
			ownTickets = [];
			passed = null;
		};
		for (const message of batch) {
			const parts = subjectParts(message.subject);
			const parsed = parseShopMessage(message.string());
			const own = !parts || parts.tillId === this.settings.tillId;
			// This till's history as it came back when the till was replaced on a new computer (its
			// records checked then): its own changes are taken again, in stream order as the others'
			// (docs/replication.md#lost-till).
			const replayed =
				own && parts && parsed.ok && replay !== undefined && message.seq <= replay.throughSeq;
			if (
				own &&
				parts &&
				parsed.ok &&
				!replayed &&
				(parsed.value.type === 'ticket' ||
					parsed.value.type === 'till-key' ||
					parsed.value.type === 'key-change')
			) {
				// Read back under this till's name: its own, or a copy of it selling besides it.
				const fork = await ownRecordFork(parsed.value, this.settings.tillId);
				if (fork) {
					await flush();
					const reason = await noteOwnFork(fork, message.seq);
					await this.stop();
					this.halted = true;
					this.sink({ connected: false, lastError: reason });
					return;
				}
			}
			if (
				(replayed || !own) &&
				parts &&
				parsed.ok &&
				parsed.value.type === 'revisions' &&
				parts.kind === 'revisions'
			) {
				// Another till's catalogue changes, or this till's own taken again.
				if (
					tickets.length > 0 ||
					ownTickets.length > 0 ||
					revisions.length >= REVISIONS_PER_TRANSACTION
				)
					await flush();
				revisions.push({ message: parsed.value, tillId: parts.tillId, streamSeq: message.seq });
			} else if (replayed && parsed.value.type === 'records' && parts.kind === 'records') {
				await flush();
				await keepPeerRecords(parsed.value, parts.tillId, message.seq);
			} else if (replayed && parsed.value.type === 'ticket' && parts.kind === 'ticket') {
				if (tickets.length > 0 || revisions.length > 0 || ownTickets.length >= BATCH) await flush();
				ownTickets.push({ message: parsed.value, streamSeq: message.seq });
			} else if ((own && parts) || (parsed.ok && parsed.value.type === 'copy')) {
				// This till's own records, and other tills' off-site copies (kept by the server, not
				// here): one position move for all of them, not a transaction each.
				passed = message.seq;
			} else if (!own && parsed.ok && parsed.value.type === 'ticket' && parts.kind === 'ticket') {
				if (revisions.length > 0 || ownTickets.length > 0) await flush();
				tickets.push({ message: parsed.value, tillId: parts.tillId, streamSeq: message.seq });
			} else {
				await flush();
				await this.applyOther(message, parts, parsed, own);
			}
		}
		await flush();
		this.report({ lastExchange: new Date().toISOString() });
	}

	/**
	 * A key, a key change, a customer file or the shop's identity, this till's own message, or one
	 * that cannot be read: one at a time.
	 */
	private async applyOther(
		message: JsMsg,
		parts: ReturnType<typeof subjectParts>,
		parsed: ReturnType<typeof parseShopMessage>,
		own: boolean
	): Promise<void> {
		if (own || !parts) {
			await passMessage(message.seq);
		} else if (!parsed.ok) {
			await passMessage(message.seq);
			this.report({ lastError: parsed.error.message });
		} else if (parsed.value.type === 'till-key' && parts.kind === 'key') {
			await keepTillKey({ ...parsed.value, tillId: parts.tillId }, message.seq);
		} else if (parsed.value.type === 'key-change' && parts.kind === 'key') {
			const verdict = await keepKeyChange(parsed.value.record, parts.tillId, message.seq);
			if (verdict.action === 'refuse') this.report({ lastError: verdict.message });
		} else if (parsed.value.type === 'records' && parts.kind === 'records') {
			await keepPeerRecords(parsed.value, parts.tillId, message.seq);
		} else {
			await passMessage(message.seq);
		}
	}
}
