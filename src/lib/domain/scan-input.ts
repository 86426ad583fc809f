import { err, ok, type Result } from './result';

/** The most copies one line of the till takes from a typed quantity (a class set is ~35). */
export const MAX_TYPED_QUANTITY = 999;

/** What was typed in the till's scan field: an optional quantity, then a code or words. */
export interface ScanInput {
	/** `30*` before the code: the quantity to ring up; null when none was typed. */
	quantity: number | null;
	/** The code or the words that follow the quantity (may be empty: « 30* » alone). */
	text: string;
}

/**
 * Reads « 30*9782070360024 » (or « 30 * jardin », or « 30* » alone) as cash registers do: a
 * quantity, the multiplication key, then the article. Anything without `*` is the article alone.
 */
export function parseScanInput(typed: string): Result<ScanInput> {
	const match = /^\s*(\d+)\s*[*×]\s*(.*)$/su.exec(typed);
	if (!match) return ok({ quantity: null, text: typed.trim() });
	const quantity = Number(match[1]);
	if (quantity < 1 || quantity > MAX_TYPED_QUANTITY) {
		return err(
			'QUANTITY_INVALID',
			`Quantité ${quantity} impossible\u00a0: tapez de 1 à ${MAX_TYPED_QUANTITY} avant «\u00a0*\u00a0».`,
			'quantity'
		);
	}
	// Group 2 always takes part in the match (it may be empty): String() only satisfies the types.
	return ok({ quantity, text: String(match[2]).trim() });
}
