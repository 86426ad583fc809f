import { centsToDecimal } from './format';
import { ratePercent, type EInvoice, type EInvoiceParty } from './einvoice';
import { element as el, textElement as text, xmlDocument, type XmlNode } from './xml';

/**
 * UN/CEFACT Cross Industry Invoice D16B, EN 16931 syntax binding (CEN/TS 16931-3-3), the XML
 * inside a Factur-X EN 16931 PDF. Element order follows the CII XSD sequences.
 */

export const FACTURX_EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const NAMESPACES = {
	'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
	'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
	'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
	'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100'
};

/** A date element holding a CII date string, format 102 (CCYYMMDD). */
function date(name: string, day: string, dataType: 'udt' | 'qdt' = 'udt'): string {
	return el(
		name,
		{},
		text(`${dataType}:DateTimeString`, day.replaceAll('-', ''), { format: '102' })
	);
}

function amount(name: string, cents: number, currency?: string): string {
	return text(name, centsToDecimal(cents), { currencyID: currency });
}

function address(value: EInvoiceParty['address']): string {
	return el(
		'ram:PostalTradeAddress',
		{},
		text('ram:PostcodeCode', value.postalCode),
		text('ram:LineOne', value.line1),
		text('ram:LineTwo', value.line2),
		text('ram:CityName', value.city),
		text('ram:CountryID', value.country)
	);
}

/**
 * BT-29/BT-30 (seller) and BT-46/BT-47 (buyer): the SIRET under scheme 0009 (docs/rules.md#einvoice),
 * the legal id as the path asks; BT-34/BT-49 the directory address (scheme 0225) on a reform
 * e-invoice.
 */
function party(name: string, value: EInvoiceParty, legalId: XmlNode): string {
	return el(
		name,
		{},
		text('ram:GlobalID', value.siret, { schemeID: '0009' }),
		text('ram:Name', value.name),
		el(
			'ram:SpecifiedLegalOrganization',
			{},
			legalId,
			text('ram:TradingBusinessName', value.tradingName)
		),
		value.phone || value.email
			? el(
					'ram:DefinedTradeContact',
					{},
					el('ram:TelephoneUniversalCommunication', {}, text('ram:CompleteNumber', value.phone)),
					el('ram:EmailURIUniversalCommunication', {}, text('ram:URIID', value.email))
				)
			: '',
		address(value.address),
		el(
			'ram:URIUniversalCommunication',
			{},
			text('ram:URIID', value.electronicAddress, { schemeID: '0225' })
		),
		el('ram:SpecifiedTaxRegistration', {}, text('ram:ID', value.vatNumber, { schemeID: 'VA' }))
	);
}

function tax(rateBp: number, base?: { taxable: number; vat: number }): string {
	return el(
		'ram:ApplicableTradeTax',
		{},
		base ? amount('ram:CalculatedAmount', base.vat) : '',
		text('ram:TypeCode', 'VAT'),
		base ? amount('ram:BasisAmount', base.taxable) : '',
		text('ram:CategoryCode', 'S'),
		text('ram:RateApplicablePercent', ratePercent(rateBp))
	);
}

