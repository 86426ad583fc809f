import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewOrderLine } from './customer-order';
import {
	applyLoanReturn,
	copiesOut,
	createLoan,
	lentCopies,
	loanDaysLate,
	loanFileLabel,
	loanIsOverdue,
	type Loan,
	type LoanReturnLine,
	type LoanSale,
	type NewLoan
} from './loan';
import { assertCents } from './money';
import { assertVatRateBp } from './vat';

const at = (day: string) => ({ at: `${day}T10:00:00.000Z`, day, by: 'Anne' });

const book = (title: string, quantity: number, ean = '9782070000001'): NewOrderLine => ({
	ean,
	title,
	authors: 'A. Auteur',
	publisher: 'Gallimard',
	kind: 'livre',
	vatRateBp: assertVatRateBp(550),
	unitPriceCents: assertCents(2000),
	quantity
});

const form: NewLoan = {
	customerId: 4,
	dueBack: '2026-12-31',
	note: ' choix de la médiathèque ',
	lines: [book('Premier', 2), book('Second', 3, '9782070000002')]
};

function lent(): Loan {
	const created = createLoan(20, form, at('2026-12-01'));
	if (!created.ok) throw new Error(created.error.message);
	return created.value;
}

const invoice: LoanSale = { kind: 'invoice', id: 9, number: '57' };

describe('createLoan', () => {
	it('lends every copy, due back on the day chosen', () => {
		const loan = lent();
		expect(loan).toMatchObject({ number: 20, note: 'choix de la médiathèque', closedOn: null });
		expect(loan.lines.map(copiesOut)).toEqual([2, 3]);
		expect(loan.history[0]?.text).toBe('Prêt enregistré, retour prévu le 31/12/2026');
		expect(loanFileLabel(loan)).toBe('prêt en cours');
	});

	it.each<[string, Partial<NewLoan>, string, string]>([
		['no borrower', { customerId: null }, 'customer', 'Choisissez l’emprunteur'],
		['no due day', { dueBack: '' }, 'dueBack', 'date de retour prévue'],
		['a due day past', { dueBack: '2026-11-30' }, 'dueBack', 'déjà passée'],
		['no title', { lines: [] }, 'lines', 'au moins un titre'],
		['no copy', { lines: [book('Rien', 0)] }, 'lines.0.quantity', 'de 1 à 999'],
		['half a copy', { lines: [book('Demi', 1.5)] }, 'lines.0.quantity', 'de 1 à 999']
	])('refuses %s at its field', (_name, change, field, message) => {
		const result = createLoan(1, { ...form, ...change }, at('2026-12-01'));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.field).toBe(field);
			expect(result.error.message).toContain(message);
		}
	});
});

