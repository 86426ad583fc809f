/**
 * How a user action answers the screen that asked for it: a Result whose failure carries one
 * French sentence. The technical cause of an unexpected failure is logged once, by errorMessage
 * (docs/architecture.md#errors); a refusal of Comptoir's own passes as it was written.
 */
import { err, ok, type Result } from '$lib/domain';
import { errorMessage } from '$lib/errors';
import { isQuotaExceeded } from '$lib/db/storage';

/** The code of a write refused because the device's storage is full. */
export const QUOTA = 'QuotaExceededError';

/** The stable code of a failure: a Comptoir refusal's own code, else the error's name. */
function codeOf(error: unknown): string {
	if (isQuotaExceeded(error)) return QUOTA;
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string') return code;
	return error instanceof Error || error instanceof DOMException ? error.name : 'UNKNOWN';
}

/**
 * Runs an action and answers with its value, or with the French reason it was not done. Every
 * multi-record write inside is one transaction, so a failure leaves nothing half-written.
 * `failure` prefixes the reason with what was not done, e.g. « La vente n’a pas été enregistrée ».
 */
export async function attempt<T>(action: () => Promise<T>, failure?: string): Promise<Result<T>> {
	try {
		return ok(await action());
	} catch (error) {
		const message = errorMessage(error);
		return err(codeOf(error), failure ? `${failure}\u00a0: ${message}` : message);
	}
}

/** The same, for an action that answers a Result of its own (a refusal of the domain's rules). */
export async function attemptResult<T>(
	action: () => Promise<Result<T>>,
	failure?: string
): Promise<Result<T>> {
	const done = await attempt(action, failure);
	return done.ok ? done.value : done;
}
