// The package ships no types (docs/toolchain.md); its shape is described in
// src/lib/printing/transport.ts (WebUsbPrinterLike).
declare module '@point-of-sale/webusb-receipt-printer' {
	const WebUSBReceiptPrinter: new () => unknown;
	export default WebUSBReceiptPrinter;
}
