import { periodTotals, type DayTotals, type PeriodTotals } from './closing';
import { centsToFrenchDecimal } from './format';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from './payment';
import type { FieldErrors, FormResult } from './shop';
import { formatDay } from './ticket-period';
import { VAT_RATES_BP } from './vat';
import { vatRateText } from './article';

/**
 * The till's sales journal for the accountant: one entry per day, debiting what was
 * cashed per payment method and crediting sales excluding VAT and VAT collected per rate, written
 * as a FEC (Fichier des écritures comptables, LPF art. A47 A-1) and as a CSV. Account numbers
 * follow the Plan comptable général and can be changed in Paramètres.
 */

export interface AccountPlan {
	/** FEC JournalCode and JournalLib. */
	readonly journalCode: string;
	readonly journalLabel: string;
	/** Sales excluding VAT (class 7) per rate in basis points. */
	readonly salesByRate: Readonly<Record<string, string>>;
	/** VAT collected (4457…) per rate in basis points. */
	readonly vatByRate: Readonly<Record<string, string>>;
	/** Cash (53), cards and cheques to cash (511), bank (512), vouchers taken (4191), customers (411). */
	readonly byMethod: Readonly<Record<PaymentMethod, string>>;
	/** Gift vouchers, deposits and credit notes sold: owed to customers, not sales (4191). */
	readonly balancesIssued: string;
}

export const DEFAULT_ACCOUNT_PLAN: AccountPlan = {
	journalCode: 'VE',
	journalLabel: 'Ventes caisse',
	salesByRate: { 210: '707300', 550: '707100', 1000: '707400', 2000: '707200' },
	vatByRate: { 210: '445713', 550: '445711', 1000: '445714', 2000: '445712' },
	byMethod: {
		especes: '530000',
		carte: '511200',
		cheque: '511100',
		virement: '512000',
		'bon-cadeau': '419100',
		avoir: '419100',
		acompte: '419100',
		'en-compte': '411000'
	},
	balancesIssued: '419100'
};

/** The plan's fields as a flat form (Paramètres → Comptabilité), with their French labels. */
export type AccountPlanForm = Readonly<Record<string, string>>;

export const ACCOUNT_PLAN_FIELDS: readonly { readonly key: string; readonly label: string }[] = [
	{ key: 'journalCode', label: 'Code du journal des ventes' },
	{ key: 'journalLabel', label: 'Libellé du journal' },
	...VAT_RATES_BP.map((rate) => ({
		key: `sales:${rate}`,
		label: `Ventes HT à ${vatRateText(rate)} %`
	})),
	...VAT_RATES_BP.map((rate) => ({
		key: `vat:${rate}`,
		label: `TVA collectée à ${vatRateText(rate)} %`
	})),
	...(Object.keys(PAYMENT_METHOD_LABELS) as PaymentMethod[]).map((method) => ({
		key: `method:${method}`,
		label: `Encaissements : ${PAYMENT_METHOD_LABELS[method]}`
	})),
	{ key: 'balancesIssued', label: 'Bons et acomptes vendus' }
];

export function accountPlanToForm(plan: AccountPlan): AccountPlanForm {
	const form: Record<string, string> = {
		journalCode: plan.journalCode,
		journalLabel: plan.journalLabel,
		balancesIssued: plan.balancesIssued
	};
	for (const rate of VAT_RATES_BP) {
		form[`sales:${rate}`] = plan.salesByRate[rate] ?? '';
		form[`vat:${rate}`] = plan.vatByRate[rate] ?? '';
	}
	for (const [method, account] of Object.entries(plan.byMethod)) form[`method:${method}`] = account;
	return form;
}

/** PCG account numbers: a class digit 1–8 then digits or capitals, 3 to 20 characters (FEC). */
const ACCOUNT = /^[1-8][0-9A-Z]{2,19}$/u;
const JOURNAL_CODE = /^[0-9A-Z]{1,10}$/u;

