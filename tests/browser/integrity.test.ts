import { beforeEach, describe, expect, it } from 'vitest';
import { tillKeys } from '$lib/db/chain-repository';
import { verifyIntegrity } from '$lib/services/closings';
import { createDatabase, useDatabaseForTests, type ComptoirDb } from '$lib/db/db';
import { invoiceTickets } from '$lib/db/invoice-repository';
import { saveShopSettings } from '$lib/db/settings-repository';
import { cancelTicket } from '$lib/db/ticket-amendment-repository';
import { recordSale, registerTicketPrint } from '$lib/db/ticket-repository';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { createCustomer } from '$lib/db/customer-repository';
import { chainHash, EMPTY_CUSTOMER_FORM, NO_REFERENCES, validateCustomerDraft } from '$lib/domain';
import { BILLING, bookSale } from '../unit/db/sale-fixtures';
import { sealedTickets } from './sealed-tickets';

/**
 * « Vérifier l'intégrité » as Paramètres runs it, its hashing and signature checks on workers, in
 * real Chromium (IndexedDB, WebCrypto, workers): records are
 * edited, deleted and inserted directly in IndexedDB, behind the app's back, and each change is
 * caught and named.
 */
let db: ComptoirDb;

async function shopWithSales() {
	db = createDatabase(`integrity-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	useDatabaseForTests(db);
	await saveShopSettings(DEMO_SHOP);
	const ids: number[] = [];
	for (let i = 0; i < 5; i++) {
		ids.push((await recordSale(bookSale(), new Date(`2026-11-2${i}T10:00:00Z`))).id);
	}
	await recordSale(bookSale({ training: 1 }), new Date('2026-11-20T11:00:00Z'));
	await registerTicketPrint(ids[0]!);
	await registerTicketPrint(ids[0]!);
	await cancelTicket(ids[4]!, 'CAISSE1', 'Anne', new Date('2026-11-24T12:00:00Z'), 'same-methods');
	return ids;
}

describe('Vérifier l’intégrité', () => {
	beforeEach(async () => {
		await shopWithSales();
	});

	it('passes on records written by the app: every chain holds, every signature checks [INA-02] [INA-03]', async () => {
		const report = await verifyIntegrity();
		expect(report.problems).toEqual([]);
		expect(report.checked).toBeGreaterThanOrEqual(10);
		const ticket = await db.tickets.get(1);
		expect(ticket?.hash).toMatch(/^[0-9a-f]{64}$/u);
		expect(ticket?.hash).toBe(chainHash(ticket?.previousHash as string, ticket as object));
		expect((await tillKeys()).privateKey.extractable).toBe(false);
	});

	it('names a ticket changed in IndexedDB [INA-05]', async () => {
		await db.tickets.update(2, { totalCents: 1 as never });
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 2 (CAISSE1).'
		]);
	});

	it('names a ticket changed with its hash recomputed: the signature gives it away [INA-03] [INA-05]', async () => {
		const ticket = await db.tickets.get(3);
		const forged = { ...ticket, totalCents: 10 };
		await db.tickets.put({
			...forged,
			hash: chainHash(ticket?.previousHash as string, forged)
		} as never);
		expect((await verifyIntegrity()).problems[0]).toBe(
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 3 (CAISSE1).'
		);
	});

	it('names the ticket that follows a deleted one [INA-05]', async () => {
		await db.tickets.delete(2);
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: enregistrement supprimé juste avant — ticket n° 3 (CAISSE1).'
		]);
	});

	it('catches tickets deleted at the end of the chain [INA-05]', async () => {
		const last = await db.tickets.orderBy(':id').last();
		await db.tickets.delete(last!.id);
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: 1 enregistrement supprimé à la fin de la chaîne.',
			// The day's totals still count it: the money side of the same deletion.
			'Totaux du jour du 24/11/2026 (CAISSE1)\u00a0: 0,00\u00a0€ en 2 tickets enregistrés, 17,20\u00a0€ en 1 d’après les tickets scellés.'
		]);
	});

	it('names a ticket inserted outside the till [INA-05]', async () => {
		const model = await db.tickets.get(1);
		await db.tickets.add({ ...model, id: undefined, number: 99 } as never);
		expect((await verifyIntegrity()).problems).toEqual([
			'Tickets de caisse\u00a0: enregistrement inséré hors de la caisse — ticket n° 99 (CAISSE1).'
		]);
	});

	it('watches duplicates and the journal too [SEC-01] [SEC-03]', async () => {
		await db.reprints.update(1, { count: 5 });
		await db.journal.delete(1);
		const problems = (await verifyIntegrity()).problems;
		expect(problems).toContain(
			'Duplicatas\u00a0: enregistrement modifié après coup — impression n° 5 du ticket interne 1.'
		);
		expect(
			problems.some((p) =>
				p.startsWith('Journal des événements\u00a0: enregistrement supprimé juste avant')
			)
		).toBe(true);
	});
});

describe('invoices on their chain', () => {
	it('a changed invoice is named', async () => {
		db = createDatabase(`integrity-inv-${Date.now()}`);
		useDatabaseForTests(db);
		await saveShopSettings(DEMO_SHOP);
		const draft = validateCustomerDraft({ ...EMPTY_CUSTOMER_FORM, lastName: 'Médiathèque' });
		if (!draft.ok) throw new Error('draft');
		const customer = (await createCustomer(draft.value)).id;
		const ticket = await recordSale(
			bookSale({ customerId: customer }),
			new Date('2026-11-20T10:00:00Z')
		);
		const invoice = await invoiceTickets(
			customer,
			[ticket.id],
			{ billing: BILLING, delivery: null, references: NO_REFERENCES },
			'Anne'
		);
		expect((await verifyIntegrity()).problems).toEqual([]);
		await db.invoices.update(invoice.id, { number: '7' });
		expect((await verifyIntegrity()).problems).toEqual([
			'Factures et avoirs\u00a0: enregistrement modifié après coup — facture n° 7.'
		]);
	});
});

describe('Vérifier l’intégrité over many batches', () => {
	it('checks 5 000 sealed tickets batch by batch on the workers, with progress, and names the one forged in the third batch [INA-05]', async () => {
		db = createDatabase(`integrity-batches-${Date.now()}`);
		useDatabaseForTests(db);
		await saveShopSettings(DEMO_SHOP);
		const tickets = await sealedTickets(5_000);
		await db.transaction('rw', [db.tickets, db.chainHeads], async () => {
			await db.tickets.bulkAdd(tickets);
			await db.chainHeads.put({
				chain: 'tickets',
				hash: tickets.at(-1)?.hash as string,
				count: 5_000
			});
		});
		const seen: number[] = [];
		const clean = await verifyIntegrity((checked) => seen.push(checked));
		expect(clean.problems.filter((problem) => problem.startsWith('Tickets de caisse'))).toEqual([]);
		expect(seen.length).toBeGreaterThanOrEqual(3);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		expect(seen.at(-1)).toBeGreaterThanOrEqual(5_000);

		// Changed, its hash recomputed and the next tickets chained again: only a signature tells.
		const forged = { ...tickets[4_320], totalCents: 1 } as (typeof tickets)[number];
		forged.hash = chainHash(forged.previousHash as string, forged);
		await db.tickets.put(forged);
		const problems = (await verifyIntegrity()).problems;
		expect(problems[0]).toBe(
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 4321 (CAISSE1).'
		);
	});
});
