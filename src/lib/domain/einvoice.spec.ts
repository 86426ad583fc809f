import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ciiXml } from './cii';
import { countryCode, eInvoiceOf, isProfessionalBuyer, ratePercent } from './einvoice';
import { invoiceDocumentFromTickets, type IssuedInvoice } from './invoice-document';
import { assertCents } from './money';
import type { PaymentMethod } from './payment';
import { ticketArbitrary } from '../../../tests/fixtures/arbitraries';
import {
	bookLine,
	COMPANY_INVOICE_CASES,
	INVOICE_CASES,
	recordedTicket,
	stationeryLine,
	TEST_SELLER
} from '../../../tests/fixtures/invoices';
import { computeTicketTotals, type TicketInput } from './ticket';
import { NO_REFERENCES } from './ticket-annotations';
import { ublXml } from './ubl';

function invoiceOf(
	input: TicketInput,
	paidBy: PaymentMethod = 'en-compte',
	kind: IssuedInvoice['kind'] = 'invoice'
): IssuedInvoice {
	const document = invoiceDocumentFromTickets({
		seller: TEST_SELLER,
		buyer: null,
		billing: null,
		delivery: null,
		references: NO_REFERENCES,
		note: '',
		tickets: [recordedTicket(1, input, { paidBy, day: '2026-11-02' })]
	});
	return { kind, number: '42', issueDate: '2026-11-02T23:30:00Z', dueDate: null, document };
}

const one = (cents: number) => ({
	customerStatus: 'particulier' as const,
	lines: [bookLine(cents)]
});

describe('countryCode and ratePercent', () => {
	it.each([
		['', 'FR'],
		['France', 'FR'],
		['fr', 'FR'],
		['Belgique', 'BE'],
		['  Suisse ', 'CH'],
		['Pays inconnu', 'FR']
	])('country %j → %s', (text, code) => {
		expect(countryCode(text)).toBe(code);
	});

	it.each([
		[210, '2.1'],
		[550, '5.5'],
		[1000, '10'],
		[2000, '20'],
		[1875, '18.75']
	])('rate %i bp → %s %%', (bp, text) => {
		expect(ratePercent(bp)).toBe(text);
	});
});

