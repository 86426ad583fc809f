// « Prêts »: the open loans (overdue first) and the last closed, read when the screen opens.
import { loanLists } from '$lib/services/loans';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	const today = parisToday();
	return { today, lists: await loanLists(today) };
};
