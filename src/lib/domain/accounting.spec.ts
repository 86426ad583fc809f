import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ACCOUNT_PLAN_FIELDS,
	accountPlanToForm,
	DEFAULT_ACCOUNT_PLAN,
	eReportingRows,
	fecDocument,
	fecFileName,
	fecRows,
	latin9Bytes,
	salesJournal,
	salesJournalCsvRows,
	validateAccountPlan
} from './accounting';
import type { DayTotals } from './closing';

function day(date: string, extra: Partial<DayTotals> = {}): DayTotals {
	return {
		day: date,
		ticketCount: 3,
		ttcCents: 6580,
		byRate: {
			550: { ttcCents: 4540, htCents: 4303, vatCents: 237 },
			2000: { ttcCents: 2040, htCents: 1700, vatCents: 340 }
		},
		byMethod: { especes: 3000, carte: 5580 },
		byKind: { livre: 4540, autre: 2040 },
		byHour: [],
		discountCents: 0,
		cancellationCount: 0,
		balanceIssuedCents: 2000,
		...extra
	};
}

const balance = (lines: readonly { debitCents: number; creditCents: number }[]) =>
	lines.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);

describe('the sales journal', () => {
	it('debits what was cashed and credits sales HT, VAT per rate and vouchers sold, one entry a day', () => {
		const [entry] = salesJournal([day('2026-11-20')], DEFAULT_ACCOUNT_PLAN);
		expect(entry).toMatchObject({
			number: 1,
			day: '2026-11-20',
			label: 'Ventes caisse du 20/11/2026'
		});
		expect(entry?.lines).toEqual([
			{ account: '530000', accountLabel: 'Espèces', debitCents: 3000, creditCents: 0 },
			{ account: '511200', accountLabel: 'Carte bancaire', debitCents: 5580, creditCents: 0 },
			{ account: '707100', accountLabel: 'Ventes HT 5,5 %', debitCents: 0, creditCents: 4303 },
			{ account: '445711', accountLabel: 'TVA collectée 5,5 %', debitCents: 0, creditCents: 237 },
			{ account: '707200', accountLabel: 'Ventes HT 20 %', debitCents: 0, creditCents: 1700 },
			{ account: '445712', accountLabel: 'TVA collectée 20 %', debitCents: 0, creditCents: 340 },
			{
				account: '419100',
				accountLabel: 'Bons et acomptes vendus',
				debitCents: 0,
				creditCents: 2000
			}
		]);
		expect(balance(entry?.lines ?? [])).toBe(0);
	});

	it('adds up the tills of a day, puts negative amounts on the other side and skips empty days', () => {
		const refund = day('2026-11-21', {
			ttcCents: -4540,
			byRate: { 550: { ttcCents: -4540, htCents: -4303, vatCents: -237 } },
			byMethod: { especes: -4540, chequeCadeau: 0 },
			balanceIssuedCents: 0
		});
		const empty = day('2026-11-22', {
			ttcCents: 0,
			byRate: {},
			byMethod: {},
			balanceIssuedCents: 0
		});
		const entries = salesJournal(
			[refund, day('2026-11-20'), empty, day('2026-11-20')],
			DEFAULT_ACCOUNT_PLAN
		);
		expect(entries.map((entry) => [entry.number, entry.day])).toEqual([
			[1, '2026-11-20'],
			[2, '2026-11-21']
		]);
		expect(entries[0]?.lines[0]).toMatchObject({ debitCents: 6000 });
		expect(entries[1]?.lines).toEqual([
			{ account: '530000', accountLabel: 'Espèces', debitCents: 0, creditCents: 4540 },
			{ account: '707100', accountLabel: 'Ventes HT 5,5 %', debitCents: 4303, creditCents: 0 },
			{ account: '445711', accountLabel: 'TVA collectée 5,5 %', debitCents: 237, creditCents: 0 }
		]);
	});

	it('books an unknown payment method as cash, under its own name', () => {
		const [entry] = salesJournal(
			[day('2026-11-20', { byMethod: { troc: 8580 } })],
			DEFAULT_ACCOUNT_PLAN
		);
		expect(entry?.lines[0]).toEqual({
			account: '530000',
			accountLabel: 'troc',
			debitCents: 8580,
			creditCents: 0
		});
	});

	it('leaves the account empty for a rate the plan does not know (Paramètres checks every rate)', () => {
		const [entry] = salesJournal([day('2026-11-20')], {
			...DEFAULT_ACCOUNT_PLAN,
			salesByRate: {},
			vatByRate: {}
		});
		expect(entry?.lines[2]).toMatchObject({ account: '', creditCents: 4303 });
		expect(entry?.lines[3]).toMatchObject({ account: '', creditCents: 237 });
	});

	it('balances every entry for any payments and rates that add up (property)', () => {
		const amounts = fc.integer({ min: -100_000, max: 100_000 });
		fc.assert(
			fc.property(
				amounts,
				amounts,
				amounts,
				fc.integer({ min: 0, max: 50_000 }),
				(ht5, ht20, issued, card) => {
					const vat5 = Math.round(ht5 * 0.055);
					const vat20 = Math.round(ht20 * 0.2);
					const ttc = ht5 + vat5 + ht20 + vat20;
					const totals = day('2026-01-05', {
						ttcCents: ttc,
						byRate: {
							550: { ttcCents: ht5 + vat5, htCents: ht5, vatCents: vat5 },
							2000: { ttcCents: ht20 + vat20, htCents: ht20, vatCents: vat20 }
						},
						byMethod: { carte: card, especes: ttc + issued - card },
						balanceIssuedCents: issued
					});
					for (const entry of salesJournal([totals], DEFAULT_ACCOUNT_PLAN)) {
						expect(balance(entry.lines)).toBe(0);
					}
				}
			)
		);
	});
});

