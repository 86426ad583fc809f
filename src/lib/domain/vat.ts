import { apportion, assertCents, roundDivide, sumCents, type Cents } from './money';
import { err, ok, type Result } from './result';

declare const bpBrand: unique symbol;
/** A VAT rate in basis points: 550 = 5,5 %. */
export type VatRateBp = number & { readonly [bpBrand]: true };

/**
 * French VAT rates a shop may sell at (CGI art. 278 to 281 nonies):
 * books 5,5 % (278-0 bis A), CPPAP press 2,1 % (298 septies), food/drinks 10 %, the rest 20 %.
 */
export const VAT_RATES_BP = [210, 550, 1000, 2000] as const satisfies readonly number[];

export function isVatRateBp(value: number): value is VatRateBp {
	return (VAT_RATES_BP as readonly number[]).includes(value);
}

/** Guards a rate entering the domain; throws on a rate France does not have (programmer error). */
export function assertVatRateBp(value: number): VatRateBp {
	if (!isVatRateBp(value)) throw new Error(`assertVatRateBp: not a French VAT rate: ${value}`);
	return value;
}

/** Parses a rate typed or imported as "5,5", "5.5 %", "20" or "2,1 %". */
export function parseVatRate(text: string): Result<VatRateBp> {
	const match = /^(\d{1,2})(?:[.,](\d{1,2}))?\s*%?$/u.exec(text.trim());
	const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
	if (!isVatRateBp(bp)) {
		return err(
			'VAT_RATE_INVALID',
			`Taux de TVA «\u00a0${text.trim()}\u00a0» inconnu\u00a0: choisissez 2,1\u00a0%, 5,5\u00a0%, 10\u00a0% ou 20\u00a0%.`
		);
	}
	return ok(bp);
}

/**
 * Amount excluding VAT of a VAT-inclusive amount at one rate, rounded half away from zero.
 * This is the ticket's rule (docs/features.md): HT = round(TTC / (1 + rate)), TVA = TTC − HT.
 * @example htFromTtc(4540, 550) // 4303 → TVA 237
 */
export function htFromTtc(ttcCents: Cents, rateBp: VatRateBp): Cents {
	return assertCents(Number(roundDivide(BigInt(ttcCents) * 10_000n, BigInt(10_000 + rateBp))));
}

/**
 * VAT on an amount excluding VAT, rounded to the cent (EN 16931 BR-CO-17).
 * @example vatOnHt(4303, 550) // 237
 */
export function vatOnHt(htCents: Cents, rateBp: VatRateBp): Cents {
	return assertCents(Number(roundDivide(BigInt(htCents) * BigInt(rateBp), 10_000n)));
}

export interface RateSplit {
	readonly vatRateBp: VatRateBp;
	/** Σ line TTC at this rate. */
	readonly ttcCents: Cents;
	/** The rate's amount excluding VAT, as chosen by `baseOf`. */
	readonly htCents: Cents;
}

/**
 * Groups VAT-inclusive lines by rate (lowest first), asks `baseOf` for each rate's HT, and
 * apportions that HT over the rate's lines in proportion to their exact TTC / (1 + rate), so the
 * per-line HT add up to the rate's HT to the cent. Used by tickets (HT = round(TTC / (1 + rate)))
 * and by EN 16931 invoices (HT whose rounded VAT gives back the TTC).
 */
export function splitHtByRate(
	lines: readonly { readonly vatRateBp: VatRateBp; readonly ttcCents: number }[],
	baseOf: (ttcCents: Cents, rateBp: VatRateBp) => Cents
): { rates: RateSplit[]; htByLine: Cents[] } {
	const groups = new Map<VatRateBp, { ttcCents: number; index: number }[]>();
	lines.forEach(({ vatRateBp, ttcCents }, index) => {
		const group = groups.get(vatRateBp);
		if (group) group.push({ ttcCents, index });
		else groups.set(vatRateBp, [{ ttcCents, index }]);
	});
	const htByLine = lines.map(() => assertCents(0));
	const rates = [...groups]
		.sort(([a], [b]) => a - b)
		.map(([vatRateBp, members]) => {
			const ttcCents = sumCents(members.map((m) => m.ttcCents));
			const htCents = baseOf(ttcCents, vatRateBp);
			const parts = apportion(
				BigInt(htCents),
				members.map((m) => BigInt(m.ttcCents) * 10_000n),
				BigInt(10_000 + vatRateBp)
			);
			members.forEach((m, k) => (htByLine[m.index] = assertCents(Number(parts[k]))));
			return { vatRateBp, ttcCents, htCents };
		});
	return { rates, htByLine };
}
