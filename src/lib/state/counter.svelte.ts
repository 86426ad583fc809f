/**
 * The till at the counter, as one screen's state: the shop and open session, the sale being paid,
 * what was just recorded, and what the till says under the scan field. The caisse page wires it to
 * its components; every write goes through the till's services.
 */
import {
	depositApplied,
	ok,
	isRefund,
	reservedCopies,
	type PaymentSummary,
	type SellableArticle,
	type ShopSettings,
	type TenderInput,
	type TicketsSummary
} from '$lib/domain';
import { getStock } from '$lib/services/catalogue';
import { recordEvent } from '$lib/services/journal';
import { getPreferences, getShopSettings } from '$lib/services/settings';
import { printTicket, type TicketRow } from '$lib/services/tickets';
import {
	checkout,
	currentSession,
	getCartDraft,
	lastTicketOf,
	printXReport,
	rememberedOpenTill,
	rememberOpenTill,
	saveCartDraft,
	type CashMovementRow,
	type TillSessionRow
} from '$lib/services/till';
import { printer } from '$lib/printing/printer.svelte';
import { readyOrdersHolding, readyOrdersOf, type OrderView } from '$lib/services/orders';
import { parisToday } from '$lib/services/clock';
import { cart, isCartDraft } from './cart.svelte';
import { ringUpOrderAtTill } from './sale-links';
import { managerGate } from './manager-gate.svelte';
import { syncLink } from '$lib/sync/sync.svelte';

export interface UnknownScan {
	readonly code: string | null;
	readonly message: string;
	readonly quantity: number;
}

export class Counter {
	shop = $state<ShopSettings | null | undefined>(undefined);
	session = $state<TillSessionRow | null | undefined>(undefined);
	paying = $state(false);
	unknown = $state<UnknownScan | null>(null);
	done = $state<{ ticket: TicketRow; customerName: string | null } | null>(null);
	notice = $state('');
	/** What the till says about the last article rung up (stock, quantity), under the scan field. */
	scanMessage = $state('');
	/** A sale brought back after a reload: said while that sale is on screen. */
	restoredNotice = $state('');
	/** Training mode: tickets on their own chain, counted nowhere, marked on the receipt. */
	training = $state(false);
	draftReady = $state(false);
	/** Articles scanned before the sale left on screen was brought back join it after. */
	#draftRestored: Promise<void>;
	#markDraftRestored: () => void = () => undefined;

	/**
	 * Gives the keyboard back to the scan field, ready for the next scan. The till this browser
	 * last showed open is shown at once, its scan field ready, while the database confirms it
	 * (docs/performance.md#cold-start).
	 */
	constructor(private readonly backToScan: () => void) {
		this.#draftRestored = new Promise((resolve) => (this.#markDraftRestored = resolve));
		const remembered = rememberedOpenTill();
		if (remembered) {
			this.shop = remembered.shop;
			this.session = remembered.session;
		}
	}

	/** The shop and the open session as the database holds them; remembered for the next start. */
	async load(): Promise<void> {
		const [settings, preferences] = await Promise.all([getShopSettings(), getPreferences()]);
		cart.setCollectivityDiscountBp(preferences.collectivityDiscountBp);
		cart.setSchoolBookDiscountBp(preferences.schoolBookDiscountBp);
		const session = settings ? ((await currentSession(settings.tillId)) ?? null) : null;
		this.shop = settings ?? null;
		this.session = session;
		rememberOpenTill(settings && session ? { shop: settings, session } : null);
	}

	/** A sale left on screen by a reload or a crash comes back as it was. */
	async restoreDraft(): Promise<void> {
		const saved = await getCartDraft();
		if (cart.isEmpty && isCartDraft(saved) && (saved.lines.length > 0 || saved.issues.length > 0)) {
			cart.restore(saved);
			const count = saved.lines.length;
			this.restoredNotice = `Vente en cours reprise\u00a0: ${count} ligne${count > 1 ? 's' : ''}.`;
		}
		this.draftReady = true;
		this.#markDraftRestored();
	}

