import {
	MANAGER_ACTION_LABELS,
	PIN_ITERATIONS,
	PIN_MAX_FAILURES,
	validatePin,
	type ManagerAction
} from '$lib/domain';
import { base64ToBytes, bytesToBase64 } from '$lib/base64';
import { journal, recordEvent } from './chain-repository';
import { getDb } from './db';

/**
 * The manager PIN (issue #9), kept in settings as { salt, hash, iterations }: PBKDF2-HMAC-SHA-256
 * through WebCrypto, a random 16-byte salt, never the PIN itself. Every refusal is journaled;
 * after five wrong PINs in a row the next tries wait a minute.
 */

interface StoredPin {
	salt: string;
	hash: string;
	iterations: number;
}

export class PinRefusedError extends Error {}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	return new Uint8Array(
		await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256)
	);
}

async function storedPin(): Promise<StoredPin | null> {
	const row = await getDb().settings.get('security');
	const pin = row?.key === 'security' ? (row.value['pin'] as StoredPin | undefined) : undefined;
	return pin ?? null;
}

export async function hasManagerPin(): Promise<boolean> {
	return (await storedPin()) !== null;
}

let failures = 0;
let lockedUntil = 0;

/** For tests: forget wrong attempts. */
export function resetPinAttempts(): void {
	failures = 0;
	lockedUntil = 0;
}

/**
 * Checks a PIN typed for an action; throws with the French reason when it is refused (wrong,
 * malformed, or too many wrong tries), journaling the refusal.
 */
export async function checkManagerPin(
	typed: string,
	action: ManagerAction,
	now = Date.now()
): Promise<void> {
	if (now < lockedUntil) {
		throw new PinRefusedError(
			`Trop de codes faux\u00a0: réessayez dans ${Math.ceil((lockedUntil - now) / 1000)} s.`
		);
	}
	const stored = await storedPin();
	if (!stored) return;
	const pin = validatePin(typed);
	const derived = pin.ok
		? bytesToBase64(await derive(pin.value, base64ToBytes(stored.salt), stored.iterations))
		: '';
	if (derived !== stored.hash) {
		failures++;
		if (failures >= PIN_MAX_FAILURES) {
			lockedUntil = now + 60_000;
			failures = 0;
		}
		await recordEvent('manager-pin-refused', { action });
		throw new PinRefusedError(
			pin.ok ? `Code PIN incorrect (pour ${MANAGER_ACTION_LABELS[action]}).` : pin.error.message
		);
	}
	failures = 0;
}

/** Sets or changes the PIN (the current one is asked once a PIN exists); journaled. */
export async function setManagerPin(newPin: string, currentPin: string): Promise<void> {
	const checked = validatePin(newPin);
	if (!checked.ok) throw new PinRefusedError(checked.error.message);
	const existed = await hasManagerPin();
	if (existed) await checkManagerPin(currentPin, 'change-pin');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = bytesToBase64(await derive(checked.value, salt, PIN_ITERATIONS));
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		const row = await db.settings.get('security');
		const value = row?.key === 'security' ? row.value : {};
		await db.settings.put({
			key: 'security',
			value: { ...value, pin: { salt: bytesToBase64(salt), hash, iterations: PIN_ITERATIONS } }
		});
		await journal('settings-changed', { section: 'security', pin: existed ? 'changed' : 'set' });
	});
}
