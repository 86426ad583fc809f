/**
 * Factur-X generation of a 50-line invoice in the browser, p95 under 500 ms. Measured
 * from the issued invoice to the PDF/A-3 bytes (layout, fonts, XML, pdf-lib assembly), against
 * the plain PDF alone. Results go to bench/results/facturx.json for BENCHMARKS.md.
 */
import { commands } from 'vitest/browser';
import { expect, it } from 'vitest';
import { invoiceDocumentFromTickets, NO_REFERENCES, type IssuedInvoice } from '$lib/domain';
import {
	bookLine,
	pressLine,
	recordedTicket,
	stationeryLine,
	TEST_SELLER
} from '../fixtures/invoices';
import { facturXPdf, invoicePdf } from '$lib/pdf/invoice-pdf';
import { measure, type Figure } from './stats';

function fiftyLineInvoice(): IssuedInvoice {
	const lines = Array.from({ length: 50 }, (_, i) =>
		i % 10 === 3
			? stationeryLine(250 + i * 7)
			: i % 10 === 7
				? pressLine(190 + i)
				: bookLine(590 + i * 43, 1 + (i % 3))
	);
	const document = invoiceDocumentFromTickets({
		seller: TEST_SELLER,
		buyer: null,
		billing: null,
		delivery: null,
		references: { ...NO_REFERENCES, serviceCode: 'MEDIATHEQUE' },
		note: '',
		tickets: [
			recordedTicket(
				1,
				{ customerStatus: 'bibliotheque', lines },
				{ paidBy: 'en-compte', day: '2026-11-20' }
			)
		]
	});
	return {
		kind: 'invoice',
		number: '50',
		issueDate: '2026-11-20T10:00:00Z',
		dueDate: null,
		document
	};
}

it('Factur-X of a 50-line invoice', async () => {
	const invoice = fiftyLineInvoice();
	const facturx = await measure(() => facturXPdf(invoice), { runs: 40, warmup: 5 });
	const plain = await measure(() => invoicePdf(invoice), { runs: 40, warmup: 5 });
	const pdf = await facturXPdf(invoice);
	expect(new TextDecoder('latin1').decode(await pdf.arrayBuffer())).toContain(
		'/AFRelationship /Data'
	);

	const figures: Figure[] = [
		{
			name: 'Factur-X (PDF/A-3 + CII) d’une facture de 50 lignes',
			...facturx,
			target: '≤ 500 ms',
			baseline: {
				name: 'PDF simple de la même facture (jsPDF)',
				p50: plain.p50,
				p95: plain.p95,
				p99: plain.p99
			},
			note: 'Dans Chromium, polices DejaVu et profil sRGB déjà en cache (comme après la première facture de la journée).'
		}
	];
	await commands.writeFile('tests/bench/results/facturx.json', JSON.stringify(figures, null, 2));
});
