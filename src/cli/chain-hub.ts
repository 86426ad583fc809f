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
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { wsconnect } from '@nats-io/nats-core';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { SHOP_STREAM } from '../lib/domain/replication';

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

/** The head office's access to the hub (its tools, the chain's streams). */
export interface HubAccess {
	readonly server: string;
	readonly user: string;
	readonly password: string;
	readonly shops: readonly string[];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/u;
const SHOP_NAME = /^[A-Z0-9_-]{1,16}$/u;
const quoted = (text: string) => JSON.stringify(text);
/** The head office's user on the hub. */
const HEAD_OFFICE = 'SIEGE';

/** The hub's stream of one shop: every record of that shop, as its server keeps them. */
export function shopStreamAtHub(shop: string): string {
	return `${SHOP_STREAM}_${shop}`;
}

export function checkHubOptions(options: HubOptions): string[] {
	const faults: string[] = [];
	if (options.shops.length === 0) faults.push('--shops : au moins une boutique (ex. BOUTIQUE1).');
	for (const shop of options.shops) {
		if (!SHOP_NAME.test(shop) || shop === HEAD_OFFICE)
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
	for (const [name, port] of [
		['--leaf-port', options.leafPort],
		['--ws-port', options.wsPort],
		['--port', options.port]
	] as const) {
		if (!Number.isInteger(port) || port < 1 || port > 65_535)
			faults.push(`${name} : port entre 1 et 65535.`);
	}
	return faults;
}

export function hubConfiguration(
	options: HubOptions,
	passwords: ReadonlyMap<string, string>
): string {
	const tls =
		options.tlsCert && options.tlsKey
			? `  tls {\n    cert_file: ${quoted(resolve(options.tlsCert))}\n    key_file: ${quoted(resolve(options.tlsKey))}\n  }`
			: '  no_tls: true';
	const users = [HEAD_OFFICE, ...options.shops]
		.map(
			(user) => `      { user: ${quoted(user)}, password: ${quoted(passwords.get(user) ?? '')} }`
		)
		.join('\n');
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
${tls.replace('no_tls: true', '# Loopback only.')}
}

websocket {
  host: ${quoted(options.host)}
  port: ${options.wsPort}
${tls}
}

accounts {
  CHAINE {
    jetstream: enabled
    users: [
${users}
    ]
  }
}
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
	const write = (file: string, text: string) => {
		writeFileSync(file, text, { mode: 0o600 });
		chmodSync(file, 0o600);
		return file;
	};
	const shown = options.host === '0.0.0.0' ? hostname() : options.host;
	const scheme = options.tlsCert ? 'tls' : 'nats-leaf';
	const written = [write(configuration, hubConfiguration(options, passwords))];
	for (const shop of options.shops) {
		const url = `${scheme}://${shop}:${passwords.get(shop) ?? ''}@${shown}:${options.leafPort}`;
		written.push(write(join(options.dir, 'boutiques', `${shop}.txt`), `${url}\n`));
	}
	const access: HubAccess = {
		server: `${options.tlsCert ? 'wss' : 'ws'}://${shown}:${options.wsPort}`,
		user: HEAD_OFFICE,
		password: passwords.get(HEAD_OFFICE) ?? '',
		shops: options.shops
	};
	written.push(write(join(options.dir, 'siege.json'), `${JSON.stringify(access, null, 2)}\n`));
	return written;
}

/** Reads the head office's access written by initHub. */
export function readHubAccess(dir: string): HubAccess {
	return JSON.parse(readFileSync(join(dir, 'siege.json'), 'utf8')) as HubAccess;
}

/**
 * Makes (or keeps) at the hub one stream per shop, sourced from that shop's stream through its
 * leaf link: the hub then receives every record each shop's server keeps, and catches up by itself
 * after a cut. Answers the streams' names.
 */
export async function linkShops(access: HubAccess): Promise<string[]> {
	if (!('WebSocket' in globalThis)) {
		const { default: WebSocket } = await import('ws');
		Object.assign(globalThis, { WebSocket });
	}
	const connection = await wsconnect({
		servers: access.server,
		user: access.user,
		pass: access.password
	});
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
