import { describe, expect, it } from 'vitest';
import { ciiXml, eInvoiceOf, ublXml } from '$lib/domain';
import { COMPANY_INVOICE_CASES, INVOICE_CASES } from '../fixtures/invoices';
import {
	checkEInvoice,
	VALIDATOR_MISSING_MESSAGE,
	VALIDATOR_PRESENT,
	VALIDATOR_REQUIRED
} from '../support/einvoice-check.js';

/**
 * Every CII and UBL export passes the independent validator with `--chorus` and no
 * error (EN 16931 schematron, XSD, Chorus Pro deposit rules), for each case the issue names.
 * The Factur-X PDFs are checked the same way in tests/browser/facturx.test.ts.
 */
describe.skipIf(!VALIDATOR_PRESENT)(
	'CII D16B and UBL 2.1 exports pass einvoice-check --chorus',
	() => {
		const cases = Object.entries(INVOICE_CASES).flatMap(([name, invoice]) => [
			{
				name,
				format: 'CII',
				fileName: `facture-${invoice.number}-cii.xml`,
				xml: () => ciiXml(eInvoiceOf(invoice))
			},
			{
				name,
				format: 'UBL',
				fileName: `facture-${invoice.number}-ubl.xml`,
				xml: () => ublXml(eInvoiceOf(invoice))
			}
		]);

		it.each(cases)('$name ($format)', { timeout: 300_000 }, async ({ fileName, xml }) => {
			const report = await checkEInvoice(xml(), fileName);
			expect(report.errors, report.output).toEqual([]);
			expect(report.exitCode, report.output).toBe(0);
		});
	}
);

/**
 * Factur-X 1.09.2 is the version in force since 1 September 2026: the CII each Factur-X PDF embeds
 * passes its EN 16931 profile's XSD and schematron too (`--facturx --fx-version 1.09`), the Chorus
 * Pro rules kept.
 */
describe.skipIf(!VALIDATOR_PRESENT)('the CII of every Factur-X passes the 1.09.2 rules', () => {
	it.each(Object.entries(INVOICE_CASES))('%s', { timeout: 300_000 }, async (_, invoice) => {
		const report = await checkEInvoice(
			ciiXml(eInvoiceOf(invoice)),
			`facture-${invoice.number}-cii.xml`,
			['--chorus', '--facturx', '--fx-version', '1.09']
		);
		expect(report.errors, report.output).toEqual([]);
		expect(report.exitCode, report.output).toBe(0);
	});
});

/**
 * A company's invoices are reform e-invoices (docs/invoices.md#channels): their CII and UBL pass
 * the French rules BR-FR and the EN 16931 rules (`--br-fr`), the CII inside their Factur-X the
 * 1.09.2 profile rules too.
 */
describe.skipIf(!VALIDATOR_PRESENT)('a company’s e-invoices pass BR-FR and Factur-X 1.09.2', () => {
	const cases = Object.entries(COMPANY_INVOICE_CASES).flatMap(([name, invoice]) => [
		{ name, format: 'CII', xml: () => ciiXml(eInvoiceOf(invoice)), facturx: ['--facturx'] },
		{ name, format: 'UBL', xml: () => ublXml(eInvoiceOf(invoice)), facturx: [] }
	]);
	it.each(cases)('$name ($format)', { timeout: 300_000 }, async ({ format, xml, facturx }) => {
		const report = await checkEInvoice(xml(), `facture-${format.toLowerCase()}.xml`, [
			'--br-fr',
			...facturx,
			'--fx-version',
			'1.09'
		]);
		expect(report.errors, report.output).toEqual([]);
		expect(report.exitCode, report.output).toBe(0);
	});
});

it.runIf(!VALIDATOR_PRESENT)(
	'says why the e-invoice exports are not validated, and fails in CI',
	() => {
		console.warn(VALIDATOR_MISSING_MESSAGE);
		expect(VALIDATOR_REQUIRED, VALIDATOR_MISSING_MESSAGE).toBe(false);
	}
);
