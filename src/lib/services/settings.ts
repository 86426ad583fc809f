/** The shop's settings, the till's preferences and printer, the account plan, the manager PIN. */
export {
	getAccountPlan,
	getPreferences,
	getShopSettings,
	saveAccountPlan,
	savePreferences,
	saveShopSettings,
	shopSettingsStore,
	type PrinterDevice,
	type TillPreferences
} from '$lib/db/settings-repository';
export { checkManagerPin, hasManagerPin, setManagerPin } from '$lib/db/security-repository';
