import {
	discountCapBp,
	discountCapCents,
	discountCents,
	formatBp,
	percentOf,
	CUSTOMER_STATUS_LABELS,
	type ArticleKind,
	type CustomerStatus,
	type Discount
} from './discount';
import { apportion, assertCents, sumCents, type Cents } from './money';
import { err, ok, type Result } from './result';
import { htFromTtc, splitHtByRate, type VatRateBp } from './vat';

export interface TicketLineInput {
	/** Shown in error messages. */
	readonly label?: string;
	/** Non-zero integer; negative for a returned article. */
	readonly quantity: number;
	/** VAT-inclusive unit price (bookshop prices are TTC). */
	readonly unitPriceCents: Cents;
	readonly vatRateBp: VatRateBp;
	readonly articleKind: ArticleKind;
	readonly discount?: Discount;
}

/** A ticket to total; `L` is the caller's line, handed back with its figures. */
export interface TicketInput<L extends TicketLineInput = TicketLineInput> {
	readonly lines: readonly L[];
	/** A discount on the whole ticket, spread over its lines. */
	readonly discount?: Discount;
	readonly customerStatus: CustomerStatus;
	/**
	 * Loyalty reward earned on this purchase, in basis points of what is paid. On books it counts
	 * toward the Loi Lang cap: a reward beyond it is an illegal "prime" (docs/rules.md#loi-lang).
	 */
	readonly loyaltyRewardBp?: number;
}

export interface LineTotals<L extends TicketLineInput = TicketLineInput> {
	/** The line as it was given: the figures below are its own, never matched by position. */
	readonly line: L;
	readonly vatRateBp: VatRateBp;
	/** quantity × unit price, before any discount. */
	readonly grossCents: Cents;
	readonly lineDiscountCents: Cents;
	/** This line's share of the ticket discount. */
	readonly ticketDiscountCents: Cents;
	readonly discountCents: Cents;
	/** What the customer pays for the line. */
	readonly ttcCents: Cents;
	/** Per-line HT and VAT: they add up exactly to the per-rate figures. */
	readonly htCents: Cents;
	readonly vatCents: Cents;
	readonly loyaltyRewardCents: Cents;
}

export interface RateTotals {
	readonly vatRateBp: VatRateBp;
	readonly ttcCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	readonly discountCents: Cents;
}

export interface TicketTotals<L extends TicketLineInput = TicketLineInput> {
	readonly lines: readonly LineTotals<L>[];
	/** One entry per VAT rate used, lowest rate first. */
	readonly rates: readonly RateTotals[];
	readonly grossCents: Cents;
	readonly discountCents: Cents;
	readonly ttcCents: Cents;
	readonly htCents: Cents;
	readonly vatCents: Cents;
	readonly loyaltyRewardCents: Cents;
}

const MAX_QUANTITY = 9_999;

/**
 * Computes a ticket exactly as the till prints it (docs/features.md): per VAT rate, TTC = Σ line TTC,
 * HT = round(TTC / (1 + rate)), TVA = TTC − HT; the customer pays exactly the sum of TTC prices.
 * Per-line HT is the rate's HT apportioned over its lines. Discounts over the Loi Lang cap are
 * refused with the cap named.
 * @example computeTicketTotals({ customerStatus: 'particulier', lines: [{ quantity: 1,
 *   unitPriceCents: 4540, vatRateBp: 550, articleKind: 'livre' }] }) // HT 43,03 TVA 2,37
 */
