/**
 * The head office of a chain of shops (docs/replication.md#shops): its access to the hub, read from
 * the siege.json that `npm run shop-server -- init-hub` wrote, and one day of every shop read there.
 */
import { err, parseHeadOfficeAccess, type HeadOfficeAccess, type Result } from '$lib/domain';
import { getHeadOfficeAccess, saveHeadOfficeAccess } from '$lib/db/settings-repository';
import { admitHub } from '$lib/sync/csp';
import { readChainDay, type ChainDay } from '$lib/sync/head-office';
import { attempt } from './outcome';

export { getHeadOfficeAccess, type ChainDay };

/** Saves the head office's access, and tells the service worker to admit its hub. */
export async function configureHeadOffice(input: {
	text: string;
	by: string;
}): Promise<Result<HeadOfficeAccess>> {
	const parsed = parseHeadOfficeAccess(input.text);
	if (!parsed.ok) return parsed;
	return attempt(async () => {
		await saveHeadOfficeAccess(parsed.value, input.by);
		await admitHub(parsed.value.server);
		return parsed.value;
	}, 'L’accès au siège n’a pas été enregistré');
}

/** Forgets the hub: this browser is no longer the head office's. */
export function forgetHeadOffice(input: { by: string }): Promise<Result<void>> {
	return attempt(async () => {
		await saveHeadOfficeAccess(null, input.by);
		await admitHub(null);
	}, 'L’accès au siège n’a pas été oublié');
}

/** A day (or a period) of every shop of the chain, as the hub keeps their records. */
export async function chainDay(input: {
	from: string;
	to: string;
	onProgress?: (read: number) => void;
}): Promise<Result<ChainDay>> {
	const access = await getHeadOfficeAccess();
	if (!access) return err('NO_ACCESS', 'Indiquez d’abord le fichier d’accès du siège.');
	if (input.to < input.from) {
		return err('PERIOD', 'La fin de la période précède son début.', 'to');
	}
	return attempt(() => readChainDay(access, input, input.onProgress));
}
