import type { FiscalRelease, FiscalVersionStamp } from '$lib/domain';

/**
 * The fiscal version of this build and its fingerprint (docs/conformite/perimetre.md), computed
 * by the build from the perimeter's files: shown in Paramètres › Conformité, recorded in every
 * closing and archive.
 */
export const FISCAL_RELEASE: FiscalRelease = __FISCAL_RELEASE__;

/** The software as the attestation and the archives name it. */
export const SOFTWARE_NAME = 'Comptoir (caisse et facturation pour librairies)';

/** What a closing or an archive records of this build. */
export function fiscalStamp(): FiscalVersionStamp {
	return { version: FISCAL_RELEASE.version, fingerprint: FISCAL_RELEASE.fingerprint };
}
