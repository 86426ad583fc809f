// One page per customer order: read from IndexedDB in the browser, never prerendered. After a
// step the page reads it again with `invalidateAll()`.
import { getOrderView } from '$lib/services/orders';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const id = Number(params.id);
	const today = parisToday();
	return { today, view: Number.isSafeInteger(id) ? await getOrderView(id, today) : null };
};
