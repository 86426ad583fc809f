import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import {
	DeliverPolicy,
	jetstream,
	type JetStreamClient,
	type JsMsg,
	type OrderedConsumerOptions
} from '@nats-io/jetstream';
import {
	chainDaySummary,
	chainHash,
	closingOfCopy,
	closingsWithin,
	GENESIS_HASH,
	HEAD_OFFICE_TILL,
	parseShopMessage,
	parseStockAnswer,
	STOCK_QUERY_SUBJECT,
	shopStreamAtHub,
	subjectParts,
	tillSubject,
	type ArticleRevision,
	type ChainClosing,
	type ChainDaySummary,
	type ChainTicket,
	type HeadOfficeAccess,
	type RevisionMessage,
	type StockAnswer,
	type StockQuery
} from '$lib/domain';
import { anyKeyVerifier, publicKeyFromSpki, verifyText } from '$lib/signature';
import { refusesAccess } from './link-errors';

/**
 * The head office reads its hub (docs/replication.md#shops): each shop's stream, kept at the hub
 * from that shop's server, read for one day. Every ticket is checked as a till checks another
 * till's (its hash recomputed, its till's signature by a key that till announced, or took through
 * a sealed key change); one that fails is shown apart, never counted. Nothing is stored: the hub
 * is the head office's copy. A period of several days is read the same way.
 */

export interface ChainDay {
	/** First and last day read (Europe/Paris), the same for one day. */
	readonly from: string;
	readonly to: string;
	readonly summary: ChainDaySummary;
	/** The shops' closings (Z, month, year) whose period lies within the one read. */
	readonly closings: readonly ChainClosing[];
	/** The shops whose stream the hub does not have yet, in French. */
	readonly missing: readonly string[];
	/** The tickets whose seal does not hold, as the head office names them: shop, till, number. */
	readonly refused: readonly { shop: string; tillId: string; number: number; day: string }[];
}

/** Messages fetched at a time. */
const BATCH = 500;

export async function readChainDay(
	access: HeadOfficeAccess,
	period: { readonly from: string; readonly to: string },
	onProgress: (read: number) => void = () => {}
): Promise<ChainDay> {
	const { from, to } = period;
	const connection = await connectToHub(access);
	try {
		const client = jetstream(connection);
		const tickets: ChainTicket[] = [];
		const closings: ChainClosing[] = [];
		const missing: string[] = [];
		let read = 0;
		for (const shop of access.shops) {
			const stream = shopStreamAtHub(shop);
			let keys: Map<string, string[]>;
			try {
				keys = await tillKeys(client, stream);
			} catch {
				missing.push(
					`${shop}\u00a0: pas encore reliée au siège (sur le serveur du siège\u00a0: npm run shop-server -- link-shops).`
				);
				continue;
			}
			const verifiers = new Map(
				await Promise.all(
					[...keys].map(
						async ([tillId, spkis]) =>
							[
								tillId,
								anyKeyVerifier(await Promise.all(spkis.map((spki) => publicKeyFromSpki(spki))))
							] as const
					)
				)
			);
			const sealHolds = async (
				subject: string,
				record: { tillId?: unknown; previousHash?: string; hash: string; signature?: string }
			): Promise<boolean> => {
				const verify = verifiers.get(subject);
				return (
					record.tillId === subject &&
					chainHash(record.previousHash ?? GENESIS_HASH, record) === record.hash &&
					verify !== undefined &&
					(await verify(record.hash, record.signature ?? ''))
				);
			};
			// A ticket reaches the hub after it was sold, never before: read from the first day's
			// start (two hours early: Paris is one or two hours ahead of UTC), keep the period's.
			// A closing is sealed after its period: read from the same start.
			const start = new Date(Date.parse(`${from}T00:00:00Z`) - 2 * 3_600_000).toISOString();
			for await (const message of messages(client, stream, 'comptoir.*.ticket', {
				deliver_policy: DeliverPolicy.StartTime,
				opt_start_time: start
			})) {
				read += 1;
				if (read % BATCH === 0) onProgress(read);
				const parsed = parseShopMessage(message.string());
				const parts = subjectParts(message.subject);
				if (!parsed.ok || parsed.value.type !== 'ticket' || !parts) continue;
				const ticket = parsed.value.ticket;
				if (ticket.day < from || ticket.day > to) continue;
				tickets.push({ shop, ticket, intact: await sealHolds(parts.tillId, ticket) });
			}
			for await (const message of messages(client, stream, 'comptoir.*.closing', {
				deliver_policy: DeliverPolicy.StartTime,
				opt_start_time: start
			})) {
				read += 1;
				const parsed = parseShopMessage(message.string());
				const parts = subjectParts(message.subject);
				if (!parsed.ok || parsed.value.type !== 'copy' || !parts) continue;
				const { record } = parsed.value;
				const closing = closingOfCopy(shop, record, await sealHolds(parts.tillId, record));
				if (closing) closings.push(closing);
			}
		}
		onProgress(read);
		const refused = tickets
			.filter((item) => !item.intact)
			.map(({ shop, ticket }) => ({
				shop,
				tillId: ticket.tillId,
				number: ticket.number,
				day: ticket.day
			}));
		return {
			from,
			to,
			summary: chainDaySummary(access.shops, tickets),
			closings: closingsWithin(closings, period),
			missing,
			refused
		};
	} finally {
		await connection.close().catch(() => undefined);
	}
}

