import { describe, expect, it } from 'vitest';
import { getStock, saveArticle } from '$lib/db/article-repository';
import { findAccountByCode } from '$lib/db/balance-repository';
import { createCustomer } from '$lib/db/customer-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import {
	attachCustomerToTicket,
	cancelTicket,
	recordSettlement,
	saveInvoiceDetails,
	saveTicketNote
} from '$lib/db/ticket-amendment-repository';
import {
	getTicketView,
	neighbourTicketId,
	searchTickets,
	ticketListEntries,
	ticketsOfCustomer,
	ticketsOfPeriod
} from '$lib/db/ticket-browse-repository';
import { recordSale, SaleRejectedError } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	assertCents,
	EMPTY_CUSTOMER_FORM,
	NO_REFERENCES,
	validateCustomerDraft,
	type CustomerDraftForm
} from '$lib/domain';
import { getDb } from '$lib/db/db';
import { freshDatabase } from './fresh-db';
import { book, bookSale, BILLING } from './sale-fixtures';

const at = (iso: string) => new Date(iso);

async function voucher(
	db: ReturnType<typeof freshDatabase>,
	code: string,
	cents: number,
	kind: 'gift-voucher' | 'credit-note' = 'gift-voucher'
) {
	return db.balanceAccounts.add({
		kind,
		code,
		customerId: null,
		initialCents: assertCents(cents),
		validUntil: '2099-12-31',
		orderReference: '',
		status: 'active',
		createdAt: '2026-01-01T00:00:00Z',
		lastUsedAt: null
	});
}

const livralog = {
	...EMPTY_CUSTOMER_FORM,
	professionalName: 'LIVRALOG',
	lastName: 'Vasseur',
	firstName: 'Laurent',
	postalCode: '62300',
	city: 'Eleu dit Leauwette'
};

describe('the tickets list', () => {
	it('lists a period’s tickets of every till in time order, training excluded', async () => {
		freshDatabase();
		await recordSale(bookSale(), at('2019-09-27T16:49:00Z'));
		await recordSale(bookSale({ tillId: 'CAISSE2' }), at('2019-09-27T16:47:00Z'));
		await recordSale(bookSale({ training: 1 }), at('2019-09-27T17:00:00Z'));
		await recordSale(bookSale(), at('2019-09-28T08:00:00Z'));
		const day = await ticketsOfPeriod({ from: '2019-09-27', to: '2019-09-27' }, 'debits');
		expect(day.map((t) => [t.tillId, t.number])).toEqual([
			['CAISSE2', 1],
			['CAISSE1', 1]
		]);
		expect(await ticketsOfPeriod({ from: '2019-09-27', to: '2019-09-30' }, 'debits')).toHaveLength(
			3
		);
	});

	it('under VAT on receipts, lists a deferred ticket on the day it was settled', async () => {
		freshDatabase();
		const deferred = await recordSale(
			bookSale({
				customerId: 1,
				payments: [{ method: 'en-compte', amountCents: assertCents(1720), reference: null }],
				changeCents: assertCents(0),
				dueDate: '2019-10-27'
			}),
			at('2019-09-27T10:00:00Z')
		);
		const paid = await recordSale(bookSale(), at('2019-09-27T11:00:00Z'));
		const sept = { from: '2019-09-27', to: '2019-09-27' };
		expect((await ticketsOfPeriod(sept, 'debits')).map((t) => t.id)).toEqual([
			deferred.id,
			paid.id
		]);
		expect((await ticketsOfPeriod(sept, 'encaissements')).map((t) => t.id)).toEqual([paid.id]);
		const db = getDb();
		await db.ticketAmendments.add({
			ticketId: deferred.id,
			kind: 'settlement',
			settledDay: '2019-10-20',
			method: 'cheque',
			amountCents: assertCents(1720),
			by: 'Anne',
			at: '2019-10-20T09:00:00Z'
		});
		expect(
			(await ticketsOfPeriod({ from: '2019-10-01', to: '2019-10-31' }, 'encaissements')).map(
				(t) => t.id
			)
		).toEqual([deferred.id]);
		expect(await ticketsOfPeriod({ from: '2019-10-01', to: '2019-10-31' }, 'debits')).toEqual([]);
	});

	it('shows today’s customer, the invoice number and both ends of a cancellation', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customer = await createCustomer(validated(livralog));
		const sold = await recordSale(bookSale(), at('2019-09-27T16:49:00Z'));
		await attachCustomerToTicket(sold.id, customer.id, 'Dominique');
		await saveInvoiceDetails(
			sold.id,
			{ billing: BILLING, delivery: null, references: NO_REFERENCES },
			'Dominique'
		);
		const { cancellation } = await cancelTicket(
			sold.id,
			'CAISSE1',
			'Dominique',
			at('2019-09-27T17:00:00Z')
		);
		const entries = await ticketListEntries(
			await ticketsOfPeriod({ from: '2019-09-27', to: '2019-09-27' }, 'debits')
		);
		expect(entries).toMatchObject([
			{
				number: 1,
				invoiceNumber: '1',
				name: 'LIVRALOG',
				postalCode: '62300',
				city: 'ELEU DIT LEAUWETTE',
				totalCents: 1720,
				info: 'Annulé par le ticket n° 2'
			},
			{
				id: cancellation.id,
				number: 2,
				invoiceNumber: 'AV-1',
				name: 'LIVRALOG',
				totalCents: -1720,
				info: 'Annule le ticket n° 1'
			}
		]);
	});
});

