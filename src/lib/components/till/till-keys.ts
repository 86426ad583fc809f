/**
 * The till's keyboard (docs/features.md#till): F2 scan, F4 customer, F6 ticket discount,
 * F7 a new customer order (docs/orders.md), F8 pay, F9/F10 quantity −/+, Alt+↑/↓ line, Suppr removes the selected line.
 */
import { cart } from '$lib/state/cart.svelte';

export interface TillKeyTargets {
	scanField(): HTMLInputElement | undefined;
	focusScan(): void;
	focusCustomer(): void;
	focusDiscount(): void;
	startPayment(): void;
	newOrder(): void;
}

/** Handles a key pressed on the till screen; leaves alone the keys it does not own. */
export function tillKeydown(event: KeyboardEvent, targets: TillKeyTargets): void {
	// Suppr removes the selected line from anywhere but a field being typed in: the empty scan
	// field, where the focus always comes back, counts as nowhere.
	const scan = targets.scanField();
	const emptyScanField = event.target === scan && scan?.value === '';
	const inField =
		!emptyScanField &&
		(event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement);
	const selected = cart.selected;
	const line = cart.lines[selected];
	const shortcuts: Record<string, () => void> = {
		F2: targets.focusScan,
		F4: targets.focusCustomer,
		F6: targets.focusDiscount,
		F7: targets.newOrder,
		F8: targets.startPayment,
		F9: () => line && void cart.setQuantity(selected, line.quantity - 1 || -1),
		F10: () => line && void cart.setQuantity(selected, line.quantity + 1 || 1)
	};
	const action = shortcuts[event.key];
	if (action) {
		event.preventDefault();
		action();
	} else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
		event.preventDefault();
		cart.select(selected + (event.key === 'ArrowUp' ? -1 : 1));
	} else if (event.key === 'Delete' && !inField && line) {
		event.preventDefault();
		cart.removeLine(selected);
		targets.focusScan();
	}
}
