// « Commandes clients »: the bookseller's four lists, read from IndexedDB in the browser when the
// screen opens (the page is prerendered as an empty shell: `ssr` is off for the whole app).
import { orderWorklists } from '$lib/services/orders';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	const today = parisToday();
	return { today, lists: await orderWorklists(today) };
};