describe('eInvoiceOf', () => {
	it('the seed ticket: 45,40 € at 5,5 % → BT-116 43,03, BT-117 2,37, BT-112 45,40', () => {
		const invoice = eInvoiceOf(invoiceOf(one(4540)));
		expect(invoice.amounts.vatBreakdown).toEqual([
			{ vatRateBp: 550, taxableCents: 4303, vatCents: 237 }
		]);
		expect(invoice.amounts.totalWithVatCents).toBe(4540);
		expect(invoice).toMatchObject({
			typeCode: '380',
			frame: 'A1',
			// Issued at 00:30 in Paris on 3 November: the Paris day, not the UTC one.
			issueDay: '2026-11-03',
			dueDay: '2026-12-31',
			paymentMeans: { code: '30', iban: 'FR7630006000011234567890189' },
			buyer: { name: 'Client comptoir', siret: '', address: { country: 'FR' } }
		});
	});

	it.each([
		['carte', '48', ''],
		['especes', '10', ''],
		['cheque', '20', ''],
		['virement', '30', 'FR7630006000011234567890189'],
		['bon-cadeau', '1', '']
	] as const)(
		'a ticket paid by %s at the counter: cadre A2, nothing due, means %s',
		(method, code, iban) => {
			const invoice = eInvoiceOf(invoiceOf(one(1800), method));
			expect(invoice.frame).toBe('A2');
			expect(invoice.amounts.dueCents).toBe(0);
			expect(invoice.amounts.paidCents).toBe(1800);
			expect(invoice.paymentMeans).toEqual({ code, iban });
			expect(invoice.paymentTerms).toBe('Facture acquittée.');
		}
	);

	it('names the main counter payment when several were taken, and carries text lines as notes', () => {
		const base = invoiceOf(one(1800), 'carte');
		const document = {
			...base.document,
			payments: [
				{ method: 'especes' as const, amountCents: assertCents(500) },
				{ method: 'carte' as const, amountCents: assertCents(1300) }
			],
			textLines: [{ beforeLine: 0, text: 'Commande de rentrée' }]
		};
		const invoice = eInvoiceOf({ ...base, document });
		expect(invoice.paymentMeans).toEqual({ code: '48', iban: '' });
		expect(invoice.notes).toContainEqual({ subject: 'AAI', text: 'Commande de rentrée' });
	});

	it('dates delivery on the issue day when no sale day is known, and refuses an invoice without lines', () => {
		const base = invoiceOf(one(1800));
		expect(eInvoiceOf({ ...base, document: { ...base.document, saleDay: '' } }).deliveryDay).toBe(
			'2026-11-03'
		);
		expect(() => eInvoiceOf({ ...base, document: { ...base.document, lines: [] } })).toThrow(
			RangeError
		);
	});

	it('a credit note of a cancellation states its figures positive, cites nothing it lacks, asks no payment', () => {
		const original = invoiceOf(one(1800));
		const negated = {
			...original.document,
			lines: original.document.lines.map((line) => ({
				...line,
				quantity: -line.quantity,
				ttcCents: assertCents(-line.ttcCents)
			})),
			totalCents: assertCents(-original.document.totalCents)
		};
		const invoice = eInvoiceOf({ ...original, kind: 'credit-note', document: negated });
		expect(invoice).toMatchObject({
			typeCode: '381',
			dueDay: null,
			paymentMeans: null,
			precedingInvoice: null
		});
		expect(invoice.lines[0]?.quantity).toBe(1);
		expect(invoice.amounts.totalWithVatCents).toBe(1800);
		expect(invoice.paymentTerms).toMatch(/^Avoir/u);
	});

	it('describes discounts (percentage or amount) and keeps non-GTIN codes as seller codes', () => {
		const invoice = eInvoiceOf(
			invoiceOf({
				customerStatus: 'collectivite',
				lines: [
					bookLine(2000, 1, { kind: 'percent', bp: 900 }),
					bookLine(2000, 1, { kind: 'amount', cents: assertCents(50) }),
					stationeryLine(500)
				]
			})
		);
		expect(invoice.lines.map((line) => line.description.replaceAll('\u00a0', ' '))).toEqual([
			'Victor Hugo — Pocket — Prix public 20,00 € TTC, remise 9 % de 1,80 € TTC déduite',
			'Victor Hugo — Pocket — Prix public 20,00 € TTC, remise de 0,50 € TTC déduite',
			''
		]);
		const odd = invoiceOf(one(500));
		const withCode = {
			...odd,
			document: {
				...odd.document,
				lines: odd.document.lines.map((l) => ({ ...l, ean: 'DIVERS', title: '' }))
			}
		};
		expect(eInvoiceOf(withCode).lines[0]).toMatchObject({
			gtin: '',
			sellerCode: 'DIVERS',
			name: 'Article divers'
		});
	});

	it('puts the missing cent in BT-114 when no base gives back the ticket (1,05 € at 5,5 %)', () => {
		const invoice = eInvoiceOf(invoiceOf(one(105)));
		expect(invoice.amounts.roundingCents).toBe(1);
		expect(invoice.amounts.totalWithVatCents + invoice.amounts.roundingCents).toBe(105);
		expect(ciiXml(invoice)).toContain('<ram:RoundingAmount>0.01</ram:RoundingAmount>');
		expect(ublXml(invoice)).toContain(
			'<cbc:PayableRoundingAmount currencyID="EUR">0.01</cbc:PayableRoundingAmount>'
		);
	});

	it('names the buyer from the billing address, a person when no business name; the delivery address apart', () => {
		const base = invoiceOf(one(1800));
		const address = {
			professionalName: '',
			lastName: 'Martin',
			firstName: 'Anne',
			line1: '3 rue Basse',
			line2: 'Bât. B',
			postalCode: '59000',
			city: 'Lille',
			country: 'Belgique',
			vatNumber: ''
		};
		const invoice = eInvoiceOf({
			...base,
			document: { ...base.document, billing: address, delivery: address }
		});
		expect(invoice.buyer.name).toBe('Anne Martin');
		expect(invoice.buyer.address.country).toBe('BE');
		expect(invoice.deliveryAddress).toMatchObject({ name: 'Anne Martin', line2: 'Bât. B' });
		expect(ciiXml(invoice)).toContain('<ram:ShipToTradeParty><ram:Name>Anne Martin</ram:Name>');
		expect(ublXml(invoice)).toContain(
			'<cac:DeliveryParty><cac:PartyName><cbc:Name>Anne Martin</cbc:Name>'
		);
	});

	it('writes the VAT-on-receipts shop without the débits option, and a shop without IBAN asks no account', () => {
		const base = invoiceOf(one(1800));
		const seller = {
			...TEST_SELLER,
			vatRegime: 'encaissements' as const,
			iban: '',
			invoiceFooter: '',
			tradeName: TEST_SELLER.legalName
		};
		const invoice = eInvoiceOf({
			...base,
			document: { ...base.document, seller, note: 'Livrer le matin' }
		});
		expect(invoice.notes.map((note) => note.subject)).toEqual(['PMD', 'PMT', 'AAB', 'AAI']);
		expect(invoice.paymentMeans).toEqual({ code: '30', iban: '' });
		expect(invoice.seller.tradingName).toBe('');
	});

	it.each([
		[null, false],
		[{ siret: '', status: 'particulier' }, false],
		[{ siret: '', status: 'ecole' }, true],
		[{ siret: '40483304800022', status: 'particulier' }, true]
	] as const)('buyer %j is professional: %s', (buyer, professional) => {
		expect(isProfessionalBuyer(buyer as never)).toBe(professional);
	});

	it('a professional buyer is told of the 40 € indemnity (L441-10, D441-5)', () => {
		const invoice = eInvoiceOf(INVOICE_CASES['un livre'] as IssuedInvoice);
		expect(invoice.notes.find((note) => note.subject === 'PMT')?.text).toMatch(/40\s€/u);
		expect(eInvoiceOf(invoiceOf(one(100))).notes.find((n) => n.subject === 'PMT')?.text).toMatch(
			/sans objet/u
		);
	});

	it('always gives back what the tickets cost: BT-112 + BT-114 = Σ TTC, Σ BT-131 = BT-106', () => {
		fc.assert(
			fc.property(ticketArbitrary(true), (input) => {
				fc.pre(computeTicketTotals(input).ok);
				const issued = invoiceOf(input);
				const invoice = eInvoiceOf(issued);
				const { amounts } = invoice;
				expect(amounts.totalWithVatCents + amounts.roundingCents).toBe(issued.document.totalCents);
				expect(invoice.lines.reduce((sum, line) => sum + line.netCents, 0)).toBe(
					amounts.lineTotalCents
				);
				for (const line of invoice.lines)
					expect(Number(line.unitNetPrice)).toBeGreaterThanOrEqual(0);
			})
		);
	});
});

