// A pure client-side app: prerender the shell, render everything in the browser.
export const prerender = true;
export const ssr = false;
