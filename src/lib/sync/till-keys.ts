/**
 * The keys that let tills into the shop server (docs/replication.md#till-access): a till's user,
 * signed by the till's own key in the shop account; and the manager's changes to that account
 * (revoke a till, give a till a new access), signed by the operator's key from the manager's file
 * and sent to the server's account resolver, which applies them at once.
 */
import { Algorithms, decode, encode, encodeUser, type ClaimsData } from '@nats-io/jwt';
import { createAccount, createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { jwtAuthenticator, wsconnect, type NatsConnection } from '@nats-io/nats-core';
import {
	grantTill,
	revokeTill,
	tillGrants,
	type ManagerAccess,
	type ShopAccountClaims,
	type TillGrant
} from '../domain/till-access';

const seedText = (pair: KeyPair) => new TextDecoder().decode(pair.getSeed());

/** A till's user: its JWT, signed by the till's key for the shop account, and its seed. */
export async function issueTillUser(
	tillId: string,
	tillKey: KeyPair,
	account: string
): Promise<{ jwt: string; seed: string }> {
	const user = createUser();
	const jwt = await encodeUser(
		tillId,
		user,
		tillKey,
		{ issuer_account: account },
		{ scopedUser: true }
	);
	return { jwt, seed: seedText(user) };
}

/** A change of access refused by the rules or by the server, said in French as it stands. */
export class TillAccessRefusedError extends Error {}

/** The server's answer to a change of claims: `{ data: { code: 200 } }` or an error. */
interface ResolverAnswer {
	readonly data?: { readonly code?: number; readonly message?: string };
	readonly error?: { readonly code?: number; readonly description?: string };
}

/** The manager's session with the shop server's account resolver. */
export class TillAccessAdmin {
	private constructor(
		private readonly connection: NatsConnection,
		private readonly manager: ManagerAccess
	) {}

	static async open(manager: ManagerAccess): Promise<TillAccessAdmin> {
		const connection = await wsconnect({
			servers: manager.server,
			authenticator: jwtAuthenticator(
				manager.systemJwt,
				new TextEncoder().encode(manager.systemSeed)
			),
			name: 'comptoir-gerant',
			timeout: 10_000
		});
		return new TillAccessAdmin(connection, manager);
	}

	async close(): Promise<void> {
		await this.connection.close();
	}

	private async claims(): Promise<ClaimsData<ShopAccountClaims>> {
		const answer = await this.connection.request(
			`$SYS.REQ.ACCOUNT.${this.manager.account}.CLAIMS.LOOKUP`,
			'',
			{ timeout: 10_000 }
		);
		return decode<ShopAccountClaims>(answer.string());
	}

	/** Every till the shop account knows, by rank, and whether it may sign in now. */
	async grants(): Promise<TillGrant[]> {
		return tillGrants((await this.claims()).nats as ShopAccountClaims);
	}

	/** Takes the till's key out of the account: the server drops it and refuses it from now on. */
	async revoke(tillId: string): Promise<void> {
		const current = await this.claims();
		await this.replace(current, revokeTill(current.nats as ShopAccountClaims, tillId));
	}

	/**
	 * Gives the till a new key (its former access files refused from now on) and its user: the new
	 * access file's keys, with the till's rank (a new till gets the next one).
	 */
	async grant(tillId: string): Promise<{ tillIndex: number; jwt: string; seed: string }> {
		const current = await this.claims();
		const tillKey = createAccount();
		const granted = grantTill(current.nats as ShopAccountClaims, tillId, tillKey.getPublicKey());
		if (!granted.ok) throw new TillAccessRefusedError(granted.error.message);
		await this.replace(current, granted.value.claims);
		return {
			tillIndex: granted.value.tillIndex,
			...(await issueTillUser(tillId, tillKey, this.manager.account))
		};
	}

	private async replace(
		current: ClaimsData<ShopAccountClaims>,
		claims: ShopAccountClaims
	): Promise<void> {
		// The resolver keeps the newer claims by their second of issue: never two in the same second.
		while (Math.floor(Date.now() / 1000) <= current.iat) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const signed = await encode(
			Algorithms.v2,
			{ ...current, nats: claims as Partial<ShopAccountClaims> },
			fromSeed(new TextEncoder().encode(this.manager.operatorSeed))
		);
		const reply = await this.connection.request('$SYS.REQ.CLAIMS.UPDATE', signed, {
			timeout: 10_000
		});
		const answer = reply.json<ResolverAnswer>();
		if (answer.data?.code !== 200) {
			throw new TillAccessRefusedError(
				`le serveur a refusé le changement des accès (${answer.error?.description ?? answer.data?.message ?? 'sans raison donnée'}).`
			);
		}
	}
}
