import type { NatsConnection } from '@nats-io/nats-core';
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import {
	BALANCE_BUCKET,
	ok,
	releaseSpend,
	reserveSpend,
	spendId,
	type ReservedSpends,
	type Result,
	type SaleSpend
} from '$lib/domain';
import { localBalance } from '$lib/db/overdraft-repository';
import { nextTicketNumber } from '$lib/db/ticket-repository';

/**
 * Reserving a spend of a voucher, credit note or deposit on the shop's server before the sale is
 * recorded, while the till is connected (docs/replication.md#reservations): per code, a record of
 * the spends reserved in the last hours, written by compare-and-set so that two tills reserving at
 * once are told apart. A till that cannot reach the server in time sells as it does offline; a
 * double spend is then found when the tickets meet.
 */

/** The codes reserved for one sale, to give back if the sale is not recorded. */
export interface Reservation {
	readonly id: string;
	readonly codes: readonly string[];
}

/** The server answers within this, or the till goes on as if offline: the queue does not wait. */
const TIMEOUT_MS = 3_000;
/** Another till wrote the code's record between our read and our write: read again, this often. */
const ATTEMPTS = 5;

export class BalanceReservations {
	private bucket: Promise<KV> | null = null;

	constructor(
		private readonly connection: NatsConnection,
		private readonly tillId: string
	) {}

	private open(): Promise<KV> {
		this.bucket ??= new Kvm(this.connection)
			.create(BALANCE_BUCKET, { history: 1, storage: StorageType.File })
			.catch((error: unknown) => {
				this.bucket = null;
				throw error;
			});
		return this.bucket;
	}

	/**
	 * Reserves each spend of the sale; the refusal in French when another till already spent the
	 * balance. A server too slow or refusing the bucket lets the sale go on (as offline).
	 */
	async reserve(spends: readonly SaleSpend[]): Promise<Result<Reservation>> {
		const id = spendId(this.tillId, await nextTicketNumber(this.tillId));
		const reserved: string[] = [];
		if (spends.length === 0) return ok({ id, codes: reserved });
		const work = (async (): Promise<Result<Reservation>> => {
			const kv = await this.open();
			for (const spend of spends) {
				const done = await this.reserveOne(kv, id, spend);
				if (!done.ok) {
					await this.release({ id, codes: reserved });
					return done;
				}
				reserved.push(spend.code);
			}
			return ok({ id, codes: reserved });
		})();
		const late = new Promise<Result<Reservation>>((resolve) =>
			setTimeout(() => resolve(ok({ id, codes: reserved })), TIMEOUT_MS)
		);
		return Promise.race([work, late]).catch(() => ok({ id, codes: reserved }));
	}

	private async reserveOne(kv: KV, id: string, spend: SaleSpend): Promise<Result<void>> {
		for (let attempt = 1; ; attempt++) {
			const entry = await kv.get(spend.code);
			const server = entry?.operation === 'PUT' ? entry.json<ReservedSpends>() : null;
			const local = (await localBalance(spend.code, this.tillId)) ?? {
				balanceCents: 0,
				spendIds: []
			};
			const next = reserveSpend(server, local, {
				id,
				cents: spend.cents,
				at: new Date().toISOString(),
				label: spend.label
			});
			if (!next.ok) return next;
			try {
				const value = JSON.stringify(next.value);
				if (entry) await kv.update(spend.code, value, entry.revision);
				else await kv.create(spend.code, value);
				return ok(undefined);
			} catch (error) {
				// Written by another till meanwhile: its spend is read on the next round.
				if (attempt >= ATTEMPTS) throw error;
			}
		}
	}

	/** Gives back the spends of a sale that was not recorded (best effort: they expire anyway). */
	async release(reservation: Reservation): Promise<void> {
		if (reservation.codes.length === 0) return;
		try {
			const kv = await this.open();
			for (const code of reservation.codes) {
				for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
					const entry = await kv.get(code);
					if (!entry || entry.operation !== 'PUT') break;
					const value = JSON.stringify(releaseSpend(entry.json<ReservedSpends>(), reservation.id));
					try {
						await kv.update(code, value, entry.revision);
						break;
					} catch {
						// Written meanwhile: read again.
					}
				}
			}
		} catch {
			// Unreachable: the reservation expires after RESERVATION_HOURS.
		}
	}
}
