import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	accountBalance,
	accountOverdraft,
	overdraftSpendLabel,
	validateOverdraftFix,
	type AccountMovement,
	type Overdraft
} from './overdraft';

const sold: AccountMovement = {
	amountCents: 3_000,
	at: '2026-12-01T10:00:00Z',
	ticket: { tillId: 'CAISSE1', number: 4 },
	fix: null
};
const spentHere: AccountMovement = {
	amountCents: -2_500,
	at: '2026-12-03T10:05:00Z',
	ticket: { tillId: 'CAISSE1', number: 9 },
	fix: null
};
const spentThere: AccountMovement = {
	amountCents: -2_000,
	at: '2026-12-03T10:00:00Z',
	ticket: { tillId: 'CAISSE2', number: 14 },
	fix: null
};

describe('a voucher spent at two tills while both were offline (docs/replication.md#double-spend)', () => {
	it('lists the overdraft with the tickets and tills involved, oldest first', () => {
		expect(
			accountOverdraft('2888801000005', 'gift-voucher', [sold, spentHere, spentThere])
		).toEqual({
			code: '2888801000005',
			kind: 'gift-voucher',
			overdraftCents: 1_500,
			spends: [
				{ tillId: 'CAISSE2', number: 14, amountCents: 2_000, at: spentThere.at },
				{ tillId: 'CAISSE1', number: 9, amountCents: 2_500, at: spentHere.at }
			]
		});
		expect(overdraftSpendLabel({ tillId: 'CAISSE2', number: 14, amountCents: 2_000, at: '' })).toBe(
			'Caisse CAISSE2, ticket n°\u00a014\u00a0: 20,00\u00a0€'
		);
	});

	it('has none once the balance is back to zero by a settlement', () => {
		const settled: AccountMovement = {
			amountCents: 1_500,
			at: '2026-12-03T11:00:00Z',
			ticket: null,
			fix: { settlement: 'collected', note: 'ticket 10, espèces', by: 'Anne', tillId: 'CAISSE1' }
		};
		expect(accountOverdraft('c', 'credit-note', [sold, spentHere, spentThere, settled])).toBeNull();
		expect(accountOverdraft('c', 'credit-note', [sold, spentHere])).toBeNull();
	});

	it('gives the same balance and overdraft whatever order the tickets arrive in', () => {
		const movement = fc.record({
			amountCents: fc.integer({ min: -50_000, max: 50_000 }),
			at: fc.constantFrom('2026-12-01T10:00:00Z', '2026-12-02T10:00:00Z', '2026-12-03T10:00:00Z'),
			ticket: fc.record({
				tillId: fc.constantFrom('CAISSE1', 'CAISSE2', 'CAISSE3'),
				number: fc.integer({ min: 1, max: 999 })
			}),
			fix: fc.constant(null)
		});
		fc.assert(
			fc.property(
				fc
					.array(movement, { maxLength: 12 })
					.chain((movements) =>
						fc.tuple(
							fc.constant(movements),
							fc.shuffledSubarray(movements, { minLength: movements.length })
						)
					),
				([arrived, otherOrder]) => {
					expect(accountBalance(otherOrder)).toBe(accountBalance(arrived));
					const one = accountOverdraft('c', 'gift-voucher', arrived);
					const other = accountOverdraft('c', 'gift-voucher', otherOrder);
					expect(other?.overdraftCents).toBe(one?.overdraftCents);
					expect(new Set(other?.spends.map(overdraftSpendLabel))).toEqual(
						new Set(one?.spends.map(overdraftSpendLabel))
					);
				}
			)
		);
	});
});

describe('settling an overdraft', () => {
	const overdraft: Overdraft = {
		code: 'c',
		kind: 'gift-voucher',
		overdraftCents: 1_500,
		spends: []
	};
	it.each([
		[{ settlement: '', note: 'x' }, 'settlement', 'Choisissez comment le dépassement est réglé.'],
		[
			{ settlement: 'collected', note: ' ' },
			'note',
			'Indiquez comment les 15,00\u00a0€ ont été encaissés (ticket, moyen de paiement).'
		],
		[
			{ settlement: 'written-off', note: 'ok' },
			'note',
			'Indiquez qui accepte la perte et pourquoi.'
		],
		[
			{ settlement: 'written-off', note: 'x'.repeat(201) },
			'note',
			'La précision fait 200 caractères au plus.'
		]
	] as const)('refuses %o at its field', (form, field, message) => {
		expect(validateOverdraftFix(form, overdraft)).toEqual({
			ok: false,
			error: expect.objectContaining({ field, message })
		});
	});

	it('brings the account back to zero with the overdraft as its amount', () => {
		expect(
			validateOverdraftFix({ settlement: 'collected', note: ' ticket 10, espèces ' }, overdraft)
		).toEqual({
			ok: true,
			value: { settlement: 'collected', note: 'ticket 10, espèces', amountCents: 1_500 }
		});
	});
});
