/**
 * Wraps an async loader so that only the last call's result is used: when a bookseller pages
 * through tickets faster than they load (Précédent, Suivant, Précédent), an earlier, slower answer
 * never paints over the ticket now asked for. Resolves to the result, or to `stale` when a later
 * call was made before this one finished.
 */
export const STALE: unique symbol = Symbol('stale');

export function latestCall<A extends unknown[], R>(
	load: (...args: A) => Promise<R>
): (...args: A) => Promise<R | typeof STALE> {
	let last = 0;
	return async (...args) => {
		const call = ++last;
		const result = await load(...args);
		return call === last ? result : STALE;
	};
}