describe('the searches', () => {
	it('finds by ticket number, by invoice number, and says when nothing matches', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const first = await recordSale(bookSale());
		await recordSale(bookSale({ tillId: 'CAISSE2' }));
		expect((await searchTickets('ticket', ' 1 ')).tickets.map((t) => t.tillId).sort()).toEqual([
			'CAISSE1',
			'CAISSE2'
		]);
		expect(await searchTickets('ticket', '99')).toEqual({
			tickets: [],
			message: 'Aucun ticket n° 99.'
		});
		expect((await searchTickets('ticket', 'abc')).message).toBe(
			'Un numéro de ticket ne contient que des chiffres.'
		);
		expect((await searchTickets('invoice', '')).message).toBe('Saisissez le numéro à rechercher.');
		await saveInvoiceDetails(
			first.id,
			{ billing: BILLING, delivery: null, references: NO_REFERENCES },
			'Anne'
		);
		expect((await searchTickets('invoice', '1')).tickets.map((t) => t.id)).toEqual([first.id]);
		expect((await searchTickets('invoice', '2')).message).toBe('Aucune facture n° 2.');
	});

	it('follows a voucher or a credit note to the tickets that used it', async () => {
		const db = freshDatabase();
		await voucher(db, '8888880024727', 3000);
		await voucher(db, 'AV-7', 1000, 'credit-note');
		const used = await recordSale(
			bookSale({
				payments: [
					{ method: 'bon-cadeau', amountCents: assertCents(1720), reference: '8888880024727' }
				],
				changeCents: assertCents(0),
				references: ['8888880024727']
			})
		);
		await recordSale(bookSale());
		expect(
			(await searchTickets('gift-voucher-used', '888 888 002 4727')).tickets.map((t) => t.id)
		).toEqual([used.id]);
		expect((await searchTickets('credit-note-used', '8888880024727')).message).toBe(
			'Aucun avoir n° 8888880024727.'
		);
		expect((await searchTickets('credit-note-used', 'AV-7')).message).toBe(
			'Aucun ticket de caisse pour l’avoir n° AV-7.'
		);
		expect((await searchTickets('deposit-paid', 'X')).message).toBe('Aucun acompte n° X.');
	});

	it('finds all tickets of a customer, attached at the sale or afterwards, not those moved away', async () => {
		freshDatabase();
		const a = await createCustomer(validated(livralog));
		const b = await createCustomer(validated({ ...EMPTY_CUSTOMER_FORM, lastName: 'Nguyen' }));
		const atSale = await recordSale(bookSale({ customerId: a.id }));
		const later = await recordSale(bookSale());
		const movedAway = await recordSale(bookSale({ customerId: a.id }));
		await attachCustomerToTicket(later.id, a.id, 'Anne');
		await attachCustomerToTicket(movedAway.id, b.id, 'Anne');
		expect((await ticketsOfCustomer(a.id)).map((t) => t.id)).toEqual([atSale.id, later.id]);
		expect((await ticketsOfCustomer(b.id)).map((t) => t.id)).toEqual([movedAway.id]);
		expect(a.number).toBe('1000001');
		expect(b.number).toBe('1000002');
	});
});

