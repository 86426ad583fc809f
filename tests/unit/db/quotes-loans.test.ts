import { describe, expect, it } from 'vitest';
import { getStock } from '$lib/db/article-repository';
import { createCustomer } from '$lib/db/customer-repository';
import { getInvoiceView } from '$lib/db/invoice-list-repository';
import {
	copiesOnLoan,
	loansOf,
	openLoans,
	recordLoan,
	recordLoanReturn
} from '$lib/db/loan-repository';
import { getCustomerOrder, recordCustomerOrder } from '$lib/db/order-repository';
import {
	answerQuote,
	getQuote,
	invoiceQuote,
	orderQuote,
	quotesOf,
	saveQuote,
	type QuoteDraft
} from '$lib/db/quote-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordTillSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	assertCents,
	assertVatRateBp,
	EMPTY_CUSTOMER_FORM,
	NO_REFERENCES,
	validateCustomerDraft,
	type DraftLine,
	type NewOrderLine
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

const EAN = '9782070000001';
const DAY1 = new Date('2026-12-01T10:00:00Z');
const DAY2 = new Date('2026-12-05T10:00:00Z');

async function library(address = true) {
	const draft = validateCustomerDraft({
		...EMPTY_CUSTOMER_FORM,
		lastName: 'Médiathèque',
		professionalName: 'Médiathèque de Lens',
		status: 'bibliotheque',
		siret: '21620498200005',
		...(address ? { line1: '1 place Jean Jaurès', postalCode: '62300', city: 'Lens' } : {})
	});
	if (!draft.ok) throw new Error(JSON.stringify(draft.fieldErrors));
	return (await createCustomer(draft.value)).id;
}

const bookLine: DraftLine = {
	type: 'article',
	ean: EAN,
	title: 'Le Jardin',
	authors: 'A. Auteur',
	publisher: 'Gallimard',
	kind: 'livre',
	quantity: 10,
	unitPriceCents: assertCents(2000),
	vatRateBp: assertVatRateBp(550),
	discount: null
};

const draft: QuoteDraft = {
	billing: null,
	delivery: null,
	references: { ...NO_REFERENCES, serviceCode: 'BIBLIO', engagementNumber: 'EJ-2026-77' },
	note: '',
	saleDay: '2026-12-01',
	lines: [bookLine, { type: 'text', text: 'Livraison à la médiathèque' }]
};

async function quoteFor(customerId: number) {
	await saveShopSettings(DEMO_SHOP);
	return saveQuote({
		id: null,
		draft,
		customerId,
		validUntil: '2026-12-31',
		by: 'Anne',
		now: DAY1
	});
}

