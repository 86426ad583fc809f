import { ratePercent, type EInvoice } from './einvoice';
import { PAYMENT_MEANS_LABELS } from './einvoice';
import { formatEuros } from './format';
import { validateFrenchVatNumber, validateSiret } from './identifiers';
import type { IssuedInvoice } from './invoice-document';
import { err, ok, type Result } from './result';
import { formatDay, validatePastDay } from './ticket-period';

/**
 * Chorus Pro, the portal public buyers receive invoices through (docs/rules.md#chorus-pro): the checks made
 * before an export, the values to type on "Déposer facture" in the portal's order, and the
 * statuses the bookseller records by hand with the action each one asks for.
 */

export interface PreflightCheck {
	/** What is checked, as the checklist shows it. */
	readonly label: string;
	/** null when it passes; otherwise exactly what to fix, and where. */
	readonly problem: string | null;
}

/** One line of a checklist: its problem, or null when it passes. */
export function preflightCheck(label: string, problem: string | null | false): PreflightCheck {
	return { label, problem: problem || null };
}

/** The checks every export path makes on what the shop sends (docs/invoices.md#checked-before-numbering). */
export function commonChecks(invoice: IssuedInvoice, einvoice: EInvoice, receiver: string) {
	const seller = invoice.document.seller;
	const missingShop = [
		!seller.legalName.trim() && 'raison sociale',
		!seller.addressLine1.trim() && 'adresse',
		!seller.postalCode.trim() && 'code postal',
		!seller.city.trim() && 'ville'
	].filter(Boolean);
	return {
		document: preflightCheck(
			'Document à déposer',
			invoice.kind === 'proforma' &&
				'Une facture pro forma ne se dépose pas : produisez d’abord la facture définitive.'
		),
		shop: preflightCheck(
			'Identité de la librairie',
			missingShop.length > 0 && `Complétez dans Paramètres › Boutique : ${missingShop.join(', ')}.`
		),
		vatNumber: preflightCheck(
			'N° de TVA de la librairie',
			!validateFrenchVatNumber(seller.vatNumber).ok &&
				'Le numéro de TVA intracommunautaire de la librairie est absent ou invalide : corrigez-le dans Paramètres › Boutique.'
		),
		// A credit note must cite the invoice it corrects (BT-25); an invoice, say how it is paid.
		// Each document is shown only the check that concerns it.
		byKind:
			invoice.kind === 'credit-note'
				? preflightCheck(
						'Facture d’origine de l’avoir',
						!invoice.document.creditedInvoice &&
							`Cet avoir ne cite pas la facture qu’il corrige (numéro et date) : ${receiver} le refusera.`
					)
				: preflightCheck(
						'Mode de règlement',
						einvoice.paymentMeans?.code === '30' &&
							!einvoice.paymentMeans.iban &&
							'Règlement par virement sans IBAN : saisissez l’IBAN de la librairie dans Paramètres › Boutique.'
					)
	};
}

/** Code service: letters, digits, `_`, `-` and spaces, at most 100 characters (docs/rules.md#chorus-pro). */
const SERVICE_CODE = /^[A-Za-z0-9_\- ]{1,100}$/u;

/**
 * The checklist shown before a Chorus Pro export; any problem blocks it. It repeats what the
 * portal (and einvoice-check --chorus) would refuse, in words a bookseller can act on.
 */
