import { serverLogin } from './server-login';
import { wsconnect } from '@nats-io/nats-core';
import { DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import {
	COPIED_KINDS,
	parseCustomerRef,
	parseShopMessage,
	SHOP_STREAM,
	subjectParts,
	type CopiedKind,
	type SyncCredentials
} from '$lib/domain';
import {
	abandonReplacement,
	keepOwnRecords,
	RebuildRefusedError,
	sealKeyChange,
	startReplacement,
	type OwnRecord
} from '$lib/db/till-rebuild-repository';
import { saveReplayPlan } from '$lib/db/replication-repository';
import { frenchError, refusesAccess } from './link-errors';

/**
 * « Remplacer une caisse » (docs/replication.md#lost-till), the exchange with the shop's server:
 * the till's own subjects read from the start, its sealed records written back as they were
 * sealed, then its key change sealed. The usual synchronisation then publishes that change on the
 * till's key subject (where the other tills take the new key from), brings the catalogue, customer
 * files and the other tills' tickets, and replays the till's own catalogue and customer changes
 * (`saveReplayPlan`).
 */

/** What the replacement brought back, as the bookseller is told. */
export interface ReplacementSummary {
	readonly tickets: number;
	readonly copies: number;
	readonly lastTicket: number | null;
}

/** Own records written per transaction. */
const BATCH = 500;

export async function replaceTill(input: {
	readonly credentials: SyncCredentials;
	readonly pin: string;
	readonly by: string;
	readonly onProgress?: (read: number, total: number) => void;
}): Promise<ReplacementSummary> {
	const { credentials } = input;
	const { tillId } = credentials;
	await startReplacement();
	const connection = await wsconnect({
		servers: credentials.server,
		...serverLogin(credentials),
		name: `comptoir-${tillId}-remplacement`,
		timeout: 10_000
	}).catch((error: unknown) => {
		throw new RebuildRefusedError(
			refusesAccess(error)
				? frenchError(error)
				: `le serveur de la boutique (${credentials.server}) ne répond pas\u00a0: vérifiez qu’il est démarré et joignable depuis cet ordinateur, puis recommencez.`
		);
	});
	try {
		const filter = `comptoir.${tillId}.>`;
		const manager = await jetstreamManager(connection);
		const info = await manager.streams.info(SHOP_STREAM, { subjects_filter: filter });
		const total = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
		if (total === 0) {
			throw new RebuildRefusedError(
				`Le serveur de la boutique ne garde aucun enregistrement de la caisse ${tillId}\u00a0: rien à reprendre. Pour une caisse nouvelle, enregistrez simplement son fichier d’accès.`
			);
		}
		const consumer = await jetstream(connection).consumers.get(SHOP_STREAM, {
			filter_subjects: filter,
			deliver_policy: DeliverPolicy.All
		});
		const plan = new OwnHistory(tillId);
		const messages = await consumer.consume();
		let read = 0;
		let batch: OwnRecord[] = [];
		for await (const message of messages) {
			read += 1;
			const record = plan.take(message);
			if (record) batch.push(record);
			if (batch.length >= BATCH || read >= total) {
				await keepOwnRecords(tillId, batch, plan.keys);
				batch = [];
				input.onProgress?.(read, total);
			}
			if (read >= total) break;
		}
		await messages.close().catch(() => undefined);
		if (plan.keys.length === 0) {
			throw new RebuildRefusedError(
				`Le serveur ne garde pas la clé publique de la caisse ${tillId}\u00a0: ses enregistrements ne peuvent pas être vérifiés.`
			);
		}
		const keyChange = await sealKeyChange({
			credentials,
			formerKeys: plan.keys,
			pin: input.pin,
			by: input.by
		});
		await saveReplayPlan({
			throughSeq: plan.lastSeq,
			stockThroughTicket: plan.stockThroughTicket,
			customerIds: plan.customerIds,
			highestCustomerId: plan.highestCustomerId
		});
		return {
			tickets: plan.tickets,
			copies: plan.copies,
			lastTicket: keyChange.detail.lastTicket?.number ?? null
		};
	} catch (error) {
		await abandonReplacement();
		throw error;
	} finally {
		await connection.close().catch(() => undefined);
	}
}

/** What the till's own subjects say, read in stream order. */
class OwnHistory {
	/** The keys the till announced (and those a former replacement named): its records' signers. */
	readonly keys: string[] = [];
	/** Its id for the customer files of other tills it named on its tickets. */
	readonly customerIds: Record<string, number> = {};
	/** The highest customer id the till gave: ids given here afterwards start above it. */
	highestCustomerId = 0;
	stockThroughTicket = 0;
	lastSeq = 0;
	tickets = 0;
	copies = 0;

	constructor(private readonly tillId: string) {}

	/** The sealed record a message carries, or null (its facts noted). */
	take(message: JsMsg): OwnRecord | null {
		this.lastSeq = message.seq;
		const parts = subjectParts(message.subject);
		const parsed = parseShopMessage(message.string());
		if (!parts || parts.tillId !== this.tillId || !parsed.ok) return null;
		const value = parsed.value;
		switch (value.type) {
			case 'till-key':
				this.trust(value.publicKeySpki);
				return null;
			case 'key-change':
				// Replaced before: the keys before that change, then the one it brought.
				for (const key of value.record.detail.keys) this.trust(key);
				this.trust(value.record.detail.publicKeySpki);
				return null;
			case 'ticket':
				this.tickets += 1;
				return {
					kind: 'ticket',
					originId: value.originId,
					record: value.ticket as unknown as OwnRecord['record']
				};
			case 'copy':
				if (!isCopyOf(value.kind, parts.kind)) return null;
				this.copies += 1;
				return {
					kind: value.kind,
					originId: value.originId,
					record: value.record as OwnRecord['record']
				};
			case 'revisions':
				if (value.stockThroughTicket !== undefined) {
					this.stockThroughTicket = value.stockThroughTicket;
				}
				return null;
			case 'records':
				if (value.kind === 'customer') for (const item of value.items) this.noteCustomer(item);
				return null;
		}
	}

	/**
	 * A customer file the till created (its reference names it) or another till's file it named
	 * under an id of its own (an alias): the replaced till keeps those ids, since its tickets name
	 * customers by them.
	 */
	private noteCustomer(item: { key: string; aliases?: readonly string[] }): void {
		const created = parseCustomerRef(item.key);
		if (created?.tillId === this.tillId) {
			this.highestCustomerId = Math.max(this.highestCustomerId, created.customerId);
			return;
		}
		const alias = (item.aliases ?? [])
			.map(parseCustomerRef)
			.find((ref) => ref?.tillId === this.tillId);
		if (alias) {
			this.customerIds[item.key] = alias.customerId;
			this.highestCustomerId = Math.max(this.highestCustomerId, alias.customerId);
		}
	}

	private trust(key: string): void {
		if (!this.keys.includes(key)) this.keys.push(key);
	}
}

function isCopyOf(kind: CopiedKind, subjectKind: string): boolean {
	return COPIED_KINDS.includes(kind) && subjectKind === kind;
}
