/**
 * One recorded ticket's screen: the ticket, its neighbours in the list it came from, and what the
 * bookseller does to it. Each change is journaled with its author (AuthoredChange) and goes through
 * the tickets' services; a slower answer for a ticket left since never paints (latestCall).
 */
import {
	formatDay,
	formatEuros,
	proposedDueDay,
	termDaysOf,
	type InvoiceDetails,
	type ManagerAction,
	type Result,
	type ShopSettings
} from '$lib/domain';
import { customerDisplayName, type CustomerRow } from '$lib/services/customers';
import { parisToday } from '$lib/services/clock';
import { getShopSettings } from '$lib/services/settings';
import {
	attachCustomerToTicket,
	cancelTicket,
	getTicketView,
	neighbourTicketId,
	printTicket,
	recordSettlement,
	saveInvoiceDetails,
	saveTicketNote,
	type TicketView
} from '$lib/services/tickets';
import { downloadBlob } from '$lib/export/files';
import { AuthoredChange } from './authored-change.svelte';
import { cart } from './cart.svelte';
import { latestCall, STALE } from './latest-call';
import { ticketBrowse } from './ticket-browse.svelte';

export type SettlementMethod = 'especes' | 'carte' | 'cheque' | 'virement';

export class TicketPage {
	id = $state(0);
	view = $state.raw<TicketView | null | undefined>(undefined);
	shop = $state.raw<ShopSettings | null>(null);
	neighbours = $state<{ previous: number | null; next: number | null }>({
		previous: null,
		next: null
	});
	/** The form of the change under way is closed once the change is made. */
	action = $state<'cancel' | 'customer' | 'note' | 'new-customer' | 'settle' | null>(null);
	note = $state('');
	readonly change = new AuthoredChange();

	/** The ticket and its neighbours; a slower answer for a ticket left since never paints. */
	private readonly fetchTicket = latestCall(async (ticketId: number) => ({
		view: Number.isSafeInteger(ticketId) ? await getTicketView(ticketId) : null,
		previous: await this.neighbourOf(ticketId, -1),
		next: await this.neighbourOf(ticketId, 1)
	}));

	async load(ticketId: number): Promise<void> {
		this.id = ticketId;
		if (!this.shop) this.shop = (await getShopSettings()) ?? null;
		const found = await this.fetchTicket(ticketId);
		if (found === STALE) return;
		this.view = found.view;
		this.note = found.view?.annotations.note ?? '';
		this.neighbours = { previous: found.previous, next: found.next };
	}

	private async neighbourOf(ticketId: number, direction: -1 | 1): Promise<number | null> {
		const inList = ticketBrowse.neighbour(ticketId, direction);
		return inList === undefined ? neighbourTicketId(ticketId, direction) : inList;
	}

	/** Refreshes this ticket and the list it came from (a cancellation adds a row to it). */
	async refresh(): Promise<void> {
		await ticketBrowse.reload?.();
		await this.load(this.id);
	}

	/** A change journaled with its author (and the manager's PIN for a `gate`d one). */
	private act<T>(
		action: (by: string) => Promise<Result<T>>,
		notice: (value: T) => string,
		gate?: ManagerAction
	) {
		return this.change.act(action, notice, {
			gate,
			after: () => {
				this.action = null;
				return this.refresh();
			}
		});
	}

	async cancel(refundAsCreditNote: boolean): Promise<void> {
		const { view, shop } = this;
		if (!view || !shop) return;
		const ticketId = view.ticket.id;
		await this.act(
			(by) =>
				cancelTicket({
					ticketId,
					tillId: shop.tillId,
					by,
					refund: refundAsCreditNote ? 'credit-note' : 'same-methods'
				}),
			({ cancellation, creditNote }) => {
				const issued = cancellation.payments.find((p) => p.method === 'avoir' && p.amountCents < 0);
				return `Ticket n° ${cancellation.number} enregistré\u00a0: il annule ce ticket.${creditNote ? ` Avoir n° ${creditNote.number} émis sur la facture.` : ''}${refundAsCreditNote && issued?.reference ? ` Avoir client n° ${issued.reference} de ${formatEuros(-issued.amountCents)}.` : ''}`;
			},
			'cancel-ticket'
		);
	}