describe('managing a ticket', () => {
	it('cancels with the inverse ticket: stock, voucher and the day’s totals back where they were', async () => {
		const db = freshDatabase();
		await saveArticle(book);
		await voucher(db, 'BC-1', 1000);
		const sale = await recordSale(
			bookSale({
				payments: [
					{ method: 'bon-cadeau', amountCents: assertCents(1000), reference: 'BC-1' },
					{ method: 'especes', amountCents: assertCents(1000), reference: null }
				],
				changeCents: assertCents(280),
				references: ['BC-1']
			}),
			at('2026-11-23T10:00:00Z')
		);
		const before = await db.dailyTotals.get(['CAISSE1', '2026-11-23']);
		const { cancellation, creditNote } = await cancelTicket(
			sale.id,
			'CAISSE1',
			'Camille',
			at('2026-11-23T11:00:00Z')
		);
		expect(creditNote).toBeNull();
		expect(cancellation).toMatchObject({
			number: 2,
			cashier: 'Camille',
			cancelsTicketId: sale.id,
			totalCents: -1720,
			payments: [
				{ method: 'bon-cadeau', amountCents: -1000, reference: 'BC-1' },
				{ method: 'especes', amountCents: -720, reference: null }
			],
			note: 'Ce ticket annule le ticket n° 1'
		});
		expect(cancellation.lines[0]).toMatchObject({
			quantity: -2,
			ttcCents: -1720,
			htCents: -1630,
			vatCents: -90
		});
		expect(await getStock(book.ean)).toBe(5);
		expect((await findAccountByCode('BC-1'))?.balanceCents).toBe(1000);
		const after = await db.dailyTotals.get(['CAISSE1', '2026-11-23']);
		expect(before?.ttcCents).toBe(1720);
		expect(after).toMatchObject({
			ticketCount: 2,
			cancellationCount: 1,
			ttcCents: 0,
			byMethod: { 'bon-cadeau': 0, especes: 0 }
		});
		expect(after?.byRate['550']).toEqual({ ttcCents: 0, htCents: 0, vatCents: 0 });
		// The original is untouched; its view names the cancelling ticket, and vice versa.
		expect(await db.tickets.get(sale.id)).toEqual(sale);
		expect((await getTicketView(sale.id))?.cancelledBy?.number).toBe(2);
		expect((await getTicketView(cancellation.id))?.cancels?.number).toBe(1);
		await expect(cancelTicket(sale.id, 'CAISSE1', 'Camille')).rejects.toThrow(
			'Ce ticket est déjà annulé par le ticket n° 2.'
		);
		await expect(cancelTicket(cancellation.id, 'CAISSE1', 'Camille')).rejects.toThrow(
			SaleRejectedError
		);
		expect(await db.tickets.count()).toBe(2);
	});

	it('records addresses and references, creates the invoice once, in a continuous series', async () => {
		const db = freshDatabase();
		await expect(
			saveInvoiceDetails(
				(await recordSale(bookSale())).id,
				{ billing: BILLING, delivery: null, references: NO_REFERENCES },
				'Anne'
			)
		).rejects.toThrow(
			'Renseignez d’abord la boutique dans Paramètres\u00a0: elle figure sur la facture.'
		);
		expect(await db.ticketAmendments.count()).toBe(0);
		await saveShopSettings(DEMO_SHOP);
		const customer = await createCustomer(
			validated({ ...livralog, status: 'collectivite', siret: '11000201100044' })
		);
		const sale = await recordSale(
			bookSale({ customerId: customer.id }),
			at('2019-10-27T16:39:17Z')
		);
		await saveTicketNote(sale.id, 'Livrer au CDI', 'Dominique');
		const references = { serviceCode: 'XXXXX', engagementNumber: 'EJ 42', marketNumber: '' };
		const billing = {
			professionalName: 'LIVRALOG',
			lastName: '',
			firstName: '',
			line1: '12 rue du Bois',
			line2: '',
			postalCode: '62840',
			city: 'Neuve Chapelle',
			country: 'FRANCE',
			vatNumber: ''
		};
		const first = await saveInvoiceDetails(
			sale.id,
			{ billing, delivery: null, references },
			'Dominique',
			at('2019-10-27T16:40:00Z')
		);
		expect(first.created?.number).toBe('1');
		expect(first.invoice.document).toMatchObject({
			billing,
			references,
			note: 'Livrer au CDI',
			totalCents: 1720,
			frame: 'A2',
			buyer: { name: 'LIVRALOG', siret: '11000201100044' }
		});
		const again = await saveInvoiceDetails(
			sale.id,
			{ billing: BILLING, delivery: null, references: NO_REFERENCES },
			'Camille'
		);
		expect(again).toMatchObject({ created: null, invoice: { number: '1' } });
		const other = await recordSale(bookSale());
		expect(
			(
				await saveInvoiceDetails(
					other.id,
					{ billing: BILLING, delivery: null, references: NO_REFERENCES },
					'Anne'
				)
			).created?.number
		).toBe('2');
		const view = await getTicketView(sale.id);
		expect(view?.annotations).toMatchObject({
			note: 'Livrer au CDI',
			references: NO_REFERENCES,
			detailsRecorded: { by: 'Camille' }
		});
		expect(view?.invoice?.number).toBe('1');
		// Cancelling an invoiced ticket issues its credit note, citing the invoice.
		const { creditNote } = await cancelTicket(sale.id, 'CAISSE1', 'Anne');
		expect(creditNote).toMatchObject({
			kind: 'credit-note',
			number: 'AV-1',
			totalCents: -1720,
			creditedInvoiceId: first.invoice.id
		});
		expect(creditNote?.document).toMatchObject({
			creditedInvoice: { number: '1' },
			billing,
			references
		});
		expect(await db.journal.where('type').equals('credit-note-issued').count()).toBe(1);
	});

	it('steps to the previous and next ticket, training skipped', async () => {
		freshDatabase();
		const one = await recordSale(bookSale());
		await recordSale(bookSale({ training: 1 }));
		const three = await recordSale(bookSale());
		expect(await neighbourTicketId(three.id, -1)).toBe(one.id);
		expect(await neighbourTicketId(one.id, 1)).toBe(three.id);
		expect(await neighbourTicketId(three.id, 1)).toBeNull();
		await expect(saveTicketNote(999, 'x', 'Anne')).rejects.toThrow('Ce ticket est introuvable.');
	});
});

