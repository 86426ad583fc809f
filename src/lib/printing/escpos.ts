import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptModel } from './receipt-model';

export interface EncodeOptions {
	/** 48 characters on 80 mm paper (font A), 32 on 58 mm. */
	readonly columns?: number;
	/** Reported by the WebUSB `connected` event; Epson mapping by default. */
	readonly language?: 'esc-pos' | 'star-prnt' | 'star-line';
	readonly codepageMapping?: string;
}

/**
 * Receipt model → printer bytes. Code page windows-1252 so é, è, à, ç, €, œ, « » print from one
 * table (docs/toolchain.md: cp437 loses € and œ); Intl's no-break spaces become spaces, which
 * every printer has. Paper cut at the end; drawer pulse when the model asks for it.
 */
export function encodeReceipt(model: ReceiptModel, options: EncodeOptions = {}): Uint8Array {
	const columns = options.columns ?? 48;
	const encoder = new ReceiptPrinterEncoder({
		language: options.language ?? 'esc-pos',
		codepageMapping: (options.codepageMapping ?? 'epson') as 'epson',
		columns,
		feedBeforeCut: 4
	});
	const text = (value: string) => value.replace(/[\u00a0\u202f]/gu, ' ');
	const row = (left: string, right: string) =>
		encoder.table(
			[
				{ width: columns - 14, align: 'left', overflow: 'wrap' },
				{ width: 14, align: 'right' }
			],
			[[text(left), text(right)]]
		);

	encoder.initialize().codepage('windows1252').align('center');
	model.header.forEach((line, index) =>
		index === 0
			? encoder.bold(true).size(2, 2).line(text(line)).size(1, 1).bold(false)
			: encoder.line(text(line))
	);
	for (const banner of model.banners)
		encoder.newline().bold(true).size(1, 2).line(text(banner)).size(1, 1).bold(false);
	encoder.newline();
	for (const line of model.meta) encoder.line(text(line));
	encoder.align('left').rule();
	for (const line of model.lines) {
		row(line.label, line.amount);
		if (line.detail) encoder.line(`  ${text(line.detail)}`);
		if (line.discount) encoder.line(`  ${text(line.discount)}`);
	}
	encoder.rule();
	if (model.total) {
		if (model.discountTotal) row('Dont remises', model.discountTotal);
		encoder.bold(true);
		row('TOTAL TTC', model.total);
		encoder.bold(false);
	}
	for (const issued of model.issued) row(issued.label, issued.amount);
	if (model.toPay) {
		encoder.bold(true);
		row('TOTAL À PAYER', model.toPay);
		encoder.bold(false);
	}
	if (model.vat.length > 0) {
		encoder.newline().table(
			[
				{ width: 8, align: 'left' },
				{ width: Math.floor((columns - 8) / 3), align: 'right' },
				{ width: Math.floor((columns - 8) / 3), align: 'right' },
				{ width: columns - 8 - 2 * Math.floor((columns - 8) / 3), align: 'right' }
			],
			[
				['TVA', 'HT', 'TVA', 'TTC'],
				...model.vat.map((v) => [text(v.rate), text(v.ht), text(v.tva), text(v.ttc)])
			]
		);
	}
	if (model.payments.length > 0) {
		encoder.newline();
		for (const payment of model.payments) row(payment.label, payment.amount);
		if (model.change) row('Rendu', model.change);
	}
	encoder.newline().align('center');
	for (const line of model.footer) encoder.line(text(line));
	encoder.barcode(model.barcode, 'code128', 60).newline();
	// Vouchers and credit notes to keep: their code as EAN-13, scanned at the till to spend them.
	for (const keep of model.keep) {
		encoder
			.newline()
			.bold(true)
			.line(text(`À conserver\u00a0: ${keep.label}`))
			.bold(false);
		encoder.barcode(keep.code, 'ean13', 60).newline();
	}
	if (model.openDrawer) encoder.pulse();
	encoder.cut('partial');
	return encoder.encode();
}
