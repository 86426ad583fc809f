import { describe, expect, it } from 'vitest';
import { saveCustomerFile } from '$lib/db/customer-repository';
import {
	companySalesNotInvoicedOf,
	reportedDaysOf,
	eReportingOf,
	recordExport,
	salesJournalOf,
	sofiaOf
} from '$lib/db/export-repository';
import { invoiceTickets } from '$lib/db/invoice-repository';
import { getAccountPlan, saveAccountPlan, saveShopSettings } from '$lib/db/settings-repository';
import { cancelTicket } from '$lib/db/ticket-amendment-repository';
import { configureEreporting, ereportingFile } from '$lib/services/ereporting';
import { recordSale } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import {
	DEFAULT_ACCOUNT_PLAN,
	EMPTY_CUSTOMER_FILE,
	NO_REFERENCES,
	type CustomerFile
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale, BILLING, reportedBookSaleDay } from './sale-fixtures';

const at = (iso: string) => new Date(iso);

async function lendingLibrary() {
	const row = await saveCustomerFile(
		{
			...(EMPTY_CUSTOMER_FILE as unknown as CustomerFile),
			paymentTermDays: null,
			lastName: 'Médiathèque',
			professionalName: 'Médiathèque de Lens',
			status: 'bibliotheque',
			siret: '21620498200005',
			gln: '3012345678901',
			isLendingLibrary: true,
			addresses: []
		},
		null
	);
	return row.id;
}

async function companyCustomer() {
	return saveCustomerFile(
		{
			...(EMPTY_CUSTOMER_FILE as unknown as CustomerFile),
			paymentTermDays: null,
			professionalName: 'Cabinet Delcourt Avocats',
			status: 'entreprise',
			siren: '732829320',
			addresses: []
		},
		null
	);
}

/** Invoices one ticket of `customerId`, at `iso`. */
function invoiceOne(customerId: number, ticketId: number, iso: string) {
	return invoiceTickets(
		customerId,
		[ticketId],
		{ billing: BILLING, delivery: null, references: NO_REFERENCES },
		'Anne',
		at(iso)
	);
}

describe('period exports', () => {
	it('gives the sales journal, e-reporting rows and the SOFIA lines of a period', async () => {
		const db = freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const library = await lendingLibrary();
		// 31 October 23:30 UTC is already 1 November in Paris.
		const ticket = await recordSale(
			bookSale({ customerId: library, customerStatus: 'bibliotheque' }),
			at('2026-10-31T23:30:00Z')
		);
		await recordSale(bookSale(), at('2026-11-02T10:00:00Z'));
		await recordSale(bookSale(), at('2026-12-01T10:00:00Z'));
		await invoiceTickets(
			library,
			[ticket.id],
			{ billing: BILLING, delivery: null, references: NO_REFERENCES },
			'Anne',
			at('2026-11-30T22:30:00Z')
		);

		const { entries, plan } = await salesJournalOf('2026-11-01', '2026-11-30');
		expect(plan).toEqual(DEFAULT_ACCOUNT_PLAN);
		expect(entries.map((entry) => entry.day)).toEqual(['2026-11-01', '2026-11-02']);
		expect(await eReportingOf('2026-11-01', '2026-11-30')).toEqual([
			['2026-11-01', '5,5', '16,30', '0,90', '17,20', '1'],
			['2026-11-02', '5,5', '16,30', '0,90', '17,20', '1']
		]);
		// Invoiced at 23:30 in Paris on 30 November: in November's declaration, not December's.
		const declared = await sofiaOf('2026-11-01', '2026-11-30');
		expect(declared).toHaveLength(1);
		expect(declared[0]).toMatchObject({ gln: '3012345678901', quantity: 2, remunerationCents: 98 });
		expect(await sofiaOf('2026-12-01', '2026-12-31')).toEqual([]);

		await saveAccountPlan({ ...DEFAULT_ACCOUNT_PLAN, journalCode: 'CA' });
		expect((await getAccountPlan()).journalCode).toBe('CA');
		await recordExport('fec', { from: '2026-11-01', to: '2026-11-30', rows: 2, by: 'Anne' });
		const journal = await db.journal.toArray();
		expect(journal.at(-1)).toMatchObject({
			type: 'export',
			detail: { what: 'fec', rows: 2, by: 'Anne' }
		});
		expect(journal.at(-2)).toMatchObject({
			type: 'settings-changed',
			detail: { section: 'accounting' }
		});
	});

	it('leaves out of the e-reporting a company’s sale invoiced and its cancellation, whose credit note is an e-invoice too', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		const company = await companyCustomer();
		const sold = await recordSale(
			bookSale({ customerId: company.id, customerStatus: 'entreprise' }),
			at('2026-11-02T10:00:00Z')
		);
		await invoiceOne(company.id, sold.id, '2026-11-02T10:05:00Z');
		await cancelTicket(sold.id, 'CAISSE1', 'Anne', at('2026-11-03T09:00:00Z'), 'same-methods');
		await recordSale(bookSale(), at('2026-11-03T10:00:00Z'));
		// Only the consumer's sale is e-reported: neither the company's sale nor its cancellation.
		expect(await reportedDaysOf({ start: '2026-11-01', end: '2026-11-30' })).toEqual([
			reportedBookSaleDay('2026-11-03')
		]);
	});

	it('waits, to make a period’s e-reporting, for its sales to companies to be invoiced, and names them', async () => {
		freshDatabase();
		await saveShopSettings(DEMO_SHOP);
		await configureEreporting({
			form: { platformId: '9998', platformName: 'PA EXEMPLE', regime: 'simplifie' },
			by: 'Dominique'
		});
		const company = await companyCustomer();
		const toCompany = bookSale({ customerId: company.id, customerStatus: 'entreprise' });
		const invoiced = await recordSale(toCompany, at('2026-11-02T10:00:00Z'));
		const cancelled = await recordSale(toCompany, at('2026-11-02T11:00:00Z'));
		const owed = await recordSale(toCompany, at('2026-11-03T10:00:00Z'));
		await recordSale({ ...toCompany, training: 1 }, at('2026-11-03T11:00:00Z'));
		await recordSale(bookSale(), at('2026-11-03T12:00:00Z'));
		await invoiceOne(company.id, invoiced.id, '2026-11-02T10:05:00Z');
		await cancelTicket(cancelled.id, 'CAISSE1', 'Anne', at('2026-11-02T11:30:00Z'), 'same-methods');

		expect(await companySalesNotInvoicedOf('2026-11-01', '2026-11-30')).toEqual([owed.number]);
		const refused = await ereportingFile({ from: '2026-11-01', to: '2026-11-30', by: 'Dominique' });
		expect(refused).toEqual({
			ok: false,
			error: expect.objectContaining({
				message: `Le ticket n° ${owed.number} est une vente à une entreprise sans facture\u00a0: faites sa facture (Tickets de caisse › Gérer le ticket › « Enregistrer et créer une facture »). Elle part en facture électronique, pas dans l’e-reporting.`
			})
		});

		await invoiceOne(company.id, owed.id, '2026-11-03T10:05:00Z');
		expect(await companySalesNotInvoicedOf('2026-11-01', '2026-11-30')).toEqual([]);
		const made = await ereportingFile({ from: '2026-11-01', to: '2026-11-30', by: 'Dominique' });
		// Only 3 November's consumer's sale: the company's sales, invoiced or cancelled, are not in.
		expect(made.ok && made.value.days).toBe(1);
	});
});