describe('applyLoanReturn', () => {
	it('half back, half kept and invoiced: the loan is over, the invoice linked', () => {
		const back = applyLoanReturn(
			lent(),
			{
				lines: [
					{ line: 0, returned: 1, kept: 1 },
					{ line: 1, returned: 2, kept: 1 }
				],
				sale: invoice
			},
			at('2026-12-10')
		);
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.value.lines.map(copiesOut)).toEqual([0, 0]);
		expect(back.value).toMatchObject({ closedOn: '2026-12-10', sales: [invoice] });
		expect(loanFileLabel(back.value)).toBe('prêt terminé');
		expect(back.value.history.at(-1)?.text).toBe(
			'Retour\u00a0: 1\u00a0exemplaire rendu, 1\u00a0exemplaire gardé de «\u00a0Premier\u00a0»\u00a0; 2\u00a0exemplaires rendus, 1\u00a0exemplaire gardé de «\u00a0Second\u00a0» — vendus sur la facture n°\u00a057'
		);
	});

	it('copies back only need no sale; the loan stays open for the rest', () => {
		const back = applyLoanReturn(
			lent(),
			{ lines: [{ line: 1, returned: 3, kept: 0 }], sale: null },
			at('2026-12-10')
		);
		expect(back.ok && back.value.closedOn).toBe(null);
		expect(back.ok && back.value.history.at(-1)?.text).toBe(
			'Retour\u00a0: 3\u00a0exemplaires rendus de «\u00a0Second\u00a0»'
		);
		const kept = applyLoanReturn(
			lent(),
			{ lines: [{ line: 0, returned: 0, kept: 2 }], sale: { kind: 'ticket', id: 3, number: '8' } },
			at('2026-12-10')
		);
		expect(kept.ok && kept.value.history.at(-1)?.text).toContain(
			'2\u00a0exemplaires gardés de «\u00a0Premier\u00a0» — vendus sur le ticket n°\u00a08'
		);
	});

	it.each<[string, LoanReturnLine[], LoanSale | null, string, string]>([
		['nothing', [{ line: 0, returned: 0, kept: 0 }], null, 'lines', 'au moins un titre'],
		['kept unsold', [{ line: 0, returned: 0, kept: 1 }], null, 'lines', 'en caisse ou sur facture'],
		['a line not lent', [{ line: 5, returned: 1, kept: 0 }], null, 'lines', 'pas dans le prêt'],
		['a negative count', [{ line: 0, returned: -1, kept: 0 }], null, 'lines.0', '0 ou plus'],
		[
			'too many',
			[{ line: 0, returned: 2, kept: 1 }],
			invoice,
			'lines.0',
			'2\u00a0exemplaires seulement'
		]
	])('refuses %s at its line', (_name, lines, sale, field, message) => {
		const result = applyLoanReturn(lent(), { lines, sale }, at('2026-12-10'));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.field).toBe(field);
			expect(result.error.message).toContain(message);
		}
	});

	it('says « aucun exemplaire » once a line is all back', () => {
		const back = applyLoanReturn(
			lent(),
			{ lines: [{ line: 0, returned: 2, kept: 0 }], sale: null },
			at('2026-12-10')
		);
		if (!back.ok) throw new Error(back.error.message);
		const again = applyLoanReturn(
			back.value,
			{ lines: [{ line: 0, returned: 1, kept: 0 }], sale: null },
			at('2026-12-11')
		);
		expect(!again.ok && again.error.message).toContain('aucun exemplaire encore en prêt');
	});

	it('property: whatever comes back, copies out are never negative nor more than lent', () => {
		const entry = fc.record({
			line: fc.integer({ min: 0, max: 1 }),
			returned: fc.integer({ min: 0, max: 3 }),
			kept: fc.integer({ min: 0, max: 3 })
		});
		fc.assert(
			fc.property(fc.array(fc.array(entry, { maxLength: 2 }), { maxLength: 8 }), (returns) => {
				let loan = lent();
				for (const lines of returns) {
					const next = applyLoanReturn(loan, { lines, sale: invoice }, at('2026-12-10'));
					if (next.ok) loan = next.value;
				}
				for (const [index, line] of loan.lines.entries()) {
					expect(copiesOut(line)).toBeGreaterThanOrEqual(0);
					expect(line.returned + line.kept).toBeLessThanOrEqual(form.lines[index]?.quantity ?? 0);
				}
				expect(loan.closedOn === null).toBe(loan.lines.some((line) => copiesOut(line) > 0));
			})
		);
	});
});

describe('overdue and stock « en prêt »', () => {
	it('is late after its due day while copies are out', () => {
		const loan = lent();
		expect(loanIsOverdue(loan, '2026-12-31')).toBe(false);
		expect(loanDaysLate(loan, '2027-01-03')).toBe(3);
		const back = applyLoanReturn(
			loan,
			{
				lines: [
					{ line: 0, returned: 2, kept: 0 },
					{ line: 1, returned: 3, kept: 0 }
				],
				sale: null
			},
			at('2027-01-02')
		);
		expect(back.ok && loanDaysLate(back.value, '2027-01-03')).toBe(0);
	});

	it('counts the copies still out, title by title, across loans', () => {
		const other = {
			...lent(),
			lines: [
				{ ...lent().lines[0]!, returned: 1 },
				{ ...lent().lines[1]!, ean: '' }
			]
		};
		expect([...lentCopies([lent(), other])]).toEqual([
			['9782070000001', 3],
			['9782070000002', 3]
		]);
	});
});
