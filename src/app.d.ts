// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	/** The fiscal version and fingerprint this build was made of (vite.config.ts). */
	const __FISCAL_RELEASE__: import('$lib/domain/fiscal').FiscalRelease;
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
