import {
	MANAGER_ACTION_LABELS,
	PIN_ITERATIONS,
	pinFingerprint,
	pinLockedUntil,
	pinRecordProblem,
	validatePin,
	type ManagerAction,
	type PinAttempt,
	type StoredPin
} from '$lib/domain';
import { base64ToBytes, bytesToBase64 } from '$lib/base64';
import { journal, recordEvent } from './chain-repository';
import { getDb } from './db';

/**
 * The manager PIN, kept in settings as { salt, hash, iterations }: PBKDF2-HMAC-SHA-256 through
 * WebCrypto, a random 16-byte salt, never the PIN itself. Setting it seals its fingerprint in the
 * journal, so a row replaced or deleted behind Comptoir's back refuses every manager action and
 * shows in « Vérifier l'intégrité ». Every PIN typed is journaled (refused, or accepted after a
 * refusal): after five wrong PINs in a row the next tries wait a minute, read from the journal,
 * so a reload does not lift it (docs/integrity.md#pin).
 */

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

/** The last PIN the journal sealed (older entries carry no fingerprint), or null if none was set. */
async function sealedPin(): Promise<{ fingerprint: string | null } | null> {
	const db = getDb();
	const last = await db.journal.where('type').equals('manager-pin-set').last();
	if (last) return { fingerprint: (last.detail['pinFingerprint'] as string | undefined) ?? null };
	const older = await db.journal
		.where('type')
		.equals('settings-changed')
		.filter((entry) => entry.detail['section'] === 'security')
		.count();
	return older > 0 ? { fingerprint: null } : null;
}

/** Whether manager actions ask a PIN: one is set, or the journal says one was (then removed). */
export async function hasManagerPin(): Promise<boolean> {
	return (await storedPin()) !== null || (await sealedPin()) !== null;
}

const ATTEMPT_TYPES: ReadonlySet<string> = new Set(['manager-pin-refused', 'manager-pin-accepted']);

/** The PINs typed in the last quarter of an hour, from the journal, oldest first. */
async function recentAttempts(now: number): Promise<PinAttempt[]> {
	const since = new Date(now - 15 * 60_000).toISOString();
	const entries = await getDb().journal.where('at').above(since).sortBy('at');
	return entries
		.filter((entry) => ATTEMPT_TYPES.has(entry.type))
		.map((entry) => ({ at: entry.at, refused: entry.type === 'manager-pin-refused' }));
}

/**
 * Checks a PIN typed for an action; throws with the French reason when it is refused (wrong,
 * malformed, too many wrong tries, or a PIN row changed outside Comptoir), journaling the refusal.
 */
export async function checkManagerPin(
	typed: string,
	action: ManagerAction,
	now = Date.now()
): Promise<void> {
	const attempts = await recentAttempts(now);
	const lockedUntil = pinLockedUntil(attempts, now);
	if (lockedUntil !== null) {
		throw new PinRefusedError(
			`Trop de codes faux\u00a0: réessayez dans ${Math.ceil((lockedUntil - now) / 1000)} s.`
		);
	}
	const [stored, sealed] = await Promise.all([storedPin(), sealedPin()]);
	const tampered = pinRecordProblem(sealed, stored);
	if (tampered) {
		await recordEvent('manager-pin-refused', { action, reason: tampered }, new Date(now));
		throw new PinRefusedError(
			`${tampered} Aucune action de responsable n’est possible\u00a0: restaurez la dernière sauvegarde.`
		);
	}
	if (!stored) return;
	const pin = validatePin(typed);
	const derived = pin.ok
		? bytesToBase64(await derive(pin.value, base64ToBytes(stored.salt), stored.iterations))
		: '';
	if (derived !== stored.hash) {
		await recordEvent('manager-pin-refused', { action }, new Date(now));
		throw new PinRefusedError(
			pin.ok ? `Code PIN incorrect (pour ${MANAGER_ACTION_LABELS[action]}).` : pin.error.message
		);
	}
	// A right PIN after wrong ones starts the count again: journaled, as the refusals are.
	if (attempts.at(-1)?.refused)
		await recordEvent('manager-pin-accepted', { action }, new Date(now));
}

/** The PIN as kept: a fresh random salt and its PBKDF2 hash, never the PIN itself. */
export async function storedPinFor(pin: string): Promise<StoredPin> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return {
		salt: bytesToBase64(salt),
		hash: bytesToBase64(await derive(pin, salt, PIN_ITERATIONS)),
		iterations: PIN_ITERATIONS
	};
}

/** Sets or changes the PIN (the current one is asked once a PIN exists); its fingerprint sealed. */
export async function setManagerPin(newPin: string, currentPin: string): Promise<void> {
	const checked = validatePin(newPin);
	if (!checked.ok) throw new PinRefusedError(checked.error.message);
	const existed = await hasManagerPin();
	if (existed) await checkManagerPin(currentPin, 'change-pin');
	const pin = await storedPinFor(checked.value);
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		const row = await db.settings.get('security');
		const value = row?.key === 'security' ? row.value : {};
		await db.settings.put({ key: 'security', value: { ...value, pin } });
		await journal('manager-pin-set', {
			pin: existed ? 'changed' : 'set',
			pinFingerprint: pinFingerprint(pin)
		});
	});
}
