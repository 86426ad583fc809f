import { formatDay, formatSiret, type FiscalRelease, type ShopSettings } from '$lib/domain';
import { MARGIN, newDocument, PAGE_WIDTH, writeLines } from './layout';
import { PDF_FONT } from './fonts';

/**
 * The individual attestation of CGI art. 286-I-3° bis (docs/conformite/manuel.md#attestation),
 * laid out as the administration's model: the publisher's part (the software, its version and the
 * fingerprint of its fiscal files, the four conditions it meets; its representative's name, place,
 * date and signature by hand) and the user's part (the shop it is given to, the version it uses).
 */
export async function attestationPdf(input: {
	readonly shop: ShopSettings;
	readonly release: FiscalRelease;
	readonly software: string;
	/** The day the fiscal version was recorded: « mis sur le marché à compter du ». */
	readonly releasedOn: string;
	readonly today: string;
}): Promise<Blob> {
	const { shop, release, software } = input;
	const title = 'Attestation individuelle — logiciel de caisse';
	const doc = await newDocument(title, shop);
	const width = PAGE_WIDTH - 2 * MARGIN;
	doc.setFont(PDF_FONT, 'bold');
	doc.setFontSize(11);
	let y = writeLines(
		doc,
		[
			'ATTESTATION INDIVIDUELLE RELATIVE À L’UTILISATION D’UN LOGICIEL OU D’UN SYSTÈME DE CAISSE SATISFAISANT À DES CONDITIONS D’INALTÉRABILITÉ, DE SÉCURISATION, DE CONSERVATION ET D’ARCHIVAGE DES DONNÉES EN VUE DU CONTRÔLE DE L’ADMINISTRATION FISCALE, PRÉVUE AU 3° bis DU I DE L’ARTICLE 286 DU CODE GÉNÉRAL DES IMPÔTS (CGI)'
		],
		MARGIN,
		20,
		width
	);
	const part = (heading: string, lines: readonly string[]) => {
		doc.setFont(PDF_FONT, 'bold');
		doc.setFontSize(10);
		y = writeLines(doc, [heading], MARGIN, y + 6, width);
		doc.setFont(PDF_FONT, 'normal');
		doc.setFontSize(9.5);
		y = writeLines(doc, lines, MARGIN, y + 1, width);
	};
	part('1. L’éditeur', [
		'Je soussigné(e), ……………………………………………………, représentant légal de ……………………………………………………, éditeur du logiciel de caisse dénommé :',
		`${software}, version fiscale ${release.version}`,
		`(empreinte SHA-256 des fichiers de son périmètre fiscal : ${release.fingerprint}),`,
		`atteste que ce logiciel, mis sur le marché à compter du ${formatDay(input.releasedOn)}, satisfait aux conditions d’inaltérabilité, de sécurisation, de conservation et d’archivage des données en vue du contrôle de l’administration fiscale, prévues au 3° bis du I de l’article 286 du CGI :`,
		'– inaltérabilité : chaque ticket, facture, clôture et événement est chaîné (SHA-256) et signé (ECDSA P-256) ; une correction est une opération nouvelle (annulation), jamais une suppression ;',
		'– sécurisation : journal des événements chaîné, clôtures journalière, mensuelle et annuelle avec grand total perpétuel, mode formation séparé, duplicata numérotés, vérification de l’intégrité ;',
		'– conservation : les données restent sur le poste de la boutique, sauvegardées, six ans au moins ;',
		'– archivage : archives mensuelles et annuelles signées, lisibles (CSV, JSON), vérifiables sans le logiciel (npm run verify-archive).',
		'Le dossier de conformité qui décrit ces fonctions et le plan de tests qui les prouve est joint au dossier de contrôle (Paramètres › Conformité).',
		'',
		'Fait à ……………………………………, le ………………………………',
		'Signature :'
	]);
	y += 18;
	part('2. L’entreprise utilisatrice', [
		'Cette attestation est délivrée à :',
		shop.legalName +
			(shop.tradeName && shop.tradeName !== shop.legalName ? ` (${shop.tradeName})` : ''),
		`${shop.addressLine1}${shop.addressLine2 ? `, ${shop.addressLine2}` : ''}, ${shop.postalCode} ${shop.city}`,
		`SIRET ${formatSiret(shop.siret)}${shop.vatNumber ? ` — N° TVA ${shop.vatNumber}` : ''}`,
		`pour l’utilisation du logiciel ${software}, version fiscale ${release.version}, sur sa caisse ${shop.tillId}.`,
		`Attestation éditée le ${formatDay(input.today)}. L’entreprise la conserve et la présente à toute demande de l’administration (à défaut : 7 500 € d’amende par système de caisse, CGI art. 1770 duodecies).`
	]);
	if (!release.documented) {
		doc.setTextColor(160, 0, 0);
		writeLines(
			doc,
			[
				'ATTENTION : les fichiers de cette installation ne sont pas ceux de la version fiscale documentée ; cette attestation ne la couvre pas.'
			],
			MARGIN,
			y + 8,
			width
		);
	}
	return doc.output('blob');
}
