/**
 * Customer orders (« commandes clients », docs/orders.md): a reader asks for a title not on the
 * shelf; the bookseller orders it, receives it, tells the customer, who collects it at the till.
 * Pure: each step takes an order and answers the next one, or a French reason it cannot happen.
 * Nothing is ever deleted: copies no longer wanted are cancelled with a reason.
 */
import type { ArticleKind } from './discount';
import { parisDay } from './format';
import type { Cents } from './money';
import { err, ok, type Result } from './result';
import { daysBetween } from './ticket-period';
import type { VatRateBp } from './vat';

/** Where a line stands, in the order a line goes through them. */
export type OrderLineStatus =
	'a-commander' | 'commandee' | 'recue' | 'prevenue' | 'retiree' | 'annulee';

export const ORDER_LINE_STATUS_LABELS: Readonly<Record<OrderLineStatus, string>> = {
	'a-commander': 'À commander',
	commandee: 'Commandée',
	recue: 'Reçue',
	prevenue: 'Client prévenu',
	retiree: 'Retirée',
	annulee: 'Annulée'
};

/** How the customer was told the book arrived. */
export type NotifyChannel = 'telephone' | 'email' | 'sms' | 'fiche';

export const NOTIFY_CHANNEL_LABELS: Readonly<Record<NotifyChannel, string>> = {
	telephone: 'par téléphone',
	email: 'par e-mail',
	sms: 'par SMS',
	fiche: 'par une fiche dans le livre'
};

/** A title as ordered: the article and the price promised to the customer. */
export interface NewOrderLine {
	/** The title's EAN, or '' when it was typed without one. */
	readonly ean: string;
	readonly title: string;
	readonly authors: string;
	readonly publisher: string;
	readonly kind: ArticleKind;
	readonly vatRateBp: VatRateBp;
	/** The price promised to the customer, VAT included (the publisher's price for a book). */
	readonly unitPriceCents: Cents;
	readonly quantity: number;
}

export interface OrderLine extends NewOrderLine {
	/** Supplier or distributor it was ordered from, when ordered. */
	readonly supplier: string;
	readonly orderedOn: string | null;
	readonly expectedOn: string | null;
	/** Copies arrived for this line, set aside for the customer. */
	readonly received: number;
	/** Copies sold to the customer at the till. */
	readonly collected: number;
	/** Copies cancelled before they arrived. */
	readonly cancelled: number;
	/** Copies that had arrived, cancelled since: back on the shelf. */
	readonly released: number;
	/** When the last copy arrived, and when the customer was last told (ISO date-times). */
	readonly receivedAt: string | null;
	readonly notifiedAt: string | null;
	readonly cancelReason: string;
}

export interface OrderEvent {
	/** ISO date-time. */
	readonly at: string;
	readonly by: string;
	readonly text: string;
}

export interface CustomerOrder {
	readonly number: number;
	/** The customer's file, or null for a passing customer known by name and phone. */
	readonly customerId: number | null;
	readonly contactName: string;
	readonly contactPhone: string;
	readonly contactEmail: string;
	readonly createdOn: string;
	readonly updatedOn: string;
	/** The day its last line was collected or cancelled. */
	readonly closedOn: string | null;
	readonly note: string;
	/** The deposit paid on this order (its code), if any. */
	readonly depositCode: string | null;
	readonly lines: readonly OrderLine[];
	readonly history: readonly OrderEvent[];
}

/** Copies of a line set aside for the customer: arrived, neither collected nor cancelled. */
export function reservedCopies(line: OrderLine): number {
	return line.received - line.collected - line.released;
}

/** Copies of a line still to arrive. */
export function copiesToReceive(line: OrderLine): number {
	return line.quantity - line.received - line.cancelled;
}

export function orderLineStatus(line: OrderLine): OrderLineStatus {
	if (reservedCopies(line) > 0) {
		return line.notifiedAt !== null &&
			line.receivedAt !== null &&
			line.notifiedAt >= line.receivedAt
			? 'prevenue'
			: 'recue';
	}
	if (copiesToReceive(line) > 0) return line.orderedOn ? 'commandee' : 'a-commander';
	return line.collected > 0 ? 'retiree' : 'annulee';
}

/** « commande en cours » until every line is collected or cancelled. */
export function orderIsOpen(order: CustomerOrder): boolean {
	return order.lines.some((line) => reservedCopies(line) > 0 || copiesToReceive(line) > 0);
}

