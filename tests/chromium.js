// Debian's Chromium, headless, on a closed network: shared by Vitest browser mode (vite.config.ts),
// the e2e harness and the benchmarks. Without the background-networking flags Chromium keeps
// trying to reach Google's hosts (../shared/TOOLCHAIN.md).
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
