/**
 * The hub of a chain of shops (docs/replication.md#shops): a NATS server to which each shop's
 * server is a leaf node. Each shop keeps working alone when its link is down; the hub keeps one
 * stream per shop, sourced from that shop's stream, and catches up when the link comes back.
 *
 *   npm run shop-server -- init-hub --shops BOUTIQUE1,BOUTIQUE2 [--dir comptoir-siege]
 *        [--host 127.0.0.1] [--leaf-port 7422] [--ws-port 9223] [--port 4223] [--tls-cert F --tls-key F]
 *   npm run shop-server -- link-shops [--dir comptoir-siege]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { HEAD_OFFICE_TILL, SHOP_STREAM } from '../lib/domain/replication';
import {
	HEAD_OFFICE_STREAM,
	shopStreamAtHub,
	type HeadOfficeAccess
} from '../lib/domain/head-office';

export { shopStreamAtHub };
import {
	accountBlock,
	LOOPBACK,
	NAME,
	portFaults,
	quoted,
	tlsLines,
	websocketBlock,
	writePrivate
} from './nats-config';

export interface HubOptions {
	readonly dir: string;
	readonly shops: readonly string[];
	readonly host: string;
	readonly leafPort: number;
	readonly wsPort: number;
	readonly port: number;
	readonly tlsCert?: string;
	readonly tlsKey?: string;
}

/** The head office's access to the hub (its tools, the chain's streams): siege.json. */
export type HubAccess = HeadOfficeAccess;

/** The head office's user on the hub. */
const HEAD_OFFICE = 'SIEGE';

export function checkHubOptions(options: HubOptions): string[] {
	const faults: string[] = [];
	if (options.shops.length === 0) faults.push('--shops : au moins une boutique (ex. BOUTIQUE1).');
	for (const shop of options.shops) {
		if (!NAME.test(shop) || shop === HEAD_OFFICE)
			faults.push(
				`--shops : « ${shop} » n’est pas un nom de boutique (1 à 16 lettres majuscules, chiffres, - ou _ ; pas ${HEAD_OFFICE}).`
			);
	}
	if (new Set(options.shops).size !== options.shops.length)
		faults.push('--shops : une boutique est nommée deux fois.');
	if (!LOOPBACK.test(options.host) && !(options.tlsCert && options.tlsKey))
		faults.push(
			`--host ${options.host} : hors de cet ordinateur, les liens des boutiques doivent être chiffrés ; donnez --tls-cert et --tls-key.`
		);
	faults.push(
		...portFaults([
			['--leaf-port', options.leafPort],
			['--ws-port', options.wsPort],
			['--port', options.port]
		])
	);
	return faults;
}

export function hubConfiguration(
	options: HubOptions,
	passwords: ReadonlyMap<string, string>
): string {
	const tls = tlsLines(options);
	const users = [HEAD_OFFICE, ...options.shops].map(
		(user) => `      { user: ${quoted(user)}, password: ${quoted(passwords.get(user) ?? '')} }`
	);
	return `# Comptoir chain hub, written by « npm run shop-server -- init-hub ».
# Start it with: nats-server -c ${quoted(resolve(options.dir, 'nats-server.conf'))}
server_name: comptoir-siege
host: "127.0.0.1"
port: ${options.port}

jetstream {
  # One stream per shop, sourced from the shop's own (back this directory up too).
  store_dir: ${quoted(resolve(options.dir, 'jetstream'))}
  domain: ${quoted(HEAD_OFFICE)}
}

# The shops' servers connect here as leaf nodes, each with its own user.
leafnodes {
  host: ${quoted(options.host)}
  port: ${options.leafPort}
${tls ?? '  # Loopback only.'}
}

${websocketBlock(options.host, options.wsPort, tls)}

${accountBlock('CHAINE', users)}
`;
}

