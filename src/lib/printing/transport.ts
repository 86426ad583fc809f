import type { PrinterDevice } from '$lib/services/settings';

export type { PrinterDevice };

/** Where receipt bytes go: a WebUSB printer, or a fake in tests. */
export interface ReceiptTransport {
	readonly connected: boolean;
	print(bytes: Uint8Array): Promise<void>;
}

/** Collects what would be printed: tests assert on the bytes. */
export class FakeTransport implements ReceiptTransport {
	readonly printed: Uint8Array[] = [];
	connected = true;
	async print(bytes: Uint8Array): Promise<void> {
		if (!this.connected) throw new Error('Imprimante déconnectée');
		this.printed.push(bytes);
	}
}

interface WebUsbPrinterLike {
	connect(): Promise<void>;
	reconnect(device: Partial<PrinterDevice>): Promise<void>;
	disconnect(): Promise<void>;
	print(bytes: Uint8Array): Promise<void>;
	addEventListener(event: 'connected', listener: (device: PrinterDevice) => void): void;
	addEventListener(event: 'disconnected', listener: () => void): void;
}

/**
 * A receipt printer over WebUSB (@point-of-sale/webusb-receipt-printer). The package touches
 * navigator.usb in its constructor, so it is imported lazily (docs/toolchain.md).
 */
export class WebUsbTransport implements ReceiptTransport {
	#printer: WebUsbPrinterLike | null = null;
	#device: PrinterDevice | null = null;
	#onChange: (device: PrinterDevice | null) => void;

	constructor(onChange: (device: PrinterDevice | null) => void) {
		this.#onChange = onChange;
	}

	get connected(): boolean {
		return this.#device !== null;
	}

	get device(): PrinterDevice | null {
		return this.#device;
	}

	static get isSupported(): boolean {
		return typeof navigator !== 'undefined' && 'usb' in navigator;
	}

	async #instance(): Promise<WebUsbPrinterLike> {
		if (!this.#printer) {
			const { default: WebUSBReceiptPrinter } =
				await import('@point-of-sale/webusb-receipt-printer');
			const printer = new WebUSBReceiptPrinter() as WebUsbPrinterLike;
			printer.addEventListener('connected', (device) => {
				this.#device = device;
				this.#onChange(device);
			});
			printer.addEventListener('disconnected', () => {
				this.#device = null;
				this.#onChange(null);
			});
			this.#printer = printer;
		}
		return this.#printer;
	}

	/** Asks the user to choose a printer (needs a click: WebUSB's requestDevice). */
	async choose(): Promise<void> {
		await (await this.#instance()).connect();
	}

	/** Reconnects to the printer chosen before, without asking, if it is plugged in. */
	async reconnect(device: PrinterDevice): Promise<void> {
		await (await this.#instance()).reconnect(device);
	}

	async print(bytes: Uint8Array): Promise<void> {
		if (!this.#printer || !this.#device) throw new Error('Aucune imprimante USB connectée.');
		await this.#printer.print(bytes);
	}

	async forget(): Promise<void> {
		await this.#printer?.disconnect();
		this.#device = null;
	}
}
