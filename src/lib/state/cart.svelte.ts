import {
	amountToPay,
	defaultDiscount,
	type BalanceIssue,
	type ArticleKind,
	type CustomerStatus,
	type Discount,
	type Result,
	type SaleLineInput,
	type SellableArticle,
	type TicketInput,
	type TicketTotals,
	type VatRateBp,
	type Cents
} from '$lib/domain';
import { domainWorker } from '$lib/workers/domain-client';
import { activity } from './activity.svelte';

/**
 * The sale's totals from the domain worker. Comlink's types drop a generic function's type
 * parameter; the domain hands each line back as it was given (LineTotals.line).
 */
function totalsOf(input: TicketInput<SaleLineInput>): Promise<Result<TicketTotals<SaleLineInput>>> {
	return domainWorker().computeTicketTotals(input) as Promise<Result<TicketTotals<SaleLineInput>>>;
}

export interface CartLine {
	/** Stable key for the list. */
	readonly key: number;
	readonly ean: string;
	readonly title: string;
	readonly authors: string;
	readonly publisher: string;
	readonly kind: ArticleKind;
	readonly unitPriceCents: Cents;
	readonly vatRateBp: VatRateBp;
	readonly quantity: number;
	readonly discount: Discount | null;
	/** The customer order these copies were set aside for: collected with the sale. */
	readonly order?: OrderLink;
	/** The loan these copies were kept from: sold to the borrower with the sale. */
	readonly loan?: LoanLink;
}

/** A cart line's loan on approval, and which of its lines (docs/orders.md#loans). */
export interface LoanLink {
	readonly loanId: number;
	readonly number: number;
	readonly line: number;
}

/** A cart line's customer order, and which of its lines (docs/orders.md). */
export interface OrderLink {
	readonly orderId: number;
	readonly number: number;
	readonly line: number;
}

/** A deposit paid on an order rung up: offered first when paying, spent once. */
export interface OrderDeposit {
	readonly code: string;
	readonly availableCents: Cents;
}

export interface CartCustomer {
	readonly id: number;
	readonly number: string;
	readonly name: string;
	readonly status: CustomerStatus;
	readonly postalCode: string;
	/** "Appliquer le tarif école": the school discount on school books (free price for schools). */
	readonly schoolPricing?: boolean;
	/** Days to pay what is left « en compte » (the file's term, else its status's default). */
	readonly termDays?: number;
}

let nextKey = 1;

/** Whether something read back from disk is a sale draft this version can restore. */
export function isCartDraft(value: unknown): value is CartDraft {
	if (typeof value !== 'object' || value === null) return false;
	const draft = value as Record<string, unknown>;
	return (
		Array.isArray(draft['lines']) &&
		Array.isArray(draft['issues']) &&
		draft['lines'].every(
			(line: unknown) =>
				typeof line === 'object' &&
				line !== null &&
				Number.isSafeInteger((line as CartLine).quantity) &&
				Number.isSafeInteger((line as CartLine).unitPriceCents) &&
				typeof (line as CartLine).title === 'string'
		)
	);
}

/** The sale as saved on disk between two changes (see saveCartDraft). */
export interface CartDraft {
	readonly lines: readonly CartLine[];
	readonly ticketDiscount: Discount | null;
	readonly customer: CartCustomer | null;
	readonly issues: readonly BalanceIssue[];
	readonly orderDeposit?: OrderDeposit | null;
}

/**
 * The sale being rung up. Lines appear at once (scan-to-line is synchronous); totals come from
 * the domain worker. Changes that the law may refuse (discounts) are checked by the worker first
 * and applied only when valid, so a refused discount never replaces a valid ticket.
 */
class CartState {
	#lines = $state<CartLine[]>([]);
	#issues = $state.raw<BalanceIssue[]>([]);
	#ticketDiscount = $state<Discount | null>(null);
	#customer = $state<CartCustomer | null>(null);
	#orderDeposit = $state<OrderDeposit | null>(null);
	#collectivityDiscountBp = $state(900);
	#schoolBookDiscountBp = $state(900);
	#totals = $state.raw<TicketTotals<SaleLineInput> | null>(null);
	#error = $state<string | null>(null);
	#selected = $state(-1);
	#version = 0;

