import { tick } from 'svelte';
import { type TillPreferences, getPreferences, savePreferences } from '$lib/services/settings';
import type { ReceiptModel } from './receipt-model';
import { WebUsbTransport, type PrinterDevice, type ReceiptTransport } from './transport';

/**
 * The receipt printer: a WebUSB ESC/POS printer chosen once in Paramètres and reconnected at
 * start, or, without one, an 80 mm page through the browser's print dialog.
 */
/**
 * The ESC/POS encoder (with its image dithering) loads only for a USB printer: fetched while the
 * saved printer reconnects at start, so the first receipt does not wait for it, and never for a
 * till that prints through the browser (docs/performance.md#lighthouse).
 */
const loadEncoder = () => import('./escpos').then((module) => module.encodeReceipt);

class PrinterState {
	#preferences = $state<TillPreferences | null>(null);
	#device = $state<PrinterDevice | null>(null);
	/** The receipt shown to the browser's print dialog (fallback), or null. */
	#paperReceipt = $state<ReceiptModel | null>(null);
	#transport: ReceiptTransport | null = null;

	get preferences(): TillPreferences | null {
		return this.#preferences;
	}
	get device(): PrinterDevice | null {
		return this.#device;
	}
	get paperReceipt(): ReceiptModel | null {
		return this.#paperReceipt;
	}
	get usbSupported(): boolean {
		return WebUsbTransport.isSupported;
	}

	async load(): Promise<void> {
		this.#preferences = await getPreferences();
		const saved = this.#preferences.printer;
		if (saved && WebUsbTransport.isSupported) {
			void loadEncoder();
			await this.#usb().reconnect(saved);
		}
	}

	#usb(): WebUsbTransport {
		if (this.#transport instanceof WebUsbTransport) return this.#transport;
		const transport = new WebUsbTransport((device) => {
			this.#device = device;
			if (device) void this.#remember(device);
		});
		this.#transport = transport;
		return transport;
	}

	async #remember(device: PrinterDevice) {
		this.#preferences = await savePreferences({ printer: { ...device } });
	}

	/** Opens the browser's USB device chooser (must follow a click). */
	async choosePrinter(): Promise<void> {
		await this.#usb().choose();
	}

	async forgetPrinter(): Promise<void> {
		if (this.#transport instanceof WebUsbTransport) await this.#transport.forget();
		this.#device = null;
		this.#preferences = await savePreferences({ printer: null });
	}

	async setAutoPrint(autoPrint: boolean): Promise<void> {
		this.#preferences = await savePreferences({ autoPrint });
	}

	/** For tests: print through another transport (a fake). */
	useTransport(transport: ReceiptTransport): void {
		this.#transport = transport;
	}

	/** Prints a receipt: bytes to the USB printer when connected, else the browser's dialog. */
	async print(model: ReceiptModel): Promise<'usb' | 'paper'> {
		const transport = this.#transport;
		if (transport?.connected) {
			const device = this.#device;
			const encodeReceipt = await loadEncoder();
			await transport.print(
				encodeReceipt(model, {
					columns: this.#preferences?.receiptColumns ?? 48,
					...(device ? { language: device.language, codepageMapping: device.codepageMapping } : {})
				})
			);
			return 'usb';
		}
		this.#paperReceipt = model;
		await tick();
		window.print();
		return 'paper';
	}

	reset(): void {
		this.#preferences = null;
		this.#device = null;
		this.#paperReceipt = null;
		this.#transport = null;
	}
}

export const printer = new PrinterState();
