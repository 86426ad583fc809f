/**
 * The domain's computations, served off the main thread so the till never stalls
 * (docs/decisions.md#result). Every function returns a Result: Comlink keeps only
 * name/message/stack of a thrown Error.
 */
import { expose } from 'comlink';
import {
	computeTicketTotals,
	creditNoteLines,
	invertTicket,
	parseEuros,
	ticketToInvoiceAmounts,
	validatePayments
} from '$lib/domain';

const api = {
	computeTicketTotals,
	validatePayments,
	invertTicket,
	creditNoteLines,
	ticketToInvoiceAmounts,
	parseEuros,
	/** Round trip with no work, for the benchmark of the worker's own cost. */
	ping: (value: number) => value
};

export type DomainApi = typeof api;

expose(api);
