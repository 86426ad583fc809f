import { tick } from 'svelte';

/**
 * After a refused save: once the messages are on screen, the first field in error in reading
 * order gets the focus, so the keyboard user lands on what to fix.
 */
export async function focusFirstInvalid(form: HTMLElement | undefined): Promise<void> {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
