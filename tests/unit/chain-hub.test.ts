// A chain of shops on real nats-servers (the Debian package, started here): a hub and one shop's
// server as its leaf node, on loopback (docs/replication.md#shops).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wsconnect } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SHOP_STREAM, SHOP_SUBJECTS } from '$lib/domain';
import {
	checkHubOptions,
	connectToHub,
	linkShops,
	readHubAccess,
	shopStreamAtHub
} from '../../src/cli/chain-hub';
import { checkOptions } from '../../src/cli/shop-server';
import { ShopServer } from '../support/shop-server';

/** Messages the hub keeps for the shop, waited for (the link delivers them asynchronously). */
async function hubCount(hub: ShopServer, expected: number): Promise<number> {
	const connection = await connectToHub(readHubAccess(hub.dir));
	try {
		const manager = await jetstreamManager(connection);
		let count = 0;
		for (let i = 0; i < 60 && count < expected; i++) {
			count = (await manager.streams.info(shopStreamAtHub('BOUTIQUE1'))).state.messages;
			if (count < expected) await new Promise((resolve) => setTimeout(resolve, 500));
		}
		return count;
	} finally {
		await connection.close();
	}
}

describe('a chain of shops: each shop server a leaf of the hub', () => {
	it('refuses a hub without shops, a shop without its name, in French', () => {
		expect(
			checkHubOptions({
				dir: 'x',
				shops: [],
				host: '127.0.0.1',
				leafPort: 7422,
				wsPort: 1,
				port: 2
			})
		).toContain('--shops : au moins une boutique (ex. BOUTIQUE1).');
		expect(
			checkOptions({
				dir: 'x',
				tills: ['CAISSE1'],
				host: '127.0.0.1',
				wsPort: 9222,
				port: 4222,
				hub: 'nats-leaf://B:p@127.0.0.1:7422'
			})
		).toContain('--hub : donnez aussi --shop, le nom de cette boutique dans la chaîne.');
	});

	it('carries a ticket from the till to the shop server to the hub, across a cut of the link', async () => {
		Object.assign(globalThis, { WebSocket });
		const hub = await ShopServer.startHub(['BOUTIQUE1']);
		const link = readFileSync(join(hub.dir, 'boutiques', 'BOUTIQUE1.txt'), 'utf8').trim();
		const shop = await ShopServer.start(['CAISSE1'], { shop: 'BOUTIQUE1', hub: link });
		const { server, user, password } = shop.credentials('CAISSE1');
		const till = await wsconnect({ servers: server, user, pass: password });
		try {
			// The till makes the shop's stream as the app does, then sells.
			await (
				await jetstreamManager(till)
			).streams.add({
				name: SHOP_STREAM,
				subjects: [SHOP_SUBJECTS],
				storage: StorageType.File
			});
			const client = jetstream(till);
			await client.publish('comptoir.CAISSE1.ticket', '{"number":1}', {
				msgID: 'CAISSE1:ticket:1'
			});
			expect(await linkShops(readHubAccess(hub.dir))).toEqual(['COMPTOIR_BOUTIQUE1']);
			expect(await hubCount(hub, 1)).toBe(1);

			// The link to the hub is cut: the shop keeps selling, its server keeps the ticket…
			await hub.stop();
			const ack = await client.publish('comptoir.CAISSE1.ticket', '{"number":2}', {
				msgID: 'CAISSE1:ticket:2'
			});
			expect(ack.seq).toBe(2);
			// …and the hub has it once the link is back.
			await hub.resume();
			expect(await hubCount(hub, 2)).toBe(2);
		} finally {
			await till.close();
			await shop.close();
			await hub.close();
		}
	}, 90_000);
});
