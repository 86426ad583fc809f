import { assertCents, assertVatRateBp, type Article } from '$lib/domain';
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
