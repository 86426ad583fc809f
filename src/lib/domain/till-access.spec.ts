import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkTillId,
	grantTill,
	managerAccessFile,
	parseManagerAccess,
	rankTag,
	revokeTill,
	tillGrants,
	tillPermissions,
	tillSigningKey,
	type ManagerAccess,
	type ShopAccountClaims
} from './till-access';

/** A public key of the account kind (A…, base32): n up to 24. */
const key = (n: number) => `A${'B'.repeat(54)}${'CDEFGHIJKLMNOPQRSTUVWXYZ'[n] ?? 'Z'}`;

describe('tillPermissions', () => {
	it('lets a till publish under its own subjects and read the shop’s stream, never delete or rewrite it', () => {
		const { pub, sub } = tillPermissions('CAISSE2');
		expect(pub.allow).toContain('comptoir.CAISSE2.>');
		expect(pub.allow.filter((subject) => subject.startsWith('comptoir.'))).toEqual([
			'comptoir.CAISSE2.>'
		]);
		expect(pub.allow.join(' ')).not.toMatch(/DELETE\.COMPTOIR |PURGE|UPDATE|STREAM\.DELETE/u);
		expect(sub.allow).toEqual(['_INBOX.>', 'siege.stock']);
	});
});

describe('the tills of a shop account', () => {
	const base: ShopAccountClaims = { limits: { conn: -1 }, signing_keys: [key(0)] };

	it('grants each new till the next rank, and keeps a till’s rank when it gets a new key', () => {
		const first = grantTill(base, 'CAISSE1', key(1));
		if (!first.ok) throw new Error();
		const second = grantTill(first.value.claims, 'CAISSE2', key(2));
		if (!second.ok) throw new Error();
		expect([first.value.tillIndex, second.value.tillIndex]).toEqual([1, 2]);
		const renewed = grantTill(second.value.claims, 'CAISSE1', key(3));
		if (!renewed.ok) throw new Error();
		expect(renewed.value.tillIndex).toBe(1);
		expect(renewed.value.claims.signing_keys).toEqual([
			key(0),
			tillSigningKey('CAISSE2', key(2)),
			tillSigningKey('CAISSE1', key(3))
		]);
		expect(renewed.value.claims.limits).toEqual({ conn: -1 });
		expect(tillGrants(renewed.value.claims)).toEqual([
			{ tillId: 'CAISSE1', tillIndex: 1, allowed: true },
			{ tillId: 'CAISSE2', tillIndex: 2, allowed: true }
		]);
	});

	it('revokes a till’s keys but keeps its rank, so that it gets it back', () => {
		const granted = grantTill(base, 'CAISSE1', key(1));
		if (!granted.ok) throw new Error();
		const revoked = revokeTill(granted.value.claims, 'CAISSE1');
		expect(revoked.signing_keys).toEqual([key(0)]);
		expect(tillGrants(revoked)).toEqual([{ tillId: 'CAISSE1', tillIndex: 1, allowed: false }]);
		const back = grantTill(revoked, 'CAISSE1', key(2));
		expect(back.ok && back.value.tillIndex).toBe(1);
		expect(revokeTill({}, 'CAISSE1')).toEqual({ signing_keys: [] });
	});

	it('reads ranks written in any case, ignores other tags, and refuses a 100th till', () => {
		const claims: ShopAccountClaims = {
			tags: ['caisse:caisse7:7', 'other', rankTag('CAISSE99', 99)]
		};
		expect(tillGrants(claims)).toEqual([
			{ tillId: 'CAISSE7', tillIndex: 7, allowed: false },
			{ tillId: 'CAISSE99', tillIndex: 99, allowed: false }
		]);
		expect(grantTill(claims, 'CAISSE100', key(1))).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/99 caisses/u) }
		});
		expect(tillGrants({})).toEqual([]);
	});

	it('never gives two tills the same rank, whatever the order of grants and revocations', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), fc.boolean()), { maxLength: 20 }),
				(steps) => {
					let claims: ShopAccountClaims = {};
					steps.forEach(([till, grant], index) => {
						if (grant) {
							const granted = grantTill(claims, till, key(index));
							if (granted.ok) claims = granted.value.claims;
						} else claims = revokeTill(claims, till);
					});
					const ranks = tillGrants(claims).map((grant) => grant.tillIndex);
					expect(new Set(ranks).size).toBe(ranks.length);
				}
			)
		);
	});
});

describe('checkTillId', () => {
	it.each([
		[' caisse3 ', { ok: true, value: 'CAISSE3' }],
		['', { ok: false }],
		['CAISSE 3', { ok: false }],
		['siege', { ok: false, error: { message: 'SIEGE est réservé au siège d’une chaîne.' } }]
	])('reads %j', (text, outcome) => {
		expect(checkTillId(text)).toMatchObject(outcome);
	});
});

describe('the manager’s file', () => {
	const access: ManagerAccess = {
		server: 'ws://127.0.0.1:9222',
		account: key(1),
		operatorSeed: `SO${'A'.repeat(56)}`,
		systemJwt: 'a.b.c',
		systemSeed: `SU${'A'.repeat(56)}`
	};

	it('reads what the init command writes', () => {
		expect(parseManagerAccess(managerAccessFile(access))).toEqual({ ok: true, value: access });
	});

	it.each([
		['not JSON', 'gerant', /fichier du gérant/u],
		[
			'a till’s access file',
			JSON.stringify({ server: access.server, tillId: 'CAISSE1' }),
			/fichier du gérant/u
		],
		['no address', managerAccessFile({ ...access, server: '' }), /ws:\/\/… ou wss:\/\/…/u],
		['a broken key', managerAccessFile({ ...access, operatorSeed: 'SO' }), /incomplet ou abîmé/u],
		[
			'a number for a key',
			JSON.stringify({ ...JSON.parse(managerAccessFile(access)), systemSeed: 7 }),
			/incomplet ou abîmé/u
		],
		['null', 'null', /fichier du gérant/u]
	])('refuses %s, saying why', (_, text, message) => {
		const parsed = parseManagerAccess(text);
		expect(parsed).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
	});
});