function validated(form: CustomerDraftForm) {
	const result = validateCustomerDraft(form);
	if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
	return result.value;
}

describe('settling a ticket left to pay at a due date', () => {
	it('records the day and the method once, never before the sale', async () => {
		freshDatabase();
		const deferred = await recordSale(
			bookSale({
				customerId: 1,
				payments: [{ method: 'en-compte', amountCents: assertCents(1720), reference: null }],
				changeCents: assertCents(0),
				dueDate: '2019-10-27'
			}),
			new Date('2019-09-27T10:00:00Z')
		);
		const id = deferred.id;
		await expect(
			recordSettlement(id, { settledDay: '2019-09-26', method: 'cheque' }, 'Anne')
		).rejects.toThrow('Le règlement ne peut pas précéder la vente.');
		await recordSettlement(id, { settledDay: '2019-10-20', method: 'cheque' }, 'Anne');
		expect((await getTicketView(id))?.annotations.settledDay).toBe('2019-10-20');
		expect(
			(await ticketsOfPeriod({ from: '2019-10-20', to: '2019-10-20' }, 'encaissements')).map(
				(t) => t.id
			)
		).toEqual([id]);
		await expect(
			recordSettlement(id, { settledDay: '2019-10-21', method: 'cheque' }, 'Anne')
		).rejects.toThrow('Ce ticket est déjà réglé (le 20/10/2019).');
		const paid = await recordSale(bookSale());
		await expect(
			recordSettlement(paid.id, { settledDay: '2019-10-21', method: 'cheque' }, 'Anne')
		).rejects.toThrow('Ce ticket n’a rien à régler à échéance.');
	});
});