export function validateAccountPlan(form: AccountPlanForm): FormResult<AccountPlan, string> {
	const errors: FieldErrors<string> = {};
	const value = (key: string) => (form[key] ?? '').trim().toUpperCase();
	for (const { key, label } of ACCOUNT_PLAN_FIELDS) {
		if (key === 'journalLabel') continue;
		const text = value(key);
		if (key === 'journalCode') {
			if (!JOURNAL_CODE.test(text))
				errors[key] = 'Le code du journal : 1 à 10 lettres capitales ou chiffres (ex. VE).';
		} else if (!ACCOUNT.test(text)) {
			errors[key] =
				`${label} : un numéro de compte du plan comptable (3 à 20 caractères, commençant par 1 à 8).`;
		}
	}
	const journalLabel = (form['journalLabel'] ?? '').trim();
	if (journalLabel === '') errors['journalLabel'] = 'Donnez un libellé au journal.';
	if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
	const byRate = (prefix: string) =>
		Object.fromEntries(VAT_RATES_BP.map((rate) => [rate, value(`${prefix}:${rate}`)]));
	return {
		ok: true,
		value: {
			journalCode: value('journalCode'),
			journalLabel,
			salesByRate: byRate('sales'),
			vatByRate: byRate('vat'),
			byMethod: Object.fromEntries(
				(Object.keys(PAYMENT_METHOD_LABELS) as PaymentMethod[]).map((method) => [
					method,
					value(`method:${method}`)
				])
			) as Record<PaymentMethod, string>,
			balancesIssued: value('balancesIssued')
		}
	};
}

export interface JournalLine {
	readonly account: string;
	readonly accountLabel: string;
	readonly debitCents: number;
	readonly creditCents: number;
}

export interface JournalEntry {
	/** EcritureNum: 1, 2, 3… in the order of the days. */
	readonly number: number;
	readonly day: string;
	readonly label: string;
	readonly lines: readonly JournalLine[];
}

/** Each day's totals, the tills of a day added together, oldest day first. */
function totalsByDay(days: readonly DayTotals[]): [string, PeriodTotals][] {
	const byDay = new Map<string, DayTotals[]>();
	for (const day of days) {
		const same = byDay.get(day.day);
		if (same) same.push(day);
		else byDay.set(day.day, [day]);
	}
	return [...byDay]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, same]) => [day, periodTotals(same)]);
}

/** A signed amount on its side: positive on `side`, negative on the other. */
function line(
	account: string,
	accountLabel: string,
	cents: number,
	side: 'debit' | 'credit'
): JournalLine {
	const onSide = side === 'debit' ? cents : -cents;
	return {
		account,
		accountLabel,
		debitCents: Math.max(onSide, 0),
		creditCents: Math.max(-onSide, 0)
	};
}

/**
 * One balanced entry per day with sales (tills added together): Σ payments − change = sales TTC +
 * vouchers sold, and per rate HT + TVA = TTC, so debits equal credits to the cent.
 */
export function salesJournal(days: readonly DayTotals[], plan: AccountPlan): JournalEntry[] {
	const entries: JournalEntry[] = [];
	for (const [day, totals] of totalsByDay(days)) {
		const lines: JournalLine[] = [
			...totals.byMethod.map((payment) =>
				line(
					plan.byMethod[payment.method as PaymentMethod] ?? plan.byMethod.especes,
					PAYMENT_METHOD_LABELS[payment.method as PaymentMethod] ?? payment.method,
					payment.amountCents,
					'debit'
				)
			),
			...totals.byRate.flatMap((rate) => [
				line(
					plan.salesByRate[rate.vatRateBp] ?? '',
					`Ventes HT ${vatRateText(rate.vatRateBp)} %`,
					rate.htCents,
					'credit'
				),
				line(
					plan.vatByRate[rate.vatRateBp] ?? '',
					`TVA collectée ${vatRateText(rate.vatRateBp)} %`,
					rate.vatCents,
					'credit'
				)
			]),
			line(plan.balancesIssued, 'Bons et acomptes vendus', totals.balanceIssuedCents, 'credit')
		].filter((entry) => entry.debitCents !== 0 || entry.creditCents !== 0);
		if (lines.length === 0) continue;
		entries.push({
			number: entries.length + 1,
			day,
			label: `Ventes caisse du ${formatDay(day)}`,
			lines
		});
	}
	return entries;
}

/** The 18 columns of a FEC, in order (LPF art. A47 A-1, BOI-CF-IOR-60-40-20). */
export const FEC_COLUMNS = [
	'JournalCode',
	'JournalLib',
	'EcritureNum',
	'EcritureDate',
	'CompteNum',
	'CompteLib',
	'CompAuxNum',
	'CompAuxLib',
	'PieceRef',
	'PieceDate',
	'EcritureLib',
	'Debit',
	'Credit',
	'EcritureLet',
	'DateLet',
	'ValidDate',
	'Montantdevise',
	'Idevise'
] as const;