	get lines(): readonly CartLine[] {
		return this.#lines;
	}
	get ticketDiscount(): Discount | null {
		return this.#ticketDiscount;
	}
	get customer(): CartCustomer | null {
		return this.#customer;
	}
	get totals(): TicketTotals<SaleLineInput> | null {
		return this.#totals;
	}
	/** Why the current ticket can't be computed (should not happen: changes are checked first). */
	get error(): string | null {
		return this.#error;
	}
	get selected(): number {
		return this.#selected;
	}
	get isEmpty(): boolean {
		return this.#lines.length === 0 && this.#issues.length === 0;
	}
	/** Vouchers and deposits bought with this sale (outside its VAT base). */
	get issues(): readonly BalanceIssue[] {
		return this.#issues;
	}
	/** How many copies of this EAN the sale holds, over all its lines (returns count negative). */
	quantityOf(ean: string): number {
		return this.#lines.reduce((sum, line) => (line.ean === ean ? sum + line.quantity : sum), 0);
	}

	/** What the customer pays: the sale plus the vouchers and deposits bought. */
	get amountToPayCents(): Cents | null {
		return this.#totals ? amountToPay(this.#totals.ttcCents, this.#issues) : null;
	}

	addIssue(issue: BalanceIssue): void {
		this.#issues = [...this.#issues, issue];
		this.#changed();
	}

	removeIssue(index: number): void {
		this.#issues = this.#issues.filter((_, i) => i !== index);
		this.#changed();
	}

