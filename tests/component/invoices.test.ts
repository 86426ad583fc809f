import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ChorusDeposit from '$lib/components/invoices/ChorusDeposit.svelte';
import CreditNoteForm from '$lib/components/invoices/CreditNoteForm.svelte';
import InvoicePaymentForm from '$lib/components/invoices/InvoicePaymentForm.svelte';
import { chorusPreflight, eInvoiceOf, parisDay, type IssuedInvoice } from '$lib/domain';
import { INVOICE_CASES } from '../fixtures/invoices';

const state = INVOICE_CASES['service de l’État'] as IssuedInvoice;
const mixed = INVOICE_CASES['livres, papeterie et presse'] as IssuedInvoice;

function deposit(invoice: IssuedInvoice) {
	const onstatus = vi.fn(async () => null);
	const ondownload = vi.fn(async () => {});
	const einvoice = eInvoiceOf(invoice);
	render(ChorusDeposit, {
		checks: chorusPreflight(invoice, einvoice, parisDay(new Date())),
		einvoice,
		statuses: [],
		ondownload,
		onstatus
	});
	return { onstatus, ondownload, user: userEvent.setup() };
}

describe('Chorus Pro deposit', () => {
	it('passes the pre-flight, shows each value to copy in the portal’s order, copies one', async () => {
		const { user, ondownload } = deposit(state);
		expect(screen.queryByText(/Dépôt bloqué/u)).toBeNull();
		const guide = screen.getByRole('table', { name: 'Valeurs à saisir ou à vérifier' });
		const rows = within(guide).getAllByRole('row');
		expect(rows[0]?.textContent).toMatch(/^Cadre de facturationA1/u);
		expect(rows[1]?.textContent).toContain('11000201100044');
		await user.click(screen.getByRole('button', { name: 'Copier Code service' }));
		expect(await navigator.clipboard.readText()).toBe('DAF_BUREAU-3');
		expect(screen.getByText('Code service copié : DAF_BUREAU-3')).toBeDefined();
		await user.click(screen.getByRole('button', { name: 'Télécharger le PDF à déposer' }));
		expect(ondownload).toHaveBeenCalledOnce();
	});

	it('blocks the deposit and says what to fix when a required code service is missing', () => {
		deposit({
			...state,
			document: { ...state.document, references: { ...state.document.references, serviceCode: '' } }
		});
		expect(screen.getByRole('alert').textContent).toContain('Dépôt bloqué');
		expect(screen.getByText(/exige un code service/u)).toBeDefined();
		expect(screen.queryByRole('table', { name: 'Valeurs à saisir ou à vérifier' })).toBeNull();
	});

	it('asks for the deposit certificate at its field, then records the status', async () => {
		const { user, onstatus } = deposit(state);
		await user.click(screen.getByRole('button', { name: 'Enregistrer le statut' }));
		const certificate = screen.getByLabelText('N° du certificat de dépôt');
		expect(certificate.getAttribute('aria-invalid')).toBe('true');
		expect(document.activeElement).toBe(certificate);
		expect(onstatus).not.toHaveBeenCalled();
		await user.type(certificate, 'CPP-1');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le statut' }));
		expect(onstatus).toHaveBeenCalledWith(
			expect.objectContaining({ status: 'deposee', certificateNumber: 'CPP-1' })
		);
	});
});

describe('Créditer', () => {
	it('credits all that is left, or refuses more than is left at the line', async () => {
		const oncredit = vi.fn(async (selection: { lineIndex: number; quantity: number }[]) =>
			selection[0]?.quantity === 3
				? 'Quantité à créditer pour «\u00a0Livre\u00a0»\u00a0: un nombre entier de 1 à 2.'
				: null
		);
		render(CreditNoteForm, { invoice: mixed, credited: new Map([[0, 1]]), oncredit });
		const user = userEvent.setup();
		await user.click(screen.getByRole('button', { name: 'Tout créditer' }));
		expect((screen.getByLabelText(/ligne 1\)$/u) as HTMLInputElement).value).toBe('2');
		await user.click(screen.getByRole('button', { name: 'Émettre l’avoir' }));
		expect(oncredit).toHaveBeenLastCalledWith([
			{ lineIndex: 0, quantity: 2 },
			{ lineIndex: 1, quantity: 1 },
			{ lineIndex: 2, quantity: 4 },
			{ lineIndex: 3, quantity: 2 }
		]);
		await user.clear(screen.getByLabelText(/ligne 1\)$/u));
		await user.type(screen.getByLabelText(/ligne 1\)$/u), '3');
		await user.click(screen.getByRole('button', { name: 'Émettre l’avoir' }));
		expect(screen.getByRole('alert').textContent).toContain('de 1 à 2');
	});
});

describe('Enregistrer un règlement', () => {
	it('offers what is left, refuses more at the amount field', async () => {
		const onpay = vi.fn(async () => null);
		render(InvoicePaymentForm, { leftCents: 1720, onpay });
		const user = userEvent.setup();
		const amount = screen.getByLabelText('Montant reçu (€)');
		expect((amount as HTMLInputElement).value).toBe('17,2');
		await user.clear(amount);
		await user.type(amount, '20');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le règlement' }));
		expect(amount.getAttribute('aria-invalid')).toBe('true');
		expect(screen.getByText(/dépasse ce qui reste à payer/u)).toBeDefined();
		await user.clear(amount);
		await user.type(amount, '17,20');
		await user.click(screen.getByRole('button', { name: 'Enregistrer le règlement' }));
		expect(onpay).toHaveBeenCalledWith(
			expect.objectContaining({ method: 'virement', amountCents: 1720 })
		);
	});
});