	async attach(customer: CustomerRow | null): Promise<void> {
		const ticketId = this.id;
		await this.act(
			(by) => attachCustomerToTicket({ ticketId, customerId: customer?.id ?? null, by }),
			() =>
				customer
					? `Client ${customerDisplayName(customer)} attaché au ticket.`
					: 'Client retiré du ticket.'
		);
	}

	async saveNote(): Promise<void> {
		const ticketId = this.id;
		const text = this.note;
		await this.act(
			(by) => saveTicketNote({ ticketId, note: text, by }),
			() => 'Note interne enregistrée.'
		);
	}

	async settle(settlement: { settledDay: string; method: SettlementMethod }): Promise<void> {
		const ticketId = this.id;
		await this.act(
			(by) => recordSettlement({ ticketId, settlement, by }),
			() => `Règlement du ${formatDay(settlement.settledDay)} enregistré.`
		);
	}

	/**
	 * The due date the invoice proposes for what the sale left « en compte » and not yet settled:
	 * the one agreed at the till, else the customer's term (docs/invoices.md#payment-terms).
	 */
	dueDay(): string | undefined {
		const current = this.view;
		if (!current || current.invoice || current.annotations.settledDay) return undefined;
		return proposedDueDay(
			[current.ticket],
			termDaysOf(current.customer ?? { status: 'particulier' }),
			parisToday()
		);
	}

	async saveDetails(details: InvoiceDetails): Promise<string | null> {
		const ticketId = this.id;
		return this.act(
			(by) => saveInvoiceDetails({ ticketId, details, by }),
			(saved) =>
				saved.created
					? `Facture n° ${saved.created.number} créée.`
					: `Adresses et références enregistrées\u00a0; la facture n° ${saved.invoice.number} reste telle qu’émise. Pour la corriger\u00a0: «\u00a0Émettre un avoir et refacturer\u00a0» sur la facture.`
		);
	}

	async print(kind: 'ticket' | 'gift'): Promise<void> {
		const { view, shop } = this;
		if (!view || !shop) return;
		const customerName = view.customer ? customerDisplayName(view.customer) : undefined;
		this.change.notice = await printTicket({ ticket: view.ticket, shop, kind, customerName });
		await this.load(this.id);
	}

	async ticketAsPdf(): Promise<void> {
		const { view, shop } = this;
		if (!view || !shop) return;
		const { ticketPdf } = await import('$lib/pdf/ticket-pdf');
		const customer = view.customer;
		downloadBlob(
			await ticketPdf({
				ticket: view.ticket,
				shop,
				invoiceNumber: view.invoice?.number ?? view.creditNote?.number ?? '',
				customerNumber: customer?.number ?? '',
				loyaltyCard: customer?.loyaltyCard ?? '',
				customerAddress: customer ? customerDisplayName(customer) : '',
				cancelledByNumber: view.cancelledBy?.number ?? null,
				cancelsNumber: view.cancels?.number ?? null
			}),
			`ticket-${view.ticket.tillId}-${view.ticket.number}.pdf`
		);
		this.change.notice = 'PDF du ticket téléchargé.';
	}

	async invoiceAsPdf(): Promise<void> {
		const invoice = this.view?.invoice ?? this.view?.creditNote;
		if (!invoice) return;
		const { invoicePdf } = await import('$lib/pdf/invoice-pdf');
		const credit = invoice.kind === 'credit-note';
		downloadBlob(
			await invoicePdf(invoice),
			`${credit ? 'avoir' : 'facture'}-${invoice.number}.pdf`
		);
		this.change.notice = `PDF ${credit ? 'de l’avoir' : 'de la facture'} n° ${invoice.number} téléchargé.`;
	}

	/** Puts the ticket's lines (or their inverse) in the till's sale; true when done. */
	async backToTill(sign: 1 | -1): Promise<boolean> {
		if (!this.view) return false;
		const result = await cart.addTicketLines(this.view.ticket.lines, sign);
		if (!result.ok) this.change.error = result.error.message;
		return result.ok;
	}
}