describe('quotes in IndexedDB', () => {
	it('numbers a quote in the series of orders, quotes and loans, with the library’s figures', async () => {
		freshDatabase();
		const customerId = await library();
		const order = await recordCustomerOrder({
			order: {
				customerId,
				contactName: '',
				contactPhone: '',
				contactEmail: '',
				note: '',
				depositCode: null,
				lines: [{ ...bookLine, quantity: 1 } as NewOrderLine]
			},
			by: 'Anne'
		});
		const quote = await quoteFor(customerId);
		expect(order.ok && order.value.number).toBe(1);
		expect(quote.number).toBe(2);
		// 10 × 20,00 € less the library's usual 9 %, the Loi Lang cap.
		expect(quote.document.totalCents).toBe(18200);
		expect((await quotesOf(customerId)).map((q) => q.number)).toEqual([2]);
	});

	it('accepted into an invoice in one transaction: numbered, with the quote’s references', async () => {
		freshDatabase();
		const quote = await quoteFor(await library());
		await answerQuote({ id: quote.id, step: { kind: 'accept' }, by: 'Anne', now: DAY2 });
		const { invoice } = await invoiceQuote({ id: quote.id, by: 'Anne', now: DAY2 });
		expect(invoice.document.references).toMatchObject({
			serviceCode: 'BIBLIO',
			engagementNumber: 'EJ-2026-77'
		});
		expect(invoice.document.totalCents).toBe(18200);
		expect(invoice.document.textLines).toEqual([
			{ beforeLine: 1, text: 'Livraison à la médiathèque' }
		]);
		expect((await getQuote(quote.id))?.outcome).toEqual({
			kind: 'invoice',
			invoiceId: invoice.id,
			number: invoice.number
		});
		expect((await getInvoiceView(invoice.id))?.invoice.number).toBe(invoice.number);
		// Never twice.
		await expect(invoiceQuote({ id: quote.id, by: 'Anne', now: DAY2 })).rejects.toThrow(
			'est terminé'
		);
	});

	it('a purchase order typed at invoicing goes on the invoice over the quote’s blank', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const quote = await saveQuote({
			id: null,
			draft: { ...draft, references: NO_REFERENCES },
			customerId: await library(),
			validUntil: '2026-12-31',
			by: 'Anne',
			now: DAY1
		});
		const { invoice } = await invoiceQuote({
			id: quote.id,
			references: { serviceCode: '', engagementNumber: ' BC-118 ', marketNumber: '' },
			by: 'Anne',
			now: DAY2
		});
		expect(invoice.document.references).toEqual({
			serviceCode: '',
			engagementNumber: 'BC-118',
			marketNumber: ''
		});
	});

	it('an invoice missing the address is refused; the quote stays open, no number is taken', async () => {
		const db = freshDatabase();
		const quote = await quoteFor(await library(false));
		await expect(invoiceQuote({ id: quote.id, by: 'Anne', now: DAY2 })).rejects.toThrow(/adresse/u);
		expect((await getQuote(quote.id))?.status).toBe('en-cours');
		expect(await db.invoices.count()).toBe(0);
	});

	it('accepted into a customer order of its catalogue titles, at the quoted price', async () => {
		freshDatabase();
		const quote = await quoteFor(await library());
		const { orderId } = await orderQuote({ id: quote.id, by: 'Anne', now: DAY2 });
		const order = await getCustomerOrder(orderId);
		expect(order?.note).toBe(`Devis n°\u00a0${quote.number}`);
		expect(order?.lines.map((line) => [line.title, line.quantity, line.unitPriceCents])).toEqual([
			['Le Jardin', 10, 2000]
		]);
	});

	it('an expired quote may not be accepted; given a new date it is open again', async () => {
		freshDatabase();
		const quote = await quoteFor(await library());
		const late = new Date('2027-01-02T10:00:00Z');
		await expect(
			answerQuote({ id: quote.id, step: { kind: 'accept' }, by: 'Anne', now: late })
		).rejects.toThrow('a expiré le 31/12/2026');
		const renewed = await saveQuote({
			id: quote.id,
			draft,
			customerId: quote.customerId,
			validUntil: '2027-01-31',
			by: 'Anne',
			now: late
		});
		expect(renewed.number).toBe(quote.number);
		const accepted = await answerQuote({
			id: quote.id,
			step: { kind: 'accept' },
			by: 'Anne',
			now: late
		});
		expect(accepted.status).toBe('accepte');
		await expect(
			saveQuote({
				id: quote.id,
				draft,
				customerId: null,
				validUntil: '2027-01-31',
				by: 'A',
				now: late
			})
		).rejects.toThrow('ne se modifie plus');
	});
});

