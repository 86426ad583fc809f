import { describe, expect, it } from 'vitest';
import type { InvoiceRow } from '$lib/db/schema';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { invoiceDocumentFromTickets, NO_REFERENCES } from '$lib/domain';
import { invoicePdf, reminderPdf } from '$lib/pdf/invoice-pdf';
import { ticketPdf } from '$lib/pdf/ticket-pdf';
import { LIBRARY_ADDRESS, OVERDUE_INVOICE } from '../fixtures/invoices';
import { bookSale } from '../unit/db/sale-fixtures';

const sale = bookSale();
const ticket = {
	...sale,
	id: 7,
	number: 178756,
	createdAt: '2019-10-27T16:39:17.000Z',
	day: '2019-10-27'
};

async function pdfText(blob: Blob): Promise<string> {
	return new TextDecoder('latin1').decode(await blob.arrayBuffer());
}

describe('PDFs (jsPDF in Chromium)', () => {
	it('a ticket: one A4 page, DejaVu Sans embedded', async () => {
		const text = await pdfText(
			await ticketPdf({
				ticket,
				shop: DEMO_SHOP,
				invoiceNumber: '5844',
				customerNumber: '1008928',
				loyaltyCard: '',
				customerAddress: 'LIVRALOG',
				cancelledByNumber: null,
				cancelsNumber: null
			})
		);
		expect(text.startsWith('%PDF-')).toBe(true);
		expect(text.match(/\/Type \/Page\b/gu)).toHaveLength(1);
		expect(text).toContain('/FontFile2');
		// A4 in points (jsPDF writes 595.2799… for 595.28).
		expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/u);
		expect(text).toMatch(/\/BaseFont \/DejaVuSans\b/u);
		expect(text).toContain('/Title (Ticket de caisse 178756)');
	});

	it('an invoice of 120 lines runs over several pages, each numbered', async () => {
		const many = { ...ticket, lines: Array.from({ length: 120 }, () => sale.lines[0]!) };
		const document = invoiceDocumentFromTickets({
			seller: DEMO_SHOP,
			buyer: null,
			billing: null,
			delivery: null,
			references: { ...NO_REFERENCES, serviceCode: 'SERVICE_01' },
			note: 'Œuvres & “livres” <test> — 😀',
			tickets: [many]
		});
		const invoice: InvoiceRow = {
			id: 1,
			kind: 'invoice',
			number: '12',
			status: 'payée',
			issueDate: '2019-10-28T09:00:00.000Z',
			dueDate: null,
			customerId: null,
			ticketIds: [7],
			creditedInvoiceId: null,
			document,
			totalCents: document.totalCents,
			paidCents: document.paidCents,
			createdAt: '2019-10-28T09:00:00.000Z'
		};
		const text = await pdfText(await invoicePdf(invoice));
		const pages = text.match(/\/Type \/Page\b/gu)?.length ?? 0;
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(text).toContain('/Title (Facture n° 12)');
	});
});

describe('a reminder letter (relance)', () => {
	it('one A4 page, titled with its subject', async () => {
		const text = await pdfText(
			await reminderPdf({
				shop: DEMO_SHOP,
				document: OVERDUE_INVOICE,
				address: LIBRARY_ADDRESS,
				professional: true,
				printedAt: new Date('2026-12-02T10:00:00Z')
			})
		);
		expect(text.match(/\/Type \/Page\b/gu)).toHaveLength(1);
		expect(text).toMatch(/\/Title \(/u);
		expect(text).toContain('/FontFile2');
	});
});
