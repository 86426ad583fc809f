/**
 * What a receipt says, independent of how it is printed (ESC/POS bytes or an 80 mm page).
 * Mentions of a till ticket (BOI-TVA-DECLA-30-10-30, NF525 as publicly quoted): shop name,
 * address, SIRET, VAT number, till, ticket number, date and time, cashier, lines, VAT per rate,
 * payments and change. Pure: no DOM, no printer.
 */
import type {
	ArticleKind,
	ChainHeads,
	CustomerOrder,
	PaymentMethod,
	PeriodTotals,
	RateRow,
	RecordedTicket,
	ShopSettings,
	TicketsSummary
} from '$lib/domain';
import {
	ARTICLE_KIND_LABELS,
	BALANCE_KIND_LABELS,
	formatBp,
	formatDay,
	formatDate,
	formatEuros,
	formatSiret,
	formatTime,
	closingAnchorLines,
	PAYMENT_METHOD_LABELS,
	reservedCopies
} from '$lib/domain';

export interface ReceiptLine {
	readonly label: string;
	/** "2 × 8,60 €"; empty on a gift receipt. */
	readonly detail: string;
	readonly amount: string;
	readonly discount: string;
}

export interface ReceiptModel {
	readonly header: readonly string[];
	/** Printed large and centred: DUPLICATA, TICKET CADEAU, FORMATION. */
	readonly banners: readonly string[];
	readonly meta: readonly string[];
	readonly lines: readonly ReceiptLine[];
	readonly total: string;
	readonly discountTotal: string;
	readonly vat: readonly { rate: string; ht: string; tva: string; ttc: string }[];
	readonly payments: readonly { label: string; amount: string }[];
	readonly change: string;
	readonly footer: readonly string[];
	/** Open the cash drawer: only when cash changed hands on an original print. */
	readonly openDrawer: boolean;
	/** Ticket number as a barcode, for finding it again at the counter. */
	readonly barcode: string;
	/** Vouchers, deposits and credit notes bought or taken back: paid, but not sales. */
	readonly issued: readonly { label: string; amount: string }[];
	/** What was paid in all when vouchers or deposits were bought with the sale; else ''. */
	readonly toPay: string;
	/** Codes the customer keeps (vouchers, deposits, credit notes issued), printed as EAN-13. */
	readonly keep: readonly { label: string; code: string }[];
}

export interface ReceiptOptions {
	/** Reprint count: the receipt says DUPLICATA n° count. */
	readonly duplicate?: number;
	/** Gift receipt: titles and quantities, no price anywhere. */
	readonly gift?: boolean;
	readonly customerName?: string;
	/** Number of the ticket this one cancels. */
	readonly cancelsNumber?: number;
}