	/** Every change of the sale is kept on disk until it is recorded. */
	keepDraft(): void {
		if (!this.draftReady) return;
		const draft = cart.draft();
		void saveCartDraft(draft.lines.length > 0 || draft.issues.length > 0 ? { ...draft } : null);
	}

	addArticle(article: SellableArticle, quantity = 1): void {
		if (!this.draftReady) {
			// Scanned as the till appears after a restart: added once the sale left on screen is back.
			void this.#draftRestored.then(() => this.addArticle(article, quantity));
			return;
		}
		this.done = null;
		this.unknown = null;
		this.notice = '';
		this.scanMessage = '';
		cart.addFromCatalogue(article, quantity);
		if (article.ean) {
			void this.warnAboutStock(article.ean, article.title);
			void this.offer(readyOrdersHolding(article.ean, parisToday()));
		}
	}

	/**
	 * Customer orders with copies set aside that this sale may be for (a copy scanned, their
	 * customer chosen): offered to ring up, never added unasked (docs/orders.md).
	 */
	orderOffers = $state.raw<OrderView[]>([]);

	/** The chosen customer's orders waiting at the till. */
	offerOrdersOf(customerId: number): void {
		void this.offer(readyOrdersOf(customerId, parisToday()));
	}

	private async offer(found: Promise<OrderView[]>): Promise<void> {
		const views = await found;
		const taken = [
			...cart.collections.map((collection) => collection.orderId),
			...this.orderOffers.map((view) => view.order.id)
		];
		const fresh = views.filter((view) => !taken.includes(view.order.id));
		if (fresh.length > 0) this.orderOffers = [...this.orderOffers, ...fresh];
	}

	/**
	 * « Encaisser la commande »: its copies set aside join the sale, with its deposit; a copy of
	 * them scanned just before, as a plain line, gives way to the order's line.
	 */
	async ringUpOffer(view: OrderView): Promise<void> {
		const plain = cart.lines.findIndex(
			(line) => !line.order && line.quantity > 0 && view.order.reservedEans.includes(line.ean)
		);
		const scanned = cart.lines[plain];
		if (scanned) {
			// Only the copies the order holds give way: more copies scanned stay sold as they were.
			const held = view.order.lines
				.filter((line) => line.ean === scanned.ean)
				.reduce((sum, line) => sum + reservedCopies(line), 0);
			if (scanned.quantity > held) await cart.setQuantity(plain, scanned.quantity - held);
			else cart.removeLine(plain);
		}
		const added = await ringUpOrderAtTill(view);
		this.scanMessage = added.ok ? '' : added.error.message;
		this.dismissOffer(view);
	}

	dismissOffer(view: OrderView): void {
		this.orderOffers = this.orderOffers.filter((offer) => offer.order.id !== view.order.id);
	}

	/**
	 * Selling more than the stock is allowed (the book may be on the shelf but not yet received,
	 * or counted wrong): the bookseller is told, and decides.
	 */
	private async warnAboutStock(ean: string, title: string): Promise<void> {
		const stock = await getStock(ean);
		const inSale = cart.quantityOf(ean);
		if (inSale > stock) {
			this.scanMessage = `Stock insuffisant pour «\u00a0${title}\u00a0»\u00a0: ${stock > 0 ? stock : 'aucun'} en stock, ${inSale} dans la vente. La vente reste possible.`;
		}
	}

	/** `30*` then Enter: the selected line takes that quantity. */
	async setSelectedQuantity(quantity: number): Promise<void> {
		const index = cart.selected;
		const line = cart.lines[index];
		if (!line) {
			this.scanMessage =
				'Aucune ligne sélectionnée\u00a0: tapez la quantité puis scannez l’article.';
			return;
		}
		const result = await cart.setQuantity(index, line.quantity < 0 ? -quantity : quantity);
		this.scanMessage = result.ok ? '' : result.error.message;
		if (result.ok && line.ean) await this.warnAboutStock(line.ean, line.title);
	}

