// One page per invoice: rendered in the browser from IndexedDB, never prerendered.
export const prerender = false;
