/**
 * E-reporting of the shop's sales to consumers (docs/invoices.md#e-reporting): the settings the
 * shop sets once (its PA, its VAT filing regime), and the file of a period to deposit on its PA,
 * checked before it is made, its export journaled (a second one of a period replaces the first: RE).
 */
import {
	checkEreportingParties,
	checkReportingPeriod,
	err,
	formatCount,
	ereportingXml,
	previousReportingPeriod,
	transmissionWindow,
	validateEreportingSettings,
	type EreportingSettings,
	type ReportingPeriod,
	type Result
} from '$lib/domain';
import {
	companySalesNotInvoicedOf,
	exportsMade,
	reportedDaysOf,
	recordExport
} from '$lib/db/export-repository';
import {
	getEreportingSettings,
	getShopSettings,
	saveEreportingSettings
} from '$lib/db/settings-repository';
import { attempt, attemptResult } from './outcome';

export { getEreportingSettings };

/** What the export journals itself as. */
const EXPORT = 'ereporting-xml';

export async function configureEreporting(input: {
	form: { platformId: string; platformName: string; regime: string };
	by: string;
}): Promise<Result<EreportingSettings>> {
	const settings = validateEreportingSettings(input.form);
	if (!settings.ok) return settings;
	return attempt(async () => {
		await saveEreportingSettings(settings.value, input.by);
		return settings.value;
	}, 'Les réglages de l’e-reporting n’ont pas été enregistrés');
}

/** The file of a period, for the shop's PA. */
export interface EreportingFile {
	readonly fileName: string;
	readonly xml: string;
	readonly typeCode: 'IN' | 'RE';
	readonly days: number;
}

export function ereportingFile(input: {
	from: string;
	to: string;
	by: string;
}): Promise<Result<EreportingFile>> {
	return attemptResult(async (): Promise<Result<EreportingFile>> => {
		const settings = await getEreportingSettings();
		if (!settings) {
			return err(
				'EREPORTING',
				'Renseignez d’abord la plateforme agréée et le régime de TVA (Paramètres › E-reporting).'
			);
		}
		const period = checkReportingPeriod(settings.regime, input.from, input.to);
		if (!period.ok) return period;
		const shop = await getShopSettings();
		const parties = checkEreportingParties({
			platformId: settings.platformId,
			platformName: settings.platformName,
			siren: (shop?.siret ?? '').replace(/\D/gu, '').slice(0, 9),
			name: shop?.legalName ?? ''
		});
		if (!parties.ok) {
			return err(
				'EREPORTING',
				`Paramètres › Boutique\u00a0: ${parties.error.message} (le SIREN est le début du SIRET de la boutique).`
			);
		}
		const notInvoiced = await companySalesNotInvoicedOf(input.from, input.to);
		if (notInvoiced.length > 0) return err('EREPORTING', notInvoicedMessage(notInvoiced));
		const days = await reportedDaysOf(period.value);
		const typeCode = (await exportsMade(EXPORT, input.from, input.to)) > 0 ? 'RE' : 'IN';
		const xml = ereportingXml({
			parties: parties.value,
			period: period.value,
			days,
			typeCode,
			issuedAt: new Date()
		});
		await recordExport(EXPORT, {
			from: input.from,
			to: input.to,
			rows: days.length,
			by: input.by,
			typeCode
		});
		return {
			ok: true,
			value: {
				fileName: `e-reporting_${input.from}_${input.to}_${typeCode}.xml`,
				xml,
				typeCode,
				days: days.length
			}
		};
	}, 'Le fichier d’e-reporting n’a pas été fait');
}

/** Names the sales to companies the period waits for, the first ten by number. */
function notInvoicedMessage(numbers: readonly number[]): string {
	const shown = numbers.slice(0, 10).join(', ');
	const more = numbers.length > 10 ? ` et ${formatCount(numbers.length - 10)} autres` : '';
	return numbers.length === 1
		? `Le ticket n° ${shown} est une vente à une entreprise sans facture\u00a0: faites sa facture (Tickets de caisse › Gérer le ticket › « Enregistrer et créer une facture »). Elle part en facture électronique, pas dans l’e-reporting.`
		: `Les tickets n° ${shown}${more} sont des ventes à des entreprises sans facture\u00a0: faites leur facture (Tickets de caisse › Gérer le ticket › « Enregistrer et créer une facture »). Elles partent en facture électronique, pas dans l’e-reporting.`;
}

/** A period whose file is due, and when it is to be transmitted when the source says. */
export interface EreportingDue {
	readonly period: ReportingPeriod;
	readonly window: ReturnType<typeof transmissionWindow>;
}

/**
 * The period whose file is due, for the home page's reminder: the last one that ended, when it had
 * sales and was not exported yet. Null when the shop did not set its e-reporting up.
 */
export async function ereportingDue(today: string): Promise<EreportingDue | null> {
	const settings = await getEreportingSettings();
	if (!settings) return null;
	const period = previousReportingPeriod(settings.regime, today);
	// A period whose sales all went to companies has nothing to report: they are e-invoiced.
	const [days, made] = await Promise.all([
		reportedDaysOf(period),
		exportsMade(EXPORT, period.start, period.end)
	]);
	return made === 0 && days.length > 0
		? { period, window: transmissionWindow(settings.regime, period) }
		: null;
}
