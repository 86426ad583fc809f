// A ticket another till of the shop recorded, as this till kept it (docs/replication.md): read
// from IndexedDB in the browser, never prerendered.
import { getPeerTicketView } from '$lib/services/tickets';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params }) => {
	const number = Number(params.number);
	return {
		tillId: params.till,
		view: Number.isSafeInteger(number) ? await getPeerTicketView(params.till, number) : null
	};
};
