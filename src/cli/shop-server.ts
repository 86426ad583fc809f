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
import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeAccount, encodeOperator, encodeUser, type Account } from '@nats-io/jwt';
import { createAccount, createOperator, createUser, type KeyPair } from '@nats-io/nkeys';
import { HEAD_OFFICE_TILL } from '../lib/domain/replication';
import {
	grantTill,
	managerAccessFile,
	type ManagerAccess,
	type ShopAccountClaims
} from '../lib/domain/till-access';
import { issueTillUser } from '../lib/sync/till-keys';
import {
	checkHubOptions,
	initHub,
	linkShops,
	readHubAccess,
	shareChainCatalogue,
	type HubOptions
} from './chain-hub';
import {
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

/** JetStream and connections without limits of their own: the shop's computer is the limit. */
const UNLIMITED = {
	subs: -1,
	conn: -1,
	leaf: -1,
	imports: -1,
	exports: -1,
	data: -1,
	payload: -1,
	wildcards: true
} as const;

/**
 * The keys of a shop server (docs/replication.md#till-access): an operator the server trusts, its
 * system account (whose one user, in the manager's file, reads and updates accounts' claims), and
 * the shop's account, which names each till's signing key and rank. The seeds that sign accounts
 * stay on the server's computer and in the manager's file; a till holds only its own user.
 */
export interface ShopKeys {
	readonly operatorJwt: string;
	readonly systemAccount: string;
	readonly systemJwt: string;
	readonly account: string;
	readonly accountJwt: string;
	readonly manager: ManagerAccess;
	/** Each till's user (JWT and seed), by till id. */
	readonly tills: ReadonlyMap<string, { jwt: string; seed: string }>;
	/** The operator's own seed: kept beside the configuration, to issue a new operator one day. */
	readonly operatorSeed: string;
}

export async function shopKeys(options: ShopServerOptions, server: string): Promise<ShopKeys> {
	const operator = createOperator();
	const operatorSigning = createOperator();
	const system = createAccount();
	const account = createAccount();
	const signer = { signer: operatorSigning };
	const systemJwt = await encodeAccount('SYS', system, { limits: UNLIMITED }, signer);
	let claims: ShopAccountClaims = {
		limits: { ...UNLIMITED, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 }
	};
	const tills = new Map<string, { jwt: string; seed: string }>();
	for (const tillId of options.tills) {
		const key = createAccount();
		const granted = grantTill(claims, tillId, key.getPublicKey());
		if (!granted.ok) throw new Error(granted.error.message);
		claims = granted.value.claims;
		tills.set(tillId, await issueTillUser(tillId, key, account.getPublicKey()));
	}
	const manager = createUser();
	return {
		operatorJwt: await encodeOperator('COMPTOIR', operator, {
			signing_keys: [operatorSigning.getPublicKey()],
			system_account: system.getPublicKey()
		}),
		systemAccount: system.getPublicKey(),
		systemJwt,
		account: account.getPublicKey(),
		accountJwt: await encodeAccount('BOUTIQUE', account, claims as Partial<Account>, signer),
		manager: {
			server,
			account: account.getPublicKey(),
			operatorSeed: new TextDecoder().decode(operatorSigning.getSeed()),
			systemJwt: await encodeUser('GERANT', manager, system, managerPermissions(account)),
			systemSeed: new TextDecoder().decode(manager.getSeed())
		},
		tills,
		operatorSeed: new TextDecoder().decode(operator.getSeed())
	};
}

/** The manager's user may only read and replace the shop account's claims. */
function managerPermissions(account: KeyPair) {
	return {
		pub: {
			allow: [
				'$SYS.REQ.CLAIMS.UPDATE',
				`$SYS.REQ.ACCOUNT.${account.getPublicKey()}.CLAIMS.UPDATE`,
				`$SYS.REQ.ACCOUNT.${account.getPublicKey()}.CLAIMS.LOOKUP`
			]
		},
		sub: { allow: ['_INBOX.>'] }
	};
}

export function serverConfiguration(options: ShopServerOptions, keys: ShopKeys): string {
	const store = resolve(options.dir, 'jetstream');
	return `# Comptoir shop server, written by « npm run shop-server -- init ».
# Start it with: nats-server -c ${quoted(resolve(options.dir, 'nats-server.conf'))}
# One name per server of a chain: two leaf nodes of the same name lose the hub's route to one.
server_name: ${options.shop ? `comptoir-${options.shop}` : 'comptoir'}
# The tills speak WebSocket; the NATS port serves only this computer (tools, backups).
host: "127.0.0.1"
port: ${options.port}

jetstream {
  # Every till's records, kept as long as this directory is (back it up: docs/replication.md).
  store_dir: ${quoted(store)}${options.shop ? `\n  # This shop's name in the chain: the hub reaches its stream as $JS.${options.shop}.API.\n  domain: ${quoted(options.shop)}` : ''}
}

# Tills sign in with keys (docs/replication.md#till-access): the shop account names each till's
# key, and the manager's file replaces those claims to revoke a till or give it a new access.
operator: ${quoted(keys.operatorJwt)}
system_account: ${quoted(keys.systemAccount)}
resolver {
  type: full
  # The accounts' claims as the manager last changed them (back this directory up too).
  dir: ${quoted(resolve(options.dir, 'comptes'))}
  allow_delete: false
  interval: "2m"
}
resolver_preload {
  ${keys.systemAccount}: ${quoted(keys.systemJwt)}
}
${
	options.hub
		? `
# A leaf of the chain's hub: the shop works alone when the link is down, and the hub catches up.
# Records cross the link only as JetStream sources, never as plain messages: another shop's tills
# have the same ids (its CAISSE1), so its messages must never reach this shop's stream.
leafnodes {
  remotes: [
    {
      url: ${quoted(options.hub)}
      account: ${quoted(keys.account)}
      deny_imports: ["comptoir.>"]
      deny_exports: ["comptoir.>"]
    }
  ]
}
`
		: ''
}
${websocketBlock(options.host, options.wsPort, tlsLines(options))}
`;
}

/** The address the tills reach: this computer's name when listening on every interface. */
function serverAddress(options: ShopServerOptions): string {
	const scheme = options.tlsCert ? 'wss' : 'ws';
	const shown = options.host === '0.0.0.0' ? hostname() : options.host;
	return `${scheme}://${shown}:${options.wsPort}`;
}

