import { commonChecks, preflightCheck, type PreflightCheck } from './chorus';
import type { EInvoice } from './einvoice';
import { validateElectronicAddress, validateSiren, validateSiret } from './identifiers';
import type { IssuedInvoice } from './invoice-document';

/**
 * The checklist before a company's invoice is numbered and exported for the shop's plateforme
 * agréée (docs/invoices.md#channels): what the French rules BR-FR (FNFE 1.4.0.03) would refuse,
 * in words a bookseller can act on. Any problem blocks the invoice.
 */
export function platformPreflight(
	invoice: IssuedInvoice,
	einvoice: EInvoice,
	today: string
): PreflightCheck[] {
	const { document } = invoice;
	const name = einvoice.buyer.name;
	const common = commonChecks(invoice, einvoice, 'la plateforme');
	// An address left empty is the party's SIREN (eInvoiceOf): only a typed one can be wrong.
	const address = (party: EInvoice['seller'], where: string): string | null => {
		const result = validateElectronicAddress(party.electronicAddress, party.siren);
		return result.ok ? null : `${result.error.message} ${where}`;
	};
	const shopSiret = validateSiret(document.seller.siret);
	const buyerSiren = validateSiren(einvoice.buyer.siren);
	return [
		common.document,
		common.shop,
		// BR-FR-10: the seller's SIREN (from its SIRET).
		preflightCheck(
			'SIREN de la librairie',
			!shopSiret.ok &&
				'Le SIRET de la librairie est absent ou invalide : corrigez-le dans Paramètres › Boutique.'
		),
		common.vatNumber,
		// BR-FR-13, BR-FR-23.
		preflightCheck(
			'Adresse électronique de la librairie',
			shopSiret.ok && address(einvoice.seller, 'Corrigez-la dans Paramètres › Boutique.')
		),
		// BR-FR-11.
		preflightCheck(
			'SIREN du client',
			einvoice.buyer.siren === ''
				? `Le SIREN de ${name} manque : ajoutez-le à sa fiche client (Clients › Modifier), puis refaites la facture.`
				: !buyerSiren.ok && `${buyerSiren.error.message} Corrigez la fiche client de ${name}.`
		),
		// BR-FR-12, BR-FR-21, BR-FR-23.
		preflightCheck(
			'Adresse électronique du client',
			buyerSiren.ok && address(einvoice.buyer, `Corrigez la fiche client de ${name}.`)
		),
		common.byKind,
		// BR-FR-01, BR-FR-02.
		preflightCheck(
			'Numéro et date',
			!/^[A-Za-z0-9+\-_/]{1,35}$/u.test(invoice.number)
				? 'Le numéro de facture compte 35 caractères au plus : lettres, chiffres, + - _ / sans espace.'
				: einvoice.issueDay > today && 'La date de facture est dans le futur.'
		)
	];
}
