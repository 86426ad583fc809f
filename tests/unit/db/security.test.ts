import { describe, expect, it } from 'vitest';
import {
	checkManagerPin,
	hasManagerPin,
	PinRefusedError,
	setManagerPin
} from '$lib/db/security-repository';
import { freshDatabase } from './fresh-db';

describe('manager PIN', () => {
	it('is stored as a salted PBKDF2 hash, checked, changed only with the current one, refusals journaled [SEC-04]', async () => {
		const db = freshDatabase();
		expect(await hasManagerPin()).toBe(false);
		// No PIN yet: nothing to check.
		await expect(checkManagerPin('', 'cancel-ticket')).resolves.toBeUndefined();
		await expect(setManagerPin('12', '')).rejects.toThrow(
			'Le code PIN responsable\u00a0: 4 à 8 chiffres.'
		);
		await setManagerPin('2468', '');
		const row = await db.settings.get('security');
		const stored = (row?.value as { pin: { salt: string; hash: string; iterations: number } }).pin;
		expect(stored.iterations).toBe(600_000);
		expect(atob(stored.salt)).toHaveLength(16);
		expect(atob(stored.hash)).toHaveLength(32);
		expect(JSON.stringify(row)).not.toContain('2468');

		await expect(checkManagerPin('2468', 'cancel-ticket')).resolves.toBeUndefined();
		await expect(checkManagerPin('1357', 'cancel-ticket')).rejects.toThrow(
			'Code PIN incorrect (pour annuler le ticket).'
		);
		await expect(setManagerPin('1357', '0000')).rejects.toBeInstanceOf(PinRefusedError);
		await setManagerPin('1357', '2468');
		await expect(checkManagerPin('1357', 'restore')).resolves.toBeUndefined();
		const journal = await db.journal.toArray();
		expect(journal.filter((entry) => entry.type === 'manager-pin-refused')).toHaveLength(2);
		expect(
			journal.filter((entry) => entry.type === 'manager-pin-set').map((e) => e.detail['pin'])
		).toEqual(['set', 'changed']);
		// The row holds the PIN the journal sealed last.
		const sealed = journal.filter((entry) => entry.type === 'manager-pin-set').at(-1);
		expect(sealed?.detail['pinFingerprint']).toMatch(/^[0-9a-f]{64}$/u);
	});

	it('makes the next tries wait a minute after five wrong PINs [SEC-04]', async () => {
		freshDatabase();
		await setManagerPin('2468', '');
		const now = Date.now();
		for (let i = 0; i < 5; i++) {
			await expect(checkManagerPin('0000', 'close-period', now)).rejects.toThrow(/incorrect/u);
		}
		await expect(checkManagerPin('2468', 'close-period', now + 1_000)).rejects.toThrow(
			'Trop de codes faux\u00a0: réessayez dans 59 s.'
		);
		await expect(checkManagerPin('2468', 'close-period', now + 61_000)).resolves.toBeUndefined();
	});

	it('keeps the lockout across a reload: it is read from the journal', async () => {
		const db = freshDatabase();
		await setManagerPin('2468', '');
		const now = Date.now();
		for (let i = 0; i < 5; i++) {
			await expect(checkManagerPin('0000', 'refund', now)).rejects.toThrow(/incorrect/u);
		}
		// A reload: a new module state would forget a counter in memory; the journal stays.
		db.close();
		await db.open();
		await expect(checkManagerPin('2468', 'refund', now + 30_000)).rejects.toThrow(
			'Trop de codes faux\u00a0: réessayez dans 30 s.'
		);
		await expect(checkManagerPin('2468', 'refund', now + 61_000)).resolves.toBeUndefined();
		const types = (await db.journal.toArray()).map((entry) => entry.type);
		expect(types.at(-1)).toBe('manager-pin-accepted');
	});

	it('refuses every manager action once the PIN row was deleted or replaced outside Comptoir', async () => {
		const db = freshDatabase();
		await setManagerPin('2468', '');
		const row = await db.settings.get('security');
		await db.settings.delete('security');
		expect(await hasManagerPin()).toBe(true);
		await expect(checkManagerPin('', 'change-settings')).rejects.toThrow(
			'Code PIN du gérant\u00a0: effacé hors de Comptoir'
		);
		// Put back with another PIN's hash: still refused, even with that PIN.
		await setManagerPin('1111', '').catch(() => undefined);
		await db.settings.put(row as never);
		const other = structuredClone(row?.value as { pin: { hash: string } });
		other.pin.hash = btoa('x'.repeat(32));
		await db.settings.put({ key: 'security', value: other });
		await expect(checkManagerPin('2468', 'change-settings')).rejects.toThrow(
			/remplacé hors de Comptoir/u
		);
	});
});
