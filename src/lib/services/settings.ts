/** The shop's settings, the till's preferences and printer, the account plan, the manager PIN. */
import type { AccountPlan, Result, ShopSettings } from '$lib/domain';
import * as settingsDb from '$lib/db/settings-repository';
import * as securityDb from '$lib/db/security-repository';
import { attempt } from './outcome';

/**
 * The till's device preferences (printer, discounts, pick-up days) are saved as they are
 * chosen: nothing to refuse, nothing journaled, so they answer their new value directly.
 */
export {
	getAccountPlan,
	getPreferences,
	getShopSettings,
	savePreferences,
	shopSettingsStore,
	type PrinterDevice,
	type TillPreferences
} from '$lib/db/settings-repository';
export { checkManagerPin, hasManagerPin } from '$lib/db/security-repository';

/** The shop's identity as invoices and tickets print it, sent to the other tills; journaled. */
export function saveShopSettings(input: { shop: ShopSettings }): Promise<Result<void>> {
	return attempt(() => settingsDb.saveShopSettings(input.shop));
}

/** The accounts the sales journal and the FEC use (docs/rules.md#accounting). */
export function saveAccountPlan(input: { plan: AccountPlan }): Promise<Result<void>> {
	return attempt(() => settingsDb.saveAccountPlan(input.plan));
}

/** Sets or changes the manager's PIN; changing it asks for the current one (docs/integrity.md#pin). */
export function setManagerPin(input: { next: string; current: string }): Promise<Result<void>> {
	return attempt(() => securityDb.setManagerPin(input.next, input.current));
}
