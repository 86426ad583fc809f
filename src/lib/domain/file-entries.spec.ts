import { describe, expect, it } from 'vitest';
import { customerFileEntries } from './file-entries';
import type { CustomerOrder } from './customer-order';
import type { Loan } from './loan';
import type { Quote } from './quote';

const order = {
	number: 3,
	createdOn: '2026-11-02',
	updatedOn: '2026-11-05',
	closedOn: null,
	note: 'pour Noël',
	depositCode: 'AC-1',
	lines: [{ quantity: 1, received: 0, cancelled: 0, collected: 0, released: 0 }]
} as unknown as CustomerOrder;

const quote = {
	number: 5,
	createdOn: '2026-11-10',
	updatedOn: '2026-11-12',
	closedOn: '2026-11-12',
	validUntil: '2026-12-10',
	status: 'termine',
	document: { note: 'rentrée' },
	outcome: { kind: 'invoice', invoiceId: 8, number: '41' }
} as unknown as Quote;

const loan = {
	number: 4,
	createdOn: '2026-11-08',
	updatedOn: '2026-11-08',
	closedOn: null,
	note: '',
	lines: [{ quantity: 2, returned: 0, kept: 0 }],
	sales: [{ kind: 'ticket', id: 2, number: '17' }]
} as unknown as Loan;

describe('customerFileEntries', () => {
	it('lists orders, quotes and loans newest first in the seed’s words, with their links', () => {
		const entries = customerFileEntries(
			{
				orders: [{ ...order, id: 1 }],
				quotes: [
					{ ...quote, id: 2 },
					{ ...quote, id: 3, number: 6, outcome: { kind: 'order', orderId: 1, number: 3 } },
					{ ...quote, id: 4, number: 7, status: 'en-cours', outcome: null }
				],
				loans: [{ ...loan, id: 1 }]
			},
			'2026-11-20'
		);
		expect(entries.map((entry) => [entry.number, entry.type, entry.links])).toEqual([
			[7, 'devis en cours', []],
			[6, 'devis terminé', [{ kind: 'order', id: 1, number: 3 }]],
			[5, 'devis terminé', [{ kind: 'invoice', id: 8, number: '41' }]],
			[4, 'prêt en cours', [{ kind: 'ticket', id: 2, number: '17' }]],
			[3, 'commande en cours', [{ kind: 'deposit', code: 'AC-1' }]]
		]);
		expect(entries.find((entry) => entry.kind === 'commande')?.note).toBe('pour Noël');
		expect(
			customerFileEntries(
				{ orders: [{ ...order, id: 1, depositCode: null }], quotes: [], loans: [] },
				'2026-11-20'
			)[0]?.links
		).toEqual([]);
	});
});
