/**
 * Expected failures travel as data, never as exceptions: Comlink keeps only name/message/stack
 * of a thrown Error, so the code would be lost across the worker (docs/decisions.md#result).
 */
export interface DomainError {
	/** Stable machine code, e.g. `DISCOUNT_ABOVE_CAP`. */
	readonly code: string;
	/** French sentence shown to the user where the value was typed. */
	readonly message: string;
	/** Which input the error belongs to (form field, line index…), when there is one. */
	readonly field?: string;
}

export type Result<T, E extends DomainError = DomainError> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
	return { ok: true, value };
}

export function err(code: string, message: string, field?: string): Result<never> {
	return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
