/**
 * Replication with the shop's server (docs/replication.md): the till's credentials, read from the
 * file `npm run shop-server -- init` wrote, checked against the shop's settings and saved.
 */
import {
	err,
	parseSyncCredentials,
	validatePin,
	type Result,
	type SyncCredentials
} from '$lib/domain';
import { isDemoActive } from '$lib/db/db';
import { getShopSettings } from '$lib/db/settings-repository';
import {
	getSyncSettings,
	peerTills,
	saveSyncSettings,
	syncStatusStore,
	type SyncStatus
} from '$lib/db/replication-repository';
import { settleOverdraft as recordSettlement } from '$lib/db/overdraft-repository';
import type { OverdraftFixForm } from '$lib/domain';
import { hasBusinessData } from '$lib/db/backup-repository';
import { RebuildRefusedError, undoInterruptedReplacement } from '$lib/db/till-rebuild-repository';
import { frenchError } from '$lib/sync/link-errors';
import type { ReplacementSummary } from '$lib/sync/till-rebuild';
import { attempt, attemptResult } from './outcome';

export { getSyncSettings, peerTills, syncStatusStore, type ReplacementSummary, type SyncStatus };

/**
 * Saves the till's credentials. They must name this till: its tickets carry its id, and only that
 * id's subjects are open to it on the server.
 */
export async function configureSync(input: {
	text: string;
	by: string;
}): Promise<Result<SyncCredentials>> {
	const parsed = parseSyncCredentials(input.text);
	if (!parsed.ok) return parsed;
	const credentials = parsed.value;
	// The demonstration's made-up tickets would reach the real shop's stream under a real till's
	// name, where no till may delete them (docs/replication.md#trial).
	if (isDemoActive() && !credentials.trial) {
		return err(
			'DEMO',
			'Boutique de démonstration\u00a0: elle se relie seulement à un serveur d’essai (fichiers écrits par «\u00a0npm run shop-server -- init --trial\u00a0»), jamais à celui de votre boutique.'
		);
	}
	const shop = await getShopSettings();
	if (!shop) {
		return err('NO_SHOP', 'Renseignez d’abord la boutique (section «\u00a0Boutique\u00a0»).');
	}
	if (shop.tillId !== credentials.tillId) {
		return err(
			'OTHER_TILL',
			`Ce fichier est celui de la caisse ${credentials.tillId}, et cette caisse s’appelle ${shop.tillId} (section «\u00a0Boutique\u00a0»). Choisissez le fichier de ${shop.tillId}, ou changez l’identifiant de caisse d’abord.`
		);
	}
	return attempt(async () => {
		await saveSyncSettings(credentials, input.by);
		return credentials;
	}, 'La synchronisation n’a pas été enregistrée');
}

/** Forgets the server: the till works alone again, its records kept. */
export function stopSyncing(input: { by: string }): Promise<Result<void>> {
	return attempt(() => saveSyncSettings(null, input.by), 'La synchronisation n’a pas été arrêtée');
}

/**
 * Settles a voucher, credit note or deposit spent twice while the tills were offline: a movement
 * bringing it back to zero, with its author and how it was settled, journaled and sent to the
 * other tills (docs/replication.md#double-spend).
 */
export function settleOverdraft(input: {
	code: string;
	form: OverdraftFixForm;
	by: string;
}): Promise<Result<{ amountCents: number }>> {
	return attemptResult(() => recordSettlement(input), 'Le règlement n’a pas été enregistré');
}

/** Whether this browser may take a lost till's place: no shop in it yet, nor the demonstration. */
export async function canReplaceTill(): Promise<boolean> {
	// A replacement a closed page left half made is undone first: it is started again whole.
	await undoInterruptedReplacement();
	return !isDemoActive() && !(await hasBusinessData());
}

/**
 * « Remplacer une caisse »: on a new computer, the till whose computer was lost or broke comes
 * back from the shop's server — its sealed records checked and written back, its key change
 * sealed with the manager's new PIN and who authorised it — and goes on with its numbers and
 * chains (docs/replication.md#lost-till). The synchronisation started afterwards brings the rest.
 */
export async function replaceLostTill(input: {
	text: string;
	pin: string;
	by: string;
	onProgress?: (read: number, total: number) => void;
}): Promise<Result<ReplacementSummary & { tillId: string }>> {
	const parsed = parseSyncCredentials(input.text);
	if (!parsed.ok) return parsed;
	const credentials = parsed.value;
	const pin = validatePin(input.pin);
	if (!pin.ok) return pin;
	if (isDemoActive()) {
		return err(
			'DEMO',
			'Boutique de démonstration\u00a0: quittez-la avant de remplacer une caisse de votre boutique.'
		);
	}
	try {
		// The NATS client loads with the first replacement, never on a till's ordinary start.
		const { replaceTill } = await import('$lib/sync/till-rebuild');
		const summary = await replaceTill({ credentials, ...input });
		return { ok: true, value: { ...summary, tillId: credentials.tillId } };
	} catch (error) {
		const reason = error instanceof RebuildRefusedError ? error.message : frenchError(error);
		return err(
			'REPLACEMENT',
			`La caisse ${credentials.tillId} n’a pas été remplacée\u00a0: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`
		);
	}
}
