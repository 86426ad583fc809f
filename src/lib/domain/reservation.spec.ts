import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseSpend, reservableCents, reserveSpend, saleSpends, spendId } from './reservation';

const now = '2026-12-03T10:00:00.000Z';
const label = 'Bon cadeau 2888880024723';

describe('a spend reserved on the server while connected (docs/replication.md#reservations)', () => {
	it('counts the spends other tills reserved whose tickets have not arrived here', () => {
		const server = {
			spends: {
				'CAISSE2:14': { cents: 2_000, at: '2026-12-03T09:59:00.000Z' },
				// Its ticket is here already: counted in the balance, not twice.
				'CAISSE1:8': { cents: 500, at: '2026-12-03T09:00:00.000Z' },
				// A reservation whose sale was never recorded stops counting after a day.
				'CAISSE3:2': { cents: 900, at: '2026-12-02T09:00:00.000Z' }
			}
		};
		const local = { balanceCents: 2_500, spendIds: ['CAISSE1:8'] };
		expect(reservableCents(server, local, now)).toBe(500);
		expect(
			reserveSpend(server, local, { id: spendId('CAISSE1', 9), cents: 600, at: now, label })
		).toMatchObject({
			ok: false,
			error: {
				code: 'SPENT_ELSEWHERE',
				field: 'reference',
				message: `${label}\u00a0: une autre caisse vient d’en dépenser une partie, il reste 5,00\u00a0€.`
			}
		});
		expect(
			reserveSpend(server, local, { id: spendId('CAISSE1', 9), cents: 500, at: now, label })
		).toEqual({
			ok: true,
			value: {
				spends: {
					'CAISSE2:14': { cents: 2_000, at: '2026-12-03T09:59:00.000Z' },
					'CAISSE1:8': { cents: 500, at: '2026-12-03T09:00:00.000Z' },
					'CAISSE1:9': { cents: 500, at: now }
				}
			}
		});
		expect(
			reserveSpend(
				server,
				{ balanceCents: 2_000, spendIds: [] },
				{
					id: 'CAISSE1:9',
					cents: 1,
					at: now,
					label
				}
			)
		).toMatchObject({
			ok: false,
			error: { message: `${label}\u00a0: déjà dépensé à une autre caisse, il ne reste rien.` }
		});
	});

	it('starts the record at the first reservation, and gives back one never recorded', () => {
		const first = reserveSpend(
			null,
			{ balanceCents: 3_000, spendIds: [] },
			{
				id: 'CAISSE1:1',
				cents: 3_000,
				at: now,
				label
			}
		);
		expect(first).toEqual({
			ok: true,
			value: { spends: { 'CAISSE1:1': { cents: 3_000, at: now } } }
		});
		expect(releaseSpend(first.ok ? first.value : null, 'CAISSE1:1')).toEqual({ spends: {} });
		expect(releaseSpend(null, 'CAISSE1:1')).toEqual({ spends: {} });
	});

	it('never lets two tills that reserve in turn spend more than the balance', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000 }),
				fc.array(
					fc.record({
						till: fc.constantFrom('CAISSE1', 'CAISSE2'),
						cents: fc.integer({ min: 1, max: 4_000 })
					}),
					{ maxLength: 10 }
				),
				(balance, attempts) => {
					// Neither till has received the other's tickets: each knows only its own spends.
					let server = null as Parameters<typeof reserveSpend>[0];
					const spent: Record<string, { total: number; ids: string[] }> = {
						CAISSE1: { total: 0, ids: [] },
						CAISSE2: { total: 0, ids: [] }
					};
					attempts.forEach(({ till, cents }, index) => {
						const own = spent[till]!;
						const id = spendId(till, index + 1);
						const done = reserveSpend(
							server,
							{ balanceCents: balance - own.total, spendIds: own.ids },
							{ id, cents, at: now, label }
						);
						if (done.ok) {
							server = done.value;
							own.total += cents;
							own.ids.push(id);
						}
					});
					expect(spent['CAISSE1']!.total + spent['CAISSE2']!.total).toBeLessThanOrEqual(balance);
				}
			)
		);
	});

	it('adds up what one sale spends on each code, and nothing for cash or a refund onto a credit note', () => {
		expect(
			saleSpends([
				{ method: 'bon-cadeau', amountCents: 1_000, reference: '2888880024723' },
				{ method: 'especes', amountCents: 500 },
				{ method: 'bon-cadeau', amountCents: 200, reference: '2888880024723' },
				{ method: 'avoir', amountCents: -300, reference: '2888881000016' },
				{ method: 'acompte', amountCents: 400, reference: '2888884000074' }
			])
		).toEqual([
			{ code: '2888880024723', cents: 1_200, label: 'Bon cadeau 2888880024723' },
			{ code: '2888884000074', cents: 400, label: 'Acompte 2888884000074' }
		]);
	});
});
