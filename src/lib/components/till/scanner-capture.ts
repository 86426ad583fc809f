/**
 * A keyboard-wedge scanner is a keyboard: it types the code's characters then Enter into whatever
 * has the focus. On the till that must never be a button (the Enter would press « + » or
 * « Imprimer le ticket » again) nor a table row (the scan would be lost). So, on the whole till
 * screen, a character typed while the focus is not in a text field moves the focus to the scan
 * field before the character is delivered: the browser then types it there, and the Enter that
 * ends the code submits the scan field. Text typed in a text field (customer search, amounts,
 * discounts) stays where it was typed. See docs/till.md#scanner.
 */

/** Fields where typed characters are the user's text, never a scan to redirect. */
export function isTextEntry(target: EventTarget | null): boolean {
	if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
	if (target instanceof HTMLInputElement) {
		// Dates and times are typed digit by digit too (the voucher's « Valable jusqu'au »).
		const textual = [
			...['text', 'search', 'tel', 'email', 'number', 'password', 'url', ''],
			...['date', 'time', 'month', 'week', 'datetime-local']
		];
		return textual.includes(target.type) && !target.readOnly && !target.disabled;
	}
	return target instanceof HTMLElement && target.isContentEditable === true;
}

/**
 * Whether this key press is a character a scanner (or a person) types into the scan field. Space
 * is not one: it presses the focused button, as the keyboard user expects.
 */
export function isTypedCharacter(event: KeyboardEvent): boolean {
	return (
		event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey
	);
}

/**
 * Listens on the whole window, before any element sees the key, while `active()` says so (the
 * till is open and no dialog holds the keyboard). Returns the function that stops listening.
 */
export function captureScannerInput(
	scanInput: () => HTMLInputElement | null | undefined,
	active: () => boolean
): () => void {
	const onKeydown = (event: KeyboardEvent) => {
		if (!active() || !isTypedCharacter(event) || isTextEntry(event.target)) return;
		const input = scanInput();
		if (!input || event.target === input) return;
		// Focus moved during keydown: Chromium, Firefox and Safari deliver the character to the
		// newly focused field (the keypress and input events follow the focus). What was left in
		// the field is selected, so the code replaces it instead of being glued to it.
		input.focus();
		input.select();
	};
	window.addEventListener('keydown', onKeydown, { capture: true });
	return () => window.removeEventListener('keydown', onKeydown, { capture: true });
}
