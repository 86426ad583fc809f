// Chorus Pro's worklist, read from IndexedDB in the browser when the screen opens (the page is
// prerendered as an empty shell: `ssr` is off for the whole app).
import { chorusWorklist } from '$lib/services/invoices';
import { parisToday } from '$lib/services/clock';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => ({ lists: await chorusWorklist(parisToday()) });
