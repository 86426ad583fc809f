import { formatEuros } from './format';
import { assertCents, parseEuros, roundDivide, type Cents } from './money';
import { err, ok, type Result } from './result';

/** What an article is, for the Loi Lang (books) and the VAT rate it usually carries. */
export type ArticleKind = 'livre' | 'livre-scolaire' | 'presse' | 'autre';

export const ARTICLE_KIND_LABELS: Readonly<Record<ArticleKind, string>> = {
	livre: 'Livre',
	'livre-scolaire': 'Livre scolaire',
	presse: 'Presse',
	autre: 'Papeterie / autre'
};

/**
 * The buyer's status under the Loi Lang (loi 81-766 art. 3): consumers get at most 5 % off new
 * books; the State, local authorities, schools and libraries open to the public get at most 9 %;
 * school books bought by schools and authorities are free of any cap. A company is not among the
 * buyers art. 3 names: it gets the consumers' 5 %. The status also decides how an invoice travels
 * (`invoiceChannelOf`).
 */
export type CustomerStatus =
	'particulier' | 'entreprise' | 'collectivite' | 'bibliotheque' | 'ecole';

export const CUSTOMER_STATUS_LABELS: Readonly<Record<CustomerStatus, string>> = {
	particulier: 'particulier',
	entreprise: 'entreprise',
	collectivite: 'collectivité',
	bibliotheque: 'bibliothèque de prêt',
	ecole: 'établissement scolaire'
};

/** The public buyers of the Loi Lang's 9 % (loi 81-766 art. 3), invoiced through Chorus Pro. */
export function isPublicBuyerStatus(status: CustomerStatus): boolean {
	return status === 'collectivite' || status === 'bibliotheque' || status === 'ecole';
}

/**
 * How an invoice reaches its buyer (docs/invoices.md#channels): a public body through Chorus Pro
 * (manual deposit, unchanged in 2027), a company as a reform e-invoice through the shop's
 * plateforme agréée (CGI art. 289 bis), a consumer on paper or PDF (its sale is e-reported).
 */
export type InvoiceChannel = 'chorus' | 'plateforme' | 'papier';

export function invoiceChannelOf(status: CustomerStatus): InvoiceChannel {
	if (isPublicBuyerStatus(status)) return 'chorus';
	return status === 'entreprise' ? 'plateforme' : 'papier';
}

export type Discount =
	| { readonly kind: 'percent'; readonly bp: number }
	| { readonly kind: 'amount'; readonly cents: Cents };

/**
 * Largest discount allowed on an article, in basis points, or `null` when free.
 * @example discountCapBp('livre', 'particulier') // 500
 */
export function discountCapBp(kind: ArticleKind, status: CustomerStatus): number | null {
	if (kind === 'presse' || kind === 'autre') return null;
	// School books: free price for schools and authorities buying them (loi 81-766 art. 3, al. 3).
	if (kind === 'livre-scolaire' && (status === 'ecole' || status === 'collectivite')) return null;
	return isPublicBuyerStatus(status) ? 900 : 500;
}

/** The shop's usual discounts for public buyers (Paramètres), each within the Loi Lang caps. */
export interface DiscountPolicy {
	readonly collectivityDiscountBp: number;
	readonly schoolBookDiscountBp: number;
}

/**
 * The discount a line gets by default for its buyer: public bodies and lending libraries get the
 * collectivity discount on books; a customer on the school tariff gets the school discount on
 * school books. Both stay within the cap of the buyer's status (free price on school books for
 * schools and authorities, loi 81-766 art. 3).
 */
export function defaultDiscount(
	kind: ArticleKind,
	buyer: { readonly status: CustomerStatus; readonly schoolPricing?: boolean | undefined },
	policy: DiscountPolicy
): Discount | null {
	const school = kind === 'livre-scolaire' && buyer.schoolPricing === true;
	if (
		!school &&
		(!isPublicBuyerStatus(buyer.status) || (kind !== 'livre' && kind !== 'livre-scolaire'))
	)
		return null;
	const wanted = school ? policy.schoolBookDiscountBp : policy.collectivityDiscountBp;
	const cap = discountCapBp(kind, buyer.status);
	const bp = cap === null ? wanted : Math.min(cap, wanted);
	return bp > 0 ? { kind: 'percent', bp } : null;
}

/** A percentage in basis points, half away from zero: 5 % of 8,60 € is 0,43 €. */
export function percentOf(amountCents: number, bp: number): Cents {
	return assertCents(Number(roundDivide(BigInt(amountCents) * BigInt(bp), 10_000n)));
}

/** The cap in cents on one line: the capped percentage of its price, rounded like any discount. */
export function discountCapCents(grossCents: number, capBp: number): Cents {
	return percentOf(Math.abs(grossCents), capBp);
}

/**
 * Checks a discount's own shape (0 to 100 %, amount within the line) and answers its value in
 * cents, with the sign of `baseCents` (a discount on a returned line is negative too).
 */
export function discountCents(discount: Discount, baseCents: number, field: string): Result<Cents> {
	if (discount.kind === 'percent') {
		if (!Number.isInteger(discount.bp) || discount.bp < 0 || discount.bp > 10_000) {
			return err('DISCOUNT_INVALID', 'Une remise doit être comprise entre 0 et 100\u00a0%.', field);
		}
		return ok(percentOf(baseCents, discount.bp));
	}
	if (!Number.isSafeInteger(discount.cents) || discount.cents < 0) {
		return err('DISCOUNT_INVALID', 'Une remise ne peut pas être négative.', field);
	}
	if (discount.cents > Math.abs(baseCents)) {
		return err('DISCOUNT_ABOVE_PRICE', 'La remise dépasse le montant à remiser.', field);
	}
	return ok(assertCents(Math.sign(baseCents) * discount.cents));
}

/** French percentage for messages: 500 → "5 %", 550 → "5,5 %". */
export function formatBp(bp: number): string {
	// A non-breaking space before « % » (French typography): the rate never wraps from its sign.
	return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bp / 100)}\u00a0%`;
}

/**
 * Reads a discount as typed at the till: "5 %" or "5,5%" is a percentage, "0,50" or "0,50 €" an
 * amount, empty means no discount.
 * @example parseDiscount('5 %') // { ok: true, value: { kind: 'percent', bp: 500 } }
 */
export function parseDiscount(text: string): Result<Discount | null> {
	const trimmed = text.trim();
	if (trimmed === '') return ok(null);
	const percent = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%$/u.exec(trimmed);
	if (percent) {
		const bp = Number(percent[1]) * 100 + Number((percent[2] ?? '').padEnd(2, '0'));
		if (bp > 10_000) return err('DISCOUNT_INVALID', 'Une remise ne peut pas dépasser 100\u00a0%.');
		return ok({ kind: 'percent', bp });
	}
	const amount = parseEuros(trimmed);
	if (!amount.ok) {
		return err(
			'DISCOUNT_INVALID',
			'Remise invalide\u00a0: saisissez un pourcentage (5\u00a0%) ou un montant (0,50).'
		);
	}
	return ok({ kind: 'amount', cents: amount.value });
}

/** A discount as the till shows it: "5 %" or "0,50 €". */
export function formatDiscount(discount: Discount | null): string {
	if (!discount) return '';
	return discount.kind === 'percent' ? formatBp(discount.bp) : formatEuros(discount.cents);
}

/**
 * A percentage typed in a setting, as basis points: "9", "4,5 %", "0.5" → 900, 450, 50; null when
 * it is not a percentage with at most two decimals.
 */
export function parsePercentBp(text: string): number | null {
	const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/u.exec(text.trim());
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