export function buildReceipt(
	ticket: RecordedTicket,
	shop: ShopSettings,
	options: ReceiptOptions = {}
): ReceiptModel {
	const gift = options.gift === true;
	const at = new Date(ticket.createdAt);
	const banners = [
		...(ticket.training === 1 ? ['FORMATION – ticket factice'] : []),
		...(options.duplicate ? [`DUPLICATA n° ${options.duplicate}`] : []),
		...(gift ? ['TICKET CADEAU'] : [])
	];
	const header = [
		shop.tradeName || shop.legalName,
		...(shop.tradeName && shop.tradeName !== shop.legalName ? [shop.legalName] : []),
		shop.addressLine1,
		...(shop.addressLine2 ? [shop.addressLine2] : []),
		`${shop.postalCode} ${shop.city}`,
		...(shop.phone ? [`Tél. ${shop.phone}`] : []),
		`SIRET ${formatSiret(shop.siret)}`,
		...(shop.vatNumber ? [`TVA ${shop.vatNumber}`] : [])
	];
	const meta = [
		`Caisse ${ticket.tillId} — Ticket n° ${ticket.number}`,
		`${formatDate(at)} ${formatTime(at)}`,
		...(ticket.cashier ? [`Vendeur\u00a0: ${ticket.cashier}`] : []),
		...(options.customerName ? [`Client\u00a0: ${options.customerName}`] : []),
		...(options.cancelsNumber !== undefined
			? [`Ce ticket annule le ticket n° ${options.cancelsNumber}`]
			: [])
	];
	const lines = ticket.lines.map((line) => ({
		label: line.title,
		detail: gift
			? `Qté ${line.quantity}`
			: `${line.quantity} × ${formatEuros(line.unitPriceCents)}${line.vatRateBp !== 550 ? ` (TVA ${formatBp(line.vatRateBp)})` : ''}`,
		amount: gift ? '' : formatEuros(line.ttcCents),
		discount: gift || line.discountCents === 0 ? '' : `Remise ${formatEuros(-line.discountCents)}`
	}));
	const discountCents = ticket.lines.reduce((sum, line) => sum + line.discountCents, 0);
	const issues = gift ? [] : (ticket.issues ?? []);
	const issuedCents = issues.reduce((sum, issue) => sum + issue.amountCents, 0);
	const until = (day: string | null) => (day ? ` — valable jusqu’au ${formatDay(day)}` : '');
	const issuedCreditNotes = gift
		? []
		: ticket.payments.filter((p) => p.method === 'avoir' && p.amountCents < 0 && p.reference);
	return {
		header,
		banners,
		meta,
		lines,
		total: gift ? '' : formatEuros(ticket.totalCents),
		discountTotal: gift || discountCents === 0 ? '' : formatEuros(-discountCents),
		vat: gift
			? []
			: ticket.rates.map((rate) => ({
					rate: formatBp(rate.vatRateBp),
					ht: formatEuros(rate.htCents),
					tva: formatEuros(rate.vatCents),
					ttc: formatEuros(rate.ttcCents)
				})),
		payments: gift
			? []
			: ticket.payments.map((payment) => ({
					label: `${PAYMENT_METHOD_LABELS[payment.method]}${payment.reference ? ` ${payment.reference}` : ''}`,
					amount: formatEuros(payment.amountCents)
				})),
		change: gift || ticket.changeCents === 0 ? '' : formatEuros(ticket.changeCents),
		footer: [...(shop.invoiceFooter ? [shop.invoiceFooter] : []), 'Merci de votre visite\u00a0!'],
		openDrawer: !options.duplicate && !gift && ticket.payments.some((p) => p.method === 'especes'),
		barcode: `${ticket.tillId}-${ticket.number}`,
		issued: issues.map((issue) => ({
			label:
				issue.amountCents > 0
					? `${BALANCE_KIND_LABELS[issue.kind]} n° ${issue.code ?? ''}${until(issue.validUntil)}${issue.orderReference ? ` — commande ${issue.orderReference}` : ''}`
					: `Reprise ${BALANCE_KIND_LABELS[issue.kind].toLowerCase()} n° ${issue.code ?? ''}`,
			amount: formatEuros(issue.amountCents)
		})),
		toPay: issuedCents === 0 ? '' : formatEuros(ticket.totalCents + issuedCents),
		keep: [
			...issues.flatMap((issue) =>
				issue.amountCents > 0 && issue.code
					? [
							{
								label: `${BALANCE_KIND_LABELS[issue.kind]} ${formatEuros(issue.amountCents)}`,
								code: issue.code
							}
						]
					: []
			),
			...issuedCreditNotes.map((p) => ({
				label: `Avoir ${formatEuros(-p.amountCents)}`,
				code: p.reference as string
			}))
		]
	};
}

/** The head of a report printed on the till's paper: the shop and its SIRET. */
function reportHeader(shop: ShopSettings): string[] {
	return [shop.tradeName || shop.legalName, `SIRET ${formatSiret(shop.siret)}`];
}

/** A report's VAT per rate, as printed. */
function vatLines(byRate: readonly RateRow[]): ReceiptModel['vat'] {
	return byRate.map((rate) => ({
		rate: formatBp(rate.vatRateBp),
		ht: formatEuros(rate.htCents),
		tva: formatEuros(rate.vatCents),
		ttc: formatEuros(rate.ttcCents)
	}));
}

