import type { Cents, Period } from '$lib/domain';
import { backupStatus } from './backup-repository';
import { dueClosings } from './closing-repository';
import { getDb } from './db';
import { chorusWorklist } from './chorus-repository';
import { hasManagerPin } from './security-repository';
import { overdraftWorklist } from './overdraft-repository';
import { getPreferences, getShopSettings } from './settings-repository';

/** The steps of a new shop, each done or not, in the order a bookseller takes them. */
export interface FirstRunSteps {
	readonly shop: boolean;
	readonly catalogue: boolean;
	readonly printer: boolean;
	readonly pin: boolean;
	readonly backup: boolean;
	readonly tillOpened: boolean;
}

/** What the home page says of the day: sales so far and what is waiting for the bookseller. */
export interface ShopDay {
	readonly ticketCount: number;
	readonly ttcCents: Cents;
	readonly dueClosings: readonly Period[];
	/** Invoices to public buyers waiting for a deposit or an answer on Chorus Pro. */
	readonly chorusActions: number;
	/** Vouchers, credit notes and deposits spent twice while the tills were offline, to settle. */
	readonly overdrafts: number;
}

export async function firstRunSteps(today: string): Promise<FirstRunSteps> {
	const db = getDb();
	const [shop, articles, preferences, pin, backup, sessions] = await Promise.all([
		getShopSettings(),
		db.articles.count(),
		getPreferences(),
		hasManagerPin(),
		backupStatus(today),
		db.tillSessions.count()
	]);
	return {
		shop: shop !== undefined,
		catalogue: articles > 0,
		printer: preferences.printer !== null || preferences.noReceiptPrinter,
		pin,
		backup: !backup.due,
		tillOpened: sessions > 0
	};
}

export async function shopDay(tillId: string, today: string): Promise<ShopDay> {
	const [totals, due, chorus, overdrafts] = await Promise.all([
		getDb().dailyTotals.get([tillId, today]),
		dueClosings(tillId, today),
		chorusWorklist(today),
		overdraftWorklist()
	]);
	return {
		ticketCount: totals?.ticketCount ?? 0,
		ttcCents: (totals?.ttcCents ?? 0) as Cents,
		dueClosings: due,
		chorusActions: chorus.actions.length,
		overdrafts: overdrafts.length
	};
}
