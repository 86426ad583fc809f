/**
 * The head office of a chain of shops (docs/replication.md#shops): its access to the hub, read from
 * the siege.json that `npm run shop-server -- init-hub` wrote, and one day of every shop read there.
 */
import {
	err,
	headOfficeRevisions,
	ok,
	parseHeadOfficeAccess,
	shopStocks,
	stockQueryOf,
	type StockAnswer,
	type HeadOfficeAccess,
	type Result
} from '$lib/domain';
import { getHeadOfficeAccess, saveHeadOfficeAccess } from '$lib/db/settings-repository';
import { csvRowsOf } from '$lib/export/files';
import { admitHub } from '$lib/sync/csp';
import {
	askShopsStock,
	publishChainCatalogue,
	readChainDay,
	type ChainDay
} from '$lib/sync/head-office';
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

/** The head office's access this browser keeps, or the French reason there is none. */
async function savedAccess(): Promise<Result<HeadOfficeAccess>> {
	const access = await getHeadOfficeAccess();
	return access ? ok(access) : err('NO_ACCESS', 'Indiquez d’abord le fichier d’accès du siège.');
}

/** A day (or a period) of every shop of the chain, as the hub keeps their records. */
export async function chainDay(input: {
	from: string;
	to: string;
	onProgress?: (read: number) => void;
}): Promise<Result<ChainDay>> {
	const saved = await savedAccess();
	if (!saved.ok) return saved;
	const access = saved.value;
	if (input.to < input.from) {
		return err('PERIOD', 'La fin de la période précède son début.', 'to');
	}
	return attempt(() => readChainDay(access, input, input.onProgress));
}

/**
 * Sends the head office's catalogue and prices, from a CSV file as a till imports it, to every
 * shop of the chain (docs/replication.md#head-office-catalogue): each shop's tills take them at
 * their next synchronisation, a shop's own price kept. A file with a line to correct sends nothing.
 */
export async function sendChainCatalogue(input: {
	file: Blob;
	by: string;
	onProgress?: (sent: number) => void;
}): Promise<Result<number>> {
	const saved = await savedAccess();
	if (!saved.ok) return saved;
	const access = saved.value;
	const items = headOfficeRevisions(await csvRowsOf(input.file), new Date().toISOString());
	if (!items.ok) return items;
	return attempt(
		() => publishChainCatalogue(access, items.value, `Siège (${input.by})`, input.onProgress),
		'Le catalogue du siège n’a pas été envoyé'
	);
}

/** Each shop's stock of the titles asked, as a till of it online answers; none: no till online. */
export interface ChainStock {
	readonly eans: readonly string[];
	readonly shops: readonly { shop: string; answer: StockAnswer | null }[];
}

export async function chainStock(input: { text: string }): Promise<Result<ChainStock>> {
	const saved = await savedAccess();
	if (!saved.ok) return saved;
	const access = saved.value;
	const query = stockQueryOf(input.text);
	if (!query.ok) return query;
	return attempt(async () => ({
		eans: query.value.eans,
		shops: shopStocks(access.shops, await askShopsStock(access, query.value))
	}));
}