export function chorusPreflight(
	invoice: IssuedInvoice,
	einvoice: EInvoice,
	today: string
): PreflightCheck[] {
	const { document } = invoice;
	const seller = document.seller;
	const buyer = document.buyer;
	const references = document.references;
	const common = commonChecks(invoice, einvoice, 'Chorus Pro');
	const serviceRequired = buyer?.serviceCodeRequired ?? false;
	const engagementRequired = buyer?.engagementRequired ?? false;
	const oneOfRequired = buyer?.oneOfRequired ?? false;
	return [
		common.document,
		common.shop,
		preflightCheck(
			'SIRET de la librairie',
			!validateSiret(seller.siret).ok &&
				'Le SIRET de la librairie est absent ou invalide : corrigez-le dans Paramètres › Boutique.'
		),
		common.vatNumber,
		preflightCheck(
			'SIRET client',
			!buyer
				? 'La facture n’a pas de client : un organisme public se désigne par son SIRET.'
				: !buyer.siret
					? `Le SIRET de ${buyer.name} manque : ajoutez-le à sa fiche client, puis refaites la facture.`
					: !validateSiret(buyer.siret).ok &&
						`Le SIRET de ${buyer.name} (${buyer.siret}) est invalide : corrigez sa fiche client.`
		),
		preflightCheck(
			'Code service',
			references.serviceCode
				? !SERVICE_CODE.test(references.serviceCode) &&
						'Le code service ne peut contenir que des lettres sans accent, des chiffres, « _ », « - » et des espaces (100 caractères au plus).'
				: serviceRequired &&
						'Ce client exige un code service (annuaire Chorus Pro) : saisissez-le dans Adresses et références.'
		),
		preflightCheck(
			'N° d’engagement',
			references.engagementNumber.length > 50
				? `Le n° d’engagement fait ${references.engagementNumber.length} caractères : 50 au plus.`
				: !references.engagementNumber &&
						(engagementRequired
							? 'Ce client exige un n° d’engagement (bon de commande) : saisissez-le dans Adresses et références.'
							: oneOfRequired &&
								!references.serviceCode &&
								'Ce client exige un code service ou un n° d’engagement : saisissez l’un des deux.')
		),
		common.byKind,
		preflightCheck(
			'Numéro et date',
			invoice.number.length > 20
				? 'Le numéro de facture dépasse 20 caractères.'
				: einvoice.issueDay > today && 'La date de facture est dans le futur.'
		)
	];
}

export function preflightPasses(checks: readonly PreflightCheck[]): boolean {
	return checks.every((check) => check.problem === null);
}

export interface DepositField {
	readonly label: string;
	readonly value: string;
}

export interface DepositGuide {
	readonly header: readonly DepositField[];
	readonly lines: readonly (readonly DepositField[])[];
	readonly vat: readonly (readonly DepositField[])[];
	readonly totals: readonly DepositField[];
}

/** A decimal as typed on the portal: comma, no currency sign. */
function portalAmount(cents: number): string {
	return formatEuros(cents)
		.replace(/\s?€$/u, '')
		.replace(/[\u00a0\u202f]/gu, ' ');
}

/**
 * Each value to type or check on the portal's "Déposer facture" form, in its order (docs/features.md:
 * cadre, destinataire, références, lignes, récapitulatif TVA, montants).
 */
export function depositGuide(einvoice: EInvoice): DepositGuide {
	const { amounts } = einvoice;
	const creditNote = einvoice.typeCode === '381';
	return {
		header: [
			{
				label: 'Cadre de facturation',
				value:
					einvoice.frame === 'A2'
						? 'A2 — Dépôt par un fournisseur d’une facture déjà payée'
						: 'A1 — Dépôt par un fournisseur d’une facture'
			},
			{ label: 'Destinataire (SIRET)', value: einvoice.buyer.siret },
			{ label: 'Code service', value: einvoice.references.serviceCode },
			{ label: 'N° de facture', value: einvoice.number },
			{ label: 'Date de facture', value: formatDay(einvoice.issueDay) },
			{ label: 'Type de facture', value: creditNote ? 'Avoir' : 'Facture' },
			{
				label: 'Type de TVA',
				value: einvoice.vatRegime === 'debits' ? 'TVA sur les débits' : 'TVA sur les encaissements'
			},
			{
				label: 'Mode de règlement',
				value: einvoice.paymentMeans ? PAYMENT_MEANS_LABELS[einvoice.paymentMeans.code] : ''
			},
			{ label: 'N° d’engagement', value: einvoice.references.engagementNumber },
			{ label: 'N° de marché', value: einvoice.references.marketNumber },
			...(einvoice.precedingInvoice
				? [
						{ label: 'N° de la facture d’origine', value: einvoice.precedingInvoice.number },
						{
							label: 'Date de la facture d’origine',
							value: formatDay(einvoice.precedingInvoice.issueDay)
						}
					]
				: []),
			{ label: 'Devise', value: 'EUR' }
		],
		lines: einvoice.lines.map((line) => [
			{ label: 'Référence', value: line.gtin || line.sellerCode },
			{ label: 'Désignation', value: line.name },
			{ label: 'Quantité', value: String(line.quantity) },
			{ label: 'Unité', value: 'Unité' },
			{ label: 'Prix unitaire HT', value: line.unitNetPrice.replace('.', ',') },
			{ label: 'Taux de TVA', value: `${ratePercent(line.vatRateBp).replace('.', ',')} %` },
			{ label: 'Montant HT', value: portalAmount(line.netCents) }
		]),
		vat: amounts.vatBreakdown.map((rate) => [
			{ label: 'Taux de TVA', value: `${ratePercent(rate.vatRateBp).replace('.', ',')} %` },
			{ label: 'Base HT', value: portalAmount(rate.taxableCents) },
			{ label: 'Montant de TVA', value: portalAmount(rate.vatCents) }
		]),
		totals: [
			{ label: 'Total HT', value: portalAmount(amounts.totalWithoutVatCents) },
			{ label: 'Total TVA', value: portalAmount(amounts.vatTotalCents) },
			{ label: 'Total TTC', value: portalAmount(amounts.totalWithVatCents) },
			...(amounts.paidCents !== 0
				? [{ label: 'Montant déjà payé', value: portalAmount(amounts.paidCents) }]
				: []),
			{ label: 'Net à payer', value: portalAmount(amounts.dueCents) }
		]
	};
}

