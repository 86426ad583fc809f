/**
 * `npm run shop-server -- init`: writes the configuration of the shop's NATS server (JetStream
 * store, WebSocket listener for the tills' browsers, one account for the shop, one user per till
 * allowed to publish only its own till's subjects) and each till's credentials file, then says
 * how to start it. See docs/replication.md#shop-server.
 *
 *   npm run shop-server -- init --tills CAISSE1,CAISSE2 [--dir comptoir-serveur]
 *        [--host 127.0.0.1] [--ws-port 9222] [--port 4222] [--tls-cert F --tls-key F] [--trial]
 *
 * `--trial` makes a test server: its access files say so, and only they link the demonstration
 * shop (its made-up tickets never reach a real shop's server).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BALANCE_BUCKET, SHOP_STREAM } from '../lib/domain/replication';
import { checkHubOptions, initHub, linkShops, readHubAccess, type HubOptions } from './chain-hub';
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
import { technicalText } from '../lib/errors';

export interface ShopServerOptions {
	readonly dir: string;
	readonly tills: readonly string[];
	readonly host: string;
	readonly wsPort: number;
	readonly port: number;
	readonly tlsCert?: string;
	readonly tlsKey?: string;
	/** A test server: the demonstration shop may use it (docs/replication.md#trial). */
	readonly trial?: boolean;
	/**
	 * One shop of a chain (docs/replication.md#shops): its name there (its JetStream domain) and the
	 * address of the chain's hub, with this shop's password, as `init-hub` wrote it.
	 */
	readonly shop?: string;
	readonly hub?: string;
}

/**
 * What a till may do on the server: publish its own subjects, read the shop's stream through
 * consumers of its own. Never delete, purge or rewrite the stream: that is the server owner's.
 */
function tillPermissions(tillId: string): string {
	const publish = [
		`comptoir.${tillId}.>`,
		'$JS.API.INFO',
		`$JS.API.STREAM.INFO.${SHOP_STREAM}`,
		`$JS.API.STREAM.CREATE.${SHOP_STREAM}`,
		`$JS.API.STREAM.MSG.GET.${SHOP_STREAM}`,
		`$JS.API.CONSUMER.CREATE.${SHOP_STREAM}.>`,
		`$JS.API.CONSUMER.CREATE.${SHOP_STREAM}`,
		`$JS.API.CONSUMER.INFO.${SHOP_STREAM}.>`,
		`$JS.API.CONSUMER.DELETE.${SHOP_STREAM}.>`,
		`$JS.API.CONSUMER.MSG.NEXT.${SHOP_STREAM}.>`,
		`$JS.ACK.${SHOP_STREAM}.>`,
		// Spends of vouchers reserved by compare-and-set (docs/replication.md#reservations): the
		// bucket's keys, read and written; never its deletion or purge.
		`$KV.${BALANCE_BUCKET}.>`,
		`$JS.API.STREAM.INFO.KV_${BALANCE_BUCKET}`,
		`$JS.API.STREAM.CREATE.KV_${BALANCE_BUCKET}`,
		`$JS.API.STREAM.MSG.GET.KV_${BALANCE_BUCKET}`,
		`$JS.API.DIRECT.GET.KV_${BALANCE_BUCKET}.>`
	];
	return `{ publish: { allow: [${publish.map(quoted).join(', ')}] }, subscribe: { allow: ["_INBOX.>"] } }`;
}

export function serverConfiguration(
	options: ShopServerOptions,
	passwords: ReadonlyMap<string, string>
): string {
	const store = resolve(options.dir, 'jetstream');
	const users = options.tills.map(
		(tillId) =>
			`      { user: ${quoted(tillId)}, password: ${quoted(passwords.get(tillId) ?? '')}, permissions: ${tillPermissions(tillId)} }`
	);
	return `# Comptoir shop server, written by « npm run shop-server -- init ».
# Start it with: nats-server -c ${quoted(resolve(options.dir, 'nats-server.conf'))}
server_name: comptoir
# The tills speak WebSocket; the NATS port serves only this computer (tools, backups).
host: "127.0.0.1"
port: ${options.port}

jetstream {
  # Every till's records, kept as long as this directory is (back it up: docs/replication.md).
  store_dir: ${quoted(store)}${options.shop ? `\n  # This shop's name in the chain: the hub reaches its stream as $JS.${options.shop}.API.\n  domain: ${quoted(options.shop)}` : ''}
}
${
	options.hub
		? `
# A leaf of the chain's hub: the shop works alone when the link is down, and the hub catches up.
leafnodes {
  remotes: [ { url: ${quoted(options.hub)}, account: "BOUTIQUE" } ]
}
`
		: ''
}
${websocketBlock(options.host, options.wsPort, tlsLines(options))}

