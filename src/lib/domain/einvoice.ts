import { ticketToInvoiceAmounts, type InvoiceAmounts } from './en16931';
import { formatBp, invoiceChannelOf, type CustomerStatus, type InvoiceChannel } from './discount';
import { formatEuros, parisDay } from './format';
import { compactCode, validateEan } from './identifiers';
import type { InvoiceReferences, PostalAddress } from './ticket-annotations';
import { assertCents, type Cents } from './money';
import type { InvoiceBuyer, IssuedInvoice } from './invoice-document';
import type { PaymentMethod } from './payment';
import type { VatRegime } from './shop';
import type { VatRateBp } from './vat';

/**
 * An invoice in EN 16931 terms, the one model the CII, UBL and Factur-X exports are written from,
 * so the three files always say the same thing. Built from an issued invoice: amounts come from
 * the VAT engine's TTC → HT conversion (`ticketToInvoiceAmounts`), which gives back the ticket's
 * total to the cent (docs/rules.md#money).
 */
export interface EInvoiceParty {
	readonly name: string;
	/** BT-28 trading name when it differs from the legal name. */
	readonly tradingName: string;
	/** 14 digits, scheme 0009 (docs/rules.md#einvoice); empty for a private buyer. */
	readonly siret: string;
	/** BT-30 / BT-47, scheme 0002: the seller's always, a company buyer's on a reform e-invoice. */
	readonly siren: string;
	/** BT-34 / BT-49, scheme 0225 (the national directory); empty off the reform's path. */
	readonly electronicAddress: string;
	readonly vatNumber: string;
	readonly address: {
		readonly line1: string;
		readonly line2: string;
		readonly postalCode: string;
		readonly city: string;
		/** ISO 3166-1 alpha-2. */
		readonly country: string;
	};
	readonly email: string;
	readonly phone: string;
}

export interface EInvoiceLine {
	/** BT-126. */
	readonly id: string;
	/** BT-157 with scheme 0160 (GTIN) when the code is a valid EAN-13, else BT-155. */
	readonly gtin: string;
	readonly sellerCode: string;
	/** BT-153. */
	readonly name: string;
	/** BT-154: authors, publisher and the discount granted. */
	readonly description: string;
	/** BT-129, signed (a returned book is a negative quantity). */
	readonly quantity: number;
	/** BT-146, never negative (BR-27). */
	readonly unitNetPrice: string;
	/** BT-131. */
	readonly netCents: Cents;
	readonly vatRateBp: VatRateBp;
}

/** UNTDID 4461 codes used here, with the Chorus Pro "mode de règlement" they stand for. */
export type PaymentMeansCode = '10' | '20' | '30' | '48' | '1';

export const PAYMENT_MEANS_LABELS: Readonly<Record<PaymentMeansCode, string>> = {
	'10': 'ESPECE',
	'20': 'CHEQUE',
	'30': 'VIREMENT',
	'48': 'AUTRE (carte bancaire)',
	'1': 'AUTRE'
};

export interface EInvoiceNote {
	/**
	 * UNTDID 4451: PMD penalties, PMT recovery indemnity, AAB early payment, AAI general; BAR the
	 * reform's treatment of the invoice (B2B: an e-invoice between companies, BR-FR-20).
	 */
	readonly subject: 'PMD' | 'PMT' | 'AAB' | 'AAI' | 'BAR';
	readonly text: string;
}

export interface EInvoice {
	/** BT-1. */
	readonly number: string;
	/** BT-3: 380 commercial invoice, 381 credit note. */
	readonly typeCode: '380' | '381';
	/** BT-2, YYYY-MM-DD (Paris day of issue). */
	readonly issueDay: string;
	/** BT-9. */
	readonly dueDay: string | null;
	/**
	 * BT-23: Chorus Pro's cadre de facturation (A1, A2 « déjà payée ») for public buyers, or the
	 * reform's business process (B1 goods, B2 goods already paid; BR-FR-08) for a company.
	 */
	readonly frame: 'A1' | 'A2' | 'B1' | 'B2';
	/** How the invoice travels (docs/invoices.md#channels): its buyer's identifiers follow it. */
	readonly channel: InvoiceChannel;
	readonly seller: EInvoiceParty;
	readonly buyer: EInvoiceParty;
	readonly buyerStatus: CustomerStatus | null;
	readonly references: InvoiceReferences;
	/** BT-25 and BT-26 of a credit note. */
	readonly precedingInvoice: { readonly number: string; readonly issueDay: string } | null;
	/** BT-72 actual delivery date: the day of sale. */
	readonly deliveryDay: string;
	/** BG-15 when the delivery address differs from the buyer's. */
	readonly deliveryAddress: (EInvoiceParty['address'] & { readonly name: string }) | null;
	/** BG-16; none on a credit note (Chorus Pro, docs/rules.md#chorus-pro). */
	readonly paymentMeans: { readonly code: PaymentMeansCode; readonly iban: string } | null;
	/** BT-20. */
	readonly paymentTerms: string;
	readonly notes: readonly EInvoiceNote[];
	readonly lines: readonly EInvoiceLine[];
	readonly amounts: InvoiceAmounts;
	readonly vatRegime: VatRegime;
}