	/** A plain copy of the sale, to keep on disk; reading it tracks every part of the sale. */
	draft(): CartDraft {
		return {
			lines: this.#lines.map((line) => ({
				...line,
				discount: line.discount ? { ...line.discount } : null,
				...(line.order ? { order: { ...line.order } } : {}),
				...(line.loan ? { loan: { ...line.loan } } : {})
			})),
			orderDeposit: this.#orderDeposit ? { ...this.#orderDeposit } : null,
			ticketDiscount: this.#ticketDiscount ? { ...this.#ticketDiscount } : null,
			customer: this.#customer ? { ...this.#customer } : null,
			issues: this.#issues.map((issue) => ({ ...issue }))
		};
	}

	/** Puts back a sale kept on disk (after a reload or a crash). */
	restore(draft: CartDraft): void {
		this.#lines = draft.lines.map((line) => ({ ...line, key: nextKey++ }));
		this.#ticketDiscount = draft.ticketDiscount;
		this.#customer = draft.customer;
		this.#issues = [...draft.issues];
		this.#orderDeposit = draft.orderDeposit ?? null;
		this.#selected = this.#lines.length - 1;
		this.#changed();
	}

	setCollectivityDiscountBp(bp: number): void {
		this.#collectivityDiscountBp = bp;
	}

	setSchoolBookDiscountBp(bp: number): void {
		this.#schoolBookDiscountBp = bp;
	}

	/** The ticket as the domain computes it, with collectivity prices from the customer's status. */
	ticketInput(
		lines: readonly CartLine[] = this.#lines,
		ticketDiscount: Discount | null = this.#ticketDiscount,
		customer: CartCustomer | null = this.#customer
	): TicketInput<SaleLineInput> {
		const status = customer?.status ?? 'particulier';
		// Plain objects built field by field: $state proxies can't be structured-cloned into the
		// worker, and a deep $state.snapshot on every scan costs more than this.
		return {
			customerStatus: status,
			...(ticketDiscount ? { discount: { ...ticketDiscount } } : {}),
			lines: lines.map((line) => {
				const discount = line.discount ?? this.#defaultDiscount(line.kind, status, customer);
				return {
					label: line.title,
					ean: line.ean,
					title: line.title,
					authors: line.authors,
					publisher: line.publisher,
					quantity: line.quantity,
					unitPriceCents: line.unitPriceCents,
					vatRateBp: line.vatRateBp,
					articleKind: line.kind,
					...(discount ? { discount: { ...discount } } : {})
				};
			})
		};
	}

	/** The buyer's default discount on a line (domain `defaultDiscount`, Loi Lang caps). */
	#defaultDiscount(
		kind: ArticleKind,
		status: CustomerStatus,
		customer: CartCustomer | null
	): Discount | null {
		return defaultDiscount(
			kind,
			{ status, schoolPricing: customer?.schoolPricing },
			{
				collectivityDiscountBp: this.#collectivityDiscountBp,
				schoolBookDiscountBp: this.#schoolBookDiscountBp
			}
		);
	}

	/** Adds a catalogue article (scanned or chosen in the search list). */
	addFromCatalogue(article: SellableArticle, quantity = 1): void {
		this.addArticle(
			{
				ean: article.ean,
				title: article.title,
				authors: article.authors,
				publisher: article.publisher,
				kind: article.kind,
				unitPriceCents: article.priceCents,
				vatRateBp: article.vatRateBp
			},
			quantity
		);
	}

	/**
	 * Adds a scanned article (`quantity` copies, typed as `30*` before the scan): a second scan of
	 * the same article adds to its line.
	 */
	addArticle(article: Omit<CartLine, 'key' | 'quantity' | 'discount'>, quantity = 1): void {
		// A copy set aside for a customer order keeps its own line: a scan never adds to it.
		const index = article.ean
			? this.#lines.findIndex(
					(line) =>
						line.ean === article.ean &&
						line.unitPriceCents === article.unitPriceCents &&
						!line.order
				)
			: -1;
		if (index >= 0) {
			const line = this.#lines[index] as CartLine;
			this.#lines[index] = {
				...line,
				quantity: line.quantity + (line.quantity < 0 ? -quantity : quantity)
			};
			this.#selected = index;
		} else {
			this.#lines = [...this.#lines, { ...article, key: nextKey++, quantity, discount: null }];
			this.#selected = this.#lines.length - 1;
		}
		this.#changed();
	}

	/**
	 * "Repasser en caisse" (docs/features.md, Divers): the articles of a recorded ticket, with the same
	 * or the inverse quantities and their line discounts, added to the sale. The customer is not
	 * carried over: the seller looks them up again, as the seed says.
	 */
	async addTicketLines(
		lines: readonly (Omit<CartLine, 'key' | 'quantity' | 'discount'> & {
			quantity: number;
			discount: Discount | null;
		})[],
		sign: 1 | -1
	): Promise<Result<void>> {
		return this.#tryLines([
			...this.#lines,
			...lines.map((line) => ({
				key: nextKey++,
				ean: line.ean,
				title: line.title,
				authors: line.authors,
				publisher: line.publisher,
				kind: line.kind,
				unitPriceCents: line.unitPriceCents,
				vatRateBp: line.vatRateBp,
				quantity: line.quantity * sign,
				discount: line.discount ? { ...line.discount } : null
			}))
		]);
	}

	/** The deposit paid on the orders rung up, offered first when paying. */
	get orderDeposit(): OrderDeposit | null {
		return this.#orderDeposit;
	}

	/** Copies of customer orders sold with this sale: each order's line, and how many. */
	get collections(): { orderId: number; line: number; quantity: number }[] {
		return this.#lines.flatMap((line) =>
			line.order
				? [{ orderId: line.order.orderId, line: line.order.line, quantity: line.quantity }]
				: []
		);
	}

	/** Copies kept from loans sold with this sale: each loan's line, and how many. */
	get loanKeeps(): { loanId: number; line: number; quantity: number }[] {
		return this.#lines.flatMap((line) =>
			line.loan ? [{ loanId: line.loan.loanId, line: line.loan.line, quantity: line.quantity }] : []
		);
	}

	/**
	 * « Encaisser en caisse » from a loan (docs/orders.md#loans): the copies the borrower keeps
	 * become lines of the sale, at their price, for the borrower. A line of that loan already in
	 * the sale is not added twice.
	 */
	async ringUpLoan(input: {
		lines: readonly (Omit<CartLine, 'key' | 'discount' | 'loan' | 'order'> & { loan: LoanLink })[];
		customer: CartCustomer;
	}): Promise<Result<void>> {
		const already = new Set(
			this.#lines.flatMap((line) => (line.loan ? [`${line.loan.loanId}:${line.loan.line}`] : []))
		);
		if (this.#customer?.id !== input.customer.id) {
			const attached = await this.attachCustomer(input.customer);
			if (!attached.ok) return attached;
		}
		const result = await this.#tryLines([
			...this.#lines,
			...input.lines
				.filter((line) => !already.has(`${line.loan.loanId}:${line.loan.line}`))
				.map((line) => ({ ...line, key: nextKey++, discount: null }))
		]);
		if (result.ok) this.#selected = this.#lines.length - 1;
		return result;
	}

	/**
	 * « Encaisser la commande » (docs/orders.md): the copies set aside for a customer order become
	 * lines of the sale, at the price promised, for their customer, with the order's deposit to
	 * spend first. A line of that order already in the sale is not added twice.
	 */
	async ringUpOrder(input: {
		lines: readonly (Omit<CartLine, 'key' | 'discount' | 'order'> & { order: OrderLink })[];
		customer: CartCustomer | null;
		deposit: OrderDeposit | null;
	}): Promise<Result<void>> {
		const already = new Set(
			this.#lines.flatMap((line) =>
				line.order ? [`${line.order.orderId}:${line.order.line}`] : []
			)
		);
		const added = input.lines.filter(
			(line) => !already.has(`${line.order.orderId}:${line.order.line}`)
		);
		if (input.customer && this.#customer?.id !== input.customer.id) {
			const attached = await this.attachCustomer(input.customer);
			if (!attached.ok) return attached;
		}
		const result = await this.#tryLines([
			...this.#lines,
			...added.map((line) => ({ ...line, key: nextKey++, discount: null }))
		]);
		if (result.ok) {
			if (input.deposit) this.#orderDeposit = input.deposit;
			this.#selected = this.#lines.length - 1;
		}
		return result;
	}

	select(index: number): void {
		if (index >= 0 && index < this.#lines.length) this.#selected = index;
	}

	/** Sets a line's quantity (negative for a return); 0 is refused, use removeLine. */
	async setQuantity(index: number, quantity: number): Promise<Result<void>> {
		return this.#tryLines(
			this.#lines.map((line, i) => (i === index ? { ...line, quantity } : line))
		);
	}

	async setLineDiscount(index: number, discount: Discount | null): Promise<Result<void>> {
		return this.#tryLines(
			this.#lines.map((line, i) => (i === index ? { ...line, discount } : line))
		);
	}

	async setTicketDiscount(discount: Discount | null): Promise<Result<void>> {
		const result = await totalsOf(this.ticketInput(this.#lines, discount));
		if (!result.ok) return result;
		this.#ticketDiscount = discount;
		this.#totals = result.value;
		return { ok: true, value: undefined };
	}

	/** Attaches a customer: their Loi Lang status and collectivity prices apply at once. */
	async attachCustomer(customer: CartCustomer | null): Promise<Result<void>> {
		const result = await totalsOf(this.ticketInput(this.#lines, this.#ticketDiscount, customer));
		if (!result.ok) return result;
		this.#customer = customer;
		this.#totals = result.value;
		return { ok: true, value: undefined };
	}

	removeLine(index: number): void {
		this.#lines = this.#lines.filter((_, i) => i !== index);
		this.#selected = Math.min(this.#selected, this.#lines.length - 1);
		this.#changed();
	}

	clear(): void {
		this.#lines = [];
		this.#issues = [];
		this.#ticketDiscount = null;
		this.#customer = null;
		this.#orderDeposit = null;
		this.#totals = null;
		this.#error = null;
		this.#selected = -1;
		this.#version++;
		activity.setSaleInProgress(false);
	}

	/** Totals are computed now, for validation: never trust a stale figure. */
	async computeNow(): Promise<Result<TicketTotals<SaleLineInput>>> {
		const result = await totalsOf(this.ticketInput());
		if (result.ok) this.#totals = result.value;
		return result;
	}

	async #tryLines(lines: CartLine[]): Promise<Result<void>> {
		const result = await totalsOf(this.ticketInput(lines));
		if (!result.ok) return result;
		this.#lines = lines;
		this.#totals = result.value;
		this.#error = null;
		activity.setSaleInProgress(lines.length > 0);
		return { ok: true, value: undefined };
	}

	#changed(): void {
		activity.setSaleInProgress(!this.isEmpty);
		const version = ++this.#version;
		const input = this.ticketInput();
		void totalsOf(input).then((result) => {
			if (version !== this.#version) return;
			this.#totals = result.ok ? result.value : null;
			this.#error = result.ok ? null : result.error.message;
		});
	}

	reset(): void {
		this.clear();
		this.#collectivityDiscountBp = 900;
		this.#schoolBookDiscountBp = 900;
	}
}

export const cart = new CartState();
