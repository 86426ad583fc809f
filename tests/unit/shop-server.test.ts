import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOptions, initShopServer, type ShopServerOptions } from '../../src/cli/shop-server';

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
		['the network without TLS', { host: '0.0.0.0' }, /la connexion doit être chiffrée/u],
		['a port out of range', { wsPort: 70_000 }, '--ws-port : port entre 1 et 65535.']
	])('refuses %s, in French', (_, change, fault) => {
		const faults = checkOptions(options(change));
		if (typeof fault === 'string') expect(faults).toContain(fault);
		else expect(faults).toContainEqual(expect.stringMatching(fault));
	});

	it('writes a configuration where each till publishes only under its own subjects, and its access file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-init-'));
		try {
			const [configuration, first] = initShopServer(options({ dir }));
			const text = readFileSync(configuration as string, 'utf8');
			expect(text).toContain('jetstream: enabled');
			expect(text).toMatch(
				/user: "CAISSE1", password: "[^"]{20,}", permissions: \{ publish: \{ allow: \["comptoir\.CAISSE1\.>"/u
			);
			expect(text).not.toMatch(/\$JS\.API\.STREAM\.(DELETE|PURGE|UPDATE)/u);
			expect(statSync(configuration as string).mode & 0o077).toBe(0);
			expect(JSON.parse(readFileSync(first as string, 'utf8'))).toMatchObject({
				server: 'ws://127.0.0.1:9222',
				tillId: 'CAISSE1',
				tillIndex: 1,
				user: 'CAISSE1'
			});
			expect(JSON.parse(readFileSync(first as string, 'utf8'))).not.toHaveProperty('trial');
			expect(() => initShopServer(options({ dir }))).toThrow(/existe déjà/u);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('marks the access files of a test server, the only ones the demonstration shop takes', () => {
		const dir = mkdtempSync(join(tmpdir(), 'comptoir-init-'));
		try {
			const [, first] = initShopServer(options({ dir, trial: true }));
			expect(JSON.parse(readFileSync(first as string, 'utf8'))).toMatchObject({ trial: true });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
