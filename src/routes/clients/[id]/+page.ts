// One page per customer: read from IndexedDB in the browser, never prerendered. After an action
// the page reads it again with `invalidateAll()`.
import { getCustomerFileView } from '$lib/services/customers';
import { getPreferences } from '$lib/services/settings';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const customerId = Number(params.id);
	const [view, preferences] = await Promise.all([
		Number.isSafeInteger(customerId) ? getCustomerFileView(customerId, parisToday()) : null,
		getPreferences()
	]);
	return { customerId, view, loyaltyRateBp: preferences.loyaltyRateBp };
};
