import { afterEach, describe, expect, it } from 'vitest';
import {
	captureScannerInput,
	isTextEntry,
	isTypedCharacter
} from '$lib/components/till/scanner-capture';

// The browser side (the character delivered to the field focused during keydown) is checked in
// real Chromium by tests/e2e/counter.spec.ts; here, which keys and targets the capture takes.
describe('whole-screen scanner capture', () => {
	let stop = () => {};
	afterEach(() => {
		stop();
		document.body.innerHTML = '';
	});

	function screenWith(html: string) {
		document.body.innerHTML = `<input id="scan" value="reste" />${html}`;
		const scan = document.getElementById('scan') as HTMLInputElement;
		let active = true;
		stop = captureScannerInput(
			() => scan,
			() => active
		);
		return { scan, pause: () => (active = false) };
	}

	const key = (target: Element, init: KeyboardEventInit) =>
		target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));

	it('a digit typed on a focused button goes to the scan field, whose old text is selected', () => {
		const { scan } = screenWith('<button id="plus">+</button>');
		const plus = document.getElementById('plus') as HTMLButtonElement;
		plus.focus();
		key(plus, { key: '9' });
		expect(document.activeElement).toBe(scan);
		expect([scan.selectionStart, scan.selectionEnd]).toEqual([0, 'reste'.length]);
	});

	it.each([
		['Enter', {}],
		[' ', {}],
		['F8', {}],
		['a', { ctrlKey: true }],
		['a', { altKey: true }]
	])('leaves « %s » %o to the focused element', (pressed, modifiers) => {
		const { scan } = screenWith('<button id="plus">+</button>');
		const plus = document.getElementById('plus') as HTMLButtonElement;
		plus.focus();
		key(plus, { key: pressed, ...modifiers });
		expect(document.activeElement).toBe(plus);
		expect(scan.value).toBe('reste');
	});

	it('text typed in a form field stays there; nothing is taken while a dialog holds the keyboard', () => {
		const { pause } = screenWith(
			'<input id="customer" /><textarea id="note"></textarea><button id="b">b</button>'
		);
		for (const id of ['customer', 'note']) {
			const field = document.getElementById(id) as HTMLElement;
			field.focus();
			key(field, { key: '7' });
			expect(document.activeElement).toBe(field);
		}
		pause();
		const button = document.getElementById('b') as HTMLButtonElement;
		button.focus();
		key(button, { key: '7' });
		expect(document.activeElement).toBe(button);
	});

	it('tells text entries from other targets', () => {
		document.body.innerHTML =
			'<input id="t" /><input id="d" type="date" /><input id="r" type="radio" /><input id="ro" readonly /><select id="s"></select>';
		const byId = (id: string) => document.getElementById(id);
		expect(isTextEntry(byId('t'))).toBe(true);
		expect(isTextEntry(byId('d'))).toBe(true);
		expect(isTextEntry(byId('r'))).toBe(false);
		expect(isTextEntry(byId('ro'))).toBe(false);
		expect(isTextEntry(byId('s'))).toBe(false);
		expect(isTextEntry(null)).toBe(false);
		expect(isTypedCharacter(new KeyboardEvent('keydown', { key: '*' }))).toBe(true);
		expect(isTypedCharacter(new KeyboardEvent('keydown', { key: 'Tab' }))).toBe(false);
	});
});
