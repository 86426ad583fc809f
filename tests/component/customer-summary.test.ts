import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CustomerSummary from '$lib/components/customers/CustomerSummary.svelte';
import type { CustomerRow } from '$lib/services/customers';
import { EMPTY_CUSTOMER_FILE, type CustomerStatus } from '$lib/domain';

function customer(status: CustomerStatus): CustomerRow {
	return {
		...(EMPTY_CUSTOMER_FILE as unknown as CustomerRow),
		id: 1,
		number: '1000001',
		status,
		professionalName: 'Cabinet Delcourt Avocats',
		chorusDefaultFrame: 'A1',
		paymentTermDays: null,
		addresses: []
	};
}

/** The row a bookseller reads to know where this customer's invoices go. */
function invoicesRow(): string {
	const term = screen.getByText('Factures', { selector: 'dt' });
	return term.nextElementSibling?.textContent?.trim() ?? '';
}

describe('Fiche client : où partent ses factures', () => {
	it.each([
		['entreprise', 'factures électroniques, par votre plateforme agréée'],
		['particulier', 'PDF ou papier (ses achats en caisse sont dans l’e-reporting)']
	] as const)('a customer « %s » is not said to go through Chorus Pro', (status, said) => {
		render(CustomerSummary, { customer: customer(status) });
		expect(invoicesRow()).toBe(said);
		expect(screen.queryByText(/Chorus Pro|cadre A1/u)).toBeNull();
	});

	it('a public body’s invoices are deposited on Chorus Pro, with its frame', () => {
		render(CustomerSummary, { customer: customer('bibliotheque') });
		expect(invoicesRow()).toBe('déposées sur Chorus Pro · cadre A1');
	});
});
