import { assertCents, roundDivide, type Cents } from './money';
import { err, ok, type Result } from './result';
import type { PaymentMethod, TenderInput } from './payment';
import type { TicketInput } from './ticket';

/**
 * The cancelling ticket of a recorded one: same lines with opposite quantities, same discounts
 * (they take the sign of the line), same payment types with opposite amounts. Computing it gives
 * the exact negation of the original (CGI art. 286-I-3° bis: nothing is deleted, a cancellation
 * is a new inverse ticket). Loyalty earned is taken back by the negative amounts.
 */
export function invertTicket<T extends TicketInput>(
	ticket: T,
	tenders: readonly TenderInput[]
): { ticket: T; tenders: TenderInput[] } {
	return {
		ticket: {
			...ticket,
			lines: ticket.lines.map((line) => ({ ...line, quantity: -line.quantity }))
		},
		tenders: tenders.map(({ availableCents: _available, ...tender }) => ({
			...tender,
			amountCents: assertCents(-tender.amountCents)
		}))
	};
}

export interface CreditableLine {
	readonly quantity: number;
	/** What the line cost, VAT included, after discounts. */
	readonly ttcCents: Cents;
	/** Already credited by earlier credit notes. */
	readonly creditedQuantity: number;
	readonly creditedTtcCents: Cents;
}

export interface CreditRequest {
	readonly lineIndex: number;
	readonly quantity: number;
}

export interface CreditedLine {
	readonly lineIndex: number;
	readonly quantity: number;
	readonly ttcCents: Cents;
}

/**
 * Amounts of a credit note (avoir) on an invoice, partial or total: a share of each line in
 * proportion to the quantity credited; the last credit of a line takes exactly what is left, so
 * all credit notes of an invoice add up to the invoice to the cent.
 * @example creditNoteLines([{ quantity: 3, ttcCents: 1000, creditedQuantity: 0,
 *   creditedTtcCents: 0 }], [{ lineIndex: 0, quantity: 1 }]) // 3,33 €
 */
export function creditNoteLines(
	lines: readonly CreditableLine[],
	requests: readonly CreditRequest[]
): Result<CreditedLine[]> {
	const credited: CreditedLine[] = [];
	for (const request of requests) {
		if (request.quantity === 0) continue;
		const line = lines[request.lineIndex];
		const field = `lines.${request.lineIndex}.quantity`;
		if (!line) return err('CREDIT_LINE_UNKNOWN', 'Cette ligne n’existe pas sur la facture.', field);
		if (credited.some((c) => c.lineIndex === request.lineIndex)) {
			return err(
				'CREDIT_LINE_TWICE',
				'Une ligne ne peut figurer qu’une fois dans un avoir.',
				field
			);
		}
		const left = Math.abs(line.quantity) - line.creditedQuantity;
		if (!Number.isInteger(request.quantity) || request.quantity < 0 || request.quantity > left) {
			return err(
				'CREDIT_ABOVE_INVOICED',
				`Quantité à créditer entre 1 et ${left} (déjà ${line.creditedQuantity} en avoir sur ${Math.abs(line.quantity)}).`,
				field
			);
		}
		const ttcCents =
			request.quantity === left
				? line.ttcCents - line.creditedTtcCents
				: Number(
						roundDivide(
							BigInt(line.ttcCents) * BigInt(request.quantity),
							BigInt(Math.abs(line.quantity))
						)
					);
		credited.push({
			lineIndex: request.lineIndex,
			quantity: request.quantity,
			ttcCents: assertCents(ttcCents)
		});
	}
	if (credited.length === 0) {
		return err('CREDIT_EMPTY', 'Choisissez au moins une ligne à créditer.', 'lines');
	}
	return ok(credited);
}

/** The figures of a recorded ticket that its cancellation negates. */
export interface RecordedFigures {
	readonly lines: readonly {
		readonly quantity: number;
		readonly grossCents: Cents;
		readonly discountCents: Cents;
		readonly ttcCents: Cents;
		readonly htCents: Cents;
		readonly vatCents: Cents;
	}[];
	readonly rates: readonly {
		readonly ttcCents: Cents;
		readonly htCents: Cents;
		readonly vatCents: Cents;
		readonly discountCents: Cents;
	}[];
	readonly totalCents: Cents;
	readonly payments: readonly {
		readonly method: PaymentMethod;
		readonly amountCents: Cents;
		readonly reference: string | null;
	}[];
	readonly changeCents: Cents;
}

const negate = (cents: Cents): Cents => assertCents(cents === 0 ? 0 : -cents);

/**
 * "Annuler le ticket" (docs/features.md): the same ticket with quantities and every amount negated,
 * paid back with the same payment types. Cash is given back net of the change that was handed
 * out, so the drawer and the day's totals return exactly to where they were. The recorded
 * figures are negated, never recomputed: the pair always sums to zero, to the cent.
 */
export function invertRecordedTicket<T extends RecordedFigures>(ticket: T): T {
	return {
		...ticket,
		lines: ticket.lines.map((line) => ({
			...line,
			quantity: -line.quantity,
			grossCents: negate(line.grossCents),
			discountCents: negate(line.discountCents),
			ttcCents: negate(line.ttcCents),
			htCents: negate(line.htCents),
			vatCents: negate(line.vatCents)
		})),
		rates: ticket.rates.map((rate) => ({
			...rate,
			ttcCents: negate(rate.ttcCents),
			htCents: negate(rate.htCents),
			vatCents: negate(rate.vatCents),
			discountCents: negate(rate.discountCents)
		})),
		totalCents: negate(ticket.totalCents),
		payments: ticket.payments
			.map((payment) => ({
				...payment,
				amountCents: negate(
					assertCents(
						payment.method === 'especes'
							? payment.amountCents - ticket.changeCents
							: payment.amountCents
					)
				)
			}))
			.filter((payment) => payment.amountCents !== 0),
		changeCents: assertCents(0)
	};
}