/** The X report (cash-up during the day) as a receipt: totals since the till was opened. */
export function buildXReport(input: {
	shop: ShopSettings;
	tillId: string;
	cashier: string;
	openedAt: string;
	printedAt: Date;
	summary: TicketsSummary;
	expectedCashCents: number;
	movements: readonly { amountCents: number; reason: string }[];
}): ReceiptModel {
	const { summary } = input;
	return {
		header: reportHeader(input.shop),
		banners: ['RAPPORT X'],
		meta: [
			`Caisse ${input.tillId} — ouverte le ${formatDate(new Date(input.openedAt))} ${formatTime(new Date(input.openedAt))} par ${input.cashier}`,
			`Édité le ${formatDate(input.printedAt)} ${formatTime(input.printedAt)}`,
			`${summary.ticketCount} tickets dont ${summary.cancellationCount} annulations`
		],
		lines: input.movements.map((m) => ({
			label: `Mouvement\u00a0: ${m.reason}`,
			detail: '',
			amount: formatEuros(m.amountCents),
			discount: ''
		})),
		total: formatEuros(summary.ttcCents),
		discountTotal: summary.discountCents === 0 ? '' : formatEuros(-summary.discountCents),
		vat: vatLines(summary.byRate),
		payments: [
			...summary.byMethod.map((p) => ({
				label: PAYMENT_METHOD_LABELS[p.method],
				amount: formatEuros(p.amountCents)
			})),
			{ label: 'Espèces attendues', amount: formatEuros(input.expectedCashCents) }
		],
		change: '',
		issued: [],
		toPay: '',
		keep: [],
		footer: ['Rapport intermédiaire\u00a0: ne remplace pas la clôture.'],
		openDrawer: false,
		barcode: `X-${input.tillId}-${input.printedAt.getTime()}`
	};
}

/** The till report of a period as a receipt (on screen, as PDF and on the printer). */
export function buildPeriodReport(input: {
	shop: ShopSettings;
	tillId: string;
	periodLabel: string;
	printedAt: Date;
	totals: PeriodTotals;
	closing: {
		createdAt: string;
		perpetualGrandTotalCents: number;
		heads?: ChainHeads;
		lastTicket?: { number: number } | null;
	} | null;
}): ReceiptModel {
	const { totals } = input;
	return {
		header: reportHeader(input.shop),
		banners: ['RAPPORT DE CAISSE'],
		meta: [
			`Caisse ${input.tillId} — ${input.periodLabel}`,
			`Édité le ${formatDate(input.printedAt)} ${formatTime(input.printedAt)}`,
			`${totals.ticketCount} tickets dont ${totals.cancellationCount} annulations`,
			input.closing
				? `Clôturé le ${formatDate(new Date(input.closing.createdAt))}`
				: 'Période non clôturée'
		],
		lines: totals.byKind.map((family) => ({
			label: ARTICLE_KIND_LABELS[family.kind as ArticleKind] ?? family.kind,
			detail: '',
			amount: formatEuros(family.ttcCents),
			discount: ''
		})),
		total: formatEuros(totals.ttcCents),
		discountTotal: totals.discountCents === 0 ? '' : formatEuros(-totals.discountCents),
		vat: vatLines(totals.byRate),
		payments: totals.byMethod.map((p) => ({
			label: PAYMENT_METHOD_LABELS[p.method as PaymentMethod] ?? p.method,
			amount: formatEuros(p.amountCents)
		})),
		change: '',
		issued:
			totals.balanceIssuedCents === 0
				? []
				: [{ label: 'Bons et acomptes vendus', amount: formatEuros(totals.balanceIssuedCents) }],
		toPay: '',
		keep: [],
		footer: input.closing
			? [
					`Grand total perpétuel\u00a0: ${formatEuros(input.closing.perpetualGrandTotalCents)}`,
					...closingAnchorLines(input.closing)
				]
			: ['Chiffres provisoires\u00a0: la période n’est pas clôturée.'],
		openDrawer: false,
		barcode: `R-${input.tillId}-${input.printedAt.getTime()}`
	};
}

/**
 * The slip put in a book set aside for a customer order (docs/orders.md): the customer's name and
 * how to reach them, the order's number as a barcode to scan at the till, the titles set aside.
 * Not a till ticket: no amount is printed.
 */
export function buildOrderSlip(input: {
	shop: ShopSettings;
	order: CustomerOrder;
	customerName: string;
	contact: string;
	printedAt: Date;
}): ReceiptModel {
	const { order } = input;
	return {
		header: [input.shop.tradeName || input.shop.legalName],
		banners: [`COMMANDE N° ${order.number}`],
		meta: [
			`Client\u00a0: ${input.customerName}`,
			...(input.contact ? [input.contact] : []),
			`Commandé le ${formatDay(order.createdOn)}`
		],
		lines: order.lines
			.filter((line) => reservedCopies(line) > 0)
			.map((line) => ({
				label: line.title,
				detail: `${reservedCopies(line)} ex. mis de côté`,
				amount: '',
				discount: ''
			})),
		total: '',
		discountTotal: '',
		vat: [],
		payments: [],
		change: '',
		issued: [],
		toPay: '',
		keep: [],
		footer: [`Mis de côté le ${formatDate(input.printedAt)}`],
		openDrawer: false,
		barcode: `CMD-${order.number}`
	};
}
