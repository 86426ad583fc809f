import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from './result';

/**
 * The manager PIN: asked before cancelling a ticket, refunding a customer, taking cash out of the
 * drawer, closing a period, changing the settings, restoring a backup or entering training mode,
 * so a cashier alone cannot. Stored only
 * as a salted PBKDF2-HMAC-SHA-256 hash (OWASP Password Storage Cheat Sheet: 600 000 iterations).
 */
export const PIN_ITERATIONS = 600_000;
export const PIN_MAX_FAILURES = 5;

/** What a PIN protects, in the words of the dialog: « … pour annuler le ticket ». */
export type ManagerAction =
	| 'cancel-ticket'
	| 'close-period'
	| 'change-settings'
	| 'restore'
	| 'training-mode'
	| 'change-pin'
	| 'refund'
	| 'cash-out'
	| 'settle-overdraft'
	| 'till-access';

export const MANAGER_ACTION_LABELS: Readonly<Record<ManagerAction, string>> = {
	'cancel-ticket': 'annuler le ticket',
	'close-period': 'clôturer la période',
	'change-settings': 'modifier les paramètres',
	restore: 'restaurer la sauvegarde',
	'training-mode': 'passer en mode formation',
	'change-pin': 'changer le code PIN',
	refund: 'rembourser un client',
	'cash-out': 'sortir de l’argent du tiroir',
	'settle-overdraft': 'régler un dépassement de solde',
	'till-access': 'changer l’accès d’une caisse au serveur'
};

/** A PIN as typed: 4 to 8 digits, spaces ignored. */
export function validatePin(text: string): Result<string> {
	const pin = text.replace(/\s/gu, '');
	if (!/^\d{4,8}$/u.test(pin)) {
		return err('PIN_INVALID', 'Le code PIN responsable\u00a0: 4 à 8 chiffres.', 'pin');
	}
	return ok(pin);
}

/** The stored form of a PIN: salt, hash and iteration count, never the PIN. */
export interface StoredPin {
	readonly salt: string;
	readonly hash: string;
	readonly iterations: number;
}

/**
 * What the journal seals when a PIN is set: a fingerprint of its stored form, so that a PIN row
 * replaced or deleted behind Comptoir's back is found (docs/integrity.md#pin).
 */
export function pinFingerprint(pin: StoredPin): string {
	// Listed in order (canonicalJson would leave a top-level `hash` out, as chain fields are).
	return bytesToHex(sha256(utf8ToBytes(JSON.stringify([pin.salt, pin.hash, pin.iterations]))));
}

/** Whether the stored PIN row is the one the journal sealed last: null when it is, else why not. */
export function pinRecordProblem(
	sealed: { readonly fingerprint: string | null } | null,
	stored: StoredPin | null
): string | null {
	if (!sealed) {
		return stored
			? 'Code PIN du gérant\u00a0: présent sans avoir été défini dans Comptoir (aucune trace au journal).'
			: null;
	}
	if (!stored)
		return 'Code PIN du gérant\u00a0: effacé hors de Comptoir (le journal atteste qu’il était défini).';
	if (sealed.fingerprint !== null && sealed.fingerprint !== pinFingerprint(stored)) {
		return 'Code PIN du gérant\u00a0: remplacé hors de Comptoir (il ne correspond plus à celui que le journal a scellé).';
	}
	return null;
}

/** A PIN typed for a manager action, as journaled: refused or accepted, and when. */
export interface PinAttempt {
	readonly at: string;
	readonly refused: boolean;
}

export const PIN_LOCKOUT_MS = 60_000;

/**
 * Until when the PIN is refused without being checked, from the journaled attempts in order:
 * every fifth wrong PIN in a row locks it for a minute; a right one starts the count again.
 * Read from the journal, the lockout survives a reload (docs/integrity.md#pin).
 */
export function pinLockedUntil(attempts: readonly PinAttempt[], now: number): number | null {
	let failures = 0;
	let until = 0;
	for (const attempt of attempts) {
		if (!attempt.refused) {
			failures = 0;
			continue;
		}
		failures++;
		if (failures >= PIN_MAX_FAILURES) {
			until = Date.parse(attempt.at) + PIN_LOCKOUT_MS;
			failures = 0;
		}
	}
	return until > now ? until : null;
}