/** The order's status as the customer file lists it. */
export function orderStatusLabel(order: CustomerOrder): string {
	if (orderIsOpen(order)) return 'commande en cours';
	return order.lines.some((line) => line.collected > 0) ? 'commande terminée' : 'commande annulée';
}

export interface NewOrder {
	readonly customerId: number | null;
	readonly contactName: string;
	readonly contactPhone: string;
	readonly contactEmail: string;
	readonly note: string;
	readonly depositCode: string | null;
	readonly lines: readonly NewOrderLine[];
}

/** Who does a step, and when: every step is dated and signed. */
export interface StepContext {
	/** ISO date-time. */
	readonly at: string;
	/** The shop's day (Europe/Paris), YYYY-MM-DD. */
	readonly day: string;
	readonly by: string;
}

const MAX_COPIES = 999;

/** A new order « à commander », or where the form is wrong. */
export function createOrder(
	number: number,
	input: NewOrder,
	context: StepContext
): Result<CustomerOrder> {
	if (input.customerId === null && input.contactName.trim() === '') {
		return err(
			'ORDER_CUSTOMER_MISSING',
			'Choisissez le client, ou donnez au moins le nom de la personne qui commande.',
			'customer'
		);
	}
	if (input.customerId === null && input.contactPhone.trim() === '' && !input.contactEmail.trim()) {
		return err(
			'ORDER_CONTACT_MISSING',
			'Donnez un téléphone ou un e-mail pour prévenir le client à l’arrivée.',
			'contactPhone'
		);
	}
	if (input.lines.length === 0) {
		return err('ORDER_EMPTY', 'Ajoutez au moins un titre à la commande.', 'lines');
	}
	for (const [index, line] of input.lines.entries()) {
		if (line.title.trim() === '') {
			return err(
				'ORDER_TITLE_MISSING',
				'Chaque ligne a besoin d’un titre.',
				`lines.${index}.title`
			);
		}
		if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_COPIES) {
			return err(
				'ORDER_QUANTITY_INVALID',
				`Quantité de «\u00a0${line.title}\u00a0»\u00a0: un nombre entier de 1 à ${MAX_COPIES}.`,
				`lines.${index}.quantity`
			);
		}
	}
	return ok({
		number,
		customerId: input.customerId,
		contactName: input.contactName.trim(),
		contactPhone: input.contactPhone.trim(),
		contactEmail: input.contactEmail.trim(),
		createdOn: context.day,
		updatedOn: context.day,
		closedOn: null,
		note: input.note.trim(),
		depositCode: input.depositCode,
		lines: input.lines.map((line) => ({
			...line,
			title: line.title.trim(),
			supplier: '',
			orderedOn: null,
			expectedOn: null,
			received: 0,
			collected: 0,
			cancelled: 0,
			released: 0,
			receivedAt: null,
			notifiedAt: null,
			cancelReason: ''
		})),
		history: [{ at: context.at, by: context.by, text: 'Commande enregistrée' }]
	});
}

export type OrderStep =
	| {
			readonly kind: 'order';
			readonly lines: readonly number[];
			readonly supplier: string;
			readonly expectedOn: string | null;
	  }
	| { readonly kind: 'receive'; readonly line: number; readonly quantity: number }
	| { readonly kind: 'notify'; readonly channel: NotifyChannel }
	| { readonly kind: 'collect'; readonly line: number; readonly quantity: number }
	| {
			readonly kind: 'cancel';
			readonly line: number;
			readonly quantity: number;
			readonly reason: string;
	  };

function copies(n: number): string {
	return `${n}\u00a0exemplaire${n > 1 ? 's' : ''}`;
}

function withLine(
	order: CustomerOrder,
	index: number,
	change: (line: OrderLine) => OrderLine
): readonly OrderLine[] {
	return order.lines.map((line, i) => (i === index ? change(line) : line));
}

function quantityError(quantity: number, most: number, what: string, title: string) {
	if (!Number.isInteger(quantity) || quantity < 1) {
		return err(
			'ORDER_STEP_QUANTITY',
			`Quantité à ${what}\u00a0: un nombre entier d’au moins 1.`,
			'quantity'
		);
	}
	return most === 0
		? err('ORDER_STEP_IMPOSSIBLE', `Rien à ${what} pour «\u00a0${title}\u00a0».`, 'quantity')
		: err(
				'ORDER_STEP_TOO_MANY',
				`Au plus ${copies(most)} à ${what} pour «\u00a0${title}\u00a0» (ici ${quantity}).`,
				'quantity'
			);
}