/** Statuses of an invoice on Chorus Pro (docs/rules.md#chorus-pro), as the bookseller reads them there. */
export const CHORUS_STATUSES = [
	'deposee',
	'mise-a-disposition',
	'a-recycler',
	'suspendue',
	'rejetee',
	'service-fait',
	'mandatee',
	'mise-en-paiement',
	'completee'
] as const;

export type ChorusStatus = (typeof CHORUS_STATUSES)[number];

export const CHORUS_STATUS_LABELS: Readonly<Record<ChorusStatus, string>> = {
	deposee: 'Déposée',
	'mise-a-disposition': 'Mise à disposition du destinataire',
	'a-recycler': 'À recycler',
	suspendue: 'Suspendue',
	rejetee: 'Rejetée',
	'service-fait': 'Service fait',
	mandatee: 'Mandatée',
	'mise-en-paiement': 'Mise en paiement',
	completee: 'Complétée'
};

/** What the bookseller must do now, or null when the invoice follows its course. */
export function chorusAction(status: ChorusStatus | null): string | null {
	switch (status) {
		case null:
			return 'À déposer sur Chorus Pro (Déposer facture), puis enregistrer le statut « Déposée ».';
		case 'a-recycler':
			return 'Corriger sur le portail le SIRET, le code service ou le n° d’engagement (seuls ces champs), puis redéposer sous le même numéro de facture.';
		case 'suspendue':
			return 'Ajouter les pièces jointes ou le commentaire demandés sur le portail, puis enregistrer « Complétée ».';
		case 'rejetee':
			return 'Prendre acte du rejet sur le portail, puis émettre une nouvelle facture avec un nouveau numéro (faire un avoir de celle-ci).';
		default:
			return null;
	}
}

/** Rejections and suspensions are to be acknowledged within 7 days (docs/rules.md#chorus-pro). */
export const ACKNOWLEDGE_WITHIN_DAYS = 7;

export interface ChorusStatusInput {
	readonly status: string;
	readonly day: string;
	readonly certificateNumber: string;
	readonly note: string;
}

/** A status typed by hand: a known status, a date not in the future, the deposit's number. */
export function validateChorusStatus(
	input: ChorusStatusInput,
	today: string
): Result<{
	status: ChorusStatus;
	day: string;
	certificateNumber: string;
	note: string;
}> {
	const status = CHORUS_STATUSES.find((known) => known === input.status);
	if (!status) return err('STATUS_UNKNOWN', 'Choisissez un statut dans la liste.', 'status');
	const day = validatePastDay(input.day, today, 'du statut');
	if (!day.ok) return day;
	const certificateNumber = input.certificateNumber.trim();
	if (status === 'deposee' && !certificateNumber) {
		return err(
			'CERTIFICATE_MISSING',
			'Saisissez le numéro du certificat de dépôt donné par Chorus Pro.',
			'certificateNumber'
		);
	}
	const note = input.note.trim();
	if ((status === 'rejetee' || status === 'suspendue') && !note) {
		return err(
			'REASON_MISSING',
			'Recopiez le motif donné par le destinataire : il dira quoi corriger.',
			'note'
		);
	}
	return ok({ status, day: day.value, certificateNumber, note });
}
