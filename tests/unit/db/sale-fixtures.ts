import { assertCents, assertVatRateBp, type Article, type ReportedDay } from '$lib/domain';
import type { NewTicket } from '$lib/db/schema';

/** The catalogue article that `bookSale` sells, with 5 copies in stock. */
export const book: Article = {
	ean: '9782266248549',
	title: 'Perry Rhodan 318',
	authors: 'Scheer',
	publisher: 'Pocket',
	collection: '',
	priceCents: assertCents(860),
	vatRateBp: assertVatRateBp(550),
	kind: 'livre',
	stock: 5
};

/** A one-book cash sale as the till records it (amounts as the domain computes them). */
export function bookSale(overrides: Partial<NewTicket> = {}): NewTicket {
	return {
		tillId: 'CAISSE1',
		cashier: 'Anne',
		customerId: null,
		customerStatus: 'particulier',
		lines: [
			{
				ean: '9782266248549',
				title: 'Perry Rhodan 318',
				authors: 'Scheer',
				publisher: 'Pocket',
				kind: 'livre',
				quantity: 2,
				unitPriceCents: assertCents(860),
				vatRateBp: assertVatRateBp(550),
				discount: null,
				grossCents: assertCents(1720),
				discountCents: assertCents(0),
				ttcCents: assertCents(1720),
				htCents: assertCents(1630),
				vatCents: assertCents(90)
			}
		],
		ticketDiscount: null,
		rates: [
			{
				vatRateBp: assertVatRateBp(550),
				ttcCents: assertCents(1720),
				htCents: assertCents(1630),
				vatCents: assertCents(90),
				discountCents: assertCents(0)
			}
		],
		totalCents: assertCents(1720),
		payments: [{ method: 'especes', amountCents: assertCents(2000), reference: null }],
		changeCents: assertCents(280),
		dueDate: null,
		cancelsTicketId: null,
		references: [],
		training: 0,
		note: '',
		...overrides
	};
}

/** A customer's billing address: an invoice is not issued without one (CGI ann. II art. 242 nonies A). */
export const BILLING = {
	professionalName: 'Médiathèque de Lens',
	lastName: '',
	firstName: '',
	line1: '21 rue de Paris',
	line2: '',
	postalCode: '62300',
	city: 'Lens',
	country: 'FRANCE',
	vatNumber: ''
};

/** A ticket that only sells a voucher or a deposit: no sale line, paid by card. */
export const issueSale = (
	kind: 'gift-voucher' | 'deposit',
	cents: number,
	customerId: number | null = null
) =>
	bookSale({
		customerId,
		lines: [],
		rates: [],
		totalCents: assertCents(0),
		payments: [{ method: 'carte', amountCents: assertCents(cents), reference: null }],
		changeCents: assertCents(0),
		issues: [
			{
				kind,
				amountCents: assertCents(cents),
				validUntil: kind === 'deposit' ? null : '2099-12-31',
				orderReference: kind === 'deposit' ? '27846' : ''
			}
		]
	});
/** A one-book sale paid in full by a voucher, deposit or credit note. */
export const spend = (
	code: string,
	cents: number,
	method: 'bon-cadeau' | 'acompte' | 'avoir' = 'bon-cadeau'
) =>
	bookSale({
		lines: [
			{
				...bookSale().lines[0]!,
				quantity: 1,
				grossCents: assertCents(cents),
				ttcCents: assertCents(cents),
				htCents: assertCents(Math.round(cents / 1.055)),
				vatCents: assertCents(cents - Math.round(cents / 1.055)),
				unitPriceCents: assertCents(cents)
			}
		],
		rates: [
			{
				vatRateBp: assertVatRateBp(550),
				ttcCents: assertCents(cents),
				htCents: assertCents(Math.round(cents / 1.055)),
				vatCents: assertCents(cents - Math.round(cents / 1.055)),
				discountCents: assertCents(0)
			}
		],
		totalCents: assertCents(cents),
		payments: [{ method, amountCents: assertCents(cents), reference: code }],
		changeCents: assertCents(0)
	});

/** The e-reporting's day of one `bookSale` to a consumer (docs/invoices.md#e-reporting). */
export function reportedBookSaleDay(day: string): ReportedDay {
	return {
		day,
		category: 'TLB1',
		transactionCount: 1,
		byRate: { '550': { htCents: 1630, vatCents: 90 } }
	};
}
