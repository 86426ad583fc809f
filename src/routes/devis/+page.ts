// « Devis »: the last quotes with their status today, read from IndexedDB when the screen opens.
import { listQuotes } from '$lib/services/quotes';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	const today = parisToday();
	return { today, quotes: await listQuotes(today) };
};
