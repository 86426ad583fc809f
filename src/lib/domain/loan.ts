/**
 * Loans on approval (« prêts », docs/orders.md#loans): books lent to a library choosing its
 * purchases or to a teacher, due back by a date. The copies stay the shop's stock, shown « en
 * prêt »; on return each copy is either back on the shelf or kept, and a kept copy is sold (at the
 * till or on an invoice). Pure; nothing is ever deleted.
 */
import type { NewOrderLine, OrderEvent, StepContext } from './customer-order';
import { err, ok, type Result } from './result';
import { daysBetween, formatDay } from './ticket-period';

/** A title lent: the article and the price a kept copy is sold at. */
export type NewLoanLine = NewOrderLine;

export interface LoanLine extends NewLoanLine {
	/** Copies brought back to the shop. */
	readonly returned: number;
	/** Copies the borrower kept, sold to them. */
	readonly kept: number;
}

/** How the copies a borrower kept were sold. */
export interface LoanSale {
	readonly kind: 'ticket' | 'invoice';
	readonly id: number;
	/** The ticket's or the invoice's number, as printed. */
	readonly number: string;
}

export interface Loan {
	/** In the seed's one series of « Commandes - Devis - Prêts ». */
	readonly number: number;
	readonly customerId: number;
	readonly createdOn: string;
	readonly updatedOn: string;
	/** The day its last copy came back or was sold. */
	readonly closedOn: string | null;
	/** Day the copies are due back (YYYY-MM-DD). */
	readonly dueBack: string;
	readonly note: string;
	readonly lines: readonly LoanLine[];
	readonly sales: readonly LoanSale[];
	readonly history: readonly OrderEvent[];
}

export interface NewLoan {
	readonly customerId: number | null;
	readonly dueBack: string;
	readonly note: string;
	readonly lines: readonly NewLoanLine[];
}

const MAX_COPIES = 999;

/** Copies of a line still with the borrower. */
export function copiesOut(line: LoanLine): number {
	return line.quantity - line.returned - line.kept;
}

/** « prêt en cours » until every copy is back or sold. */
export function loanIsOpen(loan: Pick<Loan, 'lines'>): boolean {
	return loan.lines.some((line) => copiesOut(line) > 0);
}

/** Late once its due-back day has passed with copies still out. */
export function loanIsOverdue(loan: Pick<Loan, 'lines' | 'dueBack'>, today: string): boolean {
	return loanIsOpen(loan) && today > loan.dueBack;
}

/** Days past the due-back day (0 when not late). */
export function loanDaysLate(loan: Pick<Loan, 'lines' | 'dueBack'>, today: string): number {
	return loanIsOverdue(loan, today) ? daysBetween(loan.dueBack, today) : 0;
}

/** The loan's status as the customer file lists it (« prêt en cours », « prêt terminé »). */
export function loanFileLabel(loan: Pick<Loan, 'lines'>): string {
	return loanIsOpen(loan) ? 'prêt en cours' : 'prêt terminé';
}

/** A new loan « en cours », or where the form is wrong. */
export function createLoan(number: number, input: NewLoan, context: StepContext): Result<Loan> {
	if (input.customerId === null) {
		return err(
			'LOAN_CUSTOMER_MISSING',
			'Choisissez l’emprunteur dans les clients\u00a0: un prêt se rend ou se facture à quelqu’un de connu.',
			'customer'
		);
	}
	if (Number.isNaN(daysBetween(context.day, input.dueBack))) {
		return err('LOAN_DUE_INVALID', 'Donnez la date de retour prévue.', 'dueBack');
	}
	if (input.dueBack < context.day) {
		return err(
			'LOAN_DUE_PAST',
			'La date de retour prévue ne peut pas être déjà passée.',
			'dueBack'
		);
	}
	if (input.lines.length === 0) {
		return err('LOAN_EMPTY', 'Ajoutez au moins un titre au prêt.', 'lines');
	}
	for (const [index, line] of input.lines.entries()) {
		if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_COPIES) {
			return err(
				'LOAN_QUANTITY_INVALID',
				`Quantité de «\u00a0${line.title}\u00a0»\u00a0: un nombre entier de 1 à ${MAX_COPIES}.`,
				`lines.${index}.quantity`
			);
		}
	}
	return ok({
		number,
		customerId: input.customerId,
		createdOn: context.day,
		updatedOn: context.day,
		closedOn: null,
		dueBack: input.dueBack,
		note: input.note.trim(),
		lines: input.lines.map((line) => ({ ...line, returned: 0, kept: 0 })),
		sales: [],
		history: [
			{
				at: context.at,
				by: context.by,
				text: `Prêt enregistré, retour prévu le ${formatDay(input.dueBack)}`
			}
		]
	});
}

