/**
 * Loans on approval in IndexedDB (docs/orders.md#loans). Lent copies stay in the shop's
 * stock, counted « en prêt » from the open loans; a return is one transaction: the loan, the
 * invoice of the copies kept when they are invoiced, the journal.
 */
import {
	applyLoanReturn,
	createLoan,
	customerInvoiceDetails,
	defaultDiscount,
	dueDayAfter,
	err,
	invoiceDocumentFromDraft,
	lentCopies,
	ok,
	parisDay,
	referencesOver,
	termDaysOf,
	type InvoiceReferences,
	type LoanReturnLine,
	type LoanSale,
	type NewLoan,
	type Result
} from '$lib/domain';
import { queueStockMovement, revisionTables } from './catalogue-sync';
import { addJournalEntry } from './chain-repository';
import { invoiceBuyerOf } from './customer-repository';
import { getDb, nextInSequence } from './db';
import { issueInvoice, reject, shopOrReject } from './invoice-repository';
import { FILE_SEQUENCE } from './order-repository';
import { getPreferences } from './settings-repository';
import { loanRow } from './loan-rows';
import type { InvoiceRow, LoanRow } from './schema';

function context(by: string, now: Date) {
	return { at: now.toISOString(), day: parisDay(now), by };
}

/** Records a new loan, numbered in the file's series, or says why the form is refused. */
export async function recordLoan(input: {
	loan: NewLoan;
	by: string;
	now?: Date;
}): Promise<Result<LoanRow>> {
	const now = input.now ?? new Date();
	const step = context(input.by, now);
	// Checked before a number is taken: a refused form spends none.
	const checked = createLoan(0, input.loan, step);
	if (!checked.ok) return checked;
	const db = getDb();
	const row = await db.transaction(
		'rw',
		[db.loans, db.sequences, db.journal, db.chainHeads],
		async () => {
			const number = await nextInSequence(FILE_SEQUENCE);
			const unsaved = loanRow({ ...checked.value, number });
			const saved: LoanRow = { ...unsaved, id: await db.loans.add(unsaved) };
			await addJournalEntry({
				at: step.at,
				type: 'loan-created',
				detail: { loanId: saved.id, number, by: input.by }
			});
			return saved;
		}
	);
	return ok(row);
}

/**
 * A return: copies back on the shelf, copies kept. Kept copies are sold in the same transaction,
 * either on the ticket being recorded (`sale`) or on an invoice issued now (`invoice: true`) for
 * the borrower as their file stands, with its Chorus Pro references. A refusal writes nothing.
 */
export async function recordLoanReturn(input: {
	id: number;
	lines: readonly LoanReturnLine[];
	invoiceKept: boolean;
	/** The buyer's references for that invoice (a library's purchase order), over its file's. */
	references?: InvoiceReferences;
	by: string;
	now?: Date;
}): Promise<Result<{ loan: LoanRow; invoice: InvoiceRow | null }>> {
	const now = input.now ?? new Date();
	const step = context(input.by, now);
	const db = getDb();
	return db.transaction(
		'rw',
		[
			db.loans,
			db.invoices,
			db.customers,
			db.settings,
			db.stock,
			db.sequences,
			db.journal,
			db.chainHeads,
			...revisionTables(db)
		],
		async (): Promise<Result<{ loan: LoanRow; invoice: InvoiceRow | null }>> => {
			const loan = await db.loans.get(input.id);
			if (!loan) return err('LOAN_MISSING', 'Ce prêt est introuvable.');
			const kept = input.lines.filter((entry) => entry.kept > 0);
			// Checked first with a placeholder sale: a refused return takes no invoice number.
			const placeholder: LoanSale | null =
				kept.length > 0 && input.invoiceKept ? { kind: 'invoice', id: 0, number: '' } : null;
			const check = applyLoanReturn(loan, { lines: input.lines, sale: placeholder }, step);
			// Refused at the line it is about, before anything is written.
			if (!check.ok) return check;
			let invoice: InvoiceRow | null = null;
			if (placeholder) {
				invoice = await invoiceKeptCopies(loan, kept, input.references, now);
			}
			const next = applyLoanReturn(
				loan,
				{
					lines: input.lines,
					sale: invoice ? { kind: 'invoice', id: invoice.id, number: invoice.number } : null
				},
				step
			);
			if (!next.ok) return next;
			const row: LoanRow = { ...loanRow(next.value), id: loan.id };
			await db.loans.put(row);
			if (invoice) {
				// Lent copies never left the stock: sold now, they do.
				await removeFromStock(
					kept.map((entry) => [loan.lines[entry.line]?.ean ?? '', entry.kept]),
					input.by,
					step.at
				);
			}
			await addJournalEntry({
				at: step.at,
				type: 'loan-return',
				detail: {
					loanId: row.id,
					number: row.number,
					...(invoice ? { invoiceId: invoice.id, invoice: invoice.number } : {}),
					by: input.by
				}
			});
			return ok({ loan: row, invoice });
		}
	);
}