	/** Enters or leaves training mode, between two sales, journaled. */
	async toggleTraining(): Promise<void> {
		if (!this.session) return;
		if (cart.lines.length > 0) {
			this.notice = 'Terminez ou abandonnez la vente en cours avant de changer de mode.';
			return;
		}
		if (!this.training && !(await managerGate.confirm('training-mode'))) return;
		this.training = !this.training;
		this.done = null;
		await recordEvent('training-mode', { on: this.training, cashier: this.session.cashier });
		this.notice = this.training
			? 'Mode formation\u00a0: les ventes sont fictives, sur leur propre chaîne, et ne comptent nulle part.'
			: 'Mode formation quitté\u00a0: les ventes sont de nouveau réelles.';
		this.backToScan();
	}

	/**
	 * What the payment panel offers first: the deposit of the customer orders rung up, spent up to
	 * what is due (docs/orders.md#deposits). Its balance is checked again when the sale is recorded.
	 */
	get presetTenders(): TenderInput[] {
		const deposit = cart.orderDeposit;
		const due = cart.amountToPayCents;
		if (!deposit || due === null || cart.collections.length === 0) return [];
		const applied = depositApplied(deposit.availableCents, due);
		return applied > 0
			? [
					{
						method: 'acompte',
						amountCents: applied,
						reference: deposit.code,
						availableCents: deposit.availableCents
					}
				]
			: [];
	}

	startPayment(): void {
		if (!cart.isEmpty) this.paying = true;
	}

	/** Records the sale with its tenders; the French reason when it was not recorded. */
	async validateSale(
		tenders: TenderInput[],
		payment: PaymentSummary,
		dueDay: string | null
	): Promise<string | null> {
		const { shop, session, training } = this;
		if (!shop || !session) return 'La caisse n’est pas ouverte.';
		const totals = await cart.computeNow();
		if (!totals.ok) return totals.error.message;
		// Money given back is a manager's decision when a PIN is set (docs/integrity.md#pin).
		if (!training && isRefund(cart.lines, tenders) && !(await managerGate.confirm('refund'))) {
			return 'Remboursement non enregistré\u00a0: il faut le code PIN d’un responsable.';
		}
		// Spending a voucher, credit note or deposit: reserved on the shop's server first while
		// connected, so that another till cannot spend it too (docs/replication.md#reservations).
		const reservation = training ? ok(null) : await syncLink.reserve(tenders);
		if (!reservation.ok) return reservation.error.message;
		const recorded = await checkout({
			shop,
			session,
			ticketInput: cart.ticketInput(),
			totals: totals.value,
			tenders,
			payment,
			customerId: cart.customer?.id ?? null,
			dueDate: dueDay,
			issues: cart.issues,
			training,
			collections: cart.collections,
			loanKeeps: cart.loanKeeps
		});
		// On failure the transaction rolled back: the sale stays on screen, nothing is half-saved.
		if (!recorded.ok) {
			await syncLink.release(reservation.value);
			return recorded.error.message;
		}
		const ticket = recorded.value;
		this.done = { ticket, customerName: cart.customer?.name ?? null };
		cart.clear();
		this.orderOffers = [];
		this.paying = false;
		this.notice = '';
		this.scanMessage = '';
		this.restoredNotice = '';
		if (printer.preferences?.autoPrint) await this.print(ticket, 'ticket');
		this.backToScan();
		return null;
	}

	async print(ticket: TicketRow, kind: 'ticket' | 'gift'): Promise<void> {
		if (!this.shop) return;
		const done = this.done;
		const customerName =
			done && done.ticket.id === ticket.id ? (done.customerName ?? undefined) : undefined;
		this.notice = await printTicket({ ticket, shop: this.shop, kind, customerName });
		this.backToScan();
	}

	async reprintLast(): Promise<void> {
		if (!this.shop) return;
		const ticket = await lastTicketOf(this.shop.tillId);
		if (ticket) await this.print(ticket, 'ticket');
		else this.notice = 'Aucun ticket à réimprimer.';
	}

	async printX(summary: TicketsSummary, movements: CashMovementRow[]): Promise<void> {
		if (!this.shop || !this.session) return;
		const printed = await printXReport({
			shop: this.shop,
			session: this.session,
			summary,
			movements
		});
		if (!printed.ok) this.notice = printed.error.message;
	}
}
