import { err, ok, type Result } from './result';
import { STOCK_QUERY_SUBJECT } from './head-office';
import { BALANCE_BUCKET, HEAD_OFFICE_TILL, serverAddressProblem, SHOP_STREAM } from './replication';

/**
 * Which tills the shop server lets in (docs/replication.md#till-access). The server trusts keys,
 * not passwords: the shop's NATS account names, for each till, a signing key scoped to what that
 * till may do, and each till's access file holds a user signed by that key. Taking a till's key out
 * of the account revokes it at once (the server drops its connection and refuses it afterwards);
 * giving it a new key issues a new access file. The account also keeps every till's rank, so that
 * a till revoked then given access again keeps its own vouchers' codes. Pure: the server is
 * reached elsewhere.
 */

/** What a till may do on the server, as NATS permissions: never delete or rewrite the stream. */
export interface TillPermissions {
	readonly pub: { readonly allow: readonly string[] };
	readonly sub: { readonly allow: readonly string[] };
	/** One answer to each question received (the head office's, of its stock), within a minute. */
	readonly resp: { readonly max: number; readonly ttl: number };
}

/**
 * Publish its own subjects, read the shop's stream through consumers of its own, read and write
 * the balance reservations' keys (docs/replication.md#reservations), answer the head office's
 * question of its shop's stock (docs/replication.md#head-office-stock); nothing else.
 */
export function tillPermissions(tillId: string): TillPermissions {
	return {
		pub: {
			allow: [
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
				`$KV.${BALANCE_BUCKET}.>`,
				`$JS.API.STREAM.INFO.KV_${BALANCE_BUCKET}`,
				`$JS.API.STREAM.CREATE.KV_${BALANCE_BUCKET}`,
				`$JS.API.STREAM.MSG.GET.KV_${BALANCE_BUCKET}`,
				`$JS.API.DIRECT.GET.KV_${BALANCE_BUCKET}.>`
			]
		},
		sub: { allow: ['_INBOX.>', STOCK_QUERY_SUBJECT] },
		resp: { max: 1, ttl: 60_000_000_000 }
	};
}

/** A signing key of the account that signs one till's users, within that till's permissions. */
export interface TillSigningKey {
	readonly kind: 'user_scope';
	readonly key: string;
	/** The till it signs for. */
	readonly role: string;
	readonly template: TillPermissions & {
		readonly subs: -1;
		readonly data: -1;
		readonly payload: -1;
	};
}

/** The parts of the shop account's claims (a NATS account JWT) this module reads and changes. */
export interface ShopAccountClaims {
	readonly signing_keys?: readonly (string | TillSigningKey)[];
	readonly tags?: readonly string[];
	readonly [other: string]: unknown;
}

/** A till the account knows: its rank, and whether a key lets it in now. */
export interface TillGrant {
	readonly tillId: string;
	readonly tillIndex: number;
	readonly allowed: boolean;
}

/** How the account records a till's rank: « caisse:CAISSE2:2 ». */
const RANK_TAG = /^caisse:([A-Z0-9_-]{1,16}):(\d{1,2})$/iu;

export function rankTag(tillId: string, tillIndex: number): string {
	return `caisse:${tillId}:${tillIndex}`;
}

export function tillSigningKey(tillId: string, key: string): TillSigningKey {
	return {
		kind: 'user_scope',
		key,
		role: tillId,
		template: { ...tillPermissions(tillId), subs: -1, data: -1, payload: -1 }
	};
}

function isTillKey(key: string | TillSigningKey): key is TillSigningKey {
	return typeof key === 'object' && key.kind === 'user_scope';
}

/** Every till the account knows, by rank. */
export function tillGrants(claims: ShopAccountClaims): TillGrant[] {
	const allowed = new Set((claims.signing_keys ?? []).filter(isTillKey).map((key) => key.role));
	const grants = new Map<string, TillGrant>();
	for (const tag of claims.tags ?? []) {
		const match = RANK_TAG.exec(tag);
		if (!match) continue;
		const tillId = String(match[1]).toUpperCase();
		grants.set(tillId, { tillId, tillIndex: Number(match[2]), allowed: allowed.has(tillId) });
	}
	return [...grants.values()].sort((a, b) => a.tillIndex - b.tillIndex);
}

/** The claims without any key of `tillId`: the server refuses that till from then on. */
export function revokeTill(claims: ShopAccountClaims, tillId: string): ShopAccountClaims {
	return { ...claims, signing_keys: othersKeys(claims, tillId) };
}

