// One page per quote: rendered in the browser from IndexedDB, never prerendered.
export const prerender = false;
