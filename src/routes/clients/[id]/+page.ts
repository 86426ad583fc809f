// One page per customer: read from IndexedDB in the browser, never prerendered. After an action
// the page reads it again with `invalidateAll()`.
import { customerFileEntriesOf, getCustomerFileView } from '$lib/services/customers';
import { getPreferences } from '$lib/services/settings';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const customerId = Number(params.id);
	const known = Number.isSafeInteger(customerId);
	const today = parisToday();
	const [view, preferences, entries] = await Promise.all([
		known ? getCustomerFileView(customerId, today) : null,
		getPreferences(),
		known ? customerFileEntriesOf(customerId, today) : []
	]);
	return { customerId, view, entries, loyaltyRateBp: preferences.loyaltyRateBp };
};
