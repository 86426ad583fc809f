import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { buildReceipt } from '$lib/printing/receipt-model';
import { printer } from '$lib/printing/printer.svelte';
import { FakeTransport } from '$lib/printing/transport';
import { bookSale } from '../unit/db/sale-fixtures';
import { freshDatabase } from '../unit/db/fresh-db';

const ticket = {
	...bookSale(),
	id: 1,
	number: 42,
	createdAt: '2026-11-23T10:00:00.000Z',
	day: '2026-11-23'
};

afterEach(() => printer.reset());

describe('the receipt printer', () => {
	it('sends ESC/POS bytes to a connected printer (fake USB transport)', async () => {
		freshDatabase();
		await printer.load();
		const transport = new FakeTransport();
		printer.useTransport(transport);
		expect(await printer.print(buildReceipt(ticket, DEMO_SHOP))).toBe('usb');
		expect(transport.printed).toHaveLength(1);
		const text = new TextDecoder('latin1').decode(transport.printed[0]);
		expect(text).toContain('Ticket n° 42');
		expect(text).toContain('TOTAL TTC');
	});

	it('falls back to the browser print dialog with an 80 mm receipt when no printer is connected', async () => {
		freshDatabase();
		await printer.load();
		const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
		const transport = new FakeTransport();
		transport.connected = false;
		printer.useTransport(transport);
		expect(await printer.print(buildReceipt(ticket, DEMO_SHOP, { duplicate: 1 }))).toBe('paper');
		expect(print).toHaveBeenCalledTimes(1);
		expect(printer.paperReceipt?.banners).toEqual(['DUPLICATA n° 1']);
		expect(transport.printed).toHaveLength(0);
	});

	it('remembers the automatic printing preference', async () => {
		freshDatabase();
		await printer.load();
		expect(printer.preferences?.autoPrint).toBe(false);
		await printer.setAutoPrint(true);
		printer.reset();
		await printer.load();
		expect(printer.preferences?.autoPrint).toBe(true);
	});
});