describe('the FEC and CSV files', () => {
	const entries = salesJournal([day('2026-11-20')], {
		...DEFAULT_ACCOUNT_PLAN,
		journalLabel: 'Ventes\tcaisse'
	});

	it('writes the 18 FEC columns with compact dates and decimal commas', () => {
		const rows = fecRows(entries, DEFAULT_ACCOUNT_PLAN);
		expect(rows[0]).toHaveLength(18);
		expect(rows[1]).toEqual([
			'VE',
			'Ventes caisse',
			'1',
			'20261120',
			'530000',
			'Espèces',
			'',
			'',
			'VE20261120',
			'20261120',
			'Ventes caisse du 20/11/2026',
			'30,00',
			'0,00',
			'',
			'',
			'20261120',
			'',
			''
		]);
		const text = fecDocument(entries, {
			...DEFAULT_ACCOUNT_PLAN,
			journalLabel: 'Ventes\tcaisse|x'
		});
		expect(text.split('\r\n')[1]?.split('\t')[1]).toBe('Ventes caisse x');
		expect(text.endsWith('\r\n')).toBe(true);
		expect(fecFileName('12345678900017', '2026-12-31')).toBe('123456789FEC20261231.txt');
	});

	it('writes the journal as CSV rows', () => {
		expect(salesJournalCsvRows(entries, DEFAULT_ACCOUNT_PLAN)[2]).toEqual([
			'VE',
			'1',
			'20/11/2026',
			'707100',
			'Ventes HT 5,5 %',
			'Ventes caisse du 20/11/2026',
			'0,00',
			'43,03'
		]);
	});

	it.each([
		['é€œ', [0xe9, 0xa4, 0xbd]],
		['A¤', [0x41, 0x3f]],
		['→', [0x3f]]
	])('encodes %s in ISO 8859-15', (text, bytes) => {
		expect([...latin9Bytes(text)]).toEqual(bytes);
	});
});

describe('the account plan form', () => {
	it('round-trips the default plan and upper-cases accounts', () => {
		const form = { ...accountPlanToForm(DEFAULT_ACCOUNT_PLAN), 'sales:550': ' 7071ab ' };
		const checked = validateAccountPlan(form);
		expect(checked).toMatchObject({ ok: true, value: { salesByRate: { 550: '7071AB' } } });
		expect(new Set(ACCOUNT_PLAN_FIELDS.map((field) => field.key))).toEqual(
			new Set(Object.keys(form))
		);
	});

	it('leaves a rate the plan lacks empty in the form', () => {
		const form = accountPlanToForm({ ...DEFAULT_ACCOUNT_PLAN, salesByRate: {}, vatByRate: {} });
		expect([form['sales:550'], form['vat:550']]).toEqual(['', '']);
	});

	it('says which field is wrong, in French', () => {
		const checked = validateAccountPlan({
			...accountPlanToForm(DEFAULT_ACCOUNT_PLAN),
			journalCode: 'ventes caisse',
			journalLabel: ' ',
			'vat:2000': '9999',
			'method:carte': ''
		});
		expect(checked).toEqual({
			ok: false,
			fieldErrors: {
				journalCode: 'Le code du journal : 1 à 10 lettres capitales ou chiffres (ex. VE).',
				journalLabel: 'Donnez un libellé au journal.',
				'vat:2000':
					'TVA collectée à 20 % : un numéro de compte du plan comptable (3 à 20 caractères, commençant par 1 à 8).',
				'method:carte':
					'Encaissements : Carte bancaire : un numéro de compte du plan comptable (3 à 20 caractères, commençant par 1 à 8).'
			}
		});
		expect(validateAccountPlan({})).toMatchObject({ ok: false });
	});
});

describe('e-reporting preparation', () => {
	it('gives per day and rate the bases, the VAT and the day’s transactions', () => {
		expect(eReportingRows([day('2026-11-21'), day('2026-11-20'), day('2026-11-20')])).toEqual([
			['2026-11-20', '5,5', '86,06', '4,74', '90,80', '6'],
			['2026-11-20', '20', '34,00', '6,80', '40,80', '6'],
			['2026-11-21', '5,5', '43,03', '2,37', '45,40', '3'],
			['2026-11-21', '20', '17,00', '3,40', '20,40', '3']
		]);
	});
});
