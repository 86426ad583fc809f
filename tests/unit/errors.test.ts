import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from '$lib/errors';
import { SaleRejectedError } from '$lib/db/ticket-repository';

describe('errorMessage: every error reaches the bookseller in French', () => {
	afterEach(() => vi.restoreAllMocks());

	it('passes Comptoir’s own refusals as they are, without logging them', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(errorMessage(new SaleRejectedError('DAY_CLOSED', 'La journée est clôturée.'))).toBe(
			'La journée est clôturée.'
		);
		expect(log).not.toHaveBeenCalled();
	});

	it.each([
		[
			new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
			/^Espace de stockage plein/u
		],
		[
			Object.assign(new Error('Key already exists in the object store.'), {
				name: 'ConstraintError'
			}),
			/en double/u
		],
		[
			Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }),
			/rechargez la page/u
		],
		[new TypeError("Cannot read properties of undefined (reading 'id')"), /^Erreur inattendue/u],
		['a string thrown', /^Erreur inattendue/u]
	])('turns %s into French and logs the cause', (error, french) => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(errorMessage(error)).toMatch(french);
		expect(log).toHaveBeenCalledWith('Comptoir:', error);
	});
});
