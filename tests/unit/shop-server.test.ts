import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '@nats-io/jwt';
import { checkOptions, initShopServer, type ShopServerOptions } from '../../src/cli/shop-server';
import { parseSyncCredentials } from '../../src/lib/domain/replication';
import {
	parseManagerAccess,
	tillGrants,
	type ShopAccountClaims
} from '../../src/lib/domain/till-access';

const options = (change: Partial<ShopServerOptions> = {}): ShopServerOptions => ({
	dir: 'unused',
	tills: ['CAISSE1', 'CAISSE2'],
	host: '127.0.0.1',
	wsPort: 9222,
	port: 4222,
	...change
});

describe('npm run shop-server -- init', () => {
	it.each([
		['no till', { tills: [] }, '--tills : au moins une caisse (ex. CAISSE1,CAISSE2).'],
		['a till id in lower case', { tills: ['caisse1'] }, /« caisse1 » n’est pas un identifiant/u],
		[
			'a till named twice',
			{ tills: ['CAISSE1', 'CAISSE1'] },
			'--tills : une caisse est nommée deux fois.'
		],
		[
			'the head office’s name',
			{ tills: ['SIEGE'] },
			'--tills : « SIEGE » est réservé au siège d’une chaîne.'
		],
		['the network without TLS', { host: '0.0.0.0' }, /la connexion doit être chiffrée/u],
		['a port out of range', { wsPort: 70_000 }, '--ws-port : port entre 1 et 65535.']
	])('refuses %s, in French', (_, change, fault) => {
		const faults = checkOptions(options(change));
		if (typeof fault === 'string') expect(faults).toContain(fault);
		else expect(faults).toContainEqual(expect.stringMatching(fault));
	});

	it('writes a configuration trusting keys, a shop account where each till publishes only under its own subjects, its access file and the manager’s', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-init-'));
		try {
			const written = await initShopServer(options({ dir }));
			const [configuration, , first] = written;
			const text = readFileSync(configuration as string, 'utf8');
			expect(text).toMatch(/^operator: "ey/mu);
			expect(text).toMatch(/resolver \{\n {2}type: full/u);
			expect(text).not.toContain('password');
			expect(statSync(configuration as string).mode & 0o077).toBe(0);
			const access = parseSyncCredentials(readFileSync(first as string, 'utf8'));
			expect(access).toMatchObject({
				ok: true,
				value: { server: 'ws://127.0.0.1:9222', tillId: 'CAISSE1', tillIndex: 1 }
			});
			expect(access.ok && access.value).not.toHaveProperty('trial');
			const manager = parseManagerAccess(readFileSync(join(dir, 'gerant.json'), 'utf8'));
			expect(manager.ok).toBe(true);
			expect(statSync(join(dir, 'gerant.json')).mode & 0o077).toBe(0);
			// The shop account, as the server reads it: each till's key scoped to its own subjects.
			const account = manager.ok ? manager.value.account : '';
			const claims = decode<ShopAccountClaims>(
				readFileSync(join(dir, 'comptes', `${account}.jwt`), 'utf8')
			).nats as ShopAccountClaims;
			expect(tillGrants(claims)).toEqual([
				{ tillId: 'CAISSE1', tillIndex: 1, allowed: true },
				{ tillId: 'CAISSE2', tillIndex: 2, allowed: true }
			]);
			const permissions = JSON.stringify(claims.signing_keys);
			expect(permissions).toContain('"comptoir.CAISSE1.>"');
			expect(permissions).not.toMatch(/\$JS\.API\.STREAM\.(DELETE|PURGE|UPDATE)/u);
			await expect(initShopServer(options({ dir }))).rejects.toThrow(/existe déjà/u);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('marks the access files of a test server, the only ones the demonstration shop takes', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-init-'));
		try {
			const [, , first] = await initShopServer(options({ dir, trial: true }));
			expect(JSON.parse(readFileSync(first as string, 'utf8'))).toMatchObject({ trial: true });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
