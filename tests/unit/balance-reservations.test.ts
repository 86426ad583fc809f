// Reserving a voucher's spend on a real nats-server (the Debian package, started here), as two
// tills of one shop would while connected (docs/replication.md#reservations).
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useDatabaseForTests } from '$lib/db/db';
import {
	keepPeerTicket,
	keepTillKey,
	saveSyncSettings,
	ticketsToSend,
	tillKeyMessage
} from '$lib/db/replication-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { saleSpends, type TicketMessage } from '$lib/domain';
import { BalanceReservations } from '$lib/sync/balance-reservations';
import { ShopServer } from '../support/shop-server';
import { freshDatabase } from './db/fresh-db';
import { issueSale, spend } from './db/sale-fixtures';

const at = new Date('2026-12-03T10:00:00Z');
let shop: ShopServer;
const connections: NatsConnection[] = [];

async function connect(tillId: string): Promise<NatsConnection> {
	const connection = await shop.connectAs(tillId);
	connections.push(connection);
	return connection;
}

beforeAll(async () => {
	// Node has no WebSocket of its own here: the client takes the global one.
	Object.assign(globalThis, { WebSocket });
	shop = await ShopServer.start(['CAISSE1', 'CAISSE2']);
}, 30_000);

afterAll(async () => {
	for (const connection of connections) await connection.close();
	await shop.close();
});

describe('a voucher spent while both tills are connected', () => {
	it('is reserved on the server first: the second till is refused what the first took, before its ticket arrives', async () => {
		const a = freshDatabase();
		await saveSyncSettings(
			{ ...shop.credentials('CAISSE1'), tillId: 'CAISSE1', tillIndex: 1 },
			'Anne'
		);
		const sold = await recordSale(issueSale('gift-voucher', 3_000), at);
		const code = sold.issues?.[0]?.code as string;
		const key = await tillKeyMessage('CAISSE1');
		const [message] = (await ticketsToSend('CAISSE1')).messages as [TicketMessage];
		const b = freshDatabase();
		await saveSyncSettings(
			{ ...shop.credentials('CAISSE2'), tillId: 'CAISSE2', tillIndex: 2 },
			'Paul'
		);
		await keepTillKey(key, 1);
		await keepPeerTicket(message, 'CAISSE1', 2);

		const tillA = new BalanceReservations(await connect('CAISSE1'), 'CAISSE1');
		const tillB = new BalanceReservations(await connect('CAISSE2'), 'CAISSE2');
		const tenders = (cents: number) =>
			saleSpends([{ method: 'bon-cadeau', amountCents: cents as never, reference: code }]);

		useDatabaseForTests(a);
		const first = await tillA.reserve(tenders(2_000));
		expect(first).toEqual({ ok: true, value: { id: 'CAISSE1:2', codes: [code] } });
		await recordSale(spend(code, 2_000), at);

		// B has not received A's ticket: the server's record still tells it.
		useDatabaseForTests(b);
		expect(await tillB.reserve(tenders(2_000))).toMatchObject({
			ok: false,
			error: {
				code: 'SPENT_ELSEWHERE',
				message: `Bon cadeau ${code}\u00a0: une autre caisse vient d’en dépenser une partie, il reste 10,00\u00a0€.`
			}
		});
		const rest = await tillB.reserve(tenders(1_000));
		expect(rest).toMatchObject({ ok: true });
		// The sale was not recorded after all: its reservation is given back.
		if (rest.ok) await tillB.release(rest.value);
		expect(await tillB.reserve(tenders(1_000))).toMatchObject({ ok: true });
		expect(await tillB.reserve(tenders(1))).toMatchObject({
			ok: false,
			error: {
				message: `Bon cadeau ${code}\u00a0: déjà dépensé à une autre caisse, il ne reste rien.`
			}
		});
	}, 30_000);

	it('lets only one of two tills reserving the same balance at the same moment have it', async () => {
		freshDatabase();
		await saveSyncSettings(
			{ ...shop.credentials('CAISSE2'), tillId: 'CAISSE2', tillIndex: 2 },
			'Paul'
		);
		// A voucher of CAISSE2's block: not the one the server already holds spends of.
		const sold = await recordSale({ ...issueSale('gift-voucher', 3_000), tillId: 'CAISSE2' }, at);
		const code = sold.issues?.[0]?.code as string;
		// Both tills know the voucher whole (here one database stands for both: same balance).
		const tills = [
			new BalanceReservations(await connect('CAISSE1'), 'CAISSE1'),
			new BalanceReservations(await connect('CAISSE2'), 'CAISSE2')
		];
		const outcomes = await Promise.all(
			tills.map((till) => till.reserve([{ code, cents: 2_000, label: `Bon cadeau ${code}` }]))
		);
		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
		expect(outcomes.filter((outcome) => !outcome.ok)).toHaveLength(1);
	}, 30_000);

	it('lets the sale go on, as offline, when the server cannot be reached in time', async () => {
		freshDatabase();
		const connection = await connect('CAISSE1');
		await shop.stop();
		const till = new BalanceReservations(connection, 'CAISSE1');
		expect(await till.reserve([{ code: '2888880024723', cents: 100, label: 'Bon' }])).toMatchObject(
			{
				ok: true,
				value: { codes: [] }
			}
		);
		await shop.resume();
	}, 30_000);
});
