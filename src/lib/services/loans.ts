/**
 * Loans on approval (« prêts », docs/orders.md#loans): lending copies to a customer, their
 * return (back on the shelf, or kept and sold), the overdue list, the stock « en prêt ».
 */
import {
	loanDaysLate,
	type InvoiceReferences,
	type LoanReturnLine,
	type NewLoan,
	type Result
} from '$lib/domain';
import { customerDisplayName, getCustomer } from '$lib/db/customer-repository';
import {
	copiesOnLoan,
	getLoan,
	latestLoans,
	loansOf,
	openLoans,
	recordLoan,
	recordLoanReturn
} from '$lib/db/loan-repository';
import type { CustomerRow, InvoiceRow, LoanRow } from '$lib/db/schema';
import { attemptResult } from './outcome';

export type { LoanRow };
export { copiesOnLoan, loansOf };

/** Records a new loan, numbered in the series of orders, quotes and loans. */
export function lend(input: { loan: NewLoan; by: string }): Promise<Result<LoanRow>> {
	return attemptResult(() => recordLoan(input), 'Le prêt n’a pas été enregistré');
}

/** A return: copies back, copies kept (invoiced now when `invoiceKept`). */
export function returnLoan(input: {
	id: number;
	lines: readonly LoanReturnLine[];
	invoiceKept: boolean;
	references?: InvoiceReferences;
	by: string;
}): Promise<Result<{ loan: LoanRow; invoice: InvoiceRow | null }>> {
	return attemptResult(() => recordLoanReturn(input), 'Le retour n’a pas été enregistré');
}

export interface LoanView {
	readonly loan: LoanRow;
	readonly customer: CustomerRow | null;
	readonly customerName: string;
	readonly daysLate: number;
}

async function viewOf(loan: LoanRow, today: string): Promise<LoanView> {
	const customer = (await getCustomer(loan.customerId)) ?? null;
	return {
		loan,
		customer,
		customerName: customer ? customerDisplayName(customer) : `Client n° ${loan.customerId}`,
		daysLate: loanDaysLate(loan, today)
	};
}

export async function getLoanView(id: number, today: string): Promise<LoanView | null> {
	const loan = await getLoan(id);
	return loan ? viewOf(loan, today) : null;
}

/** « Prêts »: the open ones (overdue first, then by due day) and the last ones closed. */
export async function loanLists(today: string): Promise<{ open: LoanView[]; closed: LoanView[] }> {
	const open = await Promise.all((await openLoans()).map((loan) => viewOf(loan, today)));
	const closed = await Promise.all(
		(await latestLoans(50))
			.filter((loan) => loan.openDueBack === '')
			.map((loan) => viewOf(loan, today))
	);
	return { open, closed };
}
