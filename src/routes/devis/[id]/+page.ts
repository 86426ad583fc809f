// One page per quote: read from IndexedDB in the browser, never prerendered. After an answer the
// page reads it again with `invalidateAll()`.
import { getQuoteView } from '$lib/services/quotes';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const id = Number(params.id);
	const today = parisToday();
	return { today, view: Number.isSafeInteger(id) ? await getQuoteView(id, today) : null };
};
