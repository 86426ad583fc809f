/**
 * Paramètres › Synchronisation › « Accès des caisses » (docs/replication.md#till-access): with the
 * manager's file, see which tills the shop server lets in, revoke one (a lost or stolen computer),
 * or give a till a new access file (its former one refused) or a new till its first. The manager's
 * file is read for the action and never kept; each change is journaled with who made it.
 */
import {
	checkTillId,
	err,
	ok,
	parseManagerAccess,
	type ManagerAccess,
	type Result,
	type TillGrant
} from '$lib/domain';
import { recordEvent } from '$lib/db/chain-repository';
import { getSyncSettings } from '$lib/db/replication-repository';
import { refusesAccess } from '$lib/sync/link-errors';
import { TillAccessAdmin, TillAccessRefusedError } from '$lib/sync/till-keys';

/** The manager's file, for the server this till syncs with (the only one its page may reach). */
async function managerAccess(text: string): Promise<Result<ManagerAccess & { tillId: string }>> {
	const parsed = parseManagerAccess(text);
	if (!parsed.ok) return { ...parsed, error: { ...parsed.error, field: 'manager' } };
	const sync = await getSyncSettings();
	if (!sync) {
		return err(
			'NOT_SYNCED',
			'Reliez d’abord cette caisse au serveur de la boutique (fichier d’accès de la caisse ci-dessus).'
		);
	}
	if (sync.server !== parsed.value.server) {
		return err(
			'OTHER_SERVER',
			`Ce fichier du gérant est celui du serveur ${parsed.value.server}, et cette caisse se synchronise avec ${sync.server}.`,
			'manager'
		);
	}
	return ok({ ...parsed.value, tillId: sync.tillId });
}

async function withAdmin<T>(
	access: ManagerAccess,
	failure: string,
	work: (admin: TillAccessAdmin) => Promise<T>
): Promise<Result<T>> {
	let admin: TillAccessAdmin | null = null;
	try {
		admin = await TillAccessAdmin.open(access);
		return ok(await work(admin));
	} catch (error) {
		const reason =
			error instanceof TillAccessRefusedError
				? error.message
				: refusesAccess(error)
					? 'le serveur de la boutique refuse le fichier du gérant (clé ou droits).'
					: `le serveur de la boutique (${access.server}) ne répond pas\u00a0: vérifiez qu’il est démarré, puis recommencez.`;
		return err(
			'TILL_ACCESS',
			`${failure}\u00a0: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`
		);
	} finally {
		await admin?.close().catch(() => {});
	}
}

/** The tills the server knows, by rank, and whether each may sign in now. */
export async function readTillAccess(input: { text: string }): Promise<Result<TillGrant[]>> {
	const access = await managerAccess(input.text);
	if (!access.ok) return access;
	return withAdmin(access.value, 'Les accès n’ont pas pu être lus', (admin) => admin.grants());
}

/**
 * Revokes a till: the server drops it at once and refuses it afterwards, its records kept. Not this
 * till itself: its link would stop under the manager's hands.
 */
export async function revokeTillAccess(input: {
	text: string;
	tillId: string;
	by: string;
}): Promise<Result<TillGrant[]>> {
	const access = await managerAccess(input.text);
	if (!access.ok) return access;
	if (access.value.tillId === input.tillId) {
		return err(
			'THIS_TILL',
			`${input.tillId} est la caisse sur laquelle vous êtes\u00a0: révoquez-la depuis une autre caisse.`
		);
	}
	const revoked = await withAdmin(
		access.value,
		`L’accès de ${input.tillId} n’a pas été révoqué`,
		async (admin) => {
			await admin.revoke(input.tillId);
			return admin.grants();
		}
	);
	if (revoked.ok) {
		await recordEvent('till-access-revoked', { tillId: input.tillId, by: input.by });
	}
	return revoked;
}

/** A till's new access file (the former one refused from now on), or a new till's first. */
export interface IssuedAccess {
	readonly tillId: string;
	readonly tillIndex: number;
	readonly fileName: string;
	readonly file: string;
	readonly grants: TillGrant[];
}

export async function issueTillAccess(input: {
	text: string;
	tillId: string;
	by: string;
}): Promise<Result<IssuedAccess>> {
	const tillId = checkTillId(input.tillId);
	if (!tillId.ok) return tillId;
	const access = await managerAccess(input.text);
	if (!access.ok) return access;
	if (access.value.tillId === tillId.value) {
		return err(
			'THIS_TILL',
			`${tillId.value} est la caisse sur laquelle vous êtes\u00a0: son accès se renouvelle depuis une autre caisse.`,
			'tillId'
		);
	}
	const sync = await getSyncSettings();
	const issued = await withAdmin(
		access.value,
		`L’accès de ${tillId.value} n’a pas été créé`,
		async (admin) => {
			const user = await admin.grant(tillId.value);
			const file = `${JSON.stringify(
				{
					server: access.value.server,
					tillId: tillId.value,
					tillIndex: user.tillIndex,
					jwt: user.jwt,
					seed: user.seed,
					...(sync?.trial ? { trial: true } : {})
				},
				null,
				2
			)}\n`;
			return {
				tillId: tillId.value,
				tillIndex: user.tillIndex,
				fileName: `${tillId.value}.json`,
				file,
				grants: await admin.grants()
			};
		}
	);
	if (issued.ok) {
		await recordEvent('till-access-granted', {
			tillId: tillId.value,
			tillIndex: issued.value.tillIndex,
			by: input.by
		});
	}
	return issued;
}
