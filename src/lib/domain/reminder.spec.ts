import { describe, expect, it } from 'vitest';
import { DUE_CSV_HEADER, dueCsvRows, reminderLetter } from './reminder';
import { OVERDUE_INVOICE } from '../../../tests/fixtures/invoices';

const overdue = OVERDUE_INVOICE;

describe('reminder letter', () => {
	it('names the invoice, its due date, what is left and the late-payment mentions', () => {
		const letter = reminderLetter({ document: overdue, professional: true, previousReminders: 0 });
		expect(letter.subject).toBe('Relance — Facture n° 7');
		const text = letter.paragraphs.join('\n');
		expect(text).toMatch(
			/facture n° 7 du 20\/10\/2026, d’un montant de 57,90\s€, échue le 19\/11\/2026/u
		);
		expect(text).toMatch(/\(20,00\s€ reçus\)/u);
		expect(text).toMatch(/restant dû est de 37,90\s€, en retard de 13 jours/u);
		expect(text).toMatch(/L441-10/u);
		expect(text).toMatch(/40 € \(Code de commerce D441-5\)/u);
	});

	it('a second reminder says so; a consumer owes no recovery fee', () => {
		const letter = reminderLetter({
			document: { ...overdue, kind: 'ticket', label: 'Ticket n° 12 (CAISSE1)', number: '12' },
			professional: false,
			previousReminders: 1
		});
		expect(letter.subject).toBe('2e relance — Ticket n° 12 (CAISSE1)');
		expect(letter.paragraphs.join('\n')).not.toMatch(/D441-5/u);
	});
});

describe('reminder letter for a sale « en compte » without a due day', () => {
	it('counts from the day of the sale, one day late, nothing received', () => {
		const letter = reminderLetter({
			document: {
				...overdue,
				kind: 'ticket',
				dueDay: null,
				leftCents: 5790,
				daysLate: 1
			},
			professional: false,
			previousReminders: 0
		});
		const text = letter.paragraphs.join('\n');
		expect(text).toMatch(
			/votre achat du 20\/10\/2026 .*, échu le 20\/10\/2026, n’est pas entièrement réglé à ce jour\./u
		);
		expect(text).toMatch(/en retard de 1 jour\./u);
	});

	it('its CSV row says « Ticket en compte » and no due day', () => {
		expect(dueCsvRows([{ ...overdue, kind: 'ticket', dueDay: null }])[0]?.slice(0, 5)).toEqual([
			'Ticket en compte',
			'7',
			'Médiathèque de Lens',
			'20/10/2026',
			''
		]);
	});
});

describe('CSV of « Les échéances »', () => {
	it('one row per document, French decimals and days', () => {
		expect(DUE_CSV_HEADER).toHaveLength(10);
		expect(dueCsvRows([overdue])).toEqual([
			[
				'Facture',
				'7',
				'Médiathèque de Lens',
				'20/10/2026',
				'19/11/2026',
				'57,90',
				'37,90',
				'Échue',
				'13',
				'0'
			]
		]);
	});
});