const compactDay = (day: string) => day.replaceAll('-', '');
/** Tabs and line breaks would break a FEC line: they become spaces. */
const fecText = (text: string) => text.replace(/[\t\r\n|]+/gu, ' ');

/** The FEC's rows (header first), fields as written: dates AAAAMMJJ, amounts with a comma. */
export function fecRows(entries: readonly JournalEntry[], plan: AccountPlan): string[][] {
	const rows: string[][] = [[...FEC_COLUMNS]];
	for (const entry of entries) {
		for (const item of entry.lines) {
			rows.push(
				[
					plan.journalCode,
					plan.journalLabel,
					String(entry.number),
					compactDay(entry.day),
					item.account,
					item.accountLabel,
					'',
					'',
					`${plan.journalCode}${compactDay(entry.day)}`,
					compactDay(entry.day),
					entry.label,
					centsToFrenchDecimal(item.debitCents),
					centsToFrenchDecimal(item.creditCents),
					'',
					'',
					compactDay(entry.day),
					'',
					''
				].map(fecText)
			);
		}
	}
	return rows;
}

/** The FEC as text: fields separated by tabs, lines by CR LF. */
export function fecDocument(entries: readonly JournalEntry[], plan: AccountPlan): string {
	return `${fecRows(entries, plan)
		.map((row) => row.join('\t'))
		.join('\r\n')}\r\n`;
}

/** « SirenFECAAAAMMJJ.txt », the date being the end of the period (BOI-CF-IOR-60-40-20 § 60). */
export function fecFileName(siret: string, endDay: string): string {
	return `${siret.slice(0, 9)}FEC${compactDay(endDay)}.txt`;
}

export const SALES_JOURNAL_CSV_HEADER = [
	'Journal',
	'N° écriture',
	'Date',
	'Compte',
	'Libellé du compte',
	'Libellé',
	'Débit',
	'Crédit'
] as const;

export function salesJournalCsvRows(entries: readonly JournalEntry[], plan: AccountPlan) {
	return entries.flatMap((entry) =>
		entry.lines.map((item) => [
			plan.journalCode,
			String(entry.number),
			formatDay(entry.day),
			item.account,
			item.accountLabel,
			entry.label,
			centsToFrenchDecimal(item.debitCents),
			centsToFrenchDecimal(item.creditCents)
		])
	);
}

/** ISO 8859-15 differs from Latin-1 in eight places, among them € and œ (French text). */
const LATIN9: Readonly<Record<string, number>> = {
	'€': 0xa4,
	Š: 0xa6,
	š: 0xa8,
	Ž: 0xb4,
	ž: 0xb8,
	Œ: 0xbc,
	œ: 0xbd,
	Ÿ: 0xbe
};
const LATIN1_ONLY = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

/**
 * Text as ISO 8859-15 bytes, the FEC's character set (BOI-CF-IOR-60-40-20 § 80 names ASCII,
 * ISO 8859-15 or EBCDIC); a character it lacks becomes "?".
 */
export function latin9Bytes(text: string): Uint8Array<ArrayBuffer> {
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0) as number;
		const mapped = LATIN9[char];
		if (mapped !== undefined) bytes.push(mapped);
		else if (code < 0x100 && !LATIN1_ONLY.has(code)) bytes.push(code);
		else bytes.push(0x3f);
	}
	return new Uint8Array(bytes);
}

/**
 * E-reporting preparation (sales to consumers, CGI art. 290 as of the 2026–2027 reform): per day and VAT rate the bases, the VAT
 * and the day's number of transactions, tills added together.
 */
export const E_REPORTING_CSV_HEADER = [
	'Date',
	'Taux de TVA',
	'Base HT',
	'TVA',
	'Total TTC',
	'Nombre de transactions du jour'
] as const;

export function eReportingRows(days: readonly DayTotals[]): string[][] {
	return totalsByDay(days).flatMap(([day, totals]) => {
		return totals.byRate.map((rate) => [
			day,
			vatRateText(rate.vatRateBp),
			centsToFrenchDecimal(rate.htCents),
			centsToFrenchDecimal(rate.vatCents),
			centsToFrenchDecimal(rate.ttcCents),
			String(totals.ticketCount)
		]);
	});
}
