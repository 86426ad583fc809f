import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_SELLER } from '../../../tests/fixtures/invoices';
import { invoiceDocumentFromDraft, type DraftLine } from './invoice-draft';
import type { InvoiceDocument } from './invoice-document';
import { assertCents } from './money';
import {
	applyQuoteStep,
	orderLinesOfQuote,
	quoteDaysLeft,
	quoteFileLabel,
	quoteIsEditable,
	quoteStatusOn,
	validateQuoteValidity,
	type Quote,
	type QuoteStep
} from './quote';
import { NO_REFERENCES } from './ticket-annotations';
import { assertVatRateBp } from './vat';

const at = (day: string) => ({ at: `${day}T10:00:00.000Z`, day, by: 'Anne' });

const book: DraftLine = {
	type: 'article',
	ean: '9782070000001',
	title: 'Le Livre',
	authors: 'A. Auteur',
	publisher: 'Gallimard',
	kind: 'livre',
	quantity: 3,
	unitPriceCents: assertCents(2000),
	vatRateBp: assertVatRateBp(550),
	discount: null
};
const carriage: DraftLine = {
	...book,
	type: 'free',
	ean: '',
	title: 'Frais de port',
	kind: 'autre',
	quantity: 1,
	vatRateBp: assertVatRateBp(2000)
};

function documentOf(lines: readonly DraftLine[]): InvoiceDocument {
	const built = invoiceDocumentFromDraft({
		seller: TEST_SELLER,
		buyer: null,
		buyerStatus: 'bibliotheque',
		billing: null,
		delivery: null,
		references: NO_REFERENCES,
		note: '',
		saleDay: '2026-12-01',
		dueDate: null,
		lines
	});
	if (!built.ok) throw new Error(built.error.message);
	return built.value;
}

const quote: Quote = {
	number: 12,
	customerId: 4,
	createdOn: '2026-12-01',
	updatedOn: '2026-12-01',
	closedOn: null,
	validUntil: '2026-12-31',
	status: 'en-cours',
	document: documentOf([book, carriage]),
	refusalReason: '',
	outcome: null,
	history: []
};

const invoiced: QuoteStep = {
	kind: 'fulfil',
	outcome: { kind: 'invoice', invoiceId: 7, number: '42' }
};

describe('quote status', () => {
	it.each([
		['en-cours', '2026-12-31', 'en-cours'],
		['en-cours', '2027-01-01', 'expire'],
		['accepte', '2027-02-01', 'accepte'],
		['refuse', '2027-02-01', 'refuse'],
		['termine', '2027-02-01', 'termine']
	] as const)('%s on %s reads %s', (status, today, expected) => {
		expect(quoteStatusOn({ status, validUntil: '2026-12-31' }, today)).toBe(expected);
	});

	it('is listed in the seed’s words and stays editable only while unanswered', () => {
		expect(quoteFileLabel(quote, '2026-12-02')).toBe('devis en cours');
		expect(quoteFileLabel({ ...quote, status: 'termine' }, '2026-12-02')).toBe('devis terminé');
		expect(quoteIsEditable(quote, '2027-01-05')).toBe(true);
		expect(quoteIsEditable({ ...quote, status: 'accepte' }, '2026-12-02')).toBe(false);
		expect(quoteDaysLeft(quote, '2026-12-30')).toBe(1);
	});
});

describe('validateQuoteValidity', () => {
	it.each([
		['2026-12-31', true, ''],
		['2026-12-02', true, ''],
		['2026-12-01', false, 'déjà passée'],
		['', false, 'Donnez la date'],
		['31/12/2026', false, 'Donnez la date']
	])('%s', (day, valid, message) => {
		const result = validateQuoteValidity(day, '2026-12-02');
		expect(result.ok).toBe(valid);
		if (!result.ok) expect(result.error.message).toContain(message);
	});
});

describe('applyQuoteStep', () => {
	it('accepts, then becomes an invoice, each step dated and signed', () => {
		const accepted = applyQuoteStep(quote, { kind: 'accept' }, at('2026-12-05'));
		expect(accepted.ok && accepted.value.status).toBe('accepte');
		if (!accepted.ok) return;
		const done = applyQuoteStep(accepted.value, invoiced, at('2026-12-06'));
		expect(done.ok).toBe(true);
		if (!done.ok) return;
		expect(done.value).toMatchObject({
			status: 'termine',
			closedOn: '2026-12-06',
			outcome: { kind: 'invoice', number: '42' }
		});
		expect(done.value.history.map((event) => event.text)).toEqual([
			'Devis accepté par le client',
			'Facturé\u00a0: facture n°\u00a042'
		]);
	});

	it('an open quote turned into an order is accepted by the same gesture', () => {
		const done = applyQuoteStep(
			quote,
			{ kind: 'fulfil', outcome: { kind: 'order', orderId: 3, number: 13 } },
			at('2026-12-05')
		);
		expect(done.ok && done.value.history.map((event) => event.text)).toEqual([
			'Devis accepté par le client',
			'Commandé\u00a0: commande n°\u00a013'
		]);
	});

	it('a refusal closes it, with its reason if given', () => {
		const refused = applyQuoteStep(quote, { kind: 'refuse', reason: ' budget ' }, at('2026-12-05'));
		expect(refused.ok && refused.value).toMatchObject({
			status: 'refuse',
			refusalReason: 'budget',
			closedOn: '2026-12-05'
		});
		const silent = applyQuoteStep(quote, { kind: 'refuse', reason: '' }, at('2026-12-05'));
		expect(silent.ok && silent.value.history.at(-1)?.text).toBe('Devis refusé');
	});

	it.each<[string, Quote, QuoteStep, string, string]>([
		['expired', quote, { kind: 'accept' }, '2027-01-01', 'a expiré le 31/12/2026'],
		['expired', quote, invoiced, '2027-01-01', 'a expiré'],
		[
			'accepted twice',
			{ ...quote, status: 'accepte' },
			{ kind: 'accept' },
			'2026-12-05',
			'déjà accepté'
		],
		['refused', { ...quote, status: 'refuse' }, { kind: 'accept' }, '2026-12-05', 'est refusé'],
		['finished', { ...quote, status: 'termine' }, invoiced, '2026-12-05', 'est terminé']
	])('refuses a step on a quote %s', (_name, given, step, day, message) => {
		const result = applyQuoteStep(given, step, at(day));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toContain(message);
	});

	it('property: once refused or finished, no step changes a quote', () => {
		const steps = fc.constantFrom<QuoteStep>(
			{ kind: 'accept' },
			{ kind: 'refuse', reason: 'x' },
			invoiced
		);
		fc.assert(
			fc.property(fc.array(steps, { maxLength: 6 }), (sequence) => {
				let current = quote;
				let closedAt: Quote | null = null;
				for (const step of sequence) {
					const next = applyQuoteStep(current, step, at('2026-12-05'));
					if (closedAt) expect(next.ok).toBe(false);
					if (next.ok) current = next.value;
					if (current.status === 'refuse' || current.status === 'termine') closedAt ??= current;
				}
				if (closedAt) expect(current).toBe(closedAt);
			})
		);
	});
});

describe('orderLinesOfQuote', () => {
	it('keeps the catalogue titles at their quoted price, not the carriage', () => {
		expect(orderLinesOfQuote(quote.document)).toEqual([
			{
				ean: '9782070000001',
				title: 'Le Livre',
				authors: 'A. Auteur',
				publisher: 'Gallimard',
				kind: 'livre',
				vatRateBp: 550,
				unitPriceCents: 2000,
				quantity: 3
			}
		]);
	});
});
