/**
 * Paramètres › Conformité (docs/conformite/manuel.md): the fiscal version of this build, the
 * attestation to print, and the package to hand an inspector — the documentation, the fiscal
 * perimeter, the attestation, the public keys and the last archives with how to check them.
 */
import {
	formatDate,
	perimeterListing,
	publicKeyFingerprint,
	type FiscalPerimeter,
	type Result
} from '$lib/domain';
import { getShopSettings } from '$lib/db/settings-repository';
import { inspectorPackageParts, recordInspectorPackage } from '$lib/db/compliance-repository';
import { zipWriter } from '$lib/export/zip';
import { FISCAL_RELEASE, SOFTWARE_NAME } from '$lib/fiscal-release';
import { publicKeyPem } from '$lib/signature';
import { attempt } from './outcome';
import perimeter from '../../../docs/conformite/perimetre.json';

export { FISCAL_RELEASE };

/** The documentation of the conformity file, as the repository holds it (French). */
const DOCUMENTATION = import.meta.glob<string>('../../../docs/conformite/*.md', {
	query: '?raw',
	import: 'default'
});

const PERIMETER = perimeter as FiscalPerimeter;

async function attestationFor(today: string): Promise<Blob> {
	const shop = await getShopSettings();
	if (!shop) throw new Error('Renseignez d’abord la boutique dans Paramètres › Boutique.');
	const { attestationPdf } = await import('$lib/pdf/attestation-pdf');
	return attestationPdf({
		shop,
		release: FISCAL_RELEASE,
		software: SOFTWARE_NAME,
		releasedOn: PERIMETER.recordedOn,
		today
	});
}

/** The attestation filled with the shop's identity and this version, to sign and keep. */
export function attestation(input: {
	today: string;
}): Promise<Result<{ pdf: Blob; fileName: string }>> {
	return attempt(
		async () => ({
			pdf: await attestationFor(input.today),
			fileName: `attestation-caisse-${FISCAL_RELEASE.version}.pdf`
		}),
		'L’attestation n’a pas été faite'
	);
}

/** The ZIP for an inspector, journaled with who made it. */
export function inspectorPackage(input: {
	by: string;
	today: string;
	now?: Date;
}): Promise<Result<{ blob: Blob; fileName: string }>> {
	return attempt(async () => {
		const now = input.now ?? new Date();
		const [pdf, parts] = await Promise.all([
			attestationFor(input.today),
			inspectorPackageParts(input.by)
		]);
		const zip = zipWriter(now);
		for (const [path, load] of Object.entries(DOCUMENTATION)) {
			zip.add(`documentation/${path.split('/').at(-1)}`, await load());
		}
		zip.add('perimetre-fiscal.txt', perimeterListing(PERIMETER.files));
		zip.add('attestation.pdf', new Uint8Array(await pdf.arrayBuffer()));
		zip.add('cles/cle-publique.pem', publicKeyPem(parts.publicKeySpki));
		parts.formerKeys.forEach((key, index) =>
			zip.add(`cles/cle-anterieure-${index + 1}.pem`, publicKeyPem(key))
		);
		for (const archive of parts.archives) {
			if (archive.blob)
				zip.add(`archives/${archive.fileName}`, new Uint8Array(await archive.blob.arrayBuffer()));
		}
		zip.add('LISEZMOI.txt', packageReadme(parts, now));
		const { blob } = zip.finish();
		await recordInspectorPackage({
			by: input.by,
			version: FISCAL_RELEASE.version,
			fingerprint: FISCAL_RELEASE.fingerprint,
			archives: parts.archives.filter((archive) => archive.blob).map((archive) => archive.fileName)
		});
		return { blob, fileName: `dossier-controle-caisse-${input.today}.zip` };
	}, 'Le dossier de contrôle n’a pas été fait');
}

function packageReadme(
	parts: Awaited<ReturnType<typeof inspectorPackageParts>>,
	now: Date
): string {
	const archives = parts.archives.map((archive) =>
		archive.blob
			? `- archives/${archive.fileName} : vérifiez-la par « npm run verify-archive -- archives/${archive.fileName} »`
			: `- ${archive.fileName} : NON JOINTE, elle n’a pas pu être refaite à l’identique (${archive.problem})`
	);
	return `Dossier de contrôle de la caisse — ${SOFTWARE_NAME}
Fait le ${formatDate(now)}. Version fiscale ${FISCAL_RELEASE.version}, empreinte du périmètre ${FISCAL_RELEASE.fingerprint}${FISCAL_RELEASE.documented ? '' : ' (ATTENTION : différente de celle de la version documentée)'}.

Contenu :
- documentation/ : le dossier de conformité (exigences, architecture, algorithmes, périmètre fiscal, plan de tests, manuel)
- perimetre-fiscal.txt : les fichiers du périmètre fiscal et leur SHA-256 ; dans les sources de cette version, « sha256sum -c perimetre-fiscal.txt » les vérifie, et « sha256sum perimetre-fiscal.txt » donne l’empreinte ci-dessus
- attestation.pdf : l’attestation individuelle (CGI art. 286-I-3° bis)
- cles/ : la clé publique de la caisse (empreinte ${publicKeyFingerprint(parts.publicKeySpki)})${parts.formerKeys.length > 0 ? ' et ses clés antérieures' : ''}, qui vérifient les signatures
${archives.length > 0 ? archives.join('\n') : '- aucune archive n’a encore été faite (Rapports et clôtures › Archives)'}

La vérification des archives n’a besoin que de Node.js et des sources de Comptoir : voir documentation/manuel.md.
`;
}
