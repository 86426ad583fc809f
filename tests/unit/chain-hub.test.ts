// A chain of shops on real nats-servers (the Debian package, started here): a hub and one shop's
// server as its leaf node, on loopback (docs/replication.md#shops).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
	chainHash,
	GENESIS_HASH,
	SHOP_STREAM,
	SHOP_SUBJECTS,
	type ArticleRevision
} from '$lib/domain';
import { bytesToBase64 } from '$lib/base64';
import { KEY_ALGORITHM, signText } from '$lib/signature';
import { publishChainCatalogue, readChainDay } from '$lib/sync/head-office';
import {
	checkHubOptions,
	connectToHub,
	linkShops,
	readHubAccess,
	shareChainCatalogue,
	shopStreamAtHub
} from '../../src/cli/chain-hub';
import { checkOptions } from '../../src/cli/shop-server';
import { headOfficeTitle } from '../fixtures/head-office';
import { ShopServer } from '../support/shop-server';

/** Messages the hub keeps for the shop, waited for (the link delivers them asynchronously). */
async function hubCount(hub: ShopServer, expected: number, shop = 'BOUTIQUE1'): Promise<number> {
	const connection = await connectToHub(readHubAccess(hub.dir));
	try {
		const manager = await jetstreamManager(connection);
		let count = 0;
		for (let i = 0; i < 60 && count < expected; i++) {
			count = (await manager.streams.info(shopStreamAtHub(shop))).state.messages;
			if (count < expected) await new Promise((resolve) => setTimeout(resolve, 500));
		}
		return count;
	} finally {
		await connection.close();
	}
}

/**
 * A hub for BOUTIQUE1 and that shop's server as its leaf, CAISSE1 connected to it with the shop's
 * stream made as the app makes it.
 */
async function chainOnLoopback() {
	Object.assign(globalThis, { WebSocket });
	const hub = await ShopServer.startHub(['BOUTIQUE1']);
	const { shop, till, client } = await shopOfChain(hub, 'BOUTIQUE1');
	return { hub, shop, till, client };
}

/** A shop's server as a leaf of `hub`, its CAISSE1 connected with the shop's stream made. */
async function shopOfChain(hub: ShopServer, name: string) {
	const link = readFileSync(join(hub.dir, 'boutiques', `${name}.txt`), 'utf8').trim();
	const shop = await ShopServer.start(['CAISSE1'], { shop: name, hub: link });
	const till = await shop.connectAs('CAISSE1');
	await (
		await jetstreamManager(till)
	).streams.add({ name: SHOP_STREAM, subjects: [SHOP_SUBJECTS], storage: StorageType.File });
	return { shop, till, client: jetstream(till) };
}

