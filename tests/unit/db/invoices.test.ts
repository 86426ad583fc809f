import { describe, expect, it } from 'vitest';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { createCustomer } from '$lib/db/customer-repository';
import { chorusWorklist, recordChorusStatus } from '$lib/db/chorus-repository';
import {
	createCreditNote,
	deleteProforma,
	finalizeProforma,
	invoiceableTickets,
	invoiceTickets,
	markProformaSent,
	recordInvoicePayment,
	reissueInvoice,
	saveProforma
} from '$lib/db/invoice-repository';
import { getInvoiceView, listInvoices } from '$lib/db/invoice-list-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { cancelTicket } from '$lib/db/ticket-amendment-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	assertCents,
	assertVatRateBp,
	EMPTY_CUSTOMER_FORM,
	NO_REFERENCES,
	validateCustomerDraft,
	type DraftLine
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale, BILLING } from './sale-fixtures';
import { saveSyncSettings } from '$lib/db/replication-repository';

const at = (iso: string) => new Date(iso);
const details = {
	billing: BILLING,
	delivery: null,
	references: { ...NO_REFERENCES, serviceCode: 'MEDIATHEQUE' }
};

async function library() {
	const draft = validateCustomerDraft({
		...EMPTY_CUSTOMER_FORM,
		lastName: 'Médiathèque',
		professionalName: 'Médiathèque de Lens',
		status: 'bibliotheque',
		siret: '21620498200005'
	});
	if (!draft.ok) throw new Error(JSON.stringify(draft.fieldErrors));
	return (await createCustomer(draft.value)).id;
}

async function sale(customerId: number, when: string, payments = bookSale().payments) {
	return (
		await recordSale(
			bookSale({
				customerId,
				customerStatus: 'bibliotheque',
				payments,
				changeCents: assertCents(payments[0]?.method === 'especes' ? 280 : 0)
			}),
			at(when)
		)
	).id;
}

const onAccount = [
	{ method: 'en-compte' as const, amountCents: assertCents(1720), reference: null }
];

const book: DraftLine = {
	type: 'article',
	ean: '9782070612758',
	title: 'Le Petit Prince',
	authors: 'Saint-Exupéry',
	publisher: 'Folio',
	kind: 'livre',
	quantity: 4,
	unitPriceCents: assertCents(850),
	vatRateBp: assertVatRateBp(550),
	discount: null
};

function draft(lines: DraftLine[]) {
	return {
		billing: BILLING,
		delivery: null,
		references: NO_REFERENCES,
		note: '',
		saleDay: '2026-11-20',
		dueDate: '2026-12-20',
		lines
	};
}

/** A fresh shop, a library, a sale « en compte » on 02/11 and its invoice of 03/11. */
async function invoicedOnAccount() {
	freshDatabase();
	await saveShopSettings(DEMO_SHOP);
	const customer = await library();
	const ticket = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
	const invoice = await invoiceTickets(
		customer,
		[ticket],
		details,
		'Anne',
		at('2026-11-03T09:00:00Z')
	);
	return { customer, ticket, invoice };
}

describe('invoicing several tickets of one customer', () => {
	it('issues one numbered invoice for the chosen sales; a sale is invoiced once', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();
		const first = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
		const second = await sale(customer, '2026-11-03T10:00:00Z');
		const third = await sale(customer, '2026-11-04T10:00:00Z');
		await cancelTicket(third, 'CAISSE1', 'Anne', at('2026-11-04T11:00:00Z'), 'same-methods');
		expect((await invoiceableTickets(customer)).map((t) => t.id)).toEqual([first, second]);

		const invoice = await invoiceTickets(
			customer,
			[first, second],
			details,
			'Anne',
			at('2026-11-20T09:00:00Z')
		);
		expect(invoice).toMatchObject({
			kind: 'invoice',
			number: '1',
			totalCents: 3440,
			paidCents: 1720
		});
		expect(invoice.document.frame).toBe('A1');
		expect(await invoiceableTickets(customer)).toEqual([]);
		await expect(invoiceTickets(customer, [first], details, 'Anne')).rejects.toThrow(
			/ne peut plus être facturé/u
		);
		await expect(invoiceTickets(customer, [], details, 'Anne')).rejects.toThrow(
			/au moins un ticket/u
		);

		const [entry] = await listInvoices('2026-11-23');
		expect(entry).toMatchObject({
			dueCents: 1720,
			leftCents: 1720,
			due: { state: 'a-echoir', daysLate: 0 },
			forChorus: true,
			chorus: null
		});
	});
});