async function removeFromStock(
	sold: readonly (readonly [string, number])[],
	by: string,
	at: string
): Promise<void> {
	const db = getDb();
	for (const [ean, quantity] of sold) {
		if (!ean) continue;
		const stock = (await db.stock.get(ean))?.quantity ?? 0;
		await db.stock.put({ ean, quantity: stock - quantity });
		// The other tills of the shop count these copies gone too (docs/replication.md).
		await queueStockMovement(ean, -quantity, by, at);
	}
}

async function invoiceKeptCopies(
	loan: LoanRow,
	kept: readonly LoanReturnLine[],
	typed: InvoiceReferences | undefined,
	now: Date
): Promise<InvoiceRow> {
	const db = getDb();
	const seller = await shopOrReject();
	const customer = await db.customers.get(loan.customerId);
	if (!customer) reject('CUSTOMER_MISSING', 'L’emprunteur est introuvable dans les clients.');
	const day = parisDay(now);
	const details = customerInvoiceDetails(customer);
	// The borrower pays what they would at the till: their usual discount (a library's 9 %).
	const policy = await getPreferences();
	const built = invoiceDocumentFromDraft({
		seller,
		buyer: invoiceBuyerOf(customer),
		buyerStatus: customer.status,
		billing: details.billing,
		delivery: details.delivery,
		references: referencesOver(typed, details.references),
		note: `Exemplaires gardés du prêt n°\u00a0${loan.number}`,
		saleDay: day,
		dueDate: dueDayAfter(day, termDaysOf(customer)),
		lines: kept.map((entry) => {
			const line = loan.lines[entry.line];
			if (!line) reject('LOAN_LINE_UNKNOWN', 'Ce titre n’est pas dans le prêt.');
			const { ean, title, authors, publisher, kind, unitPriceCents, vatRateBp } = line;
			return {
				type: 'article' as const,
				ean,
				title,
				authors,
				publisher,
				kind,
				unitPriceCents,
				vatRateBp,
				quantity: entry.kept,
				discount: defaultDiscount(kind, customer, policy)
			};
		})
	});
	if (!built.ok) reject(built.error.code, built.error.message);
	return issueInvoice(
		{ document: built.value, customerId: customer.id, ticketIds: [] },
		customer,
		now
	);
}

export async function getLoan(id: number): Promise<LoanRow | undefined> {
	return getDb().loans.get(id);
}

/** A customer's loans, newest first. */
export async function loansOf(customerId: number): Promise<LoanRow[]> {
	const rows = await getDb().loans.where('customerId').equals(customerId).toArray();
	return rows.sort((a, b) => b.number - a.number);
}

/** Open loans, the one due back first at the top. */
export async function openLoans(): Promise<LoanRow[]> {
	return getDb().loans.where('openDueBack').above('').sortBy('openDueBack');
}

/** The last loans, open or not, newest first. */
export async function latestLoans(limit = 200): Promise<LoanRow[]> {
	return getDb().loans.orderBy('number').reverse().limit(limit).toArray();
}

/** Copies of each of `eans` out on loan: the stock shown « en prêt ». */
export async function copiesOnLoan(eans: readonly string[]): Promise<Map<string, number>> {
	const loans = await getDb()
		.loans.where('lentEans')
		.anyOf([...eans])
		.distinct()
		.toArray();
	const lent = lentCopies(loans);
	return new Map(eans.map((ean) => [ean, lent.get(ean) ?? 0]));
}
