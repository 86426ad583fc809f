/**
 * Totals of a 50-line ticket through the Comlink worker vs on the main thread, and the
 * worker's bare round trip. Results go to bench/results/domain.json for BENCHMARKS.md.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { assertCents, assertVatRateBp, computeTicketTotals, type TicketInput } from '$lib/domain';
import { domainWorker } from '$lib/workers/domain-client';
import { measure, type Figure } from './stats';

function fiftyLineTicket(seed: number): TicketInput {
	const rates = [550, 550, 550, 210, 2000] as const;
	return {
		customerStatus: 'particulier',
		discount: { kind: 'percent', bp: 500 },
		lines: Array.from({ length: 50 }, (_, i) => {
			const rate = rates[(i + seed) % rates.length] as number;
			return {
				quantity: 1 + ((i + seed) % 3),
				unitPriceCents: assertCents(350 + ((i * 37 + seed) % 4000)),
				vatRateBp: assertVatRateBp(rate),
				articleKind:
					rate === 550
						? ('livre' as const)
						: rate === 210
							? ('presse' as const)
							: ('autre' as const)
			};
		})
	};
}

it('50-line ticket totals: worker vs main thread', async () => {
	const worker = domainWorker();
	const tickets = Array.from({ length: 64 }, (_, i) => fiftyLineTicket(i));
	const pick = (i: number) => tickets[i % tickets.length] as TicketInput;

	const main = await measure((i) => computeTicketTotals(pick(i)), { runs: 500, warmup: 50 });
	const viaWorker = await measure((i) => worker.computeTicketTotals(pick(i)), {
		runs: 500,
		warmup: 50
	});
	const ping = await measure((i) => worker.ping(i), { runs: 500, warmup: 50 });
	const noop = await measure((i) => Promise.resolve(i), { runs: 500, warmup: 50 });

	const check = await worker.computeTicketTotals(pick(0));
	expect(check).toEqual(computeTicketTotals(pick(0)));

	const figures: Figure[] = [
		{
			name: 'Totaux d’un ticket de 50 lignes, via le worker (Comlink)',
			...viaWorker,
			baseline: { name: 'même calcul sur le thread principal', ...pick3(main) },
			note: 'Le worker ajoute son aller-retour de messages ; le thread principal reste libre pour le champ de scan.'
		},
		{
			name: 'Aller-retour du worker (ping, sans calcul)',
			...ping,
			baseline: { name: 'promesse résolue sur le thread principal', ...pick3(noop) }
		}
	];
	await commands.writeFile('tests/bench/results/domain.json', JSON.stringify(figures, null, 2));
});

function pick3(s: { p50: number; p95: number; p99: number }) {
	return { p50: s.p50, p95: s.p95, p99: s.p99 };
}
