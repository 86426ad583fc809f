import { assertCents, type Cents } from '$lib/domain';
import { getDb } from './db';
import type { BalanceAccountKind, BalanceAccountRow } from './schema';

export interface AccountWithBalance {
	account: BalanceAccountRow;
	balanceCents: Cents;
}

/**
 * A gift voucher, credit note or deposit by its printed code, with its balance: the initial
 * amount plus every movement recorded against it (a balance is never stored, never edited).
 */
export async function findAccountByCode(code: string): Promise<AccountWithBalance | undefined> {
	const db = getDb();
	const account = await db.balanceAccounts.where('code').equals(code.trim().toUpperCase()).first();
	if (!account?.id) return undefined;
	return { account, balanceCents: await balanceOf(account) };
}

export async function balanceOf(account: BalanceAccountRow): Promise<Cents> {
	const movements = await getDb()
		.balanceMovements.where('accountId')
		.equals(account.id as number)
		.toArray();
	return assertCents(account.initialCents + movements.reduce((sum, m) => sum + m.amountCents, 0));
}

export const ACCOUNT_KIND_FOR_METHOD: Readonly<Record<string, BalanceAccountKind>> = {
	'bon-cadeau': 'gift-voucher',
	avoir: 'credit-note',
	acompte: 'deposit'
};
