import { describe, expect, it } from 'vitest';
import {
	createLoyaltyVoucher,
	customerAccounts,
	NothingToRewardError
} from '$lib/db/balance-repository';
import { getCustomerFileView } from '$lib/db/customer-file-repository';
import {
	findDuplicateCustomers,
	getCustomer,
	importDirectoryAddresses,
	invoiceBuyerOf,
	listCustomers,
	saveCustomerFile
} from '$lib/db/customer-repository';
import { recordSale } from '$lib/db/ticket-repository';
import {
	assertCents,
	EMPTY_ADDRESS,
	EMPTY_CUSTOMER_FILE,
	validateCustomerFile,
	type CustomerFile,
	type CustomerFileForm
} from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

function file(fields: Partial<CustomerFileForm>): CustomerFile {
	const result = validateCustomerFile({ ...EMPTY_CUSTOMER_FILE, ...fields });
	if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
	return result.value;
}

const library = file({
	professionalName: 'Médiathèque de Lens',
	status: 'bibliotheque',
	siret: '21620498900018',
	gln: '3020000000005',
	isLendingLibrary: true,
	email: 'mediatheque@lens.example.fr',
	addresses: [{ ...EMPTY_ADDRESS, line1: '1 place Jean Jaurès', postalCode: '62300', city: 'Lens' }]
});

describe('the customer file', () => {
	it('creates with the next number, updates in place, and is found by its words', async () => {
		const db = freshDatabase();
		const created = await saveCustomerFile(library, null);
		expect(created).toMatchObject({ number: '1000001', postalCode: '62300' });
		const updated = await saveCustomerFile({ ...library, phone: '03 21 00 00 01' }, created.id);
		expect(updated).toMatchObject({
			id: created.id,
			number: '1000001',
			phone: '03 21 00 00 01',
			createdAt: created.createdAt
		});
		expect(await db.customers.count()).toBe(1);
		expect((await listCustomers('mediath')).map((c) => c.number)).toEqual(['1000001']);
		expect(
			await db.journal.where('type').anyOf('customer-created', 'customer-changed').count()
		).toBe(2);
		await expect(saveCustomerFile(library, 999)).rejects.toThrow('Ce client est introuvable.');
	});

	it('spots duplicates by name and postal code, e-mail and SIRET, but not the customer itself', async () => {
		freshDatabase();
		const saved = await saveCustomerFile(library, null);
		expect(
			await findDuplicateCustomers({ ...library, email: 'MEDIATHEQUE@lens.example.fr' }, null)
		).toEqual([
			'Même nom et même code postal que le client n° 1000001 (Médiathèque de Lens).',
			'Même e-mail que le client n° 1000001 (Médiathèque de Lens).',
			'Même SIRET que le client n° 1000001 (Médiathèque de Lens).'
		]);
		expect(await findDuplicateCustomers(library, saved.id)).toEqual([]);
		expect(await findDuplicateCustomers(file({ lastName: 'Autre' }), null)).toEqual([]);
	});
});

describe('the national directory’s addresses (docs/invoices.md#directory)', () => {
	it('gives the company customers theirs in one go, journaled, and their next invoice names it', async () => {
		const db = freshDatabase();
		const company = await saveCustomerFile(
			file({
				professionalName: 'Imprimerie du Nord',
				status: 'entreprise',
				siret: '55210055400013'
			}),
			null
		);
		await saveCustomerFile(library, null);
		const entry = (line: number, siren: string, siret: string, address: string) => ({
			line,
			siren,
			siret,
			address
		});
		expect(
			await importDirectoryAddresses(
				[
					entry(2, '552100554', '', '552100554_FACTURES'),
					entry(3, '552100554', '55210055400013', '552100554_ATELIER'),
					entry(4, '216204989', '', '216204989')
				],
				'Dominique'
			)
		).toEqual({ updated: 1, unknown: ['216204989'] });
		expect((await getCustomer(company.id))?.einvoiceAddress).toBe('552100554_ATELIER');
		expect(invoiceBuyerOf(await getCustomer(company.id))).toMatchObject({
			siren: '552100554',
			einvoiceAddress: '552100554_ATELIER'
		});
		const journaled = await db.journal.where('type').equals('customer-directory-import').toArray();
		expect(journaled.map((row) => row.detail)).toEqual([
			{ lines: 3, updated: 1, unknown: 1, by: 'Dominique' }
		]);
	});
});

describe('the customer’s vouchers and the loyalty voucher', () => {
	it('rewards the purchases since the last voucher at the rate, within the Loi Lang cap', async () => {
		const db = freshDatabase();
		const customer = await saveCustomerFile(file({ lastName: 'Vasseur' }), null);
		const id = customer.id;
		// 226,70 € of books: the seed's 9,07 € at 4 %.
		const lines = [
			{
				...bookSale().lines[0]!,
				quantity: 1,
				grossCents: assertCents(22670),
				ttcCents: assertCents(22670)
			}
		];
		await recordSale(
			bookSale({
				customerId: id,
				lines,
				totalCents: assertCents(22670),
				payments: [{ method: 'carte', amountCents: assertCents(22670), reference: null }],
				changeCents: assertCents(0)
			}),
			new Date('2019-11-03T10:00:00Z')
		);
		await expect(createLoyaltyVoucher(id, 400, '2019-11-02')).rejects.toBeInstanceOf(
			NothingToRewardError
		);
		const voucher = await createLoyaltyVoucher(id, 400, '2019-11-03');
		expect(voucher.amountCents).toBe(907);
		const [account] = await customerAccounts(id, '2019-11-03');
		expect(account).toMatchObject({
			issuedCents: 907,
			balanceCents: 907,
			status: 'Versement',
			account: {
				code: voucher.code,
				validUntil: '2020-05-03',
				loyalty: { from: '2019-11-03', to: '2019-11-03', purchasesCents: 22670 }
			}
		});
		await expect(createLoyaltyVoucher(id, 400, '2019-11-03')).rejects.toThrow(
			'Aucun achat à récompenser depuis le bon de fidélité du 03/11/2019.'
		);
		expect(await db.journal.where('type').equals('loyalty-voucher-issued').count()).toBe(1);
	});

	it('shows a lending library’s tickets, invoices and the tickets to declare to SOFIA', async () => {
		freshDatabase();
		const customer = await saveCustomerFile(library, null);
		const id = customer.id;
		await recordSale(bookSale({ customerId: id }));
		await recordSale(
			bookSale({ customerId: id, lines: [{ ...bookSale().lines[0]!, kind: 'presse' }] })
		);
		await recordSale(bookSale());
		const view = await getCustomerFileView(id, '2026-11-23');
		expect(view?.tickets).toHaveLength(2);
		expect(view?.sofiaTicketCount).toBe(1);
		expect(view?.accounts).toEqual([]);
		expect(await getCustomerFileView(999, '2026-11-23')).toBeNull();
	});
});