describe('CII and UBL writers', () => {
	const creditNote = INVOICE_CASES['avoir partiel'] as IssuedInvoice;
	const paid = INVOICE_CASES['ticket payé au comptoir (A2)'] as IssuedInvoice;
	const state = INVOICE_CASES['service de l’État'] as IssuedInvoice;

	it('a credit note cites the invoice (BT-25, BT-26) and has credit note lines, no due date', () => {
		const invoice = eInvoiceOf(creditNote);
		const cii = ciiXml(invoice);
		expect(cii).toContain('<ram:TypeCode>381</ram:TypeCode>');
		expect(cii).toContain(
			'<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>6</ram:IssuerAssignedID><ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261120</qdt:DateTimeString>'
		);
		expect(cii).not.toContain('DueDateDateTime');
		const ubl = ublXml(invoice);
		expect(ubl).toMatch(
			/^<\?xml[^>]*>\n<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/u
		);
		expect(ubl).toContain(
			'<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>6</cbc:ID><cbc:IssueDate>2026-11-20</cbc:IssueDate>'
		);
		expect(ubl).toContain('<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>');
		expect(ubl).not.toContain('cbc:DueDate');
		expect(ubl).not.toContain('cac:PaymentMeans');
	});

	it('a ticket paid at the counter: cadre A2, the amount paid, nothing due', () => {
		const invoice = eInvoiceOf(paid);
		const cii = ciiXml(invoice);
		expect(cii).toContain(
			'<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>A2</ram:ID>'
		);
		expect(cii).toContain(
			'<ram:TotalPrepaidAmount>39.10</ram:TotalPrepaidAmount><ram:DuePayableAmount>0.00</ram:DuePayableAmount>'
		);
		expect(ublXml(invoice)).toContain('<cbc:ProfileID>A2</cbc:ProfileID>');
	});

	it('a State service: SIRET under 0009, code service BT-10, engagement BT-13, marché BT-12', () => {
		const cii = ciiXml(eInvoiceOf(state));
		expect(cii).toContain('<ram:BuyerReference>DAF_BUREAU-3</ram:BuyerReference>');
		expect(cii).toContain('<ram:GlobalID schemeID="0009">11000201100044</ram:GlobalID>');
		expect(cii).toContain(
			'<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>1300123456</ram:IssuerAssignedID>'
		);
		expect(cii).toContain(
			'<ram:ContractReferencedDocument><ram:IssuerAssignedID>M2026-014</ram:IssuerAssignedID>'
		);
		const ubl = ublXml(eInvoiceOf(state));
		expect(ubl).toContain(
			'<cbc:BuyerReference>DAF_BUREAU-3</cbc:BuyerReference><cac:OrderReference><cbc:ID>1300123456</cbc:ID></cac:OrderReference>'
		);
		expect(ubl).toContain(
			'<cac:ContractDocumentReference><cbc:ID>M2026-014</cbc:ID></cac:ContractDocumentReference>'
		);
	});

	it('escapes names and titles: & < > " \' stay text, é œ € and emoji pass as UTF-8', () => {
		const invoice = eInvoiceOf(INVOICE_CASES['caractères spéciaux'] as IssuedInvoice);
		for (const xml of [ciiXml(invoice), ublXml(invoice)]) {
			expect(xml).toContain('Tom &amp; Jerry &lt;l’intégrale&gt; &quot;collector&quot;');
			expect(xml).toContain('L&apos;œuvre — 100 € d&apos;émotions 📚');
		}
	});
});

