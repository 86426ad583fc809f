/**
 * A loan as stored (docs/orders.md#loans): its own module, as the till's sale transaction writes
 * loans too and must not import the invoices' code.
 */
import { copiesOut, loanIsOpen, type Loan } from '$lib/domain';
import type { LoanRow, Unsaved } from './schema';

/** The loan with what its indexes read: titles still out, its due day while open. */
export function loanRow(loan: Loan): Unsaved<LoanRow> {
	return {
		...loan,
		lentEans: [...new Set(loan.lines.filter((l) => copiesOut(l) > 0 && l.ean).map((l) => l.ean))],
		openDueBack: loanIsOpen(loan) ? loan.dueBack : ''
	};
}
