/**
 * The bench's commands that start and stop a real nats-server on loopback (tests/bench/vitest.config.ts),
 * as the replication benches call them from the page.
 */
import type { SyncCredentials } from '$lib/domain';

declare module 'vitest/browser' {
	interface BrowserCommands {
		startShopServer: () => Promise<Record<string, SyncCredentials>>;
		stopShopServer: () => Promise<void>;
	}
}
