import { formatEuros } from './format';
import { err, ok, type Result } from './result';
import { daysBetween } from './ticket-period';

/**
 * What an invoice is owed (docs/invoices.md#what-is-owed): its total, less what was paid at the
 * counter (printed on it as « Déjà réglé »), less its credit notes, less what was received since.
 * A credit note reduces what is owed unless its amount was given back to the customer (a
 * cancelled ticket's refund) or carried to the invoice that replaces it: that part is « repaid ».
 */
export interface InvoiceAccount {
	readonly totalCents: number;
	readonly paidAtIssueCents: number;
	/** Each credit note's amount (positive) and the part of it repaid or carried. */
	readonly credits: readonly { readonly amountCents: number; readonly repaidCents: number }[];
	/** Payments recorded on the invoice and settlements of its tickets sold « en compte ». */
	readonly receivedCents: number;
}

export function creditedCents(account: InvoiceAccount): number {
	return account.credits.reduce((sum, credit) => sum + credit.amountCents, 0);
}

/** invoice − counter payment − credit notes (net of what they repaid) − payments received. */
export function amountOwed(account: InvoiceAccount): number {
	const credited = account.credits.reduce(
		(sum, credit) => sum + credit.amountCents - credit.repaidCents,
		0
	);
	return account.totalCents - account.paidAtIssueCents - credited - account.receivedCents;
}

/**
 * A credit note may not take more than is owed: beyond it the customer would be owed money, which
 * is a refund (cancel the ticket at the till) or a new invoice (« Émettre un avoir et refacturer »).
 */
export function checkCredit(
	account: InvoiceAccount,
	credit: { readonly amountCents: number; readonly repaidCents: number }
): Result<InvoiceAccount> {
	const owed = amountOwed(account);
	if (credit.amountCents <= 0) {
		return err(
			'CREDIT_EMPTY',
			'Choisissez au moins une ligne et une quantité à créditer.',
			'lines'
		);
	}
	if (credit.amountCents - credit.repaidCents > owed) {
		return err(
			'CREDIT_TOO_LARGE',
			owed <= 0
				? `Cette facture ne doit plus rien\u00a0: un avoir de ${formatEuros(credit.amountCents)} rendrait de l’argent au client. Pour rembourser, annulez le ticket à la caisse\u00a0; pour corriger la facture, «\u00a0Émettre un avoir et refacturer\u00a0».`
				: `Cet avoir (${formatEuros(credit.amountCents)}) dépasse ce qui reste dû sur la facture (${formatEuros(owed)}).`,
			'lines'
		);
	}
	return ok({ ...account, credits: [...account.credits, credit] });
}

/** A payment received may not exceed what is owed. */
export function checkPayment(account: InvoiceAccount, amountCents: number): Result<InvoiceAccount> {
	const owed = amountOwed(account);
	if (amountCents <= 0) return err('AMOUNT_ZERO', 'Le montant du règlement est nul.', 'amount');
	if (amountCents > owed) {
		return err(
			'AMOUNT_TOO_LARGE',
			`Le règlement dépasse ce qui reste à payer (${formatEuros(owed)}).`,
			'amount'
		);
	}
	return ok({ ...account, receivedCents: account.receivedCents + amountCents });
}

/**
 * « Émettre un avoir et refacturer » replaces a whole invoice: only while nothing of it was
 * credited or received, else those would have to be split between the two (docs/invoices.md#reissue).
 */
export function checkReissue(account: InvoiceAccount): Result<InvoiceAccount> {
	if (creditedCents(account) > 0) {
		return err(
			'ALREADY_CREDITED',
			'Un avoir existe déjà sur cette facture\u00a0: faites un avoir sur le reste, puis une nouvelle facture.'
		);
	}
	if (account.receivedCents > 0) {
		return err(
			'ALREADY_PAID',
			`Un règlement de ${formatEuros(account.receivedCents)} a été reçu sur cette facture\u00a0: elle ne se refait pas. Faites un avoir partiel si besoin.`
		);
	}
	return ok(account);
}

/** Where a document with a due date stands in « Les échéances ». */
export type DueState = 'a-echoir' | 'echue' | 'partiellement-payee' | 'payee' | 'soldee-par-avoir';

export const DUE_STATE_LABELS: Readonly<Record<DueState, string>> = {
	'a-echoir': 'À échoir',
	echue: 'Échue',
	'partiellement-payee': 'Partiellement payée',
	payee: 'Payée',
	'soldee-par-avoir': 'Soldée par avoir'
};

/**
 * Paid when nothing is owed (« soldée par avoir » when credit notes did it); overdue once the due
 * day has passed; partly paid when something was received; else not yet due.
 */
export function dueState(
	account: InvoiceAccount,
	dueDay: string | null,
	today: string
): { state: DueState; daysLate: number } {
	const owed = amountOwed(account);
	if (owed <= 0) {
		const creditsCleared =
			account.credits.length > 0 &&
			account.receivedCents + account.paidAtIssueCents < account.totalCents;
		return { state: creditsCleared ? 'soldee-par-avoir' : 'payee', daysLate: 0 };
	}
	const daysLate = dueDay === null ? 0 : Math.max(0, daysBetween(dueDay, today));
	if (daysLate > 0) return { state: 'echue', daysLate };
	const reduced = account.receivedCents > 0 || creditedCents(account) > 0;
	return { state: reduced ? 'partiellement-payee' : 'a-echoir', daysLate: 0 };
}

/** The account of a sale left to pay at its due date (« en compte »), before any invoice. */
export function deferredTicketAccount(input: {
	readonly totalCents: number;
	readonly deferredCents: number;
	readonly settledCents: number;
}): InvoiceAccount {
	return {
		totalCents: input.totalCents,
		paidAtIssueCents: input.totalCents - input.deferredCents,
		credits: [],
		receivedCents: input.settledCents
	};
}

/**
 * A ticket's invoice now, among the records naming it: the latest final invoice (one issued
 * again after a credit note replaces the first; docs/invoices.md#reissue).
 */
export function currentInvoiceOf<T extends { readonly kind: string; readonly id?: number }>(
	rows: readonly T[]
): T | null {
	const order = (row: T) => row.id ?? 0;
	return (
		rows
			.filter((row) => row.kind === 'invoice')
			.sort((a, b) => order(a) - order(b))
			.at(-1) ?? null
	);
}
