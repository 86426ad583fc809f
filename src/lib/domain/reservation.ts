import { BALANCE_KIND_LABELS } from './balance';
import { formatEuros } from './format';
import { ticketBalanceMovements } from './reconcile';
import { err, ok, type Result } from './result';

/**
 * While a till is connected, a spend of a voucher, credit note or deposit is first reserved on the
 * shop's server by compare-and-set (docs/replication.md#reservations): the server keeps, per code,
 * the spends reserved in the last hours, so a till whose copy of another till's ticket has not
 * arrived yet still sees that spend. Double spend can then only come from tills offline at once.
 */

/** What the server holds for one code: each reserved spend by id (« CAISSE2:14 »). */
export interface ReservedSpends {
	readonly spends: Readonly<Record<string, { readonly cents: number; readonly at: string }>>;
}

/**
 * A reservation is kept this long: its ticket reaches every connected till within seconds; one
 * never recorded (the browser closed between the reservation and the sale) stops counting after.
 */
export const RESERVATION_HOURS = 24;

/** What this till knows of the account: its balance and the spends already counted in it. */
export interface LocalBalance {
	readonly balanceCents: number;
	/** Ids (« till:number ») of the tickets whose movements the balance already holds. */
	readonly spendIds: readonly string[];
}

/** The id of a spend: the till and the number its ticket takes. */
export function spendId(tillId: string, ticketNumber: number): string {
	return `${tillId}:${ticketNumber}`;
}

function recent(
	server: ReservedSpends | null,
	now: string
): [string, { cents: number; at: string }][] {
	const oldest = new Date(Date.parse(now) - RESERVATION_HOURS * 3_600_000).toISOString();
	return Object.entries(server?.spends ?? {}).filter(([, spend]) => spend.at >= oldest);
}

/**
 * What is left to spend: this till's balance less the spends reserved at other tills whose tickets
 * have not reached it yet.
 */
export function reservableCents(
	server: ReservedSpends | null,
	local: LocalBalance,
	now: string
): number {
	const known = new Set(local.spendIds);
	return recent(server, now).reduce(
		(left, [id, spend]) => (known.has(id) ? left : left - spend.cents),
		local.balanceCents
	);
}

/**
 * The server's record with this spend added, or the refusal in French when the balance no longer
 * covers it. Reservations older than RESERVATION_HOURS are dropped as the record is written.
 */
export function reserveSpend(
	server: ReservedSpends | null,
	local: LocalBalance,
	spend: {
		readonly id: string;
		readonly cents: number;
		readonly at: string;
		readonly label: string;
	}
): Result<ReservedSpends> {
	const left = reservableCents(server, local, spend.at);
	if (spend.cents > left) {
		return err(
			'SPENT_ELSEWHERE',
			left > 0
				? `${spend.label}\u00a0: une autre caisse vient d’en dépenser une partie, il reste ${formatEuros(left)}.`
				: `${spend.label}\u00a0: déjà dépensé à une autre caisse, il ne reste rien.`,
			'reference'
		);
	}
	return ok({
		spends: Object.fromEntries([
			...recent(server, spend.at),
			[spend.id, { cents: spend.cents, at: spend.at }]
		])
	});
}

/** The server's record without a reservation whose sale was not recorded. */
export function releaseSpend(server: ReservedSpends | null, id: string): ReservedSpends {
	return {
		spends: Object.fromEntries(Object.entries(server?.spends ?? {}).filter(([key]) => key !== id))
	};
}

/** One code a sale spends, and how it is named in a refusal. */
export interface SaleSpend {
	readonly code: string;
	readonly cents: number;
	readonly label: string;
}

/**
 * What a sale's tenders spend on each voucher, credit note or deposit (several tenders on one
 * code added up): the same movements its ticket will record (ticketBalanceMovements).
 */
export function saleSpends(
	tenders: readonly { method: string; amountCents: number; reference?: string | null }[]
): SaleSpend[] {
	const payments = tenders.map((tender) => ({ ...tender, reference: tender.reference ?? null }));
	const spends = new Map<string, SaleSpend>();
	for (const movement of ticketBalanceMovements({ payments })) {
		if (movement.amountCents >= 0) continue;
		const spend = spends.get(movement.code) ?? {
			code: movement.code,
			cents: 0,
			label: `${BALANCE_KIND_LABELS[movement.kind]} ${movement.code}`
		};
		spends.set(movement.code, { ...spend, cents: spend.cents - movement.amountCents });
	}
	return [...spends.values()];
}
