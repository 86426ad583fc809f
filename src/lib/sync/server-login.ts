import { jwtAuthenticator, type ConnectionOptions } from '@nats-io/nats-core';
import type { SyncCredentials } from '$lib/domain';

/**
 * How a till signs in to the shop server: with its key (a user signed by the till's key in the shop
 * account, which the manager can revoke, docs/replication.md#till-access), or with the password of
 * a server set up before keys.
 */
export function serverLogin(
	credentials: Pick<SyncCredentials, 'user' | 'password' | 'jwt' | 'seed'>
): Pick<ConnectionOptions, 'authenticator' | 'user' | 'pass'> {
	if (credentials.jwt && credentials.seed) {
		return {
			authenticator: jwtAuthenticator(credentials.jwt, new TextEncoder().encode(credentials.seed))
		};
	}
	return { user: credentials.user, pass: credentials.password };
}
