import { describe, expect, it } from 'vitest';
import { createCustomer } from '$lib/db/customer-repository';
import { listDueEntries } from '$lib/db/due-repository';
import { invoiceTickets } from '$lib/db/invoice-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	assertCents,
	EMPTY_CUSTOMER_FORM,
	NO_REFERENCES,
	validateCustomerDraft
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { BILLING, bookSale } from './sale-fixtures';

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

describe('Les échéances', () => {
	it('lists a sale left en compte, then its invoice once invoiced, dated in Paris', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const customerId = await library();
		const sale = await recordSale(
			{
				...bookSale({
					customerId,
					customerStatus: 'bibliotheque',
					payments: [{ method: 'en-compte', amountCents: assertCents(1720), reference: null }],
					changeCents: assertCents(0)
				}),
				dueDate: '2026-12-02'
			},
			new Date('2026-11-02T10:00:00Z')
		);
		const [ticket] = await listDueEntries('2026-12-05');
		expect(ticket).toMatchObject({
			kind: 'ticket',
			id: sale.id,
			customerName: 'Médiathèque de Lens',
			askedCents: 1720,
			leftCents: 1720,
			state: 'echue',
			daysLate: 3
		});
		// Issued at 00:30 in Paris on 03/11, still 02/11 in UTC.
		await invoiceTickets(
			customerId,
			[sale.id],
			{ billing: BILLING, delivery: null, references: { ...NO_REFERENCES, serviceCode: 'X' } },
			'Anne',
			new Date('2026-11-02T23:30:00Z')
		);
		const entries = await listDueEntries('2026-12-05');
		expect(entries.map((entry) => entry.kind)).toEqual(['invoice']);
		expect(entries[0]).toMatchObject({ issueDay: '2026-11-03', dueDay: '2026-12-02' });
	});
});
