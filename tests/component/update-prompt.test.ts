import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UpdatePrompt from '$lib/components/UpdatePrompt.svelte';
import { updates, type WorkboxLike } from '$lib/pwa/update.svelte';
import { activity } from '$lib/state/activity.svelte';

class FakeWorkbox extends EventTarget implements WorkboxLike {
	register = vi.fn(async () => undefined);
	messageSkipWaiting = vi.fn();
	override addEventListener(type: string, listener: () => void) {
		super.addEventListener(type, listener);
	}
	emit(type: 'waiting' | 'controlling') {
		flushSync(() => this.dispatchEvent(new Event(type)));
	}
}

afterEach(() => {
	updates.reset();
	activity.reset();
});

describe('« Nouvelle version disponible »', () => {
	it('shows nothing until a new version waits, then offers to reload on click only', async () => {
		const workbox = new FakeWorkbox();
		await updates.register(workbox);
		render(UpdatePrompt);
		expect(screen.queryByText(/Nouvelle version disponible/u)).toBeNull();

		workbox.emit('waiting');
		expect(screen.getByRole('status').textContent).toMatch(/Nouvelle version disponible/u);
		expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();

		await userEvent.setup().click(screen.getByRole('button', { name: 'Recharger maintenant' }));
		expect(workbox.messageSkipWaiting).toHaveBeenCalledTimes(1);
	});

	it('never applies during a sale: the button waits for the end of the sale', async () => {
		const workbox = new FakeWorkbox();
		await updates.register(workbox);
		render(UpdatePrompt);
		flushSync(() => activity.setSaleInProgress(true));
		workbox.emit('waiting');
		expect(screen.queryByRole('button', { name: 'Recharger maintenant' })).toBeNull();
		expect(screen.getByText(/à la fin de la vente en cours/u)).toBeTruthy();
		updates.apply();
		expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();

		flushSync(() => activity.setSaleInProgress(false));
		expect(screen.getByRole('button', { name: 'Recharger maintenant' })).toBeTruthy();
	});
});