/**
 * A buyer acting for a business or a public body: the 40 € recovery indemnity applies
 * (Code de commerce L441-10, D441-5); a private person is told it does not.
 */
export function isProfessionalBuyer(buyer: InvoiceBuyer | null): boolean {
	return buyer !== null && (buyer.siret !== '' || buyer.status !== 'particulier');
}

/** Paris day (YYYY-MM-DD) of an ISO timestamp or of a day (read as its UTC midnight). */
function dayOf(isoDateOrDay: string): string {
	return parisDay(new Date(isoDateOrDay));
}

const COUNTRY_CODES: Readonly<Record<string, string>> = {
	france: 'FR',
	belgique: 'BE',
	suisse: 'CH',
	luxembourg: 'LU',
	monaco: 'MC',
	allemagne: 'DE',
	espagne: 'ES',
	italie: 'IT',
	canada: 'CA'
};

/** "France", "FR" or "" → "FR": the ISO code EN 16931 requires (BR-9, BR-11). */
export function countryCode(country: string): string {
	const text = country.trim();
	if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
	const key = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	return COUNTRY_CODES[key] ?? 'FR';
}

function partyAddress(address: PostalAddress | null) {
	return {
		line1: address?.line1 ?? '',
		line2: address?.line2 ?? '',
		postalCode: address?.postalCode ?? '',
		city: address?.city ?? '',
		country: countryCode(address?.country ?? '')
	};
}

function addressName(address: PostalAddress): string {
	return (
		address.professionalName || [address.firstName, address.lastName].filter(Boolean).join(' ')
	);
}

/**
 * The payment means the invoice asks for (BT-81): what was tendered at the counter for a paid
 * ticket (A2), else a credit transfer to the shop's IBAN, how public bodies pay (docs/rules.md#chorus-pro).
 */
function paymentMeansOf(invoice: IssuedInvoice, amounts: InvoiceAmounts): EInvoice['paymentMeans'] {
	const { document } = invoice;
	if (invoice.kind === 'credit-note') return null;
	const iban = compactCode(document.seller.iban);
	if (amounts.dueCents !== 0) return { code: '30', iban };
	const counter = document.payments
		.filter((payment) => payment.method !== 'en-compte')
		.sort((a, b) => b.amountCents - a.amountCents)[0];
	const codes: Partial<Record<PaymentMethod, PaymentMeansCode>> = {
		especes: '10',
		cheque: '20',
		virement: '30',
		carte: '48'
	};
	const code = (counter && codes[counter.method]) ?? '1';
	return { code, iban: code === '30' ? iban : '' };
}

/** The mentions of CGI ann. II art. 242 nonies A and L441-9, as coded notes (BR-FR: PMT/PMD/AAB). */
function notesOf(
	invoice: IssuedInvoice,
	professional: boolean,
	channel: InvoiceChannel
): EInvoiceNote[] {
	const { document } = invoice;
	return [
		...(channel === 'plateforme' ? [{ subject: 'BAR' as const, text: 'B2B' }] : []),
		{
			subject: 'PMD',
			text: 'Pénalités de retard : trois fois le taux d’intérêt légal (Code de commerce L441-10).'
		},
		{
			subject: 'PMT',
			text: professional
				? 'Indemnité forfaitaire pour frais de recouvrement : 40 € (Code de commerce D441-5).'
				: 'Indemnité forfaitaire pour frais de recouvrement : sans objet (acheteur non professionnel).'
		},
		{ subject: 'AAB', text: 'Aucun escompte pour paiement anticipé.' },
		...(document.seller.vatRegime === 'debits'
			? [
					{
						subject: 'AAI' as const,
						text: 'Option pour le paiement de la taxe d’après les débits.'
					}
				]
			: []),
		...(document.textLines ?? []).map((line) => ({ subject: 'AAI' as const, text: line.text })),
		...(document.note ? [{ subject: 'AAI' as const, text: document.note }] : []),
		...(document.seller.invoiceFooter
			? [{ subject: 'AAI' as const, text: document.seller.invoiceFooter }]
			: [])
	];
}

/** Line description (BT-154): who wrote and published it, and the discount granted. */
function lineDescription(line: IssuedInvoice['document']['lines'][number]): string {
	const discount =
		line.discountCents !== 0
			? `Prix public ${formatEuros(line.unitPriceCents)} TTC, remise${
					line.discount?.kind === 'percent' ? ` ${formatBp(line.discount.bp)}` : ''
				} de ${formatEuros(Math.abs(line.discountCents))} TTC déduite`
			: '';
	return [line.authors, line.publisher, discount].filter(Boolean).join(' — ');
}

