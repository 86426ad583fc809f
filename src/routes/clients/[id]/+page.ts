// One page per customer: rendered in the browser from IndexedDB, never prerendered.
export const prerender = false;
