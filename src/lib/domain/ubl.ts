import { centsToDecimal } from './format';
import { FACTURX_EN16931_GUIDELINE } from './cii';
import { ratePercent, type EInvoice, type EInvoiceParty } from './einvoice';
import { element as el, textElement as text, xmlDocument } from './xml';

/**
 * OASIS UBL 2.1 Invoice or CreditNote, EN 16931 syntax binding (CEN/TS 16931-3-2). Element order
 * follows the UBL 2.1 XSD sequences, which differ between Invoice and CreditNote (DueDate,
 * TaxPointDate, line element names).
 */

const NAMESPACES = {
	cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
};

function amount(name: string, cents: number): string {
	return text(name, centsToDecimal(cents), { currencyID: 'EUR' });
}

function address(name: string, value: EInvoiceParty['address']): string {
	return el(
		name,
		{},
		text('cbc:StreetName', value.line1),
		text('cbc:AdditionalStreetName', value.line2),
		text('cbc:CityName', value.city),
		text('cbc:PostalZone', value.postalCode),
		el('cac:Country', {}, text('cbc:IdentificationCode', value.country))
	);
}

const VAT_SCHEME = el('cac:TaxScheme', {}, text('cbc:ID', 'VAT'));

/**
 * BT-29/BT-46 SIRET under scheme 0009 (docs/rules.md#einvoice), BT-30/BT-47 SIREN (seller, company
 * buyer) or SIRET (public buyer); BT-34/BT-49 the directory address (scheme 0225) on a reform
 * e-invoice.
 */
function party(name: string, value: EInvoiceParty, legalId: string, legalScheme: string): string {
	return el(
		name,
		{},
		el(
			'cac:Party',
			{},
			text('cbc:EndpointID', value.electronicAddress, { schemeID: '0225' }),
			el('cac:PartyIdentification', {}, text('cbc:ID', value.siret, { schemeID: '0009' })),
			el('cac:PartyName', {}, text('cbc:Name', value.tradingName)),
			address('cac:PostalAddress', value.address),
			el(
				'cac:PartyTaxScheme',
				{},
				text('cbc:CompanyID', value.vatNumber),
				value.vatNumber ? VAT_SCHEME : ''
			),
			el(
				'cac:PartyLegalEntity',
				{},
				text('cbc:RegistrationName', value.name),
				text('cbc:CompanyID', legalId, { schemeID: legalScheme })
			),
			el(
				'cac:Contact',
				{},
				text('cbc:Telephone', value.phone),
				text('cbc:ElectronicMail', value.email)
			)
		)
	);
}

function taxCategory(name: string, rateBp: number): string {
	return el(name, {}, text('cbc:ID', 'S'), text('cbc:Percent', ratePercent(rateBp)), VAT_SCHEME);
}

export function ublXml(invoice: EInvoice): string {
	const creditNote = invoice.typeCode === '381';
	const root = creditNote ? 'CreditNote' : 'Invoice';
	const { amounts } = invoice;
	const delivery = invoice.deliveryAddress;
	const lines = invoice.lines.map((line) =>
		el(
			creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine',
			{},
			text('cbc:ID', line.id),
			text(creditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', String(line.quantity), {
				unitCode: 'C62'
			}),
			amount('cbc:LineExtensionAmount', line.netCents),
			el(
				'cac:Item',
				{},
				text('cbc:Description', line.description),
				text('cbc:Name', line.name),
				el('cac:SellersItemIdentification', {}, text('cbc:ID', line.sellerCode)),
				el('cac:StandardItemIdentification', {}, text('cbc:ID', line.gtin, { schemeID: '0160' })),
				taxCategory('cac:ClassifiedTaxCategory', line.vatRateBp)
			),
			el('cac:Price', {}, text('cbc:PriceAmount', line.unitNetPrice, { currencyID: 'EUR' }))
		)
	);
	const body = el(
		root,
		{
			xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`,
			'xmlns:cac': NAMESPACES.cac,
			'xmlns:cbc': NAMESPACES.cbc
		},
		text('cbc:CustomizationID', FACTURX_EN16931_GUIDELINE),
		// BT-23: Chorus Pro's cadre de facturation or the reform's business process (UBL ProfileID).
		text('cbc:ProfileID', invoice.frame),
		text('cbc:ID', invoice.number),
		text('cbc:IssueDate', invoice.issueDay),
		creditNote ? '' : text('cbc:DueDate', invoice.dueDay),
		text(creditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', invoice.typeCode),
		// Subject codes in UBL notes follow the "#CODE#text" convention (BR-FR, Peppol).
		invoice.notes.map((note) => text('cbc:Note', `#${note.subject}#${note.text}`)),
		text('cbc:DocumentCurrencyCode', 'EUR'),
		text('cbc:BuyerReference', invoice.references.serviceCode),
		el('cac:OrderReference', {}, text('cbc:ID', invoice.references.engagementNumber)),
		invoice.precedingInvoice
			? el(
					'cac:BillingReference',
					{},
					el(
						'cac:InvoiceDocumentReference',
						{},
						text('cbc:ID', invoice.precedingInvoice.number),
						text('cbc:IssueDate', invoice.precedingInvoice.issueDay)
					)
				)
			: '',
		el('cac:ContractDocumentReference', {}, text('cbc:ID', invoice.references.marketNumber)),
		party('cac:AccountingSupplierParty', invoice.seller, invoice.seller.siren, '0002'),
		invoice.channel === 'plateforme'
			? party('cac:AccountingCustomerParty', invoice.buyer, invoice.buyer.siren, '0002')
			: party('cac:AccountingCustomerParty', invoice.buyer, invoice.buyer.siret, '0009'),
		el(
			'cac:Delivery',
			{},
			text('cbc:ActualDeliveryDate', invoice.deliveryDay),
			delivery ? el('cac:DeliveryLocation', {}, address('cac:Address', delivery)) : '',
			delivery
				? el('cac:DeliveryParty', {}, el('cac:PartyName', {}, text('cbc:Name', delivery.name)))
				: ''
		),
		invoice.paymentMeans
			? el(
					'cac:PaymentMeans',
					{},
					text('cbc:PaymentMeansCode', invoice.paymentMeans.code),
					el('cac:PayeeFinancialAccount', {}, text('cbc:ID', invoice.paymentMeans.iban))
				)
			: '',
		el('cac:PaymentTerms', {}, text('cbc:Note', invoice.paymentTerms)),
		el(
			'cac:TaxTotal',
			{},
			amount('cbc:TaxAmount', amounts.vatTotalCents),
			amounts.vatBreakdown.map((rate) =>
				el(
					'cac:TaxSubtotal',
					{},
					amount('cbc:TaxableAmount', rate.taxableCents),
					amount('cbc:TaxAmount', rate.vatCents),
					taxCategory('cac:TaxCategory', rate.vatRateBp)
				)
			)
		),
		el(
			'cac:LegalMonetaryTotal',
			{},
			amount('cbc:LineExtensionAmount', amounts.lineTotalCents),
			amount('cbc:TaxExclusiveAmount', amounts.totalWithoutVatCents),
			amount('cbc:TaxInclusiveAmount', amounts.totalWithVatCents),
			amounts.paidCents !== 0 ? amount('cbc:PrepaidAmount', amounts.paidCents) : '',
			amounts.roundingCents !== 0 ? amount('cbc:PayableRoundingAmount', amounts.roundingCents) : '',
			amount('cbc:PayableAmount', amounts.dueCents)
		),
		lines
	);
	return xmlDocument(body);
}
