import { describe, expect, it } from 'vitest';
import {
	checkManagerPin,
	hasManagerPin,
	PinRefusedError,
	resetPinAttempts,
	setManagerPin
} from '$lib/db/security-repository';
import { freshDatabase } from './fresh-db';

describe('manager PIN', () => {
	it('is stored as a salted PBKDF2 hash, checked, changed only with the current one, refusals journaled', async () => {
		const db = freshDatabase();
		resetPinAttempts();
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
			journal.filter((entry) => entry.detail['section'] === 'security').map((e) => e.detail['pin'])
		).toEqual(['set', 'changed']);
	});

	it('makes the next tries wait a minute after five wrong PINs', async () => {
		freshDatabase();
		resetPinAttempts();
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
});
