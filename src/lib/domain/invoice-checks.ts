import { chorusPreflight } from './chorus';
import { invoiceChannelOf } from './discount';
import type { CustomerFile } from './customer';
import { eInvoiceOf } from './einvoice';
import type { InvoiceBuyer, IssuedInvoice } from './invoice-document';
import { platformPreflight } from './platform';
import type { FieldErrors } from './shop';
import {
	NO_REFERENCES,
	type InvoiceDetailsField,
	type InvoiceReferences,
	type PostalAddress
} from './ticket-annotations';

/**
 * What an invoice must carry before it gets its number (docs/invoices.md#checked-before-numbering):
 * the customer's name and address (CGI ann. II art. 242 nonies A, I-3°), and for a public buyer
 * everything Chorus Pro would refuse. A number once given is never taken back, so a document that
 * would be blocked is not issued.
 */

export interface InvoiceDetails {
	readonly billing: PostalAddress | null;
	readonly delivery: PostalAddress | null;
	readonly references: InvoiceReferences;
	/** The due date chosen for what is left to pay, when the form asked for one. */
	readonly dueDay?: string | null;
}

/** The customer file's fields an invoice starts from. */
export type InvoicingCustomer = Pick<
	CustomerFile,
	'lastName' | 'firstName' | 'professionalName' | 'addresses' | 'chorusServiceCode'
> & {
	readonly postalCode?: string;
	readonly vatNumber?: string;
	readonly chorusEngagementNumber?: string;
	readonly chorusMarketNumber?: string;
};

/** One side's default address of the customer file, as the invoice names it. */
export function customerPostalAddress(
	customer: InvoicingCustomer,
	side: 'billing' | 'delivery'
): PostalAddress {
	const address =
		customer.addresses.find((a) =>
			side === 'billing' ? a.isDefaultBilling : a.isDefaultDelivery
		) ?? customer.addresses[0];
	return {
		professionalName: customer.professionalName,
		lastName: customer.lastName,
		firstName: customer.firstName,
		line1: address?.line1 ?? '',
		line2: address?.line2 ?? '',
		postalCode: address?.postalCode ?? customer.postalCode ?? '',
		city: address?.city ?? '',
		country: address && address.country !== 'FR' ? address.country : 'FRANCE',
		vatNumber: side === 'billing' ? (customer.vatNumber ?? '') : ''
	};
}

/**
 * The addresses and references an invoice starts with: the file's default billing address, its
 * delivery address when it is another one, and its Chorus Pro references.
 */
export function customerInvoiceDetails(customer: InvoicingCustomer): InvoiceDetails {
	const billingAddress =
		customer.addresses.find((a) => a.isDefaultBilling) ?? customer.addresses[0];
	const deliveryAddress =
		customer.addresses.find((a) => a.isDefaultDelivery) ?? customer.addresses[0];
	return {
		billing: customerPostalAddress(customer, 'billing'),
		delivery:
			deliveryAddress && deliveryAddress.id !== billingAddress?.id
				? customerPostalAddress(customer, 'delivery')
				: null,
		references: {
			...NO_REFERENCES,
			serviceCode: customer.chorusServiceCode,
			engagementNumber: customer.chorusEngagementNumber ?? '',
			marketNumber: customer.chorusMarketNumber ?? ''
		}
	};
}

/** A public buyer (collectivité, bibliothèque, école with a SIRET) is invoiced through Chorus Pro. */
export function isChorusBuyer(buyer: InvoiceBuyer | null): boolean {
	return buyer !== null && invoiceChannelOf(buyer.status) === 'chorus' && buyer.siret !== '';
}

/** A company is sent a reform e-invoice through the shop's plateforme agréée (CGI art. 289 bis). */
export function isPlatformBuyer(buyer: InvoiceBuyer | null): boolean {
	return buyer !== null && invoiceChannelOf(buyer.status) === 'plateforme';
}

/**
 * The fields of « Adresses et références » an invoice cannot be issued without, each with what to
 * type there.
 */
export function invoiceDetailsProblems(
	details: InvoiceDetails,
	buyer: InvoiceBuyer | null
): FieldErrors<InvoiceDetailsField> {
	const errors: FieldErrors<InvoiceDetailsField> = {};
	const billing = details.billing;
	const mention = '\u00a0: mention obligatoire de la facture (CGI, ann. II, art. 242 nonies A).';
	const billingName = billing && (billing.professionalName.trim() || billing.lastName.trim());
	if (!billingName && !buyer?.name.trim()) {
		errors['billing.lastName'] = `Saisissez le nom du client${mention}`;
	}
	if (!billing?.line1.trim()) errors['billing.line1'] = `Saisissez l’adresse du client${mention}`;
	if (!billing?.postalCode.trim()) {
		errors['billing.postalCode'] = `Saisissez le code postal du client${mention}`;
	}
	if (!billing?.city.trim()) errors['billing.city'] = `Saisissez la ville du client${mention}`;
	if (isChorusBuyer(buyer) && buyer) {
		const { serviceCode, engagementNumber } = details.references;
		if (buyer.serviceCodeRequired && !serviceCode) {
			errors['references.serviceCode'] =
				`${buyer.name} exige un code service (annuaire Chorus Pro)\u00a0: saisissez-le.`;
		}
		if (buyer.engagementRequired && !engagementNumber) {
			errors['references.engagementNumber'] =
				`${buyer.name} exige un n° d’engagement (bon de commande)\u00a0: saisissez-le.`;
		}
		if (buyer.oneOfRequired && !serviceCode && !engagementNumber) {
			errors['references.engagementNumber'] =
				`${buyer.name} exige un code service ou un n° d’engagement\u00a0: saisissez l’un des deux.`;
		}
	}
	return errors;
}

/**
 * Everything that stops an invoice from being issued, in words the bookseller can act on: the
 * missing details, then for a public buyer what the Chorus Pro pre-flight refuses, for a company
 * what the reform's rules refuse.
 */
export function issueBlockers(invoice: IssuedInvoice, today: string): string[] {
	const { document } = invoice;
	if (invoice.kind === 'credit-note') return [];
	const problems = invoiceDetailsProblems(document, document.buyer);
	const details = Object.values(problems);
	if (isPlatformBuyer(document.buyer)) {
		const platform = platformPreflight(invoice, eInvoiceOf(invoice), today)
			.filter((check) => check.problem !== null)
			.map((check) => `${check.label}\u00a0: ${check.problem}`);
		return [...details, ...platform];
	}
	if (!isChorusBuyer(document.buyer)) return details;
	// A reference already named above is not named twice.
	const named = new Set(
		[
			problems['references.serviceCode'] && 'Code service',
			problems['references.engagementNumber'] && 'N° d’engagement'
		].filter(Boolean)
	);
	const chorus = chorusPreflight(invoice, eInvoiceOf(invoice), today)
		.filter((check) => check.problem !== null && !named.has(check.label))
		.map((check) => `${check.label}\u00a0: ${check.problem}`);
	return [...details, ...chorus];
}