${accountBlock('BOUTIQUE', users)}
`;
}

/** The file a till reads in Paramètres › Synchronisation. */
export function tillCredentials(
	options: ShopServerOptions,
	tillId: string,
	password: string
): string {
	const scheme = options.tlsCert ? 'wss' : 'ws';
	// Listening on every interface: the tills reach it by this computer's name.
	const shown = options.host === '0.0.0.0' ? hostname() : options.host;
	return `${JSON.stringify(
		{
			server: `${scheme}://${shown}:${options.wsPort}`,
			tillId,
			tillIndex: options.tills.indexOf(tillId) + 1,
			user: tillId,
			password,
			...(options.trial ? { trial: true } : {})
		},
		null,
		2
	)}\n`;
}

/** Checks the options; each fault in French, as the shop's manager types them. */
export function checkOptions(options: ShopServerOptions): string[] {
	const faults: string[] = [];
	if (options.tills.length === 0)
		faults.push('--tills : au moins une caisse (ex. CAISSE1,CAISSE2).');
	if (options.tills.length > 99) faults.push('--tills : 99 caisses au plus.');
	for (const till of options.tills) {
		if (!/^[A-Z0-9_-]{1,16}$/u.test(till)) {
			faults.push(
				`--tills : « ${till} » n’est pas un identifiant de caisse (1 à 16 lettres majuscules, chiffres, - ou _).`
			);
		}
	}
	if (new Set(options.tills).size !== options.tills.length)
		faults.push('--tills : une caisse est nommée deux fois.');
	if (!LOOPBACK.test(options.host) && !(options.tlsCert && options.tlsKey)) {
		faults.push(
			`--host ${options.host} : hors de cet ordinateur, la connexion doit être chiffrée ; donnez --tls-cert et --tls-key (certificat du serveur).`
		);
	}
	if (options.hub && !options.shop)
		faults.push('--hub : donnez aussi --shop, le nom de cette boutique dans la chaîne.');
	if (options.shop && !NAME.test(options.shop))
		faults.push(
			`--shop : « ${options.shop} » n’est pas un nom de boutique (1 à 16 lettres majuscules, chiffres, - ou _).`
		);
	if (options.hub && !/^(nats-leaf|tls):\/\//u.test(options.hub))
		faults.push('--hub : l’adresse écrite par « init-hub » (nats-leaf://… ou tls://…).');
	faults.push(
		...portFaults([
			['--ws-port', options.wsPort],
			['--port', options.port]
		])
	);
	return faults;
}

/** Writes the configuration and the credentials; refuses to overwrite a shop already set up. */
export function initShopServer(options: ShopServerOptions): string[] {
	const configuration = join(options.dir, 'nats-server.conf');
	if (existsSync(configuration)) {
		throw new Error(
			`${configuration} existe déjà : les caisses ont leurs accès. Choisissez un autre --dir pour une nouvelle boutique.`
		);
	}
	mkdirSync(join(options.dir, 'caisses'), { recursive: true });
	const passwords = new Map(
		options.tills.map((till) => [till, randomBytes(24).toString('base64url')])
	);
	const written = [writePrivate(configuration, serverConfiguration(options, passwords))];
	for (const till of options.tills) {
		const file = join(options.dir, 'caisses', `${till}.json`);
		written.push(writePrivate(file, tillCredentials(options, till, passwords.get(till) ?? '')));
	}
	return written;
}

function main(argv: string[]): number {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			dir: { type: 'string', default: 'comptoir-serveur' },
			tills: { type: 'string', default: 'CAISSE1' },
			host: { type: 'string', default: '127.0.0.1' },
			'ws-port': { type: 'string', default: '9222' },
			port: { type: 'string', default: '4222' },
			'tls-cert': { type: 'string' },
			'tls-key': { type: 'string' },
			trial: { type: 'boolean', default: false },
			shop: { type: 'string' },
			hub: { type: 'string' },
			shops: { type: 'string', default: '' },
			'leaf-port': { type: 'string', default: '7422' }
		}
	});
	if (positionals[0] === 'init-hub') return initHubCommand(values);
	if (positionals[0] === 'link-shops') return linkShopsCommand(values.dir);
	if (positionals[0] !== 'init') {
		console.error(
			'Usage : npm run shop-server -- init --tills CAISSE1,CAISSE2 [--dir comptoir-serveur] [--host 127.0.0.1] [--ws-port 9222] [--tls-cert F --tls-key F] [--trial] [--shop BOUTIQUE1 --hub ADRESSE]\n        npm run shop-server -- init-hub --shops BOUTIQUE1,BOUTIQUE2 [--dir comptoir-siege] [--leaf-port 7422]\n        npm run shop-server -- link-shops [--dir comptoir-siege]'
		);
		return 2;
	}
	const options: ShopServerOptions = {
		dir: values.dir,
		tills: values.tills
			.split(',')
			.map((till) => till.trim().toUpperCase())
			.filter(Boolean),
		host: values.host,
		wsPort: Number(values['ws-port']),
		port: Number(values.port),
		tlsCert: values['tls-cert'],
		tlsKey: values['tls-key'],
		trial: values.trial,
		...(values.shop ? { shop: values.shop.trim().toUpperCase() } : {}),
		...(values.hub ? { hub: values.hub.trim() } : {})
	};
	const faults = checkOptions(options);
	if (faults.length > 0) {
		for (const fault of faults) console.error(fault);
		return 2;
	}
	try {
		const written = initShopServer(options);
		console.log(
			`Serveur de la boutique préparé :\n${written.map((file) => `  ${file}`).join('\n')}`
		);
		console.log(
			`\nDémarrez-le (il doit rester lancé, au démarrage de l’ordinateur de préférence) :\n  nats-server -c ${resolve(written[0] ?? '')}`
		);
		console.log(
			'\nPuis, sur chaque caisse : Paramètres › Synchronisation, choisir le fichier caisses/<CAISSE>.json de cette caisse.\nCes fichiers contiennent des mots de passe : ne les laissez pas sur une clé USB.'
		);
		return 0;
	} catch (error) {
		console.error(technicalText(error));
		return 1;
	}
}

function initHubCommand(values: {
	dir: string;
	shops: string;
	host: string;
	'leaf-port': string;
	'ws-port': string;
	port: string;
	'tls-cert'?: string;
	'tls-key'?: string;
}): number {
	const dir = values.dir === 'comptoir-serveur' ? 'comptoir-siege' : values.dir;
	const options: HubOptions = {
		dir,
		shops: values.shops
			.split(',')
			.map((shop) => shop.trim().toUpperCase())
			.filter(Boolean),
		host: values.host,
		leafPort: Number(values['leaf-port']),
		// Beside a shop server on the same computer: other ports by default.
		wsPort: values['ws-port'] === '9222' ? 9223 : Number(values['ws-port']),
		port: values.port === '4222' ? 4223 : Number(values.port),
		tlsCert: values['tls-cert'],
		tlsKey: values['tls-key']
	};
	const faults = checkHubOptions(options);
	if (faults.length > 0) {
		for (const fault of faults) console.error(fault);
		return 2;
	}
	try {
		const written = initHub(options);
		console.log(`Serveur du siège préparé :\n${written.map((file) => `  ${file}`).join('\n')}`);
		console.log(
			`\nDémarrez-le : nats-server -c ${resolve(written[0] ?? '')}\nPuis, pour chaque boutique, sur son serveur : npm run shop-server -- init --shop BOUTIQUE1 --hub "$(cat ${join(dir, 'boutiques', 'BOUTIQUE1.txt')})" --tills …\nEnfin, le siège et les boutiques lancés : npm run shop-server -- link-shops --dir ${dir}`
		);
		return 0;
	} catch (error) {
		console.error(technicalText(error));
		return 1;
	}
}

function linkShopsCommand(dir: string): number {
	const hubDir = dir === 'comptoir-serveur' ? 'comptoir-siege' : dir;
	linkShops(readHubAccess(hubDir)).then(
		(streams) => {
			console.log(`Le siège reçoit les enregistrements de : ${streams.join(', ')}.`);
		},
		(error: unknown) => {
			console.error(`Le siège n’a pas pu être relié aux boutiques : ${technicalText(error)}`);
			process.exitCode = 1;
		}
	);
	return 0;
}

if (process.argv[1] && /shop-server\.ts$/u.test(process.argv[1])) {
	process.exitCode = main(process.argv.slice(2));
}
