// One page per customer: read from IndexedDB in the browser, never prerendered. After an action
// the page reads it again with `invalidateAll()`.
import { getCustomerFileView } from '$lib/services/customers';
import { customerOrdersOf } from '$lib/services/orders';
import { getPreferences } from '$lib/services/settings';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const customerId = Number(params.id);
	const known = Number.isSafeInteger(customerId);
	const [view, preferences, orders] = await Promise.all([
		known ? getCustomerFileView(customerId, parisToday()) : null,
		getPreferences(),
		known ? customerOrdersOf(customerId) : []
	]);
	return { customerId, view, orders, loyaltyRateBp: preferences.loyaltyRateBp };
};
