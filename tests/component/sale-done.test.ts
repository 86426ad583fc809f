import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SaleDone from '$lib/components/till/SaleDone.svelte';
import { assertCents, type CustomerStatus } from '$lib/domain';
import type { TicketRow } from '$lib/services/tickets';

/** The sale just recorded, as the till shows it: only what the notice reads. */
function sale(customerStatus: CustomerStatus, change: Partial<TicketRow> = {}): TicketRow {
	return {
		id: 42,
		number: 17,
		training: 0,
		cancelsTicketId: null,
		customerStatus,
		totalCents: 3385,
		changeCents: 0,
		issues: [],
		payments: [{ method: 'carte', amountCents: 3385 }],
		...change
	} as unknown as TicketRow;
}

function shown(ticket: TicketRow) {
	render(SaleDone, { ticket, onprint: vi.fn(), onnew: vi.fn() });
}

describe('Vente enregistrée : la facture d’une entreprise', () => {
	it('says a company’s sale is to be invoiced and leads to its invoice tab', () => {
		shown(sale('entreprise'));
		expect(screen.getByTestId('invoice-owed').textContent).toContain(
			'Vente à une entreprise\u00a0: sa facture est obligatoire'
		);
		expect(screen.getByRole('link', { name: 'Faire la facture' }).getAttribute('href')).toMatch(
			/\/tickets\/42\?onglet=facture$/u
		);
	});

	it.each([
		['a consumer’s sale', sale('particulier')],
		['a public body’s (its invoice goes to Chorus Pro from its file)', sale('bibliotheque')],
		['a training sale', sale('entreprise', { training: 1 })],
		['a refund', sale('entreprise', { totalCents: assertCents(-3385) })]
	])('asks nothing of %s', (_, ticket) => {
		shown(ticket);
		expect(screen.queryByTestId('invoice-owed')).toBeNull();
		expect(screen.queryByRole('link', { name: 'Faire la facture' })).toBeNull();
	});
});