export function ciiXml(invoice: EInvoice): string {
	const { amounts } = invoice;
	const lines = invoice.lines.map((line) =>
		el(
			'ram:IncludedSupplyChainTradeLineItem',
			{},
			el('ram:AssociatedDocumentLineDocument', {}, text('ram:LineID', line.id)),
			el(
				'ram:SpecifiedTradeProduct',
				{},
				text('ram:GlobalID', line.gtin, { schemeID: '0160' }),
				text('ram:SellerAssignedID', line.sellerCode),
				text('ram:Name', line.name),
				text('ram:Description', line.description)
			),
			el(
				'ram:SpecifiedLineTradeAgreement',
				{},
				el('ram:NetPriceProductTradePrice', {}, text('ram:ChargeAmount', line.unitNetPrice))
			),
			el(
				'ram:SpecifiedLineTradeDelivery',
				{},
				text('ram:BilledQuantity', String(line.quantity), { unitCode: 'C62' })
			),
			el(
				'ram:SpecifiedLineTradeSettlement',
				{},
				tax(line.vatRateBp),
				el(
					'ram:SpecifiedTradeSettlementLineMonetarySummation',
					{},
					amount('ram:LineTotalAmount', line.netCents)
				)
			)
		)
	);
	const delivery = invoice.deliveryAddress;
	const root = el(
		'rsm:CrossIndustryInvoice',
		NAMESPACES,
		el(
			'rsm:ExchangedDocumentContext',
			{},
			// BT-23: Chorus Pro reads its cadre de facturation here; the reform its business
			// process (BR-FR-08).
			el('ram:BusinessProcessSpecifiedDocumentContextParameter', {}, text('ram:ID', invoice.frame)),
			el(
				'ram:GuidelineSpecifiedDocumentContextParameter',
				{},
				text('ram:ID', FACTURX_EN16931_GUIDELINE)
			)
		),
		el(
			'rsm:ExchangedDocument',
			{},
			text('ram:ID', invoice.number),
			text('ram:TypeCode', invoice.typeCode),
			date('ram:IssueDateTime', invoice.issueDay),
			invoice.notes.map((note) =>
				el(
					'ram:IncludedNote',
					{},
					text('ram:Content', note.text),
					text('ram:SubjectCode', note.subject)
				)
			)
		),
		el(
			'rsm:SupplyChainTradeTransaction',
			{},
			lines,
			el(
				'ram:ApplicableHeaderTradeAgreement',
				{},
				text('ram:BuyerReference', invoice.references.serviceCode),
				party(
					'ram:SellerTradeParty',
					invoice.seller,
					text('ram:ID', invoice.seller.siren, { schemeID: '0002' })
				),
				party(
					'ram:BuyerTradeParty',
					invoice.buyer,
					// A company is named by its SIREN (BR-FR-11); Chorus Pro reads a SIRET here.
					invoice.channel === 'plateforme'
						? text('ram:ID', invoice.buyer.siren, { schemeID: '0002' })
						: text('ram:ID', invoice.buyer.siret, { schemeID: '0009' })
				),
				el(
					'ram:BuyerOrderReferencedDocument',
					{},
					text('ram:IssuerAssignedID', invoice.references.engagementNumber)
				),
				el(
					'ram:ContractReferencedDocument',
					{},
					text('ram:IssuerAssignedID', invoice.references.marketNumber)
				)
			),
			el(
				'ram:ApplicableHeaderTradeDelivery',
				{},
				delivery
					? el('ram:ShipToTradeParty', {}, text('ram:Name', delivery.name), address(delivery))
					: '',
				el(
					'ram:ActualDeliverySupplyChainEvent',
					{},
					date('ram:OccurrenceDateTime', invoice.deliveryDay)
				)
			),
			el(
				'ram:ApplicableHeaderTradeSettlement',
				{},
				text('ram:InvoiceCurrencyCode', 'EUR'),
				invoice.paymentMeans
					? el(
							'ram:SpecifiedTradeSettlementPaymentMeans',
							{},
							text('ram:TypeCode', invoice.paymentMeans.code),
							el(
								'ram:PayeePartyCreditorFinancialAccount',
								{},
								text('ram:IBANID', invoice.paymentMeans.iban)
							)
						)
					: '',
				amounts.vatBreakdown.map((rate) =>
					tax(rate.vatRateBp, { taxable: rate.taxableCents, vat: rate.vatCents })
				),
				el(
					'ram:SpecifiedTradePaymentTerms',
					{},
					text('ram:Description', invoice.paymentTerms),
					invoice.dueDay ? date('ram:DueDateDateTime', invoice.dueDay) : ''
				),
				el(
					'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
					{},
					amount('ram:LineTotalAmount', amounts.lineTotalCents),
					amount('ram:TaxBasisTotalAmount', amounts.totalWithoutVatCents),
					amount('ram:TaxTotalAmount', amounts.vatTotalCents, 'EUR'),
					amounts.roundingCents !== 0 ? amount('ram:RoundingAmount', amounts.roundingCents) : '',
					amount('ram:GrandTotalAmount', amounts.totalWithVatCents),
					amounts.paidCents !== 0 ? amount('ram:TotalPrepaidAmount', amounts.paidCents) : '',
					amount('ram:DuePayableAmount', amounts.dueCents)
				),
				invoice.precedingInvoice
					? el(
							'ram:InvoiceReferencedDocument',
							{},
							text('ram:IssuerAssignedID', invoice.precedingInvoice.number),
							date('ram:FormattedIssueDateTime', invoice.precedingInvoice.issueDay, 'qdt')
						)
					: ''
			)
		)
	);
	return xmlDocument(root);
}
