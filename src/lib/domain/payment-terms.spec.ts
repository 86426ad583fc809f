import { describe, expect, it } from 'vitest';
import {
	defaultTermDays,
	dueDayAfter,
	parseTermDays,
	proposedDueDay,
	termDaysOf,
	termLabel,
	validateDueDay
} from './payment-terms';

describe('payment terms', () => {
	it.each([
		['particulier', 0],
		['bibliotheque', 30],
		['collectivite', 30],
		['ecole', 30]
	] as const)('%s pays within %i days by default', (status, days) => {
		expect(defaultTermDays(status)).toBe(days);
		expect(termDaysOf({ status, paymentTermDays: null })).toBe(days);
	});

	it('the due day is the term after the day', () => {
		expect(dueDayAfter('2026-12-02', 30)).toBe('2027-01-01');
		expect(dueDayAfter('2026-12-02', 0)).toBe('2026-12-02');
	});

	it('proposes the latest due date agreed for the sales left en compte, else the term, else none', () => {
		const onAccount = (dueDate: string | null) => ({
			payments: [{ method: 'en-compte' as const, amountCents: 1720 }],
			dueDate
		});
		const paid = { payments: [{ method: 'carte' as const, amountCents: 1720 }], dueDate: null };
		expect(
			proposedDueDay([onAccount('2026-12-20'), onAccount('2027-01-05'), paid], 30, '2026-12-02')
		).toBe('2027-01-05');
		expect(proposedDueDay([onAccount(null)], 30, '2026-12-02')).toBe('2027-01-01');
		expect(proposedDueDay([paid], 30, '2026-12-02')).toBeUndefined();
	});

	it('a customer file’s own term wins, even 0 (on receipt)', () => {
		expect(termDaysOf({ status: 'bibliotheque', paymentTermDays: 0 })).toBe(0);
		expect(termDaysOf({ status: 'particulier', paymentTermDays: 45 })).toBe(45);
		expect(termLabel(0)).toBe('à réception');
		expect(termLabel(30)).toBe('30\u00a0jours');
	});

	it.each([
		['', null],
		[' 45 ', 45],
		['0', 0]
	] as const)('the file’s field %j reads %o', (text, days) => {
		expect(parseTermDays(text)).toEqual({ ok: true, value: days });
	});

	it.each(['61', '-3', '2,5', 'trente'])('the file’s field %j is refused, at the field', (text) => {
		const result = parseTermDays(text);
		expect(!result.ok && result.error.field).toBe('paymentTermDays');
	});

	it.each([
		['2026-12-02', true],
		['2027-01-31', true],
		['2027-02-01', false],
		['2026-12-01', false],
		['2026-02-30', false],
		['', false]
	] as const)('due day %s from 02/12/2026 is accepted: %s', (day, accepted) => {
		expect(validateDueDay(day, '2026-12-02').ok).toBe(accepted);
	});
});
