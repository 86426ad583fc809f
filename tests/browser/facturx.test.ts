import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { bytesToBase64 } from '$lib/base64';
import { COMPANY_INVOICE_CASES, INVOICE_CASES } from '../fixtures/invoices';
import { facturXPdf } from '$lib/pdf/invoice-pdf';
import type { ValidatorReport } from '../support/einvoice-check.js';
import type { IssuedInvoice } from '$lib/domain';

declare module 'vitest/browser' {
	interface BrowserCommands {
		einvoiceValidatorPresent: () => Promise<boolean>;
		einvoiceValidatorRequired: () => Promise<boolean>;
		checkEInvoice: (
			base64: string,
			fileName: string,
			flags?: readonly string[]
		) => Promise<ValidatorReport>;
	}
}

const validatorPresent = await commands.einvoiceValidatorPresent();

/** The Factur-X made in Chromium, as the bookseller downloads it, judged by the validator. */
async function expectValid(invoice: IssuedInvoice, flags: readonly string[]) {
	const pdf = await facturXPdf(invoice);
	const report = await commands.checkEInvoice(
		bytesToBase64(await pdf.arrayBuffer()),
		`facture-${invoice.number}.pdf`,
		flags
	);
	expect(report.errors, report.output).toEqual([]);
	expect(report.exitCode, report.output).toBe(0);
}

/**
 * The Factur-X EN 16931 PDF/A-3 of a public buyer passes `einvoice-check --chorus --fx-version
 * 1.09` with no error (EN 16931 and Factur-X 1.09.2 rules on the embedded XML — the version in
 * force since 1 September 2026 —, the PDF/A-3 container checks, the visible number and total,
 * Chorus Pro rules); a company's, the file for the plateforme agréée, the reform's rules BR-FR.
 */
describe.skipIf(!validatorPresent)('Factur-X PDFs pass einvoice-check', () => {
	it.each(Object.entries(INVOICE_CASES))('--chorus: %s', { timeout: 300_000 }, (_name, invoice) =>
		expectValid(invoice, ['--chorus', '--fx-version', '1.09'])
	);
	it.each(Object.entries(COMPANY_INVOICE_CASES))(
		'--br-fr: %s',
		{ timeout: 300_000 },
		(_name, invoice) => expectValid(invoice, ['--br-fr', '--fx-version', '1.09'])
	);
});

it.runIf(!validatorPresent)(
	'says why the Factur-X exports are not validated, and fails in CI',
	async () => {
		const message = '../shared/tools/einvoice-check est absent : les Factur-X ne sont pas validés.';
		console.warn(message);
		expect(await commands.einvoiceValidatorRequired(), message).toBe(false);
	}
);
