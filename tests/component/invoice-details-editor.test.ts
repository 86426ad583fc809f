import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import InvoiceDetailsEditor from '$lib/components/tickets/InvoiceDetailsEditor.svelte';
import type { CustomerRow } from '$lib/db/schema';
import { addDays, NO_REFERENCES, parisDay } from '$lib/domain';

const library = {
	id: 3,
	number: '1000003',
	lastName: 'Durand',
	firstName: 'Claire',
	professionalName: 'Médiathèque de Lens',
	addresses: [
		{
			id: 'a1',
			label: 'Principale',
			name: 'Médiathèque',
			line1: '1 place Jean Jaurès',
			line2: '',
			postalCode: '62300',
			city: 'Lens',
			country: 'FR',
			isDefaultBilling: true,
			isDefaultDelivery: true
		}
	],
	postalCode: '62300',
	status: 'bibliotheque',
	siret: '21620498200005',
	chorusServiceCode: 'MEDIATHEQUE',
	chorusEngagementNumber: 'EJ-77',
	chorusServiceCodeRequired: true,
	chorusEngagementRequired: false,
	chorusOneOfRequired: false
} as CustomerRow;

function setup(hasInvoice = false, customer: CustomerRow = library) {
	const onsave = vi.fn(async () => null);
	render(InvoiceDetailsEditor, {
		billing: null,
		delivery: null,
		references: NO_REFERENCES,
		customer,
		hasInvoice,
		onsave
	});
	return { onsave, user: userEvent.setup() };
}

describe('Modifier adresses et référence, créer une facture', () => {
	it('fills the billing address from the customer file and saves the references', async () => {
		const { user, onsave } = setup();
		await user.click(
			screen.getByRole('button', { name: 'Adresses du client (adresse de facturation)' })
		);
		expect((screen.getAllByLabelText('Ville')[0] as HTMLInputElement).value).toBe('Lens');
		await user.clear(screen.getByLabelText('Code service'));
		await user.type(screen.getByLabelText('Code service'), 'BIB_LENS');
		await user.clear(screen.getByLabelText('N° d’engagement'));
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).toHaveBeenCalledWith({
			billing: expect.objectContaining({
				professionalName: 'Médiathèque de Lens',
				line1: '1 place Jean Jaurès',
				postalCode: '62300',
				country: 'FRANCE'
			}),
			delivery: null,
			references: { serviceCode: 'BIB_LENS', engagementNumber: '', marketNumber: '' }
		});
	});

	it('says what is wrong at the field, focuses it, and saves nothing', async () => {
		const { user, onsave } = setup();
		await user.type(screen.getByLabelText('Code service'), 'Service é');
		await user.type(screen.getAllByLabelText('Code postal')[1] as HTMLElement, '123');
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).not.toHaveBeenCalled();
		const postal = screen.getAllByLabelText('Code postal')[1] as HTMLElement;
		expect(postal.getAttribute('aria-invalid')).toBe('true');
		// The first field in error, in reading order: the delivery address's name.
		expect(document.activeElement).toBe(screen.getAllByLabelText('Nom')[1]);
		expect(screen.getByText('Saisissez un nom ou un nom professionnel.')).toBeTruthy();
		expect(
			screen.getByText(
				'Le code service ne contient que des lettres sans accent, des chiffres, _, - et des espaces.'
			)
		).toBeTruthy();
	});

	it('starts from the customer file: address, code service and engagement, ready to issue', async () => {
		const { user, onsave } = setup();
		expect((screen.getAllByLabelText('Adresse')[0] as HTMLInputElement).value).toBe(
			'1 place Jean Jaurès'
		);
		expect((screen.getByLabelText('Code service') as HTMLInputElement).value).toBe('MEDIATHEQUE');
		expect((screen.getByLabelText('N° d’engagement') as HTMLInputElement).value).toBe('EJ-77');
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).toHaveBeenCalledWith({
			billing: expect.objectContaining({ line1: '1 place Jean Jaurès', city: 'Lens' }),
			delivery: null,
			references: { serviceCode: 'MEDIATHEQUE', engagementNumber: 'EJ-77', marketNumber: '' }
		});
	});

	it('issues no invoice without the customer’s address or a required code service: says so at the field', async () => {
		const { user, onsave } = setup(false, { ...library, addresses: [], postalCode: '' });
		await user.clear(screen.getByLabelText('Code service'));
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).not.toHaveBeenCalled();
		const street = screen.getAllByLabelText('Adresse')[0] as HTMLElement;
		expect(street.getAttribute('aria-invalid')).toBe('true');
		expect(document.activeElement).toBe(street);
		expect(
			screen.getAllByText(/Saisissez l’adresse du client\s: mention obligatoire/u)
		).toHaveLength(1);
		expect(screen.getByText(/exige un code service/u)).toBeTruthy();
		expect(screen.getByRole('alert').textContent).toMatch(/n’est pas émise/u);
	});

	it('asks the due date of what is left to pay, proposed, refused beyond 60 days, then saved', async () => {
		const onsave = vi.fn(async () => null);
		const today = parisDay(new Date());
		render(InvoiceDetailsEditor, {
			billing: null,
			delivery: null,
			references: NO_REFERENCES,
			customer: library,
			hasInvoice: false,
			dueDay: addDays(today, 30),
			onsave
		});
		const user = userEvent.setup();
		await user.type(screen.getByLabelText('N° d’engagement'), '-1');
		const due = screen.getByLabelText('Échéance du règlement') as HTMLInputElement;
		expect(due.value).toBe(addDays(today, 30));
		await fireEvent.input(due, { target: { value: addDays(today, 90) } });
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).not.toHaveBeenCalled();
		expect(due.getAttribute('aria-invalid')).toBe('true');
		await fireEvent.input(due, { target: { value: addDays(today, 45) } });
		await user.click(screen.getByRole('button', { name: 'Enregistrer et créer une facture' }));
		expect(onsave).toHaveBeenCalledWith(expect.objectContaining({ dueDay: addDays(today, 45) }));
	});

	it('once the invoice exists, says it will not change', () => {
		setup(true);
		expect(
			screen.getByText(/La facture de ce ticket est émise\s: elle ne change plus/u)
		).toBeTruthy();
		expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeTruthy();
	});
});
