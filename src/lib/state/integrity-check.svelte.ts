import { errorMessage } from '$lib/errors';
import { type IntegrityReport, verifyIntegrity } from '$lib/services/closings';

/**
 * « Vérifier l'intégrité » as the page shows it, kept beyond the page: ten years take most of a
 * minute, the bookseller may go and sell meanwhile, and comes back to its progress or its verdict.
 * One check at a time.
 */
class IntegrityCheckState {
	checking = $state(false);
	checked = $state(0);
	total = $state(0);
	report = $state.raw<IntegrityReport | null>(null);
	failure = $state('');

	async start(): Promise<void> {
		if (this.checking) return;
		this.checking = true;
		this.failure = '';
		this.report = null;
		this.checked = 0;
		this.total = 0;
		try {
			this.report = await verifyIntegrity((checked, total) => {
				this.checked = checked;
				this.total = total;
			});
		} catch (error) {
			this.failure = errorMessage(error);
		} finally {
			this.checking = false;
		}
	}
}

export const integrityCheck = new IntegrityCheckState();