function othersKeys(claims: ShopAccountClaims, tillId: string): (string | TillSigningKey)[] {
	return (claims.signing_keys ?? []).filter((key) => !isTillKey(key) || key.role !== tillId);
}

/**
 * The claims with `key` as the only key of `tillId` (its former access files refused) and its rank
 * recorded: the rank it had, or the next free one for a new till.
 */
export function grantTill(
	claims: ShopAccountClaims,
	tillId: string,
	key: string
): Result<{ claims: ShopAccountClaims; tillIndex: number }> {
	const grants = tillGrants(claims);
	const known = grants.find((grant) => grant.tillId === tillId);
	const tillIndex = known?.tillIndex ?? Math.max(0, ...grants.map((grant) => grant.tillIndex)) + 1;
	if (tillIndex > 99) {
		return err('TILL_ACCESS', 'La boutique a déjà 99 caisses\u00a0: révoquez-en une plutôt.');
	}
	return ok({
		claims: {
			...claims,
			signing_keys: [...othersKeys(claims, tillId), tillSigningKey(tillId, key)],
			tags: [...(claims.tags ?? []), ...(known ? [] : [rankTag(tillId, tillIndex)])]
		},
		tillIndex
	});
}

/** Checks a till's id typed to give it access; in French. */
export function checkTillId(text: string): Result<string> {
	const tillId = text.trim().toUpperCase();
	if (tillId === HEAD_OFFICE_TILL) {
		return err('TILL_ACCESS', `${HEAD_OFFICE_TILL} est réservé au siège d’une chaîne.`, 'tillId');
	}
	if (!/^[A-Z0-9_-]{1,16}$/u.test(tillId)) {
		return err(
			'TILL_ACCESS',
			'Identifiant de caisse\u00a0: 1 à 16 lettres, chiffres, - ou _ (ex. CAISSE3).',
			'tillId'
		);
	}
	return ok(tillId);
}

/**
 * The manager's file (gerant.json, written by `npm run shop-server -- init`): the keys that change
 * which tills the server lets in. Read when needed, never kept by the browser.
 */
export interface ManagerAccess {
	readonly server: string;
	/** The shop account's public key. */
	readonly account: string;
	/** An operator signing key's seed: it signs the shop account's claims. */
	readonly operatorSeed: string;
	/** A user of the server's system account, allowed only to read and update accounts' claims. */
	readonly systemJwt: string;
	readonly systemSeed: string;
}

const MANAGER_FILE_KIND = 'comptoir-gerant';

/** The manager's file, as the init command writes it. */
export function managerAccessFile(access: ManagerAccess): string {
	return `${JSON.stringify({ kind: MANAGER_FILE_KIND, ...access }, null, 2)}\n`;
}

/** Reads the manager's file; each fault in French. */
export function parseManagerAccess(text: string): Result<ManagerAccess> {
	const notThisFile: Result<ManagerAccess> = err(
		'MANAGER_ACCESS',
		'Ce n’est pas le fichier du gérant (gerant.json, écrit par «\u00a0npm run shop-server -- init\u00a0»).'
	);
	let value: Record<string, unknown>;
	try {
		value = JSON.parse(text) as Record<string, unknown>;
	} catch {
		return notThisFile;
	}
	if (value?.kind !== MANAGER_FILE_KIND) return notThisFile;
	const text_ = (name: string) => (typeof value[name] === 'string' ? (value[name] as string) : '');
	const server = text_('server').trim();
	const serverProblem = serverAddressProblem(server, 'Adresse du serveur');
	if (serverProblem) return err('MANAGER_ACCESS', serverProblem);
	const account = text_('account');
	const operatorSeed = text_('operatorSeed');
	const systemJwt = text_('systemJwt');
	const systemSeed = text_('systemSeed');
	if (
		!/^A[A-Z2-7]{55}$/u.test(account) ||
		!/^SO[A-Z2-7]{56}$/u.test(operatorSeed) ||
		systemJwt.split('.').length !== 3 ||
		!/^SU[A-Z2-7]{56}$/u.test(systemSeed)
	) {
		return err('MANAGER_ACCESS', 'Le fichier du gérant est incomplet ou abîmé.');
	}
	return ok({ server, account, operatorSeed, systemJwt, systemSeed });
}
