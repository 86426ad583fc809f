import { describe, expect, it } from 'vitest';
import {
	MANAGER_ACTION_LABELS,
	pinFingerprint,
	pinLockedUntil,
	pinRecordProblem,
	validatePin
} from './pin';

describe('validatePin', () => {
	it.each([
		['2468', '2468'],
		[' 12 34 56 ', '123456'],
		['12345678', '12345678']
	])('accepts %j', (typed, pin) => {
		expect(validatePin(typed)).toEqual({ ok: true, value: pin });
	});

	it.each(['', '123', '123456789', '12a4', '１２３４'])('refuses %j in French', (typed) => {
		expect(validatePin(typed)).toEqual({
			ok: false,
			error: {
				code: 'PIN_INVALID',
				message: 'Le code PIN responsable\u00a0: 4 à 8 chiffres.',
				field: 'pin'
			}
		});
	});

	it('names every protected action', () => {
		expect(MANAGER_ACTION_LABELS['cancel-ticket']).toBe('annuler le ticket');
	});
});

describe('pinRecordProblem and pinLockedUntil', () => {
	const pin = { salt: 'c2FsdA==', hash: 'aGFzaA==', iterations: 600_000 };

	it.each([
		['no PIN, none sealed', null, null, null],
		['the PIN the journal sealed', { fingerprint: pinFingerprint(pin) }, pin, null],
		['a PIN sealed before fingerprints', { fingerprint: null }, pin, null],
		[
			'a PIN row with no journal entry',
			null,
			pin,
			'Code PIN du gérant\u00a0: présent sans avoir été défini dans Comptoir (aucune trace au journal).'
		],
		[
			'a PIN row deleted',
			{ fingerprint: pinFingerprint(pin) },
			null,
			'Code PIN du gérant\u00a0: effacé hors de Comptoir (le journal atteste qu’il était défini).'
		],
		[
			'a PIN row replaced',
			{ fingerprint: pinFingerprint(pin) },
			{ ...pin, hash: 'b3RoZXI=' },
			'Code PIN du gérant\u00a0: remplacé hors de Comptoir (il ne correspond plus à celui que le journal a scellé).'
		]
	] as const)('%s', (_name, sealed, stored, problem) => {
		expect(pinRecordProblem(sealed, stored)).toBe(problem);
	});

	const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, seconds)).toISOString();
	const start = Date.UTC(2026, 11, 2, 10, 0, 0);

	it('locks for a minute from the fifth wrong PIN in a row; a right one starts again', () => {
		const five = [1, 2, 3, 4, 5].map((s) => ({ at: at(s), refused: true }));
		expect(pinLockedUntil(five, start + 10_000)).toBe(start + 65_000);
		expect(pinLockedUntil(five, start + 65_000)).toBeNull();
		const reset = [
			...five.slice(0, 4),
			{ at: at(5), refused: false },
			{ at: at(6), refused: true }
		];
		expect(pinLockedUntil(reset, start + 10_000)).toBeNull();
		expect(pinLockedUntil([], start)).toBeNull();
	});
});
