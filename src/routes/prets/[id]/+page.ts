// One page per loan: read from IndexedDB in the browser, never prerendered. After a return the
// page reads it again with `invalidateAll()`.
import { getLoanView } from '$lib/services/loans';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const id = Number(params.id);
	const today = parisToday();
	return { today, view: Number.isSafeInteger(id) ? await getLoanView(id, today) : null };
};