/** The order after `step`, or why the step is impossible (nothing changes then). */
export function applyOrderStep(
	order: CustomerOrder,
	step: OrderStep,
	context: StepContext
): Result<CustomerOrder> {
	const changed = stepLines(order, step, context);
	if (!changed.ok) return changed;
	const next = { ...order, lines: changed.value.lines };
	return ok({
		...next,
		updatedOn: context.day,
		closedOn: orderIsOpen(next) ? null : context.day,
		history: [...order.history, { at: context.at, by: context.by, text: changed.value.text }]
	});
}

function stepLines(
	order: CustomerOrder,
	step: OrderStep,
	context: StepContext
): Result<{ lines: readonly OrderLine[]; text: string }> {
	if (step.kind === 'order') return orderLines(order, step, context);
	if (step.kind === 'notify') return notify(order, step.channel, context);
	const line = order.lines[step.line];
	if (!line) return err('ORDER_LINE_UNKNOWN', 'Cette ligne n’est pas dans la commande.', 'line');
	switch (step.kind) {
		case 'receive': {
			const most = copiesToReceive(line);
			if (!Number.isInteger(step.quantity) || step.quantity < 1 || step.quantity > most) {
				return quantityError(step.quantity, most, 'recevoir', line.title);
			}
			if (!line.orderedOn) {
				return err(
					'ORDER_NOT_ORDERED',
					`«\u00a0${line.title}\u00a0» n’est pas encore commandé chez un fournisseur\u00a0: passez-le d’abord en «\u00a0Commandée\u00a0».`,
					'line'
				);
			}
			return ok({
				lines: withLine(order, step.line, (l) => ({
					...l,
					received: l.received + step.quantity,
					receivedAt: context.at
				})),
				text: `Reçu ${copies(step.quantity)} de «\u00a0${line.title}\u00a0», mis de côté`
			});
		}
		case 'collect': {
			const most = reservedCopies(line);
			if (!Number.isInteger(step.quantity) || step.quantity < 1 || step.quantity > most) {
				return quantityError(step.quantity, most, 'retirer', line.title);
			}
			return ok({
				lines: withLine(order, step.line, (l) => ({
					...l,
					collected: l.collected + step.quantity
				})),
				text: `Retiré ${copies(step.quantity)} de «\u00a0${line.title}\u00a0»`
			});
		}
		case 'cancel': {
			const waiting = copiesToReceive(line);
			const most = waiting + reservedCopies(line);
			if (!Number.isInteger(step.quantity) || step.quantity < 1 || step.quantity > most) {
				return quantityError(step.quantity, most, 'annuler', line.title);
			}
			const reason = step.reason.trim();
			if (reason === '') {
				return err('ORDER_CANCEL_REASON', 'Donnez la raison de l’annulation.', 'reason');
			}
			// Copies still to arrive go first; set-aside copies go back on the shelf after.
			const fromWaiting = Math.min(step.quantity, waiting);
			return ok({
				lines: withLine(order, step.line, (l) => ({
					...l,
					cancelled: l.cancelled + fromWaiting,
					released: l.released + step.quantity - fromWaiting,
					cancelReason: reason
				})),
				text: `Annulé ${copies(step.quantity)} de «\u00a0${line.title}\u00a0»\u00a0: ${reason}`
			});
		}
	}
}

function orderLines(
	order: CustomerOrder,
	step: Extract<OrderStep, { kind: 'order' }>,
	context: StepContext
): Result<{ lines: readonly OrderLine[]; text: string }> {
	const supplier = step.supplier.trim();
	if (supplier === '') {
		return err('ORDER_SUPPLIER_MISSING', 'Donnez le fournisseur ou le distributeur.', 'supplier');
	}
	if (step.expectedOn !== null && step.expectedOn < context.day) {
		return err(
			'ORDER_EXPECTED_PAST',
			'La date de livraison prévue ne peut pas être déjà passée.',
			'expectedOn'
		);
	}
	if (step.lines.length === 0) {
		return err('ORDER_NOTHING_CHOSEN', 'Choisissez au moins une ligne à commander.', 'lines');
	}
	for (const index of step.lines) {
		const line = order.lines[index];
		if (!line) return err('ORDER_LINE_UNKNOWN', 'Cette ligne n’est pas dans la commande.', 'lines');
		if (orderLineStatus(line) !== 'a-commander') {
			return err(
				'ORDER_ALREADY_ORDERED',
				`«\u00a0${line.title}\u00a0» n’est pas à commander (${ORDER_LINE_STATUS_LABELS[orderLineStatus(line)].toLowerCase()}).`,
				'lines'
			);
		}
	}
	return ok({
		lines: order.lines.map((line, index) =>
			step.lines.includes(index)
				? { ...line, supplier, orderedOn: context.day, expectedOn: step.expectedOn }
				: line
		),
		text: `Commandé chez ${supplier}\u00a0: ${step.lines
			.map((index) => `«\u00a0${order.lines[index]?.title}\u00a0»`)
			.join(', ')}`
	});
}

