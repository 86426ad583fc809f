// A real nats-server for the replication tests (never a mock of NATS): its configuration written
// by the same code as `npm run shop-server -- init`, on free loopback ports, its store in a
// temporary directory that outlives a stop, so that a restart finds what the server kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initShopServer } from '../../src/cli/shop-server';
import { initHub } from '../../src/cli/chain-hub';
import { wsconnect, type ConnectionOptions, type NatsConnection } from '@nats-io/nats-core';
import { parseSyncCredentials, type SyncCredentials } from '../../src/lib/domain/replication';
import { serverLogin } from '../../src/lib/sync/server-login';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export class ShopServer {
	private process: ChildProcess | null = null;

	private constructor(
		readonly dir: string,
		readonly configuration: string
	) {}

	/** Writes the shop's configuration for `tills` and starts the server. */
	static async start(
		tills: readonly string[],
		chain: { shop?: string; hub?: string } = {}
	): Promise<ShopServer> {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-nats-'));
		const [configuration] = await initShopServer({
			dir,
			tills,
			host: '127.0.0.1',
			wsPort: await freePort(),
			port: await freePort(),
			// A test server: the demonstration profiles the tests use may link to it.
			trial: true,
			...chain
		});
		const server = new ShopServer(dir, configuration ?? '');
		await server.resume();
		return server;
	}

	/** The chain's hub for `shops` (`npm run shop-server -- init-hub`), started. */
	static async startHub(shops: readonly string[]): Promise<ShopServer> {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-hub-'));
		const [configuration] = initHub({
			dir,
			shops,
			host: '127.0.0.1',
			leafPort: await freePort(),
			wsPort: await freePort(),
			port: await freePort()
		});
		const server = new ShopServer(dir, configuration ?? '');
		await server.resume();
		return server;
	}

	/** The credentials file of a till, as the init command wrote it. */
	credentialsFile(tillId: string): string {
		return join(this.dir, 'caisses', `${tillId}.json`);
	}

	credentials(tillId: string): SyncCredentials {
		const parsed = parseSyncCredentials(readFileSync(this.credentialsFile(tillId), 'utf8'));
		if (!parsed.ok) throw new Error(parsed.error.message);
		return parsed.value;
	}

	/** A connection signed in as `tillId`, as its browser would be. */
	async connectAs(
		tillId: string,
		options: Partial<ConnectionOptions> = {}
	): Promise<NatsConnection> {
		const credentials = this.credentials(tillId);
		return wsconnect({ servers: credentials.server, ...serverLogin(credentials), ...options });
	}

	/** The manager's file (gerant.json), as the init command wrote it. */
	managerFile(): string {
		return join(this.dir, 'gerant.json');
	}

	/** Starts the server on its configuration; resolves once it says it is ready. */
	async resume(): Promise<void> {
		const child = spawn('nats-server', ['-c', this.configuration], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.process = child;
		await new Promise<void>((resolve, reject) => {
			let log = '';
			const timer = setTimeout(
				() => reject(new Error(`nats-server did not start:\n${log}`)),
				20_000
			);
			const read = (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('Server is ready')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout?.on('data', read);
			child.stderr?.on('data', read);
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`nats-server exited (${code}):\n${log}`));
			});
		});
	}

	/** Stops the server as a power cut of the back office would (its store stays). */
	async stop(): Promise<void> {
		const child = this.process;
		this.process = null;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	async close(): Promise<void> {
		await this.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