/**
 * The EN 16931 view of an issued invoice or credit note. A credit note made from a cancellation
 * holds negated figures; a 381 document states them positive (it is a credit by its type).
 */
export function eInvoiceOf(invoice: IssuedInvoice): EInvoice {
	const { document } = invoice;
	const creditNote = invoice.kind === 'credit-note';
	const sign = creditNote && document.totalCents < 0 ? -1 : 1;
	const amountsResult = ticketToInvoiceAmounts({
		lines: document.lines.map((line) => ({
			quantity: line.quantity * sign,
			ttcCents: assertCents(line.ttcCents * sign),
			vatRateBp: line.vatRateBp
		})),
		paidCents: assertCents(creditNote ? 0 : document.paidCents)
	});
	if (!amountsResult.ok) throw new RangeError(amountsResult.error.message);
	const amounts = amountsResult.value;
	const seller = document.seller;
	const buyer = document.buyer;
	const billing = document.billing;
	const professional = isProfessionalBuyer(buyer);
	const paymentMeans = paymentMeansOf(invoice, amounts);
	const channel = buyer ? invoiceChannelOf(buyer.status) : 'papier';
	const reform = channel === 'plateforme';
	const sellerSiren = compactCode(seller.siret).slice(0, 9);
	const buyerSiret = compactCode(buyer?.siret ?? '');
	const buyerSiren = reform ? buyer?.siren || buyerSiret.slice(0, 9) : '';
	const paidAtCounter = !creditNote && document.frame === 'A2' && amounts.dueCents === 0;
	return {
		number: invoice.number,
		typeCode: creditNote ? '381' : '380',
		issueDay: dayOf(invoice.issueDate),
		dueDay: creditNote ? null : dayOf(invoice.dueDate ?? document.dueDate ?? invoice.issueDate),
		frame: reform ? (paidAtCounter ? 'B2' : 'B1') : creditNote ? 'A1' : document.frame,
		channel,
		seller: {
			name: seller.legalName,
			tradingName: seller.tradeName !== seller.legalName ? seller.tradeName : '',
			siret: compactCode(seller.siret),
			siren: sellerSiren,
			electronicAddress: reform ? seller.einvoiceAddress || sellerSiren : '',
			vatNumber: compactCode(seller.vatNumber),
			address: {
				line1: seller.addressLine1,
				line2: seller.addressLine2,
				postalCode: seller.postalCode,
				city: seller.city,
				country: 'FR'
			},
			email: seller.email,
			phone: seller.phone
		},
		buyer: {
			name: (billing && addressName(billing)) || buyer?.name || 'Client comptoir',
			tradingName: '',
			siret: buyerSiret,
			siren: buyerSiren,
			electronicAddress: reform ? buyer?.einvoiceAddress || buyerSiren : '',
			vatNumber: compactCode(billing?.vatNumber ?? ''),
			address: partyAddress(billing),
			email: buyer?.email ?? '',
			phone: ''
		},
		buyerStatus: buyer?.status ?? null,
		references: document.references,
		precedingInvoice: document.creditedInvoice
			? {
					number: document.creditedInvoice.number,
					issueDay: dayOf(document.creditedInvoice.issueDate)
				}
			: null,
		deliveryDay: document.saleDay || dayOf(invoice.issueDate),
		deliveryAddress: document.delivery
			? { name: addressName(document.delivery), ...partyAddress(document.delivery) }
			: null,
		paymentMeans,
		paymentTerms: creditNote
			? 'Avoir à déduire du prochain règlement ou remboursé sur demande.'
			: amounts.dueCents === 0
				? 'Facture acquittée.'
				: 'Paiement par virement à réception de facture.',
		notes: notesOf(invoice, professional, channel),
		lines: document.lines.map((line, index) => {
			const ean = validateEan(line.ean);
			const figures = amounts.lines[index] as InvoiceAmounts['lines'][number];
			return {
				id: String(index + 1),
				gtin: ean.ok ? ean.value : '',
				sellerCode: ean.ok ? '' : line.ean,
				name: line.title || 'Article divers',
				description: lineDescription(line),
				quantity: line.quantity * sign,
				unitNetPrice: figures.unitNetPrice,
				netCents: figures.netCents,
				vatRateBp: line.vatRateBp
			};
		}),
		amounts,
		vatRegime: seller.vatRegime
	};
}

/** A VAT rate as an XML percentage: 550 → "5.5", 2000 → "20". */
export function ratePercent(rateBp: number): string {
	const whole = Math.trunc(rateBp / 100);
	const fraction = String(rateBp % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : String(whole);
}
