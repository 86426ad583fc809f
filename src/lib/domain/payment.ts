import { formatEuros } from './format';
import { assertCents, type Cents } from './money';
import { err, ok, type Result } from './result';

export type PaymentMethod =
	'especes' | 'carte' | 'cheque' | 'virement' | 'bon-cadeau' | 'avoir' | 'acompte' | 'en-compte';

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
	especes: 'Espèces',
	carte: 'Carte bancaire',
	cheque: 'Chèque',
	virement: 'Virement',
	'bon-cadeau': 'Bon cadeau',
	avoir: 'Avoir',
	acompte: 'Acompte',
	'en-compte': 'En compte (à échéance)'
};

/** The field asking for the code of a voucher, credit note or deposit paid with. */
export const REFERENCE_LABELS: Readonly<Partial<Record<PaymentMethod, string>>> = {
	'bon-cadeau': 'Code du bon cadeau',
	avoir: 'Code de l’avoir',
	acompte: 'Code de l’acompte'
};

/** What is left to pay at the due date: the "en compte" part of a ticket's payments. */
export function deferredCents(
	payments: readonly { readonly method: PaymentMethod; readonly amountCents: number }[]
): Cents {
	return assertCents(
		payments.filter((p) => p.method === 'en-compte').reduce((sum, p) => sum + p.amountCents, 0)
	);
}

/** Tenders drawn on a balance the shop keeps: they need a code and can't exceed its balance. */
const BALANCE_METHODS: ReadonlySet<PaymentMethod> = new Set(['bon-cadeau', 'avoir', 'acompte']);

/** Whether a tender is drawn on a voucher, credit note or deposit (it needs its code). */
export function isBalanceMethod(method: PaymentMethod): boolean {
	return BALANCE_METHODS.has(method);
}

export interface TenderInput {
	readonly method: PaymentMethod;
	/** Positive for a sale, negative for a refund. */
	readonly amountCents: Cents;
	/** Code of the voucher, credit note or deposit. */
	readonly reference?: string;
	/** Balance left on that voucher, credit note or deposit, read just before. */
	readonly availableCents?: Cents;
}

export interface PaymentInput {
	readonly totalCents: Cents;
	readonly tenders: readonly TenderInput[];
	/** "En compte" is only for a known customer. */
	readonly hasCustomer: boolean;
}

export interface PaymentSummary {
	readonly paidCents: Cents;
	/** Cash handed back: only cash gives change. */
	readonly changeCents: Cents;
	readonly byMethod: readonly { readonly method: PaymentMethod; readonly amountCents: Cents }[];
}

/**
 * Checks the tenders of a ticket: they must cover the total exactly, except cash which may exceed
 * it and gives change; a voucher, credit note or deposit can't be used beyond its balance.
 * A refund (negative total) is paid back exactly, with no change.
 * @example validatePayments({ totalCents: 1260, hasCustomer: false,
 *   tenders: [{ method: 'especes', amountCents: 2000 }] }) // change 7,40 €
 */
export function validatePayments(input: PaymentInput): Result<PaymentSummary> {
	const sign = Math.sign(input.totalCents);
	let paid = 0;
	let cash = 0;
	const usedByReference = new Map<string, number>();
	for (const [index, tender] of input.tenders.entries()) {
		const field = `tenders.${index}`;
		if (!Number.isSafeInteger(tender.amountCents) || tender.amountCents === 0) {
			return err('TENDER_INVALID', 'Saisissez un montant pour ce règlement.', field);
		}
		if (sign !== 0 && Math.sign(tender.amountCents) !== sign) {
			return err(
				'TENDER_SIGN',
				sign > 0
					? 'Un règlement doit être positif sur une vente.'
					: 'Un remboursement se saisit en négatif.',
				field
			);
		}
		if (tender.method === 'en-compte' && !input.hasCustomer) {
			return err(
				'CUSTOMER_REQUIRED',
				'Le règlement «\u00a0en compte\u00a0» demande un client identifié.',
				field
			);
		}
		if (isBalanceMethod(tender.method) && tender.amountCents > 0) {
			if (!tender.reference || tender.availableCents === undefined) {
				return err(
					'BALANCE_UNKNOWN',
					'Scannez ou saisissez le code du bon, de l’avoir ou de l’acompte.',
					field
				);
			}
			const used = (usedByReference.get(tender.reference) ?? 0) + tender.amountCents;
			usedByReference.set(tender.reference, used);
			if (used > tender.availableCents) {
				return err(
					'BALANCE_EXCEEDED',
					`Solde insuffisant sur ${tender.reference}\u00a0: ${formatEuros(tender.availableCents)} disponibles.`,
					field
				);
			}
		}
		paid += tender.amountCents;
		if (tender.method === 'especes') cash += tender.amountCents;
	}

	const difference = paid - input.totalCents;
	if (sign >= 0 && difference < 0) {
		return err(
			'PAYMENT_INSUFFICIENT',
			`Il reste ${formatEuros(-difference)} à encaisser.`,
			'tenders'
		);
	}
	if (sign < 0 && difference !== 0) {
		return err(
			'REFUND_MISMATCH',
			`Le remboursement doit être de ${formatEuros(-input.totalCents)} exactement.`,
			'tenders'
		);
	}
	if (difference > 0 && difference > cash) {
		return err(
			'PAYMENT_EXCEEDS',
			`Le règlement dépasse le total de ${formatEuros(difference)}\u00a0: seules les espèces rendent la monnaie.`,
			'tenders'
		);
	}

	const byMethod = new Map<PaymentMethod, number>();
	for (const tender of input.tenders) {
		byMethod.set(tender.method, (byMethod.get(tender.method) ?? 0) + tender.amountCents);
	}
	return ok({
		paidCents: assertCents(paid),
		changeCents: assertCents(difference),
		byMethod: [...byMethod].map(([method, amount]) => ({
			method,
			amountCents: assertCents(amount)
		}))
	});
}

/** What is still to be paid (positive) or to give back (negative) while tenders are typed. */
export function remainingToPay(totalCents: Cents, tenders: readonly TenderInput[]): Cents {
	return assertCents(totalCents - tenders.reduce((sum, tender) => sum + tender.amountCents, 0));
}

/**
 * Whether a sale at the till gives money back to a customer: a line with a negative quantity
 * (an item brought back) or a negative tender (cash or a credit note paid out). Such a sale asks
 * the manager PIN when one is set: a refund is how a till is emptied (docs/integrity.md#pin).
 */
export function isRefund(
	lines: readonly { readonly quantity: number }[],
	tenders: readonly { readonly amountCents: number }[]
): boolean {
	return (
		lines.some((line) => line.quantity < 0) || tenders.some((tender) => tender.amountCents < 0)
	);
}
