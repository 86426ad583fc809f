import { err, ok, type Result } from './result';

/**
 * The manager PIN (issue #9): asked before cancelling a ticket, closing a period, changing the
 * settings, restoring a backup or entering training mode, so a cashier alone cannot. Stored only
 * as a salted PBKDF2-HMAC-SHA-256 hash (OWASP Password Storage Cheat Sheet: 600 000 iterations).
 */
export const PIN_ITERATIONS = 600_000;
export const PIN_MAX_FAILURES = 5;

/** What a PIN protects, in the words of the dialog: « … pour annuler le ticket ». */
export type ManagerAction =
	'cancel-ticket' | 'close-period' | 'change-settings' | 'restore' | 'training-mode' | 'change-pin';

export const MANAGER_ACTION_LABELS: Readonly<Record<ManagerAction, string>> = {
	'cancel-ticket': 'annuler le ticket',
	'close-period': 'clôturer la période',
	'change-settings': 'modifier les paramètres',
	restore: 'restaurer la sauvegarde',
	'training-mode': 'passer en mode formation',
	'change-pin': 'changer le code PIN'
};

/** A PIN as typed: 4 to 8 digits, spaces ignored. */
export function validatePin(text: string): Result<string> {
	const pin = text.replace(/\s/gu, '');
	if (!/^\d{4,8}$/u.test(pin)) {
		return err('PIN_INVALID', 'Le code PIN responsable\u00a0: 4 à 8 chiffres.', 'pin');
	}
	return ok(pin);
}