/** The file a till reads in Paramètres › Synchronisation. */
export function tillCredentials(
	server: string,
	tillId: string,
	tillIndex: number,
	user: { jwt: string; seed: string },
	trial?: boolean
): string {
	return `${JSON.stringify({ server, tillId, tillIndex, ...user, ...(trial ? { trial: true } : {}) }, null, 2)}\n`;
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
	if (options.tills.includes(HEAD_OFFICE_TILL))
		faults.push(`--tills : « ${HEAD_OFFICE_TILL} » est réservé au siège d’une chaîne.`);
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

/**
 * Writes the configuration, the shop account's claims, each till's access file and the manager's
 * file; refuses to overwrite a shop already set up.
 */
export async function initShopServer(options: ShopServerOptions): Promise<string[]> {
	const configuration = join(options.dir, 'nats-server.conf');
	if (existsSync(configuration)) {
		throw new Error(
			`${configuration} existe déjà : les caisses ont leurs accès. Choisissez un autre --dir pour une nouvelle boutique.`
		);
	}
	const server = serverAddress(options);
	const keys = await shopKeys(options, server);
	mkdirSync(join(options.dir, 'caisses'), { recursive: true });
	// The full resolver keeps each account's claims as <public key>.jwt; the shop account's are
	// written there rather than preloaded, so that a restart never brings back revoked tills.
	mkdirSync(join(options.dir, 'comptes'), { recursive: true });
	writePrivate(join(options.dir, 'comptes', `${keys.account}.jwt`), keys.accountJwt);
	const written = [writePrivate(configuration, serverConfiguration(options, keys))];
	written.push(writePrivate(join(options.dir, 'operateur.nk'), `${keys.operatorSeed}\n`));
	for (const [index, till] of options.tills.entries()) {
		const file = join(options.dir, 'caisses', `${till}.json`);
		const user = keys.tills.get(till);
		if (!user) continue;
		written.push(writePrivate(file, tillCredentials(server, till, index + 1, user, options.trial)));
	}
	written.push(writePrivate(join(options.dir, 'gerant.json'), managerAccessFile(keys.manager)));
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
	initShopServer(options).then(
		(written) => {
			console.log(
				`Serveur de la boutique préparé :\n${written.map((file) => `  ${file}`).join('\n')}`
			);
			console.log(
				`\nDémarrez-le (il doit rester lancé, au démarrage de l’ordinateur de préférence) :\n  nats-server -c ${resolve(written[0] ?? '')}`
			);
			console.log(
				'\nPuis, sur chaque caisse : Paramètres › Synchronisation, choisir le fichier caisses/<CAISSE>.json de cette caisse.\nGérant : gerant.json révoque une caisse ou en ajoute une (Paramètres › Synchronisation › Accès des caisses).\nCes fichiers sont des clés : ne les laissez ni sur une clé USB ni dans un courriel ; gardez gerant.json à part, en lieu sûr.'
			);
		},
		(error: unknown) => {
			console.error(technicalText(error));
			process.exitCode = 1;
		}
	);
	return 0;
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
	const access = readHubAccess(hubDir);
	linkShops(access)
		.then(async (streams) => {
			console.log(`Le siège reçoit les enregistrements de : ${streams.join(', ')}.`);
			const { sharing, waiting } = await shareChainCatalogue(access);
			if (sharing.length > 0)
				console.log(`Le catalogue et les prix du siège vont à : ${sharing.join(', ')}.`);
			if (waiting.length > 0)
				console.log(
					`En attente (lien coupé, ou aucune caisse encore connectée) : ${waiting.join(', ')} ; relancez link-shops plus tard.`
				);
		})
		.catch((error: unknown) => {
			console.error(`Le siège n’a pas pu être relié aux boutiques : ${technicalText(error)}`);
			process.exitCode = 1;
		});
	return 0;
}

if (process.argv[1] && /shop-server\.ts$/u.test(process.argv[1])) {
	process.exitCode = main(process.argv.slice(2));
}
