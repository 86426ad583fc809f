/**
 * The sale at the counter: opening and closing the till, cash in and out, recording a sale from
 * the cart, the X report. Screens call these; the repositories do the transactions.
 */
import {
	buildNewTicket,
	err,
	expectedCash,
	type BalanceIssue,
	type Cents,
	type SaleLineInput,
	type PaymentSummary,
	type ShopSettings,
	type TenderInput,
	type TicketInput,
	type TicketsSummary,
	type TicketTotals,
	type Result
} from '$lib/domain';
import { getCartDraft, saveCartDraft } from '$lib/db/settings-repository';
import {
	lastTicket,
	recordTillSale,
	type LoanKeep,
	type OrderCollection
} from '$lib/db/ticket-repository';
import type { CashMovementRow, TicketRow, TillSessionRow } from '$lib/db/schema';
import { buildXReport } from '$lib/printing/receipt-model';
import { attempt, QUOTA } from './outcome';

import * as tillDb from '$lib/db/till-repository';
export {
	cashMovements,
	currentSession,
	dayClosedMessage,
	openTillCashierStore,
	rememberedOpenTill,
	rememberOpenTill
} from '$lib/db/till-repository';
export { isDayClosed, ticketsSince } from '$lib/db/ticket-repository';
export { findAccountByCode } from '$lib/db/balance-repository';
export type { CashMovementRow, TicketRow, TillSessionRow };

/** The sale on screen is kept on disk until it is recorded: a reload or a crash loses nothing. */
export { getCartDraft, saveCartDraft };

/**
 * Records the sale on screen as one ticket (one transaction: ticket, stock, balances, day totals,
 * chain). On failure nothing is recorded and the sale stays on screen to be validated again.
 */
export async function checkout(input: {
	shop: ShopSettings;
	session: TillSessionRow;
	ticketInput: TicketInput<SaleLineInput>;
	totals: TicketTotals<SaleLineInput>;
	tenders: readonly TenderInput[];
	payment: PaymentSummary;
	customerId: number | null;
	dueDate: string | null;
	issues: readonly BalanceIssue[];
	training: boolean;
	/** Copies of customer orders sold: those orders' lines become « retirée » with the sale. */
	collections?: readonly OrderCollection[];
	/** Copies kept from loans: sold to the borrower with the sale (docs/orders.md#loans). */
	loanKeeps?: readonly LoanKeep[];
}): Promise<Result<TicketRow>> {
	const sale = buildNewTicket({
		tillId: input.shop.tillId,
		cashier: input.session.cashier,
		ticketInput: input.ticketInput,
		totals: input.totals,
		tenders: input.tenders,
		payment: input.payment,
		customerId: input.customerId,
		dueDate: input.dueDate,
		issues: input.issues,
		training: input.training
	});
	const recorded = await attempt(
		() => recordTillSale(sale, new Date(), input.collections, input.loanKeeps),
		'La vente n’a pas été enregistrée'
	);
	if (!recorded.ok && recorded.error.code === QUOTA) {
		return err(
			QUOTA,
			'Espace de stockage plein\u00a0: la vente n’a pas été enregistrée. Libérez de la place puis validez à nouveau.'
		);
	}
	return recorded;
}

/** The till's last real ticket, to print again; null when none was recorded yet. */
export async function lastTicketOf(tillId: string): Promise<TicketRow | null> {
	return (await lastTicket(tillId)) ?? null;
}

/** Prints the X report (reading of the open session, no closing) on the receipt printer. */
export async function printXReport(input: {
	shop: ShopSettings;
	session: TillSessionRow;
	summary: TicketsSummary;
	movements: CashMovementRow[];
}): Promise<Result<'usb' | 'paper'>> {
	const { shop, session, summary, movements } = input;
	const { printer } = await import('$lib/printing/printer.svelte');
	return attempt(
		() =>
			printer.print(
				buildXReport({
					shop,
					tillId: session.tillId,
					cashier: session.cashier,
					openedAt: session.openedAt,
					printedAt: new Date(),
					summary,
					movements,
					expectedCashCents: expectedCash({
						openingFloatCents: session.openingFloatCents,
						cashFromTicketsCents: summary.cashNetCents,
						movements
					})
				})
			),
		'Impression impossible'
	);
}

/** Opens the till for the day with its cash float, under the cashier's name. */
export function openTill(input: {
	tillId: string;
	cashier: string;
	floatCents: Cents;
}): Promise<Result<TillSessionRow>> {
	return attempt(() => tillDb.openTill(input));
}

/** Cash put in or taken out of the drawer (negative), with its reason (docs/till.md). */
export function addCashMovement(input: {
	sessionId: number;
	amountCents: Cents;
	reason: string;
}): Promise<Result<void>> {
	const { sessionId, amountCents, reason } = input;
	return attempt(() => tillDb.addCashMovement(sessionId, amountCents, reason));
}

/** Closes the till with the cash counted, against what the drawer should hold. */
export function closeTill(input: {
	sessionId: number;
	countedCents: Cents;
	expectedCents: Cents;
	countDetail: Record<string, number>;
}): Promise<Result<TillSessionRow>> {
	return attempt(() => tillDb.closeTill(input));
}