describe('loans in IndexedDB', () => {
	const { ean, title, authors, publisher, kind, unitPriceCents, vatRateBp } =
		bookLine as never as NewOrderLine;
	const lines: NewOrderLine[] = [
		{ ean, title, authors, publisher, kind, unitPriceCents, vatRateBp, quantity: 4 }
	];

	it('copies lent stay in stock, shown « en prêt »; half back, half kept and invoiced', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customerId = await library();
		await db.stock.put({ ean: EAN, quantity: 6 });
		const lent = await recordLoan({
			loan: { customerId, dueBack: '2026-12-20', note: '', lines },
			by: 'Anne',
			now: DAY1
		});
		if (!lent.ok) throw new Error(lent.error.message);
		expect(await getStock(EAN)).toBe(6);
		expect(await copiesOnLoan([EAN, '0000000000000'])).toEqual(
			new Map([
				[EAN, 4],
				['0000000000000', 0]
			])
		);
		expect((await openLoans()).map((loan) => loan.number)).toEqual([lent.value.number]);

		const returned = await recordLoanReturn({
			id: lent.value.id,
			lines: [{ line: 0, returned: 2, kept: 2 }],
			invoiceKept: true,
			by: 'Anne',
			now: DAY2
		});
		if (!returned.ok) throw new Error(returned.error.message);
		const { loan, invoice } = returned.value;
		expect(invoice?.document.lines.map((line) => line.quantity)).toEqual([2]);
		// The library's usual 9 %, as at the till.
		expect(invoice?.document.totalCents).toBe(3640);
		expect(loan.sales).toEqual([{ kind: 'invoice', id: invoice?.id, number: invoice?.number }]);
		expect(loan.closedOn).toBe('2026-12-05');
		expect(await getStock(EAN)).toBe(4);
		expect(await copiesOnLoan([EAN])).toEqual(new Map([[EAN, 0]]));
		expect(await openLoans()).toEqual([]);
		expect((await loansOf(customerId)).map((l) => l.number)).toEqual([loan.number]);
		expect((await db.journal.toArray()).map((entry) => entry.type)).toEqual(
			expect.arrayContaining(['loan-created', 'loan-return'])
		);
	});

	it('a refused return writes nothing: no invoice, the loan as it was', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customerId = await library(false);
		const lent = await recordLoan({
			loan: { customerId, dueBack: '2026-12-20', note: '', lines },
			by: 'Anne',
			now: DAY1
		});
		if (!lent.ok) throw new Error(lent.error.message);
		await expect(
			recordLoanReturn({
				id: lent.value.id,
				lines: [{ line: 0, returned: 1, kept: 1 }],
				invoiceKept: true,
				by: 'Anne',
				now: DAY2
			})
		).rejects.toThrow(/adresse/u);
		const tooMany = await recordLoanReturn({
			id: lent.value.id,
			lines: [{ line: 0, returned: 5, kept: 0 }],
			invoiceKept: false,
			by: 'Anne',
			now: DAY2
		});
		expect(!tooMany.ok && [tooMany.error.field, tooMany.error.message]).toEqual([
			'lines.0',
			expect.stringContaining('4\u00a0exemplaires seulement')
		]);
		expect(await db.invoices.count()).toBe(0);
		expect((await loansOf(customerId))[0]?.lines[0]).toMatchObject({ returned: 0, kept: 0 });
	});

	it('copies kept and rung up at the till are sold with the ticket, or the sale is refused', async () => {
		const db = freshDatabase();
		const customerId = await library();
		const lent = await recordLoan({
			loan: { customerId, dueBack: '2026-12-20', note: '', lines },
			by: 'Anne',
			now: DAY1
		});
		if (!lent.ok) throw new Error(lent.error.message);
		await expect(
			recordTillSale(bookSale(), DAY2, [], [{ loanId: lent.value.id, line: 0, quantity: 5 }])
		).rejects.toThrow(/^Prêt n°\s\d+\s: .*4\u00a0exemplaires seulement/u);
		expect(await db.tickets.count()).toBe(0);

		const ticket = await recordTillSale(
			bookSale(),
			DAY2,
			[],
			[{ loanId: lent.value.id, line: 0, quantity: 1 }]
		);
		const [loan] = await loansOf(customerId);
		expect(loan?.lines[0]).toMatchObject({ kept: 1, returned: 0 });
		expect(loan?.sales).toEqual([{ kind: 'ticket', id: ticket.id, number: String(ticket.number) }]);
		expect(await copiesOnLoan([EAN])).toEqual(new Map([[EAN, 3]]));
	});

	it('refuses a loan without a borrower before taking a number', async () => {
		const db = freshDatabase();
		const refused = await recordLoan({
			loan: { customerId: null, dueBack: '2026-12-20', note: '', lines },
			by: 'Anne',
			now: DAY1
		});
		expect(refused.ok).toBe(false);
		expect(await db.sequences.count()).toBe(0);
	});
});
