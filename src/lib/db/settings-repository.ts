import { liveQuery } from 'dexie';
import {
	DEFAULT_ACCOUNT_PLAN,
	type AccountPlan,
	type EreportingSettings,
	type HeadOfficeAccess,
	type ShopSettings
} from '$lib/domain';
import { getDb } from './db';
import { addJournalEntry } from './chain-repository';
import { queueShopChange, recordTables } from './record-sync';

/** The shop's identity, or undefined before the first setup. */
export async function getShopSettings(): Promise<ShopSettings | undefined> {
	const row = await getDb().settings.get('shop');
	return row?.key === 'shop' ? row.value : undefined;
}

/**
 * Saves the shop's identity and journals the change in the same transaction (a settings change
 * is an event the tax administration may ask about, BOI-TVA-DECLA-30-10-30).
 */
export async function saveShopSettings(shop: ShopSettings): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.settings, db.journal, db.chainHeads, ...recordTables(db)],
		async () => {
			const previous = await db.settings.get('shop');
			const at = new Date().toISOString();
			await db.settings.put({ key: 'shop', value: shop, updatedAt: at });
			// The other tills of the shop take the same identity (docs/replication.md#records).
			await queueShopChange(previous?.key === 'shop' ? previous.value : null, shop, at);
			const changed =
				previous?.key === 'shop'
					? Object.keys(shop).filter(
							(key) =>
								JSON.stringify(previous.value[key as keyof ShopSettings]) !==
								JSON.stringify(shop[key as keyof ShopSettings])
						)
					: Object.keys(shop);
			await addJournalEntry({
				at,
				type: 'settings-changed',
				detail: { section: 'shop', fields: changed }
			});
		}
	);
}

/**
 * The shop's identity as a live store (Dexie liveQuery is a valid Svelte store): every screen
 * showing it updates when it is saved, in this tab or another.
 */
export function shopSettingsStore() {
	return liveQuery(() => getShopSettings());
}

/** What a WebUSB receipt printer reported when it connected (@point-of-sale/webusb-receipt-printer). */
export interface PrinterDevice {
	productName: string;
	manufacturerName: string;
	serialNumber: string;
	vendorId: number;
	productId: number;
	language: 'esc-pos' | 'star-prnt' | 'star-line';
	codepageMapping: string;
}

/** Preferences of the till (printing, default discounts), with their defaults. */
export interface TillPreferences {
	/** Print every receipt without asking (off by default: since 1 Aug 2023 only on request). */
	autoPrint: boolean;
	/** 48 characters (80 mm paper) or 32 (58 mm). */
	receiptColumns: 48 | 32;
	/** The USB receipt printer chosen once, to reconnect without asking. */
	printer: PrinterDevice | null;
	/** Discount on books for public bodies and lending libraries, within the 9 % Loi Lang cap. */
	collectivityDiscountBp: number;
	/** Loyalty voucher earned, in basis points of purchases; 0 when the shop has no programme. */
	loyaltyRateBp: number;
	/** "Tarif école": discount on school books for customers on the school tariff. */
	schoolBookDiscountBp: number;
	/** The shop prints receipts through the browser's dialog: no USB receipt printer to choose. */
	noReceiptPrinter: boolean;
	/** Days after which a customer told of an arrival who has not come is listed (docs/orders.md). */
	orderPickupDays: number;
}

export const DEFAULT_PREFERENCES: TillPreferences = {
	autoPrint: false,
	receiptColumns: 48,
	printer: null,
	collectivityDiscountBp: 900,
	loyaltyRateBp: 0,
	schoolBookDiscountBp: 900,
	noReceiptPrinter: false,
	orderPickupDays: 15
};

export async function getPreferences(): Promise<TillPreferences> {
	const row = await getDb().settings.get('preferences');
	return { ...DEFAULT_PREFERENCES, ...(row?.value as Partial<TillPreferences> | undefined) };
}

export async function savePreferences(change: Partial<TillPreferences>): Promise<TillPreferences> {
	const db = getDb();
	return db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		const next = { ...(await getPreferences()), ...change };
		await db.settings.put({ key: 'preferences', value: { ...next } });
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'settings-changed',
			detail: { section: 'preferences', fields: Object.keys(change) }
		});
		return next;
	});
}

/** The account numbers of the accounting export (Paramètres → Comptabilité). */
/** The shop's e-reporting settings (PA, VAT filing regime), or null before they are set. */
export async function getEreportingSettings(): Promise<EreportingSettings | null> {
	const row = await getDb().settings.get('ereporting');
	return (row?.value as EreportingSettings | undefined) ?? null;
}

export function saveEreportingSettings(settings: EreportingSettings, by: string): Promise<void> {
	return saveJournaledSetting('ereporting', { ...settings }, { section: 'ereporting', by });
}

export async function getAccountPlan(): Promise<AccountPlan> {
	const row = await getDb().settings.get('accounting');
	return (row?.value as AccountPlan | undefined) ?? DEFAULT_ACCOUNT_PLAN;
}

export function saveAccountPlan(plan: AccountPlan): Promise<void> {
	return saveJournaledSetting('accounting', { ...plan }, { section: 'accounting' });
}

/** A setting and its journal entry, in one transaction (a settings change is journaled). */
async function saveJournaledSetting(
	key: 'ereporting' | 'accounting',
	value: Record<string, unknown>,
	detail: Record<string, unknown>
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		await db.settings.put({ key, value });
		await addJournalEntry({ at: new Date().toISOString(), type: 'settings-changed', detail });
	});
}

/**
 * The sale being rung up, kept on disk at every change so that a reload, a crash or a closed tab
 * never loses it (docs/till.md). Removed once the sale is recorded or abandoned. Opaque here: the
 * till's state module owns its shape.
 */
export async function saveCartDraft(draft: Record<string, unknown> | null): Promise<void> {
	const db = getDb();
	if (draft === null) await db.settings.delete('cart-draft');
	else await db.settings.put({ key: 'cart-draft', value: draft });
}

export async function getCartDraft(): Promise<Record<string, unknown> | undefined> {
	const row = await getDb().settings.get('cart-draft');
	return row?.key === 'cart-draft' ? row.value : undefined;
}

/** The head office's access to the chain's hub, or null where this browser is not the head office's. */
export async function getHeadOfficeAccess(): Promise<HeadOfficeAccess | null> {
	const row = await getDb().settings.get('head-office');
	return row ? (row.value as unknown as HeadOfficeAccess) : null;
}

/** Saves (or forgets) the head office's access, journaled with who did it. */
export async function saveHeadOfficeAccess(
	access: HeadOfficeAccess | null,
	by: string
): Promise<void> {
	const db = getDb();
	await db.transaction('rw', [db.settings, db.journal, db.chainHeads], async () => {
		if (access) await db.settings.put({ key: 'head-office', value: { ...access } });
		else await db.settings.delete('head-office');
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'settings-changed',
			detail: { section: 'head-office', server: access?.server ?? null, by }
		});
	});
}