/** Writes the hub's configuration, each shop's link address and the head office's access. */
export function initHub(options: HubOptions): string[] {
	const configuration = join(options.dir, 'nats-server.conf');
	if (existsSync(configuration)) {
		throw new Error(`${configuration} existe déjà : choisissez un autre --dir.`);
	}
	mkdirSync(join(options.dir, 'boutiques'), { recursive: true });
	const passwords = new Map(
		[HEAD_OFFICE, ...options.shops].map((user) => [user, randomBytes(24).toString('base64url')])
	);
	const shown = options.host === '0.0.0.0' ? hostname() : options.host;
	const scheme = options.tlsCert ? 'tls' : 'nats-leaf';
	const written = [writePrivate(configuration, hubConfiguration(options, passwords))];
	for (const shop of options.shops) {
		const url = `${scheme}://${shop}:${passwords.get(shop) ?? ''}@${shown}:${options.leafPort}`;
		written.push(writePrivate(join(options.dir, 'boutiques', `${shop}.txt`), `${url}\n`));
	}
	const access: HubAccess = {
		server: `${options.tlsCert ? 'wss' : 'ws'}://${shown}:${options.wsPort}`,
		user: HEAD_OFFICE,
		password: passwords.get(HEAD_OFFICE) ?? '',
		shops: options.shops
	};
	written.push(
		writePrivate(join(options.dir, 'siege.json'), `${JSON.stringify(access, null, 2)}\n`)
	);
	return written;
}

/** Reads the head office's access written by initHub. */
export function readHubAccess(dir: string): HubAccess {
	return JSON.parse(readFileSync(join(dir, 'siege.json'), 'utf8')) as HubAccess;
}

/** The head office's connection to the hub (Node has no WebSocket of its own: `ws` gives it). */
export async function connectToHub(access: HubAccess): Promise<NatsConnection> {
	if (!('WebSocket' in globalThis)) {
		const { default: WebSocket } = await import('ws');
		Object.assign(globalThis, { WebSocket });
	}
	return wsconnect({ servers: access.server, user: access.user, pass: access.password });
}

/**
 * Makes (or keeps) at the hub one stream per shop, sourced from that shop's stream through its
 * leaf link: the hub then receives every record each shop's server keeps, and catches up by itself
 * after a cut. Answers the streams' names.
 */
export async function linkShops(access: HubAccess): Promise<string[]> {
	const connection = await connectToHub(access);
	try {
		const manager = await jetstreamManager(connection);
		const names: string[] = [];
		for (const shop of access.shops) {
			const name = shopStreamAtHub(shop);
			const exists = await manager.streams.info(name).then(
				() => true,
				() => false
			);
			if (!exists) {
				await manager.streams.add({
					name,
					storage: StorageType.File,
					max_age: 0,
					sources: [{ name: SHOP_STREAM, external: { api: `$JS.${shop}.API`, deliver: '' } }]
				});
			}
			names.push(name);
		}
		return names;
	} finally {
		await connection.close();
	}
}

/**
 * The head office's catalogue and prices (docs/replication.md#head-office-catalogue): a stream at
 * the hub, `COMPTOIR_SIEGE`, where the head office publishes titles as revisions of the till
 * `SIEGE`; each shop's stream sources it through its link, so that every till of every shop
 * receives them in its shop's stream, after a cut too. A shop whose stream no till made yet, or
 * whose link is down, is answered as waiting (run link-shops again).
 */
export async function shareChainCatalogue(
	access: HubAccess
): Promise<{ sharing: string[]; waiting: string[] }> {
	const connection = await connectToHub(access);
	try {
		return await shareOn(connection, access.shops);
	} finally {
		await connection.close();
	}
}

async function shareOn(
	connection: NatsConnection,
	shops: readonly string[]
): Promise<{ sharing: string[]; waiting: string[] }> {
	const hub = await jetstreamManager(connection);
	const exists = await hub.streams.info(HEAD_OFFICE_STREAM).then(
		() => true,
		() => false
	);
	if (!exists) {
		await hub.streams.add({
			name: HEAD_OFFICE_STREAM,
			subjects: [`comptoir.${HEAD_OFFICE_TILL}.>`],
			storage: StorageType.File,
			max_age: 0,
			duplicate_window: 24 * 3_600 * 1e9
		});
	}
	const sharing: string[] = [];
	const waiting: string[] = [];
	for (const shop of shops) {
		// A shop whose link is down, or whose stream no till made yet, waits for the next run.
		const manager = await jetstreamManager(connection, { domain: shop, checkAPI: false });
		const info = await manager.streams.info(SHOP_STREAM).catch(() => null);
		if (!info) {
			waiting.push(shop);
			continue;
		}
		const sources = info.config.sources ?? [];
		if (!sources.some((source) => source.name === HEAD_OFFICE_STREAM)) {
			await manager.streams.update(SHOP_STREAM, {
				...info.config,
				sources: [
					...sources,
					{ name: HEAD_OFFICE_STREAM, external: { api: `$JS.${HEAD_OFFICE}.API`, deliver: '' } }
				]
			});
		}
		sharing.push(shop);
	}
	return { sharing, waiting };
}
