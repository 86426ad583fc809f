/**
 * The tickets module’s targets on ten years of sales (BENCH_SCALE tickets, 1 000 000 by default), each next
 * to the raw IndexedDB figure for the same read in the same run: a day's list vs a raw read of
 * that day's tickets by index, search by ticket number vs a raw index get.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { createDatabase, DATABASE_NAME, useDatabaseForTests } from '$lib/db/db';
import { ticketHead } from '$lib/db/schema';
import {
	searchTickets,
	ticketListEntries,
	ticketsOfPeriod
} from '$lib/db/ticket-browse-repository';
import { presetPeriod } from '$lib/domain';
import { catalogueGenerator } from './catalogue-generator';
import { done, request, restNote, waitForRestOf, type Settling } from './raw-idb';
import { measure, type Figure } from './stats';
import { openDays, ticketHistory } from './ticket-generator';

const scale = Number(import.meta.env.BENCH_SCALE);
const figures: Figure[] = [];
const days = openDays();
let generatedMs = 0;
let settling: Settling | undefined;

// Set-up: 11 minutes alone in a fresh profile, over 30 after the raw IndexedDB bench.
it(
	`stores ${scale} tickets over ten years`,
	async () => {
		const app = createDatabase(DATABASE_NAME);
		await app.delete();
		await app.open();
		// A few hundred customers, so that list rows show names as in a real shop.
		await app.customers.bulkAdd(
			Array.from({ length: 500 }, (_, i) => ({
				id: i + 1,
				number: String(1_000_001 + i),
				lastName: `Client ${i + 1}`,
				firstName: '',
				professionalName: i % 10 === 0 ? `Médiathèque ${i + 1}` : '',
				status: i % 10 === 0 ? ('bibliotheque' as const) : ('particulier' as const),
				addresses: [
					{
						id: 'a1',
						label: 'Principale',
						name: '',
						line1: '',
						line2: '',
						postalCode: '62300',
						city: 'Lens',
						country: 'FR',
						isDefaultBilling: true,
						isDefaultDelivery: true
					}
				],
				phone: '',
				email: '',
				website: '',
				loyaltyCard: '',
				notes: '',
				siret: '',
				gln: '',
				isLendingLibrary: false,
				schoolPricing: false,
				chorusServiceCode: '',
				chorusServiceCodeRequired: false,
				chorusEngagementRequired: false,
				chorusOneOfRequired: false,
				chorusDefaultFrame: 'A1' as const,
				showShopIban: false,
				postalCode: '62300',
				words: [],
				createdAt: '2016-01-01T00:00:00.000Z'
			}))
		);
		app.close();
		// Written raw, by batches with relaxed durability: this is the set-up, not what is measured.
		const raw = await request(indexedDB.open(DATABASE_NAME));
		const start = performance.now();
		let stored = 0;
		let batch: ReturnType<typeof ticketHistory> extends Generator<infer T> ? T[] : never = [];
		const flush = async () => {
			const tx = raw.transaction(['tickets', 'ticketHeads', 'invoices'], 'readwrite', {
				durability: 'relaxed'
			});
			for (const day of batch) {
				for (const ticket of day.tickets) {
					tx.objectStore('tickets').put(ticket);
					tx.objectStore('ticketHeads').put(ticketHead({ ...ticket, id: ticket.id }));
				}
				for (const invoice of day.invoices) tx.objectStore('invoices').put(invoice);
			}
			await done(tx);
			batch = [];
		};
		for (const day of ticketHistory(catalogueGenerator(), scale, 1_000_000)) {
			batch.push(day);
			stored += day.tickets.length;
			if (batch.length >= 20) await flush();
		}
		await flush();
		generatedMs = performance.now() - start;
		raw.close();
		expect(stored).toBe(scale);
		const db = createDatabase(DATABASE_NAME);
		useDatabaseForTests(db);
		expect(await db.tickets.count()).toBe(scale);
	},
	90 * 60_000
);

it('waits until the disk is at rest after the set-up', async () => {
	settling = await waitForRestOf(DATABASE_NAME, (raw) => ({
		get: (i) =>
			request(
				raw
					.transaction('tickets')
					.objectStore('tickets')
					.get(1 + ((i * 7919) % scale))
			)
	}));
	console.info(`Tickets : ${restNote(settling)}`);
});

it('a day’s list (rows with customer, invoice and cancellation links) vs a raw read of the day', async () => {
	const raw = await request(indexedDB.open(DATABASE_NAME));
	const pick = (i: number) => days[(i * 7919) % days.length] as string;
	let rawCount = 0;
	const rawDay = await measure(
		async (i) => {
			const index = raw.transaction('tickets').objectStore('tickets').index('day');
			rawCount += (await request(index.getAll(IDBKeyRange.only(pick(i))))).length;
		},
		{ runs: 200 }
	);
	const rawNumber = await measure(
		async (i) => {
			const index = raw.transaction('tickets').objectStore('tickets').index('number');
			await request(index.get(1 + ((i * 104_729) % scale)));
		},
		{ runs: 300 }
	);
	raw.close();

	let rows = 0;
	const dayList = await measure(
		async (i) => {
			const day = pick(i);
			rows += (await ticketListEntries(await ticketsOfPeriod({ from: day, to: day }, 'debits')))
				.length;
		},
		{ runs: 200 }
	);
	const perDay = Math.round(rawCount / 220);
	figures.push({
		name: `Liste des tickets d’un jour (≈ ${perDay} tickets, lignes complètes : client, facture, annulation)`,
		...dayList,
		target: 'p95 ≤ 30 ms',
		baseline: { name: 'IndexedDB brut : getAll des tickets du jour par l’index day', ...rawDay },
		note: [
			`${scale.toLocaleString('fr-FR')} tickets sur 10 ans ; ${Math.round(rows / 220)} lignes par liste en moyenne`,
			settling && restNote(settling)
		]
			.filter(Boolean)
			.join(' ; ')
	});

	let weekRows = 0;
	const week = await measure(
		async (i) => {
			const range = presetPeriod('this-week', pick(i));
			weekRows += (await ticketListEntries(await ticketsOfPeriod(range, 'debits'))).length;
		},
		{ runs: 50, warmup: 5 }
	);
	figures.push({
		name: `Liste des tickets d’une semaine (≈ ${Math.round(weekRows / 55).toLocaleString('fr-FR')} tickets)`,
		...week,
		baseline: { name: 'IndexedDB brut : getAll des tickets d’un jour', ...rawDay }
	});

	let found = 0;
	const byNumber = await measure(
		async (i) => {
			const result = await searchTickets('ticket', String(1 + ((i * 104_729) % scale)));
			found += result.tickets.length;
		},
		{ runs: 300 }
	);
	expect(found).toBeGreaterThanOrEqual(300);
	figures.push({
		name: 'Recherche d’un ticket par numéro',
		...byNumber,
		target: 'p95 ≤ 10 ms',
		baseline: { name: 'IndexedDB brut : get par l’index number', ...rawNumber }
	});
	figures.push({
		name: `Mise en place : ${scale.toLocaleString('fr-FR')} tickets sur 10 ans écrits en IndexedDB brut`,
		samples: 1,
		p50: generatedMs,
		p95: generatedMs,
		p99: generatedMs,
		note: `${Math.round(scale / (generatedMs / 1000)).toLocaleString('fr-FR')} tickets/s (génération comprise)`
	});
	await commands.writeFile('tests/bench/results/tickets.json', JSON.stringify(figures, null, 2));
	// Free the million tickets: the next bench files need the profile's quota.
	const db = createDatabase(DATABASE_NAME);
	await db.delete();
});
