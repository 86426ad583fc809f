import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { INVOICE_CASES } from '$lib/domain/test-invoices';
import { facturXPdf } from '$lib/pdf/documents';
import type { ValidatorReport } from '../support/einvoice-check.js';

declare module 'vitest/browser' {
	interface BrowserCommands {
		einvoiceValidatorPresent: () => Promise<boolean>;
		checkEInvoice: (base64: string, fileName: string) => Promise<ValidatorReport>;
	}
}

async function base64Of(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

const validatorPresent = await commands.einvoiceValidatorPresent();

/**
 * Issue #7: the Factur-X EN 16931 PDF/A-3 made in Chromium, as the bookseller downloads it, passes
 * `einvoice-check --chorus` with no error (EN 16931 and Factur-X rules on the embedded XML, the
 * PDF/A-3 container checks, the visible number and total, Chorus Pro rules).
 */
describe.skipIf(!validatorPresent)('Factur-X PDFs pass einvoice-check --chorus', () => {
	it.each(Object.entries(INVOICE_CASES))('%s', { timeout: 300_000 }, async (_name, invoice) => {
		const pdf = await facturXPdf(invoice);
		const report = await commands.checkEInvoice(
			await base64Of(pdf),
			`facture-${invoice.number}.pdf`
		);
		expect(report.errors, report.output).toEqual([]);
		expect(report.exitCode, report.output).toBe(0);
	});
});

it.runIf(!validatorPresent)('says why the Factur-X exports are not validated', () => {
	console.warn('../shared/tools/einvoice-check est absent : les Factur-X ne sont pas validés.');
	expect(validatorPresent).toBe(false);
});