describe('pro forma → final invoice → credit notes, payments, Chorus Pro statuses', () => {
	it('follows an invoice from its pro forma to its payment', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();

		const proforma = await saveProforma(
			null,
			draft([{ type: 'text', text: 'Rentrée' }, book]),
			customer,
			'Anne',
			at('2026-11-18T09:00:00Z')
		);
		expect(proforma).toMatchObject({
			kind: 'proforma',
			number: 'PF-1',
			status: 'en-preparation',
			totalCents: 3400
		});
		const edited = await saveProforma(
			proforma.id,
			draft([{ ...book, quantity: 2 }]),
			customer,
			'Anne'
		);
		expect(edited).toMatchObject({ id: proforma.id, number: 'PF-1', totalCents: 1700 });
		await markProformaSent(proforma.id, 'Anne');
		expect((await db.invoices.get(proforma.id))?.status).toBe('envoyee');
		await expect(
			saveProforma(null, draft([{ type: 'text', text: 'vide' }]), customer, 'Anne')
		).rejects.toThrow(/au moins une ligne/u);

		const final = await finalizeProforma(proforma.id, 'Anne', at('2026-11-20T09:00:00Z'));
		expect(final).toMatchObject({ kind: 'invoice', number: '1' });
		await expect(saveProforma(final.id, draft([book]), customer, 'Anne')).rejects.toThrow(
			/ne change plus/u
		);
		await expect(deleteProforma(final.id, 'Anne')).rejects.toThrow(/définitive/u);

		const note = await createCreditNote(
			final.id,
			[{ lineIndex: 0, quantity: 1 }],
			'Anne',
			at('2026-11-21T09:00:00Z')
		);
		expect(note).toMatchObject({
			kind: 'credit-note',
			number: 'AV-1',
			totalCents: -850,
			creditedInvoiceId: final.id
		});
		await expect(
			createCreditNote(final.id, [{ lineIndex: 0, quantity: 2 }], 'Anne')
		).rejects.toThrow(/de 1 à 1/u);

		await recordInvoicePayment(
			final.id,
			{ day: '2026-11-22', method: 'virement', amountCents: assertCents(500) },
			'Anne'
		);
		// 17,00 € − the credit note's 8,50 € − 5,00 € received: 3,50 € left, not 12,00 €.
		await expect(
			recordInvoicePayment(
				final.id,
				{ day: '2026-11-22', method: 'virement', amountCents: assertCents(400) },
				'Anne'
			)
		).rejects.toThrow(/dépasse ce qui reste à payer \(3,50\s€\)/u);
		await recordChorusStatus(
			final.id,
			{ status: 'rejetee', day: '2026-11-21', certificateNumber: '', note: 'Mauvais code service' },
			'Anne',
			at('2026-11-21T10:00:00Z')
		);

		const view = await getInvoiceView(final.id);
		expect(view).toMatchObject({
			receivedCents: 500,
			creditedCents: 850,
			leftCents: 350,
			forChorus: true
		});
		expect(view?.creditedQuantities.get(0)).toBe(1);
		expect(view?.creditNotes.map((n) => n.number)).toEqual(['AV-1']);
		expect((await getInvoiceView(note.id))?.credited?.number).toBe('1');

		const { actions, reminders } = await chorusWorklist('2026-11-23');
		const rejected = actions.find((a) => a.entry.invoice.id === final.id);
		expect(rejected).toMatchObject({ daysLeft: 5 });
		expect(rejected?.action).toMatch(/nouvelle facture/u);
		expect(actions.find((a) => a.entry.invoice.id === note.id)?.action).toMatch(/À déposer/u);
		expect(reminders).toEqual([]);
		expect((await chorusWorklist('2026-12-24')).reminders[0]).toMatchObject({ daysLeft: -4 });
		const journal = (await db.journal.toArray()).map((row) => row.type);
		expect(journal).toEqual(
			expect.arrayContaining([
				'proforma-created',
				'proforma-updated',
				'proforma-sent',
				'invoice-issued',
				'credit-note-issued',
				'invoice-payment',
				'chorus-status'
			])
		);
	});

	it('keeps the invoices chain whole when pro formas are made final in another order', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const older = await saveProforma(null, draft([book]), null, 'Anne');
		const newer = await saveProforma(null, draft([book]), null, 'Anne');
		const first = await finalizeProforma(newer.id, 'Anne');
		const second = await finalizeProforma(older.id, 'Anne');
		expect([first.number, second.number]).toEqual(['1', '2']);
		expect(await db.invoices.get(older.id)).toBeUndefined();
		expect((await db.invoices.get(second.id))?.number).toBe('2');
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('deletes a pro forma, which numbers nothing in the invoice series', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const proforma = await saveProforma(null, draft([book]), null, 'Anne');
		await deleteProforma(proforma.id, 'Anne');
		expect(await db.invoices.count()).toBe(0);
		expect(await db.sequences.get('invoice')).toBeUndefined();
		await expect(
			recordChorusStatus(
				proforma.id,
				{ status: 'deposee', day: '2026-11-20', certificateNumber: 'X', note: '' },
				'Anne'
			)
		).rejects.toThrow(/Seule une facture/u);
	});

	it('refuses a partial credit note on a ticket already cancelled by its credit note, and the other way round', async () => {
		const { ticket, invoice } = await invoicedOnAccount();
		await createCreditNote(invoice.id, [{ lineIndex: 0, quantity: 1 }], 'Anne');
		await expect(
			cancelTicket(ticket, 'CAISSE1', 'Anne', at('2026-11-04T09:00:00Z'), 'same-methods')
		).rejects.toThrow(/Un avoir a déjà été fait/u);
	});
});