/**
 * Each till's keys in a shop's stream: the key it announced, and the keys it took through a
 * sealed key change (a till replaced on a new computer) that names a key already known and is
 * signed by the key it brings (docs/replication.md#lost-till).
 */
async function tillKeys(client: JetStreamClient, stream: string): Promise<Map<string, string[]>> {
	const keys = new Map<string, string[]>();
	for await (const message of messages(client, stream, 'comptoir.*.key', {
		deliver_policy: DeliverPolicy.All
	})) {
		const parts = subjectParts(message.subject);
		const parsed = parseShopMessage(message.string());
		if (!parts || !parsed.ok) continue;
		const known = keys.get(parts.tillId) ?? [];
		if (parsed.value.type === 'till-key' && known.length === 0) {
			keys.set(parts.tillId, [parsed.value.publicKeySpki]);
		} else if (parsed.value.type === 'key-change') {
			const { record } = parsed.value;
			const newKey = record.detail.publicKeySpki;
			const signed = await publicKeyFromSpki(newKey)
				.then((key) => verifyText(key, record.hash, record.signature))
				.catch(() => false);
			if (
				signed &&
				chainHash(record.previousHash, record) === record.hash &&
				record.detail.keys.some((key) => known.includes(key))
			) {
				keys.set(parts.tillId, [...known, newKey]);
			}
		}
	}
	return keys;
}

/** The messages of a stream under `filter`, from `start`, until none is left. */
async function* messages(
	client: JetStreamClient,
	stream: string,
	filter: string,
	start: Partial<OrderedConsumerOptions>
): AsyncGenerator<JsMsg> {
	const consumer = await client.consumers.get(stream, { ...start, filter_subjects: filter });
	for (;;) {
		const batch = await consumer.fetch({ max_messages: BATCH, expires: 1_000 });
		let count = 0;
		for await (const message of batch) {
			count += 1;
			yield message;
		}
		if (count === 0) return;
	}
}

/** The head office's connection to its hub; a refusal or an absent hub said in French. */
async function connectToHub(access: HeadOfficeAccess): Promise<NatsConnection> {
	return wsconnect({
		servers: access.server,
		user: access.user,
		pass: access.password,
		name: 'comptoir-siege',
		timeout: 10_000
	}).catch((error: unknown) => {
		throw new Error(
			refusesAccess(error)
				? 'Le serveur du siège refuse cet accès (utilisateur ou mot de passe).'
				: `Le serveur du siège (${access.server}) ne répond pas\u00a0: vérifiez qu’il est démarré et joignable depuis cet ordinateur.`
		);
	});
}

/**
 * Sends the head office's titles and prices to every shop (docs/replication.md#head-office-catalogue):
 * revisions of the till SIEGE, 500 titles to a message, into the hub's stream that each shop's
 * stream sources. Answers the titles sent.
 */
export async function publishChainCatalogue(
	access: HeadOfficeAccess,
	items: readonly ArticleRevision[],
	by: string,
	onProgress: (sent: number) => void = () => {}
): Promise<number> {
	const connection = await connectToHub(access);
	try {
		const client = jetstream(connection, { timeout: 10_000 });
		const at = new Date().toISOString();
		let sent = 0;
		for (let start = 0; start < items.length; start += BATCH) {
			const message: RevisionMessage = {
				type: 'revisions',
				uid: crypto.randomUUID(),
				at,
				by,
				items: items.slice(start, start + BATCH)
			};
			await client
				.publish(tillSubject(HEAD_OFFICE_TILL, 'revisions'), JSON.stringify(message), {
					msgID: message.uid
				})
				.catch((error: unknown) => {
					throw new Error(
						/no responders|503/iu.test(String(error))
							? 'Le serveur du siège n’a pas encore le flux du catalogue\u00a0: sur le serveur du siège, lancez «\u00a0npm run shop-server -- link-shops\u00a0».'
							: `Le catalogue n’a pas été envoyé en entier (${sent} titres partis)\u00a0: ${String(error)}`
					);
				});
			sent += message.items.length;
			onProgress(sent);
		}
		return sent;
	} finally {
		await connection.close().catch(() => undefined);
	}
}

/** How long the head office waits for the shops' answers. */
const STOCK_WAIT_MS = 3_000;

/**
 * Asks every shop's tills their shop's stock of some titles (docs/replication.md#head-office-stock):
 * each till online answers for its shop; every answer that arrives within a few seconds is kept.
 */
export async function askShopsStock(
	access: HeadOfficeAccess,
	query: StockQuery
): Promise<StockAnswer[]> {
	const connection = await connectToHub(access);
	try {
		const answers: StockAnswer[] = [];
		const replies = await connection
			.requestMany(STOCK_QUERY_SUBJECT, JSON.stringify(query), {
				strategy: 'timer',
				maxWait: STOCK_WAIT_MS
			})
			.catch(() => []);
		for await (const reply of replies) {
			const answer = parseStockAnswer(reply.string());
			if (answer) answers.push(answer);
		}
		return answers;
	} finally {
		await connection.close().catch(() => undefined);
	}
}