/** The subjects a shop's own stream holds, and how many of each. */
async function subjectsOf(till: NatsConnection): Promise<Record<string, number>> {
	const info = await (
		await jetstreamManager(till)
	).streams.info(SHOP_STREAM, { subjects_filter: '>' });
	return info.state.subjects ?? {};
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
		const { hub, shop, till, client } = await chainOnLoopback();
		try {
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

	it('shows the head office each shop’s day, its tills named with their shop, a forged ticket apart', async () => {
		const { hub, shop, till, client } = await chainOnLoopback();
		try {
			const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
			const spki = bytesToBase64(await crypto.subtle.exportKey('spki', pair.publicKey));
			await client.publish(
				'comptoir.CAISSE1.key',
				JSON.stringify({ type: 'till-key', tillId: 'CAISSE1', publicKeySpki: spki, at: '' })
			);
			let previousHash = GENESIS_HASH;
			for (const [number, totalCents] of [
				[1, 1_720],
				[2, 860]
			] as const) {
				const ticket = {
					tillId: 'CAISSE1',
					number,
					day: '2026-12-04',
					createdAt: '2026-12-04T10:00:00.000Z',
					totalCents,
					rates: [{ vatCents: 90 }],
					training: 0
				};
				const hash = chainHash(previousHash, ticket);
				const sealed = {
					...ticket,
					previousHash,
					hash,
					signature: await signText(pair.privateKey, hash)
				};
				previousHash = hash;
				await client.publish(
					'comptoir.CAISSE1.ticket',
					JSON.stringify({ type: 'ticket', originId: number, ticket: sealed })
				);
			}
			// A third one whose total was changed after it was sealed.
			const forged = {
				tillId: 'CAISSE1',
				number: 3,
				day: '2026-12-04',
				createdAt: '2026-12-04T11:00:00.000Z',
				totalCents: 1,
				rates: [],
				training: 0
			};
			await client.publish(
				'comptoir.CAISSE1.ticket',
				JSON.stringify({
					type: 'ticket',
					originId: 3,
					ticket: {
						...forged,
						previousHash,
						hash: chainHash(previousHash, { ...forged, totalCents: 5_000 }),
						signature: 'AAAA'
					}
				})
			);
			// The day's Z, sealed on the closings' chain, and a month's closing whose figures were
			// changed after it was sealed.
			const closing = {
				tillId: 'CAISSE1',
				kind: 'day',
				periodStart: '2026-12-04',
				periodEnd: '2026-12-04',
				createdAt: '2026-12-04T19:00:00.000Z',
				totals: { ticketCount: 2, ttcCents: 2_580, vatCents: 180 },
				perpetualGrandTotalCents: 2_580
			};
			const closingHash = chainHash(GENESIS_HASH, closing);
			const copy = (record: object) =>
				JSON.stringify({ type: 'copy', kind: 'closing', originId: 1, record });
			await client.publish(
				'comptoir.CAISSE1.closing',
				copy({
					...closing,
					previousHash: GENESIS_HASH,
					hash: closingHash,
					signature: await signText(pair.privateKey, closingHash)
				})
			);
			const month = {
				...closing,
				kind: 'month',
				periodStart: '2026-12-01',
				periodEnd: '2026-12-31'
			};
			await client.publish(
				'comptoir.CAISSE1.closing',
				copy({
					...month,
					totals: { ticketCount: 1, ttcCents: 1, vatCents: 0 },
					previousHash: closingHash,
					hash: chainHash(closingHash, month),
					signature: await signText(pair.privateKey, chainHash(closingHash, month))
				})
			);
			const access = readHubAccess(hub.dir);
			await linkShops(access);
			expect(await hubCount(hub, 6)).toBe(6);

			const read = await readChainDay(
				{ ...access, shops: ['BOUTIQUE1', 'BOUTIQUE2'] },
				{ from: '2026-12-04', to: '2026-12-04' }
			);
			expect(read.summary.tills).toEqual([
				{
					shop: 'BOUTIQUE1',
					tillId: 'CAISSE1',
					ticketCount: 2,
					ttcCents: 2_580,
					vatCents: 180,
					refused: 1
				}
			]);
			expect(read.refused).toEqual([
				{ shop: 'BOUTIQUE1', tillId: 'CAISSE1', number: 3, day: '2026-12-04' }
			]);
			expect(read.missing).toEqual([
				'BOUTIQUE2\u00a0: pas encore reliée au siège (sur le serveur du siège\u00a0: npm run shop-server -- link-shops).'
			]);
			expect(read.closings).toEqual([
				expect.objectContaining({
					shop: 'BOUTIQUE1',
					tillId: 'CAISSE1',
					kind: 'day',
					ttcCents: 2_580,
					intact: true
				})
			]);
			const december = await readChainDay(access, { from: '2026-12-01', to: '2026-12-31' });
			expect(december.closings.map(({ kind, intact }) => ({ kind, intact }))).toEqual([
				{ kind: 'day', intact: true },
				{ kind: 'month', intact: false }
			]);
			const nextDay = { from: '2026-12-05', to: '2026-12-05' };
			expect((await readChainDay(access, nextDay)).summary.total.ticketCount).toBe(0);
			const week = await readChainDay(access, { from: '2026-11-30', to: '2026-12-06' });
			expect(week.summary.total).toMatchObject({ ticketCount: 2, refused: 1 });
		} finally {
			await till.close();
			await shop.close();
			await hub.close();
		}
	}, 90_000);

	it('keeps each shop’s records to its own server, the hub receiving both, and brings the head office’s catalogue to both across a shop server’s restart', async () => {
		Object.assign(globalThis, { WebSocket });
		const hub = await ShopServer.startHub(['BOUTIQUE1', 'BOUTIQUE2']);
		const one = await shopOfChain(hub, 'BOUTIQUE1');
		const two = await shopOfChain(hub, 'BOUTIQUE2');
		try {
			expect(await linkShops(readHubAccess(hub.dir))).toEqual([
				'COMPTOIR_BOUTIQUE1',
				'COMPTOIR_BOUTIQUE2'
			]);
			await one.client.publish('comptoir.CAISSE1.ticket', '{"number":1}');
			await two.client.publish('comptoir.CAISSE1.ticket', '{"number":1}');
			await two.client.publish('comptoir.CAISSE1.ticket', '{"number":2}');
			expect(await hubCount(hub, 1, 'BOUTIQUE1')).toBe(1);
			expect(await hubCount(hub, 2, 'BOUTIQUE2')).toBe(2);
			// Till ids repeat from shop to shop: each shop's CAISSE1 is its own.
			expect(await subjectsOf(one.till)).toEqual({ 'comptoir.CAISSE1.ticket': 1 });
			expect(await subjectsOf(two.till)).toEqual({ 'comptoir.CAISSE1.ticket': 2 });

			// The head office's catalogue reaches both shops' streams; BOUTIQUE2's server, down
			// while the next one is sent, catches up when it is back.
			const access = readHubAccess(hub.dir);
			await expect
				.poll(async () => (await shareChainCatalogue(access)).sharing, { timeout: 30_000 })
				.toEqual(['BOUTIQUE1', 'BOUTIQUE2']);
			expect(await publishChainCatalogue(access, [headOfficeTitle(850)], 'Siège (Claire)')).toBe(1);
			const fromHeadOffice = async (till: NatsConnection, count: number) =>
				expect
					.poll(async () => (await subjectsOf(till))['comptoir.SIEGE.revisions'], {
						timeout: 30_000
					})
					.toBe(count);
			await fromHeadOffice(one.till, 1);
			await fromHeadOffice(two.till, 1);
			await two.shop.stop();
			await publishChainCatalogue(access, [headOfficeTitle(890)], 'Siège (Claire)');
			await fromHeadOffice(one.till, 2);
			await two.shop.resume();
			await fromHeadOffice(two.till, 2);
			const last = await (
				await jetstreamManager(two.till)
			).streams.getMessage(SHOP_STREAM, { last_by_subj: 'comptoir.SIEGE.revisions' });
			expect(last?.json<{ by: string; items: ArticleRevision[] }>()).toMatchObject({
				by: 'Siège (Claire)',
				items: [{ fields: { priceCents: 890 } }]
			});
		} finally {
			for (const { till, shop } of [one, two]) {
				await till.close();
				await shop.close();
			}
			await hub.close();
		}
	}, 90_000);
});
