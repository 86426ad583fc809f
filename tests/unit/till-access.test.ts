// Which tills the shop server lets in, tried against a real nats-server (the Debian package,
// started here) set up by `npm run shop-server -- init` (docs/replication.md#till-access): a till
// publishes only as itself; the manager's file revokes a till, which the server drops at once and
// refuses afterwards (a restart included), and gives a till a new access under its own rank.
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseManagerAccess, SHOP_STREAM, SHOP_SUBJECTS, type ManagerAccess } from '$lib/domain';
import { serverLogin } from '$lib/sync/server-login';
import { TillAccessAdmin } from '$lib/sync/till-keys';
import { getDb } from '$lib/db/db';
import { saveSyncSettings } from '$lib/db/replication-repository';
import { issueTillAccess, readTillAccess, revokeTillAccess } from '$lib/services/till-access';
import { ShopServer } from '../support/shop-server';
import { freshDatabase } from './db/fresh-db';

let shop: ShopServer;
let manager: ManagerAccess;
const connections: NatsConnection[] = [];

beforeAll(async () => {
	// Node has no WebSocket of its own here: the client takes the global one.
	Object.assign(globalThis, { WebSocket });
	shop = await ShopServer.start(['CAISSE1', 'CAISSE2']);
	const parsed = parseManagerAccess(readFileSync(shop.managerFile(), 'utf8'));
	if (!parsed.ok) throw new Error(parsed.error.message);
	manager = parsed.value;
}, 30_000);

afterAll(async () => {
	for (const connection of connections) if (!connection.isClosed()) await connection.close();
	await shop.close();
});

async function signIn(tillId: string, credentials = shop.credentials(tillId)) {
	const connection = await wsconnect({
		servers: credentials.server,
		...serverLogin(credentials),
		name: tillId,
		reconnect: false
	});
	connections.push(connection);
	return connection;
}

/** How the server answers a till signing in: 'ok', or the refusal the till is shown. */
async function signInOutcome(tillId: string, credentials = shop.credentials(tillId)) {
	try {
		await (await signIn(tillId, credentials)).close();
		return 'ok';
	} catch (error) {
		return (error as Error).message;
	}
}

async function withAdmin<T>(work: (admin: TillAccessAdmin) => Promise<T>): Promise<T> {
	const admin = await TillAccessAdmin.open(manager);
	try {
		return await work(admin);
	} finally {
		await admin.close();
	}
}

describe('the tills a shop server lets in', () => {
	it('lets a till publish only as itself', async () => {
		const caisse1 = await signIn('CAISSE1');
		await (
			await jetstreamManager(caisse1)
		).streams.add({ name: SHOP_STREAM, subjects: [SHOP_SUBJECTS], storage: StorageType.File });
		const caisse2 = await signIn('CAISSE2');
		const refused = jetstream(caisse2, { timeout: 2_000 }).publish(
			'comptoir.CAISSE1.ticket',
			'{"forged":true}'
		);
		await expect(refused).rejects.toThrow();
		await jetstream(caisse2).publish('comptoir.CAISSE2.note', '{}');
		const info = await (
			await jetstreamManager(caisse1)
		).streams.info(SHOP_STREAM, { subjects_filter: '>' });
		expect(info.state.subjects).toEqual({ 'comptoir.CAISSE2.note': 1 });
	});

	it('drops a revoked till at once and refuses it afterwards, across a restart', async () => {
		const caisse2 = await shop.connectAs('CAISSE2', { reconnect: false });
		connections.push(caisse2);
		const dropped = caisse2.closed();
		await withAdmin(async (admin) => {
			expect(await admin.grants()).toEqual([
				{ tillId: 'CAISSE1', tillIndex: 1, allowed: true },
				{ tillId: 'CAISSE2', tillIndex: 2, allowed: true }
			]);
			await admin.revoke('CAISSE2');
			expect(await admin.grants()).toContainEqual({
				tillId: 'CAISSE2',
				tillIndex: 2,
				allowed: false
			});
		});
		await dropped;
		expect(await signInOutcome('CAISSE2')).toMatch(/Authorization Violation/u);
		expect(await signInOutcome('CAISSE1')).toBe('ok');
		await shop.stop();
		await shop.resume();
		expect(await signInOutcome('CAISSE2')).toMatch(/Authorization Violation/u);
		expect(await signInOutcome('CAISSE1')).toBe('ok');
	});

	it('gives a till a new access under its own rank, a new till the next rank, the former file refused', async () => {
		const former = shop.credentials('CAISSE1');
		const renewed = await withAdmin((admin) => admin.grant('CAISSE1'));
		const added = await withAdmin((admin) => admin.grant('CAISSE3'));
		expect(renewed.tillIndex).toBe(1);
		expect(added.tillIndex).toBe(3);
		expect(await signInOutcome('CAISSE1', former)).toMatch(/Authorization Violation/u);
		expect(await signInOutcome('CAISSE1', { ...former, ...renewed })).toBe('ok');
		const caisse3 = await signIn('CAISSE3', { ...former, tillId: 'CAISSE3', ...added });
		await jetstream(caisse3).publish('comptoir.CAISSE3.note', '{}');
		await expect(
			jetstream(caisse3, { timeout: 2_000 }).publish('comptoir.CAISSE1.note', '{}')
		).rejects.toThrow();
		expect(await withAdmin((admin) => admin.grants())).toEqual([
			{ tillId: 'CAISSE1', tillIndex: 1, allowed: true },
			{ tillId: 'CAISSE2', tillIndex: 2, allowed: false },
			{ tillId: 'CAISSE3', tillIndex: 3, allowed: true }
		]);
	});
});

describe('the manager’s actions at a till', () => {
	it('refuses this till itself and the head office’s name, journals a revocation with its author, says a server that does not answer', async () => {
		freshDatabase();
		await saveSyncSettings(shop.credentials('CAISSE1'), 'Anne');
		const text = readFileSync(shop.managerFile(), 'utf8');
		expect(await revokeTillAccess({ text, tillId: 'CAISSE1', by: 'Anne' })).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/caisse sur laquelle vous êtes/u) }
		});
		expect(await issueTillAccess({ text, tillId: 'siege', by: 'Anne' })).toMatchObject({
			ok: false,
			error: { field: 'tillId' }
		});
		expect(await revokeTillAccess({ text, tillId: 'CAISSE3', by: 'Anne' })).toMatchObject({
			ok: true,
			value: expect.arrayContaining([{ tillId: 'CAISSE3', tillIndex: 3, allowed: false }])
		});
		const journaled = await getDb().journal.where('type').equals('till-access-revoked').toArray();
		expect(journaled.map((entry) => entry.detail)).toEqual([{ tillId: 'CAISSE3', by: 'Anne' }]);
		await shop.stop();
		try {
			expect(await readTillAccess({ text })).toMatchObject({
				ok: false,
				error: { message: expect.stringMatching(/ne répond pas/u) }
			});
		} finally {
			await shop.resume();
		}
	});
});
