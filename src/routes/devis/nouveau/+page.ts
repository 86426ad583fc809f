// A new quote; `?client=ID` starts it from that customer's file.
import { getCustomer } from '$lib/services/customers';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
	const id = Number(url.searchParams.get('client'));
	return {
		customer: Number.isSafeInteger(id) && id > 0 ? ((await getCustomer(id)) ?? null) : null
	};
};
