import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cashingDay,
	filterTicketList,
	ticketCountText,
	ticketListCells,
	ticketListCsvRows,
	type TicketListEntry
} from './ticket-list';

// The seed's list (000 §2), times in Paris (UTC+2 in September).
const seed: TicketListEntry[] = [
	{
		id: 1,
		tillId: 'ALIEN1',
		invoiceNumber: '',
		number: 178746,
		createdAt: '2019-09-09T17:58:00Z',
		totalCents: 1730,
		name: '',
		postalCode: '',
		city: '',
		info: ''
	},
	{
		id: 3,
		tillId: 'ALIEN1',
		invoiceNumber: '5839',
		number: 178748,
		createdAt: '2019-09-27T16:47:00Z',
		totalCents: 4540,
		name: 'LIVRALOG',
		postalCode: '62300',
		city: 'ELEU DIT LEAUWETTE',
		info: ''
	},
	{
		id: 4,
		tillId: 'ALIEN1',
		invoiceNumber: '',
		number: 178749,
		createdAt: '2019-09-27T16:49:38Z',
		totalCents: -4540,
		name: 'Bibliothèque Œuvre',
		postalCode: '59000',
		city: 'LILLE',
		info: 'Annule le ticket n° 178748'
	}
];

describe('ticketCountText', () => {
	it.each([
		[0, 'Aucun ticket n’est affiché.'],
		[1, '1 ticket est affiché.'],
		[7, '7 tickets sont affichés.'],
		[1234, '1\u202f234 tickets sont affichés.']
	])('%i → %s', (count, text) => {
		expect(ticketCountText(count)).toBe(text);
	});
});

describe('the list row', () => {
	it('shows the seed’s columns in fr-FR formats', () => {
		expect(ticketListCells(seed[1] as TicketListEntry)).toEqual([
			'5839',
			'178748',
			'27/09/2019',
			'18:47',
			'45,40\u00a0€',
			'LIVRALOG',
			'62300',
			'ELEU DIT LEAUWETTE',
			''
		]);
	});
});

describe('filterTicketList (Rechercher dans la liste)', () => {
	it.each([
		['', [1, 3, 4]],
		['livralog', [3]],
		['LIVRALOG 45,40', [3]],
		['27/09', [3, 4]],
		['oeuvre', [4]],
		['bibliotheque lille', [4]],
		['annule', [4]],
		['178746', [1]],
		['introuvable', []]
	])('"%s" keeps %j', (query, ids) => {
		expect(filterTicketList(seed, query).map((entry) => entry.id)).toEqual(ids);
	});

	it('never adds a row and keeps the order', () => {
		fc.assert(
			fc.property(fc.string(), (query) => {
				const kept = filterTicketList(seed, query);
				expect(seed.filter((entry) => kept.includes(entry))).toEqual(kept);
			})
		);
	});
});

describe('ticketListCsvRows', () => {
	it('writes amounts with a decimal comma and no currency sign', () => {
		expect(ticketListCsvRows(seed).map((row) => row[5])).toEqual(['17,30', '45,40', '-45,40']);
		expect(ticketListCsvRows(seed)[1]).toEqual([
			'5839',
			'178748',
			'ALIEN1',
			'27/09/2019',
			'18:47',
			'45,40',
			'LIVRALOG',
			'62300',
			'ELEU DIT LEAUWETTE',
			''
		]);
	});
});

describe('cashingDay (docs/features.md: VAT on debits or on receipts)', () => {
	const paidNow = { day: '2019-09-27', dueDate: null };
	const deferred = { day: '2019-09-27', dueDate: '2019-10-27' };
	it.each([
		[paidNow, 'debits', null, '2019-09-27'],
		[paidNow, 'encaissements', null, '2019-09-27'],
		[deferred, 'debits', '2019-10-20', '2019-09-27'],
		[deferred, 'encaissements', '2019-10-20', '2019-10-20'],
		[deferred, 'encaissements', null, null]
	] as const)('%j under %s, settled %s → %s', (ticket, regime, settled, day) => {
		expect(cashingDay(ticket, regime, settled)).toBe(day);
	});
});
