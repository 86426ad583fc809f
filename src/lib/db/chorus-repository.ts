import { ACKNOWLEDGE_WITHIN_DAYS, chorusAction, daysBetween, type ChorusStatus } from '$lib/domain';
import { getDb } from './db';
import { journal } from './chain-repository';
import { reject } from './invoice-repository';
import { listInvoices, type InvoiceListEntry } from './invoice-list-repository';

/** Chorus Pro statuses typed by hand, and the worklist of invoices to deposit or follow up. */

/** A Chorus Pro status seen on the portal, typed by hand with its date and note. */
export async function recordChorusStatus(
	invoiceId: number,
	entry: { status: ChorusStatus; day: string; certificateNumber: string; note: string },
	by: string,
	now = new Date()
): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.invoices, db.chorusStatuses, db.journal, db.chainHeads],
		async () => {
			const invoice = await db.invoices.get(invoiceId);
			if (!invoice || invoice.kind === 'proforma') {
				reject('INVOICE_MISSING', 'Seule une facture ou un avoir émis se dépose sur Chorus Pro.');
			}
			await db.chorusStatuses.add({
				invoiceId,
				status: entry.status,
				day: entry.day,
				at: now.toISOString(),
				note: entry.note,
				certificateNumber: entry.certificateNumber,
				by
			});
			await journal('chorus-status', { invoiceId, number: invoice.number, ...entry, by }, now);
		}
	);
}

export interface WorklistEntry {
	readonly entry: InvoiceListEntry;
	readonly action: string;
	/** Days left to act (acknowledgement, due date), negative when late; null when none. */
	readonly daysLeft: number | null;
}

/**
 * "Suivi" (docs/features.md): invoices to public buyers that need something from the bookseller, with
 * what the status asks, and unpaid invoices due within a week or overdue.
 */
export async function chorusWorklist(today: string): Promise<{
	readonly actions: WorklistEntry[];
	readonly reminders: WorklistEntry[];
}> {
	const entries = await listInvoices(today);
	const actions: WorklistEntry[] = [];
	const reminders: WorklistEntry[] = [];
	for (const entry of entries) {
		const status = (entry.chorus?.status ?? null) as ChorusStatus | null;
		const action = entry.forChorus ? chorusAction(status) : null;
		if (action) {
			const since = entry.chorus?.day ?? entry.chorus?.at.slice(0, 10);
			actions.push({
				entry,
				action,
				daysLeft:
					since && (status === 'rejetee' || status === 'suspendue')
						? ACKNOWLEDGE_WITHIN_DAYS - daysBetween(since, today)
						: null
			});
		}
		const dueDay = entry.invoice.dueDate?.slice(0, 10);
		if (entry.leftCents > 0 && dueDay) {
			const daysLeft = daysBetween(today, dueDay);
			if (daysLeft <= 7) {
				reminders.push({
					entry,
					action:
						daysLeft < 0 ? 'Relancer le client\u00a0: l’échéance est passée.' : 'Échéance proche.',
					daysLeft
				});
			}
		}
	}
	reminders.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
	return { actions, reminders };
}
