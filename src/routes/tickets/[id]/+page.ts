// One page per recorded ticket: rendered in the browser from IndexedDB, never prerendered.
export const prerender = false;