function notify(
	order: CustomerOrder,
	channel: NotifyChannel,
	context: StepContext
): Result<{ lines: readonly OrderLine[]; text: string }> {
	if (!order.lines.some((line) => reservedCopies(line) > 0)) {
		return err(
			'ORDER_NOTHING_ARRIVED',
			'Rien n’est arrivé pour cette commande\u00a0: le client n’a rien à venir chercher.',
			'channel'
		);
	}
	return ok({
		lines: order.lines.map((line) =>
			reservedCopies(line) > 0 ? { ...line, notifiedAt: context.at } : line
		),
		text: `Client prévenu ${NOTIFY_CHANNEL_LABELS[channel]}`
	});
}

/**
 * What a deposit pays of a collection: all it has left, up to what is due. A deposit is spent
 * once: what it paid is gone from its balance (docs/orders.md#deposits).
 */
export function depositApplied(depositLeftCents: Cents, dueCents: Cents): Cents {
	return Math.max(0, Math.min(depositLeftCents, dueCents)) as Cents;
}

/** A line of an order, for the lists the bookseller works from. */
export interface OrderLineRef<O extends CustomerOrder = CustomerOrder> {
	readonly order: O;
	readonly index: number;
	readonly line: OrderLine;
}

/** The lines of `orders` in `status`, in the orders' order. */
export function linesWithStatus<O extends CustomerOrder>(
	orders: readonly O[],
	status: OrderLineStatus
): OrderLineRef<O>[] {
	return orders.flatMap((order) =>
		order.lines.flatMap((line, index) =>
			orderLineStatus(line) === status ? [{ order, index, line }] : []
		)
	);
}

/** Titles to order grouped by publisher (as a distributor's portal takes them), A to Z. */
export function groupByPublisher<R extends OrderLineRef>(
	refs: readonly R[]
): { publisher: string; lines: R[] }[] {
	const groups = new Map<string, R[]>();
	for (const ref of refs) {
		const publisher = ref.line.publisher.trim() || 'Éditeur non renseigné';
		groups.set(publisher, [...(groups.get(publisher) ?? []), ref]);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a.localeCompare(b, 'fr'))
		.map(([publisher, lines]) => ({ publisher, lines }));
}

/** An awaited line is late once its expected day has passed. */
export function isLate(line: OrderLine, today: string): boolean {
	return line.expectedOn !== null && line.expectedOn < today;
}

/** Whole days since the customer was told, for « prévenu, pas encore venu ». */
export function daysSinceNotified(line: OrderLine, today: string): number | null {
	return line.notifiedAt === null ? null : daysBetween(parisDay(new Date(line.notifiedAt)), today);
}

export const TO_ORDER_CSV_HEADER = [
	'EAN',
	'Titre',
	'Auteurs',
	'Éditeur',
	'Quantité',
	'Commande client'
] as const;

/** The titles to order, one row per line, for the distributor's portal. */
export function toOrderCsvRows(refs: readonly OrderLineRef[]): string[][] {
	return refs.map(({ order, line }) => [
		line.ean,
		line.title,
		line.authors,
		line.publisher,
		String(copiesToReceive(line)),
		String(order.number)
	]);
}

/**
 * The message telling a customer their books arrived: for an e-mail, an SMS or the slip put in
 * the book. Names the titles set aside and the order number to give at the till.
 */
export function arrivalMessage(input: {
	order: CustomerOrder;
	customerName: string;
	shopName: string;
}): { subject: string; text: string } {
	const titles = input.order.lines
		.filter((line) => reservedCopies(line) > 0)
		.map((line) => `«\u00a0${line.title}\u00a0»`);
	const subject = `Votre commande n°\u00a0${input.order.number} est arrivée`;
	const many = titles.length > 1;
	const text = `Bonjour ${input.customerName},\n\n${many ? 'Vos livres' : 'Votre livre'} ${titles.join(', ')} ${many ? 'sont arrivés' : 'est arrivé'}. ${many ? 'Ils vous attendent' : 'Il vous attend'} à la caisse de ${input.shopName}, au nom de la commande n°\u00a0${input.order.number}.\n\nÀ bientôt,\n${input.shopName}`;
	return { subject, text };
}
