import { describe, expect, it, vi } from 'vitest';
import { err, ok } from '$lib/domain';
import { AuthoredChange } from '$lib/state/authored-change.svelte';
import { managerGate } from '$lib/state/manager-gate.svelte';
import { operator } from '$lib/state/operator.svelte';

describe('a change journaled with its author', () => {
	it('asks for the author’s name first and changes nothing without it', async () => {
		const task = vi.fn(async () => 'fait');
		const change = new AuthoredChange(() => null);
		await expect(change.run(task)).resolves.toBe(operator.missingMessage);
		expect(task).not.toHaveBeenCalled();
		expect(change.error).toBe(operator.missingMessage);
	});

	it('passes the author, keeps buttons disabled while it runs, then shows its notice', async () => {
		const change = new AuthoredChange(() => 'Camille');
		let busyWhileRunning = false;
		const after = vi.fn();
		const failure = await change.run(
			async (by) => {
				busyWhileRunning = change.busy;
				return `Clôture faite par ${by}.`;
			},
			{ after }
		);
		expect(failure).toBeNull();
		expect(busyWhileRunning).toBe(true);
		expect(change.busy).toBe(false);
		expect(change.notice).toBe('Clôture faite par Camille.');
		expect(after).toHaveBeenCalledOnce();
	});

	it('shows a refused change’s reason in place of the last notice, and does not refresh', async () => {
		const change = new AuthoredChange(() => 'Camille');
		change.notice = 'Avoir n° 12 émis.';
		const after = vi.fn();
		const failure = await change.run(
			async () => {
				throw new Error('La période est déjà clôturée.');
			},
			{ after }
		);
		expect(failure).toBe('La période est déjà clôturée.');
		expect(change.error).toBe('La période est déjà clôturée.');
		expect(change.notice).toBe('');
		expect(change.busy).toBe(false);
		expect(after).not.toHaveBeenCalled();
	});

	it('shows a service’s refusal (a Result) where the bookseller acted, and its value as the notice', async () => {
		const change = new AuthoredChange(() => 'Camille');
		const after = vi.fn();
		const refused = await change.act(
			async () => err('ALREADY_PAID', 'Cette facture est déjà réglée.'),
			() => 'jamais montré',
			{ after }
		);
		expect(refused).toBe('Cette facture est déjà réglée.');
		expect(change.error).toBe('Cette facture est déjà réglée.');
		expect(after).not.toHaveBeenCalled();
		const made = await change.act(
			async (by) => ok({ number: 'F-12', by }),
			(invoice) => `Facture n° ${invoice.number} émise par ${invoice.by}.`,
			{ after }
		);
		expect(made).toBeNull();
		expect(change.error).toBe('');
		expect(change.notice).toBe('Facture n° F-12 émise par Camille.');
		expect(after).toHaveBeenCalledOnce();
	});

	it('asks the manager’s PIN after the author’s name, with the buttons still enabled, and runs nothing when the dialog is closed', async () => {
		const asked: boolean[] = [];
		const confirm = vi.spyOn(managerGate, 'confirm').mockImplementation(async () => {
			asked.push(change.busy);
			return false;
		});
		const task = vi.fn(async () => 'fait');
		const change = new AuthoredChange(() => 'Camille');
		await expect(change.run(task, { gate: 'close-period' })).resolves.toBeNull();
		expect(confirm).toHaveBeenCalledWith('close-period');
		expect(asked).toEqual([false]);
		expect(task).not.toHaveBeenCalled();
		expect(change.notice).toBe('');

		confirm.mockClear();
		await new AuthoredChange(() => null).run(task, { gate: 'close-period' });
		expect(confirm).not.toHaveBeenCalled();
		confirm.mockRestore();
	});

	it('runs the change once the manager’s PIN is accepted', async () => {
		const confirm = vi.spyOn(managerGate, 'confirm').mockResolvedValue(true);
		const change = new AuthoredChange(() => 'Camille');
		await change.run(async (by) => `Restauration faite par ${by}.`, { gate: 'restore' });
		expect(change.notice).toBe('Restauration faite par Camille.');
		confirm.mockRestore();
	});
});