describe('a company’s invoice: the reform’s e-invoice (docs/invoices.md#channels)', () => {
	const [owed, paid, credit] = Object.values(COMPANY_INVOICE_CASES).map((invoice) =>
		eInvoiceOf(invoice)
	) as [
		ReturnType<typeof eInvoiceOf>,
		ReturnType<typeof eInvoiceOf>,
		ReturnType<typeof eInvoiceOf>
	];

	it('names both parties by SIREN and directory address, says B2B, goods (B1) or paid (B2)', () => {
		expect(owed).toMatchObject({
			channel: 'plateforme',
			frame: 'B1',
			seller: { siren: '404833048', electronicAddress: '404833048' },
			buyer: {
				siren: '552100554',
				siret: '55210055400013',
				electronicAddress: '552100554_FACTURES',
				vatNumber: 'FR96552100554'
			}
		});
		expect(owed.notes[0]).toEqual({ subject: 'BAR', text: 'B2B' });
		expect(owed.deliveryAddress?.name).toBe('Imprimerie du Nord — atelier');
		expect(paid.frame).toBe('B2');
		expect(credit).toMatchObject({ frame: 'B1', typeCode: '381' });
		expect(credit.precedingInvoice?.number).toBe('11');
	});

	it('writes SIREN under 0002 and the addresses under 0225 in CII and UBL', () => {
		const cii = ciiXml(owed);
		expect(cii).toContain('<ram:ID schemeID="0002">552100554</ram:ID>');
		expect(cii).toContain('<ram:URIID schemeID="0225">552100554_FACTURES</ram:URIID>');
		expect(cii).toContain('<ram:URIID schemeID="0225">404833048</ram:URIID>');
		expect(cii).toContain('<ram:SubjectCode>BAR</ram:SubjectCode>');
		const ubl = ublXml(paid);
		expect(ubl).toContain('<cbc:ProfileID>B2</cbc:ProfileID>');
		expect(ubl).toContain('<cbc:EndpointID schemeID="0225">552100554_FACTURES</cbc:EndpointID>');
		expect(ubl).toContain('<cbc:CompanyID schemeID="0002">552100554</cbc:CompanyID>');
	});

	it('takes the shop’s own directory address, and a company’s SIREN from its SIRET on older invoices', () => {
		const [invoice] = Object.values(COMPANY_INVOICE_CASES) as [IssuedInvoice];
		// An invoice issued before companies had these fields.
		const olderBuyer = { ...invoice.document.buyer!, siren: undefined, einvoiceAddress: undefined };
		const older = eInvoiceOf({
			...invoice,
			document: {
				...invoice.document,
				seller: { ...invoice.document.seller, einvoiceAddress: '404833048_VENTES' },
				buyer: olderBuyer
			}
		});
		expect(older.seller.electronicAddress).toBe('404833048_VENTES');
		expect(older.buyer).toMatchObject({ siren: '552100554', electronicAddress: '552100554' });
	});

	it('leaves a public buyer’s invoice as Chorus Pro reads it: no SIREN, no directory address', () => {
		const chorus = eInvoiceOf(INVOICE_CASES['un livre']!);
		expect(chorus).toMatchObject({
			channel: 'chorus',
			frame: 'A1',
			buyer: { siren: '', electronicAddress: '' },
			seller: { electronicAddress: '' }
		});
		expect(chorus.notes.some((note) => note.subject === 'BAR')).toBe(false);
	});
});