export function computeTicketTotals<L extends TicketLineInput>(
	input: TicketInput<L>
): Result<TicketTotals<L>> {
	const afterLineDiscounts: { gross: number; lineDiscount: number }[] = [];
	for (const [index, line] of input.lines.entries()) {
		const field = `lines.${index}`;
		if (!Number.isInteger(line.quantity) || line.quantity === 0) {
			return err(
				'QUANTITY_INVALID',
				'La quantité doit être un nombre entier non nul.',
				`${field}.quantity`
			);
		}
		if (Math.abs(line.quantity) > MAX_QUANTITY) {
			return err(
				'QUANTITY_TOO_LARGE',
				`La quantité ne peut pas dépasser ${MAX_QUANTITY}.`,
				`${field}.quantity`
			);
		}
		if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
			return err(
				'PRICE_INVALID',
				'Le prix doit être un montant positif.',
				`${field}.unitPriceCents`
			);
		}
		const gross = line.quantity * line.unitPriceCents;
		let lineDiscount = 0;
		if (line.discount) {
			const result = discountCents(line.discount, gross, `${field}.discount`);
			if (!result.ok) return result;
			lineDiscount = result.value;
		}
		afterLineDiscounts.push({ gross, lineDiscount });
	}

	const ticketShares = spreadTicketDiscount(
		input,
		afterLineDiscounts.map((l) => l.gross - l.lineDiscount)
	);
	if (!ticketShares.ok) return ticketShares;

	const loyaltyBp = input.loyaltyRewardBp ?? 0;
	if (!Number.isInteger(loyaltyBp) || loyaltyBp < 0 || loyaltyBp > 10_000) {
		return err(
			'LOYALTY_RATE_INVALID',
			'Le taux de fidélité doit être compris entre 0 et 100\u00a0%.',
			'loyaltyRewardBp'
		);
	}

	const partial = afterLineDiscounts.map(({ gross, lineDiscount }, index) => {
		const ticketDiscount = ticketShares.value[index] as number;
		const ttc = gross - lineDiscount - ticketDiscount;
		return { gross, lineDiscount, ticketDiscount, ttc, loyalty: percentOf(ttc, loyaltyBp) };
	});

	for (const [index, line] of input.lines.entries()) {
		const capBp = discountCapBp(line.articleKind, input.customerStatus);
		const figures = partial[index] as (typeof partial)[number];
		if (capBp === null) continue;
		const cap = discountCapCents(figures.gross, capBp);
		const discount = Math.abs(figures.lineDiscount + figures.ticketDiscount);
		const label = line.label ? ` sur «\u00a0${line.label}\u00a0»` : '';
		const who = CUSTOMER_STATUS_LABELS[input.customerStatus];
		if (discount > cap) {
			// Both discounts count toward the cap: say so when the line already had one (often the
			// collectivity price), or the refusal of a ticket discount within the cap makes no sense.
			const both =
				figures.lineDiscount !== 0 && figures.ticketDiscount !== 0
					? ` Ce livre a déjà ${formatBp(Math.round((10_000 * figures.lineDiscount) / figures.gross))} de remise sur sa ligne (prix collectivité compris)\u00a0: la remise du ticket s’y ajoute.`
					: '';
			return err(
				'DISCOUNT_ABOVE_CAP',
				`Remise trop élevée${label}\u00a0: la loi Lang limite la remise sur les livres à ${formatBp(capBp)} pour un client ${who}.${both}`,
				line.discount ? `lines.${index}.discount` : 'discount'
			);
		}
		if (Math.abs(figures.lineDiscount + figures.ticketDiscount + figures.loyalty) > cap) {
			return err(
				'LOYALTY_ABOVE_CAP',
				`Fidélité trop généreuse${label}\u00a0: remise et avantage fidélité sur un livre ne peuvent dépasser ${formatBp(capBp)} pour un client ${who}.`,
				'loyaltyRewardBp'
			);
		}
	}

	return ok(assembleTotals(input.lines, partial));
}

function spreadTicketDiscount(input: TicketInput, netAmounts: readonly number[]): Result<number[]> {
	const discount = input.discount;
	if (!discount) return ok(netAmounts.map(() => 0));
	if (discount.kind === 'percent') {
		// Percent of each line, so a 5 % ticket discount never puts one book over a 5 % cap.
		const shares: number[] = [];
		for (const [index, net] of netAmounts.entries()) {
			const share = discountCents(discount, net, 'discount');
			if (!share.ok) return share;
			shares[index] = share.value;
		}
		return ok(shares);
	}
	const total = netAmounts.reduce((a, b) => a + b, 0);
	if (total === 0 && discount.cents !== 0) {
		return err('DISCOUNT_NOTHING_TO_SPREAD', 'Il n’y a rien à remiser sur ce ticket.', 'discount');
	}
	const signed = discountCents(discount, total, 'discount');
	if (!signed.ok) return signed;
	if (signed.value === 0) return ok(netAmounts.map(() => 0));
	// Spread an amount in proportion to each line, cent-exact (largest remainder).
	const denominator = BigInt(Math.abs(total));
	const numerators = netAmounts.map(
		(net) => BigInt(signed.value) * BigInt(net) * BigInt(Math.sign(total))
	);
	return ok(apportion(BigInt(signed.value), numerators, denominator).map(Number));
}

function assembleTotals<L extends TicketLineInput>(
	inputLines: readonly L[],
	partial: readonly {
		gross: number;
		lineDiscount: number;
		ticketDiscount: number;
		ttc: number;
		loyalty: number;
	}[]
): TicketTotals<L> {
	const split = splitHtByRate(
		partial.map((figures, index) => ({
			vatRateBp: (inputLines[index] as TicketLineInput).vatRateBp,
			ttcCents: figures.ttc
		})),
		htFromTtc
	);
	const lines: LineTotals<L>[] = partial.map((figures, index) => {
		const htCents = split.htByLine[index] as Cents;
		const line = inputLines[index] as L;
		return {
			line,
			vatRateBp: line.vatRateBp,
			grossCents: assertCents(figures.gross),
			lineDiscountCents: assertCents(figures.lineDiscount),
			ticketDiscountCents: assertCents(figures.ticketDiscount),
			discountCents: assertCents(figures.lineDiscount + figures.ticketDiscount),
			ttcCents: assertCents(figures.ttc),
			htCents,
			vatCents: assertCents(figures.ttc - htCents),
			loyaltyRewardCents: assertCents(figures.loyalty)
		};
	});
	const rates: RateTotals[] = split.rates.map(({ vatRateBp, ttcCents, htCents }) => ({
		vatRateBp,
		ttcCents,
		htCents,
		vatCents: assertCents(ttcCents - htCents),
		discountCents: sumCents(
			lines.filter((l) => l.vatRateBp === vatRateBp).map((l) => l.discountCents)
		)
	}));

	return {
		lines,
		rates,
		grossCents: sumCents(lines.map((l) => l.grossCents)),
		discountCents: sumCents(lines.map((l) => l.discountCents)),
		ttcCents: sumCents(rates.map((r) => r.ttcCents)),
		htCents: sumCents(rates.map((r) => r.htCents)),
		vatCents: sumCents(rates.map((r) => r.vatCents)),
		loyaltyRewardCents: sumCents(lines.map((l) => l.loyaltyRewardCents))
	};
}