/** What comes back of one line: copies back on the shelf, copies the borrower keeps. */
export interface LoanReturnLine {
	readonly line: number;
	readonly returned: number;
	readonly kept: number;
}

function copies(n: number): string {
	return `${n}\u00a0exemplaire${n > 1 ? 's' : ''}`;
}

/**
 * The loan after a return: each line's copies back or kept, at most what is still out. Kept
 * copies are sold by the same change (`sale`), so a kept copy is never left unsold.
 */
export function applyLoanReturn(
	loan: Loan,
	input: { readonly lines: readonly LoanReturnLine[]; readonly sale: LoanSale | null },
	context: StepContext
): Result<Loan> {
	const touched = input.lines.filter((entry) => entry.returned !== 0 || entry.kept !== 0);
	if (touched.length === 0) {
		return err(
			'LOAN_RETURN_EMPTY',
			'Indiquez pour au moins un titre les exemplaires rendus ou gardés.',
			'lines'
		);
	}
	const keptTotal = touched.reduce((sum, entry) => sum + entry.kept, 0);
	if (keptTotal > 0 && input.sale === null) {
		return err(
			'LOAN_KEPT_UNSOLD',
			'Les exemplaires gardés se vendent en caisse ou sur facture.',
			'lines'
		);
	}
	const lines = [...loan.lines];
	const said: string[] = [];
	for (const entry of touched) {
		const line = lines[entry.line];
		if (!line) return err('LOAN_LINE_UNKNOWN', 'Ce titre n’est pas dans le prêt.', 'lines');
		const field = `lines.${entry.line}`;
		for (const count of [entry.returned, entry.kept]) {
			if (!Number.isInteger(count) || count < 0) {
				return err(
					'LOAN_RETURN_COUNT',
					`«\u00a0${line.title}\u00a0»\u00a0: un nombre entier d’exemplaires, 0 ou plus.`,
					field
				);
			}
		}
		const out = copiesOut(line);
		if (entry.returned + entry.kept > out) {
			return err(
				'LOAN_RETURN_TOO_MANY',
				`«\u00a0${line.title}\u00a0»\u00a0: ${out === 0 ? 'aucun exemplaire' : `${copies(out)} seulement`} encore en prêt (ici ${entry.returned + entry.kept}).`,
				field
			);
		}
		lines[entry.line] = {
			...line,
			returned: line.returned + entry.returned,
			kept: line.kept + entry.kept
		};
		said.push(
			[
				entry.returned > 0 ? `${copies(entry.returned)} rendu${entry.returned > 1 ? 's' : ''}` : '',
				entry.kept > 0 ? `${copies(entry.kept)} gardé${entry.kept > 1 ? 's' : ''}` : ''
			]
				.filter(Boolean)
				.join(', ') + ` de «\u00a0${line.title}\u00a0»`
		);
	}
	const next = { ...loan, lines };
	const saleText = input.sale
		? ` — vendu${keptTotal > 1 ? 's' : ''} sur ${input.sale.kind === 'ticket' ? 'le ticket' : 'la facture'} n°\u00a0${input.sale.number}`
		: '';
	return ok({
		...next,
		updatedOn: context.day,
		closedOn: loanIsOpen(next) ? null : context.day,
		sales: input.sale ? [...loan.sales, input.sale] : loan.sales,
		history: [
			...loan.history,
			{ at: context.at, by: context.by, text: `Retour\u00a0: ${said.join('\u00a0; ')}${saleText}` }
		]
	});
}

/** Copies of each title still lent, for the stock shown « en prêt ». */
export function lentCopies(loans: readonly Pick<Loan, 'lines'>[]): Map<string, number> {
	const lent = new Map<string, number>();
	for (const loan of loans) {
		for (const line of loan.lines) {
			const out = copiesOut(line);
			if (out > 0 && line.ean) lent.set(line.ean, (lent.get(line.ean) ?? 0) + out);
		}
	}
	return lent;
}
