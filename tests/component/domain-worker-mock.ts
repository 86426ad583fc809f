// jsdom has no Worker: components talk to the same domain functions in-process. The worker
// itself is tested in real Chromium (tests/browser/domain-worker.test.ts).
import * as domain from '$lib/domain';

export const inProcessDomain = {
	domainWorker: () => ({
		computeTicketTotals: async (input: domain.TicketInput) =>
			domain.computeTicketTotals(structuredClone(input)),
		validatePayments: async (input: domain.PaymentInput) =>
			domain.validatePayments(structuredClone(input)),
		ticketToInvoiceAmounts: domain.ticketToInvoiceAmounts,
		parseEuros: domain.parseEuros
	})
};