describe('invoices right the first time', () => {
	it('an invoice without the customer’s address is refused before it takes a number', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();
		const ticket = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
		await expect(
			invoiceTickets(customer, [ticket], { ...details, billing: null }, 'Anne')
		).rejects.toThrow(/n’est pas émise.*Saisissez l’adresse du client/u);
		expect(await db.invoices.count()).toBe(0);
		expect(await db.sequences.get('invoice')).toBeUndefined();
		const issued = await invoiceTickets(customer, [ticket], details, 'Anne');
		expect(issued.number).toBe('1');
	});

	it('« Tout créditer » leaves nothing owed: the invoice is settled by its credit note', async () => {
		const { invoice } = await invoicedOnAccount();
		await createCreditNote(
			invoice.id,
			invoice.document.lines.map((line, lineIndex) => ({ lineIndex, quantity: line.quantity })),
			'Anne'
		);
		const [entry] = (await listInvoices('2026-12-02')).filter((e) => e.invoice.kind === 'invoice');
		expect(entry).toMatchObject({ leftCents: 0, due: { state: 'soldee-par-avoir' } });
		await expect(
			recordInvoicePayment(
				invoice.id,
				{ day: '2026-11-22', method: 'virement', amountCents: assertCents(100) },
				'Anne'
			)
		).rejects.toThrow(/0,00\s€/u);
	});

	it('a due date is set from the customer’s term when the sale gave none (public body: 30 days)', async () => {
		const { invoice } = await invoicedOnAccount();
		expect(invoice.dueDate).toBe('2026-12-03');
		expect(invoice.document.dueDate).toBe('2026-12-03');
		const [entry] = await listInvoices('2026-12-10');
		expect(entry?.due).toEqual({ state: 'echue', daysLate: 7 });
	});

	it('the due date chosen on the invoice is the one stored and printed', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();
		const ticket = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
		const invoice = await invoiceTickets(
			customer,
			[ticket],
			{ ...details, dueDay: '2026-11-20' },
			'Anne',
			at('2026-11-03T09:00:00Z')
		);
		expect(invoice.dueDate).toBe('2026-11-20');
		expect(invoice.document.dueDate).toBe('2026-11-20');
	});

	it('« Émettre un avoir et refacturer »: a credit note citing it, then a new invoice with the fixes', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();
		// Paid at the counter: the payment goes with the sale to the new invoice.
		const ticket = await sale(customer, '2026-11-02T10:00:00Z');
		const wrong = await invoiceTickets(customer, [ticket], details, 'Anne');
		const fixed = { ...BILLING, line1: '3 rue de la Gare' };
		const { creditNote, invoice } = await reissueInvoice(
			wrong.id,
			{ ...details, billing: fixed },
			'Anne'
		);
		expect(creditNote).toMatchObject({
			kind: 'credit-note',
			number: 'AV-1',
			totalCents: -1720,
			creditedInvoiceId: wrong.id
		});
		expect(creditNote.document.creditedInvoice?.number).toBe('1');
		expect(invoice).toMatchObject({ number: '2', replacesInvoiceId: wrong.id, paidCents: 1720 });
		expect(invoice.document.billing?.line1).toBe('3 rue de la Gare');
		const entries = await listInvoices('2026-12-02');
		expect(entries.find((e) => e.invoice.id === wrong.id)?.leftCents).toBe(0);
		expect(entries.find((e) => e.invoice.id === invoice.id)).toMatchObject({
			leftCents: 0,
			due: { state: 'payee' }
		});
		await expect(reissueInvoice(wrong.id, { ...details, billing: fixed }, 'Anne')).rejects.toThrow(
			/Un avoir existe déjà/u
		);
		expect((await db.journal.toArray()).map((row) => row.type)).toContain('invoice-reissued');
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('refuses a credit note beyond what is owed, with the amount left', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await library();
		const ticket = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
		const invoice = await invoiceTickets(customer, [ticket], details, 'Anne');
		await recordInvoicePayment(
			invoice.id,
			{ day: '2026-11-22', method: 'virement', amountCents: assertCents(1000) },
			'Anne'
		);
		await expect(
			createCreditNote(invoice.id, [{ lineIndex: 0, quantity: 1 }], 'Anne')
		).rejects.toThrow(/dépasse ce qui reste dû sur la facture \(7,20\s€\)/u);
	});
});

describe('invoice numbers when the shop has several tills (docs/replication.md#invoices)', () => {
	it('gives each till its own continuous series, its id first, invoices and credit notes', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		await saveSyncSettings(
			{
				server: 'ws://127.0.0.1:9222',
				tillId: 'CAISSE1',
				tillIndex: 1,
				user: 'CAISSE1',
				password: 'secret'
			},
			'Anne'
		);
		const customer = await library();
		const first = await sale(customer, '2026-11-02T10:00:00Z', onAccount);
		const second = await sale(customer, '2026-11-03T10:00:00Z', onAccount);
		const one = await invoiceTickets(
			customer,
			[first],
			details,
			'Anne',
			at('2026-11-03T09:00:00Z')
		);
		const two = await invoiceTickets(
			customer,
			[second],
			details,
			'Anne',
			at('2026-11-04T09:00:00Z')
		);
		expect([one.number, two.number]).toEqual(['CAISSE1-1', 'CAISSE1-2']);
		const credit = await createCreditNote(
			one.id,
			[{ lineIndex: 0, quantity: 1 }],
			'Anne',
			at('2026-11-05T09:00:00Z')
		);
		expect(credit.number).toBe('CAISSE1-AV-1');
	});
});
