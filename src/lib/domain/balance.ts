import { formatEuros } from './format';
import { gs1CheckDigit } from './identifiers';
import { assertCents, parseEuros, roundDivide, type Cents } from './money';
import { err, ok, type Result } from './result';

/**
 * Gift vouchers, deposits (acomptes) and credit notes (avoirs): money the shop holds for a
 * customer. Selling one is not a sale: it sits outside the VAT base (a multi-purpose voucher is
 * taxed when spent, CGI art. 256 ter; a deposit on goods when they are delivered, CGI art. 269),
 * so it is added to what the customer pays, never to the ticket's VAT totals.
 */
export type BalanceKind = 'gift-voucher' | 'deposit' | 'credit-note';

export const BALANCE_KIND_LABELS: Readonly<Record<BalanceKind, string>> = {
	'gift-voucher': 'Bon cadeau',
	deposit: 'Acompte',
	'credit-note': 'Avoir'
};

/** An amount put on a new voucher, deposit or credit note by a ticket (code given on recording). */
export interface BalanceIssue {
	readonly kind: BalanceKind;
	readonly amountCents: Cents;
	/** Last day it can be spent (gift vouchers), YYYY-MM-DD. */
	readonly validUntil: string | null;
	/** The customer's order a deposit is paid on (docs/features.md "Lien N° commande"). */
	readonly orderReference: string;
}

/** The issue as recorded, with the code printed on the receipt. */
export interface IssuedBalance extends BalanceIssue {
	readonly code: string;
}

const KIND_DIGIT: Readonly<Record<BalanceKind, string>> = {
	'gift-voucher': '8',
	'credit-note': '1',
	deposit: '4'
};

/**
 * The kind a code was printed for (its fifth digit), or null for a code Comptoir did not print.
 * @example balanceKindOfCode('2888800000011') // 'gift-voucher'
 */
export function balanceKindOfCode(code: string): BalanceKind | null {
	if (!/^2888\d{9}$/u.test(code)) return null;
	const digit = code[4];
	const kind = (Object.keys(KIND_DIGIT) as BalanceKind[]).find((k) => KIND_DIGIT[k] === digit);
	return kind ?? null;
}

/**
 * The printed code: an EAN-13 in the GS1 in-store range (prefix 2), so the till's scanner reads
 * it like any article code: 2888, a digit for the kind, the 7-digit sequence, the check digit.
 * @example balanceCode('gift-voucher', 1) // '2888800000011'
 */
export function balanceCode(kind: BalanceKind, sequence: number): string {
	if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 9_999_999) {
		throw new RangeError(`balanceCode: sequence out of range: ${sequence}`);
	}
	const body = `2888${KIND_DIGIT[kind]}${String(sequence).padStart(7, '0')}`;
	return `${body}${gs1CheckDigit(body)}`;
}

const MAX_ISSUE_CENTS = 1_000_000;

export interface BalanceIssueForm {
	readonly kind: BalanceKind;
	readonly amount: string;
	readonly validUntil: string;
	readonly orderReference: string;
}

/**
 * Checks a voucher or deposit typed at the till: a positive amount up to 10 000 €, a validity
 * date that is not already past, and a customer for a deposit (it is paid on their order).
 */
export function validateBalanceIssue(
	form: BalanceIssueForm,
	context: { readonly today: string; readonly hasCustomer: boolean }
): Result<BalanceIssue> {
	const amount = parseEuros(form.amount);
	if (!amount.ok) return err(amount.error.code, amount.error.message, 'amount');
	if (amount.value <= 0 || amount.value > MAX_ISSUE_CENTS) {
		return err(
			'ISSUE_AMOUNT',
			`Saisissez un montant entre 0,01\u00a0€ et ${formatEuros(MAX_ISSUE_CENTS)}.`,
			'amount'
		);
	}
	const orderReference = form.orderReference.trim();
	if (orderReference.length > 40) {
		return err('ISSUE_ORDER', 'Le n° de commande fait 40 caractères au plus.', 'orderReference');
	}
	if (form.kind === 'deposit') {
		if (!context.hasCustomer) {
			return err(
				'DEPOSIT_CUSTOMER',
				'Un acompte se rattache à un client\u00a0: choisissez-le d’abord (F4).',
				'amount'
			);
		}
		return ok({ kind: 'deposit', amountCents: amount.value, validUntil: null, orderReference });
	}
	const validUntil = form.validUntil.trim();
	if (!/^\d{4}-\d{2}-\d{2}$/u.test(validUntil) || Number.isNaN(Date.parse(validUntil))) {
		return err('ISSUE_VALIDITY', 'Saisissez la date de fin de validité.', 'validUntil');
	}
	if (validUntil < context.today) {
		return err('ISSUE_VALIDITY', 'La date de validité est déjà passée.', 'validUntil');
	}
	return ok({ kind: form.kind, amountCents: amount.value, validUntil, orderReference });
}

/** What the customer pays: the sale (VAT included) plus the vouchers and deposits bought. */
export function amountToPay(saleTotalCents: Cents, issues: readonly BalanceIssue[]): Cents {
	return assertCents(
		issues.reduce<number>((sum, issue) => sum + issue.amountCents, saleTotalCents)
	);
}

/** The seed's status column (000 §4.3): Versement, Utilisé en partie, Utilisé, Expiré. */
export function balanceStatus(
	account: { readonly validUntil: string | null },
	issuedCents: number,
	balanceCents: number,
	today: string
): string {
	if (balanceCents <= 0) return 'Utilisé';
	if (account.validUntil !== null && account.validUntil < today) return 'Expiré';
	return balanceCents < issuedCents ? 'Utilisé en partie' : 'Versement';
}

/** Book purchases of a customer over a period, for the loyalty voucher. */
export interface LoyaltyPurchase {
	/** Public price of the books bought (before any discount), VAT included. */
	readonly bookGrossCents: number;
	/** Discounts already given on those books. */
	readonly bookDiscountCents: number;
	/** What was paid for everything else (free of the Loi Lang cap). */
	readonly otherCents: number;
}

/**
 * The loyalty voucher earned on a period's purchases at `rateBp` of what was paid, within the Loi
 * Lang cap on books: discounts plus the reward on books stay within 5 % of their public price for
 * a consumer (loi 81-766 art. 3; a reward beyond is an illegal "prime", docs/rules.md#loi-lang).
 * @example loyaltyVoucherCents([{ bookGrossCents: 22670, bookDiscountCents: 0, otherCents: 0 }],
 *   400, 500) // 9,07 € (docs/features.md: 226,70 € of purchases)
 */
export function loyaltyVoucherCents(
	purchases: readonly LoyaltyPurchase[],
	rateBp: number,
	capBp: number
): Cents {
	let bookGross = 0;
	let bookDiscount = 0;
	let other = 0;
	for (const purchase of purchases) {
		bookGross += purchase.bookGrossCents;
		bookDiscount += purchase.bookDiscountCents;
		other += purchase.otherCents;
	}
	const bookPaid = bookGross - bookDiscount;
	// One rounding rule everywhere: half away from zero (money.ts).
	const share = (cents: number) => Number(roundDivide(BigInt(cents) * BigInt(rateBp), 10_000n));
	const bookReward = Math.max(
		0,
		Math.min(share(bookPaid), Math.floor((bookGross * capBp) / 10_000) - bookDiscount)
	);
	const otherReward = Math.max(0, share(other));
	return assertCents(bookReward + otherReward);
}
