import { assertCents, roundDivide, sumCents, type Cents } from './money';
import { err, ok, type Result } from './result';
import { htFromTtc, splitHtByRate, vatOnHt, type VatRateBp } from './vat';

export interface TtcLine {
	readonly quantity: number;
	/** What the line cost, VAT included, after its discounts. */
	readonly ttcCents: Cents;
	readonly vatRateBp: VatRateBp;
}

export interface InvoiceLineAmounts {
	/** BT-131 invoice line net amount, excluding VAT. */
	readonly netCents: Cents;
	readonly vatRateBp: VatRateBp;
	/** BT-146 item net price as an XML decimal, precise enough that quantity × price = BT-131. */
	readonly unitNetPrice: string;
}

export interface VatBreakdown {
	readonly vatRateBp: VatRateBp;
	/** BT-116 VAT category taxable amount. */
	readonly taxableCents: Cents;
	/** BT-117 VAT category tax amount = BT-116 × rate, rounded to the cent (BR-CO-17). */
	readonly vatCents: Cents;
}

export interface InvoiceAmounts {
	readonly lines: readonly InvoiceLineAmounts[];
	/** BG-23, lowest rate first. */
	readonly vatBreakdown: readonly VatBreakdown[];
	/** BT-106 = Σ BT-131 (BR-CO-10); BT-109 equals it: no document-level allowance or charge. */
	readonly lineTotalCents: Cents;
	readonly totalWithoutVatCents: Cents;
	/** BT-110 = Σ BT-117 (BR-CO-14). */
	readonly vatTotalCents: Cents;
	/** BT-112 = BT-109 + BT-110 (BR-CO-15). */
	readonly totalWithVatCents: Cents;
	/** BT-114, non-zero only when no base at some rate gives back the ticket's TTC (see below). */
	readonly roundingCents: Cents;
	/** BT-113 already paid (a ticket paid at the counter: cadre A2). */
	readonly paidCents: Cents;
	/** BT-115 = BT-112 − BT-113 + BT-114 (BR-CO-16). */
	readonly dueCents: Cents;
	/** BT-112 + BT-114: always what the ticket cost. */
	readonly ticketTotalCents: Cents;
}

/**
 * Turns a VAT-inclusive ticket into EN 16931 amounts, which are built on amounts excluding VAT.
 *
 * For each rate with ticket total T, it looks for the base B with B + round(B × rate) = T
 * (BR-CO-17 exact, no tolerance used), trying first the ticket's own HT round(T / (1 + rate)),
 * so the invoice shows the same HT and TVA as the ticket. Because B ↦ B + round(B × rate) rises by
 * 2 cents now and then, a few totals have no such base: then B is the largest base below T and
 * the missing cent goes to the rounding amount BT-114, so the amount due still equals the ticket
 * (docs/rules.md#money). Line net amounts (BT-131) are B apportioned over the lines in
 * proportion to their TTC, so they add up to B exactly (BR-S-08, BR-CO-10).
 * @example ticketToInvoiceAmounts({ lines: [{ quantity: 1, ttcCents: 4540, vatRateBp: 550 }] })
 *   // BT-116 43.03, BT-117 2.37, BT-112 45.40
 */
export function ticketToInvoiceAmounts(input: {
	readonly lines: readonly TtcLine[];
	readonly paidCents?: Cents;
}): Result<InvoiceAmounts> {
	if (input.lines.length === 0) {
		return err('INVOICE_EMPTY', 'Une facture doit comporter au moins une ligne.', 'lines');
	}
	for (const [index, line] of input.lines.entries()) {
		if (!Number.isInteger(line.quantity) || line.quantity === 0) {
			return err(
				'QUANTITY_INVALID',
				'La quantité doit être un nombre entier non nul.',
				`lines.${index}.quantity`
			);
		}
	}
	const split = splitHtByRate(input.lines, baseForTtc);
	const vatBreakdown = split.rates.map(({ vatRateBp, htCents }) => ({
		vatRateBp,
		taxableCents: htCents,
		vatCents: vatOnHt(htCents, vatRateBp)
	}));
	const rounding = sumCents(
		split.rates.map((r, i) => r.ttcCents - r.htCents - (vatBreakdown[i] as VatBreakdown).vatCents)
	);
	const lines = input.lines.map((line, index) => {
		const netCents = split.htByLine[index] as Cents;
		return {
			netCents,
			vatRateBp: line.vatRateBp,
			unitNetPrice: unitPriceDecimal(netCents, line.quantity)
		};
	});
	const lineTotalCents = sumCents(lines.map((l) => l.netCents));
	const vatTotalCents = sumCents(vatBreakdown.map((v) => v.vatCents));
	const totalWithVatCents = assertCents(lineTotalCents + vatTotalCents);
	const paidCents = input.paidCents ?? assertCents(0);
	const roundingCents = assertCents(rounding);
	return ok({
		lines,
		vatBreakdown,
		lineTotalCents,
		totalWithoutVatCents: lineTotalCents,
		vatTotalCents,
		totalWithVatCents,
		roundingCents,
		paidCents,
		dueCents: assertCents(totalWithVatCents - paidCents + roundingCents),
		ticketTotalCents: assertCents(totalWithVatCents + roundingCents)
	});
}

/** The HT base B at `rateBp` whose B + VAT(B) is T, or the nearest one below |T|. */
export function baseForTtc(ttcCents: Cents, rateBp: VatRateBp): Cents {
	if (ttcCents < 0) return assertCents(-baseForTtc(assertCents(-ttcCents), rateBp));
	const withVat = (base: number) => base + vatOnHt(assertCents(base), rateBp);
	// When an exact base exists it is always the ticket's own HT (checked for every total up to
	// 2 000 € at 2,1 / 5,5 / 10 / 20 %); otherwise take the largest base below, B + VAT(B) < T.
	const guess = htFromTtc(ttcCents, rateBp);
	if (withVat(guess) === ttcCents) return guess;
	let base = guess + 1;
	while (withVat(base) > ttcCents) base--;
	return assertCents(base);
}

/**
 * BT-146 item net price for a line: the fewest decimals (2 to 6) such that
 * round(quantity × price, 2) gives back the line net amount.
 * @example unitPriceDecimal(2446, 3) // "8.1533"
 */
export function unitPriceDecimal(netCents: number, quantity: number): string {
	let decimals = 2;
	let scaled = 0n;
	for (; decimals <= 6; decimals++) {
		const scale = 10n ** BigInt(decimals - 2);
		scaled = roundDivide(BigInt(netCents) * scale, BigInt(quantity));
		if (roundDivide(scaled * BigInt(quantity), scale) === BigInt(netCents)) break;
	}
	decimals = Math.min(decimals, 6);
	// BT-146 "shall not be negative" (BR-27): a returned line has a negative quantity instead.
	const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(decimals + 1, '0');
	return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
