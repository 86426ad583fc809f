/**
 * Recorded tickets and issued invoices for tests and benchmarks (the cases issue #7 names).
 * Figures always come from the amounts engine, as the till makes them. Not imported by the app.
 */
import type { Discount } from './discount';
import {
	creditNoteDocument,
	invoiceDocumentFromTickets,
	reissueDocuments,
	type InvoiceBuyer,
	type InvoicedTicket,
	type IssuedInvoice
} from './invoice-document';
import { assertCents } from './money';
import type { PaymentMethod } from './payment';
import type { DueDocument } from './reminder';
import type { ShopSettings } from './shop';
import { computeTicketTotals, type TicketInput, type TicketLineInput } from './ticket';
import { NO_REFERENCES, type InvoiceReferences, type PostalAddress } from './ticket-annotations';
import { assertVatRateBp } from './vat';

export const TEST_SELLER: ShopSettings = {
	legalName: 'Librairie du Comptoir SARL',
	tradeName: 'Librairie du Comptoir',
	addressLine1: '12 rue des Libraires',
	addressLine2: '',
	postalCode: '62300',
	city: 'Lens',
	siret: '40483304800022',
	vatNumber: 'FR83404833048',
	rcsCity: 'Arras',
	shareCapitalCents: assertCents(800_000),
	legalForm: 'SARL',
	phone: '03 21 00 00 00',
	email: 'contact@librairie-du-comptoir.fr',
	iban: 'FR7630006000011234567890189',
	bic: 'AGRIFRPP',
	invoiceFooter: 'Merci de votre confiance.',
	tillId: 'CAISSE1',
	vatRegime: 'debits'
};

/** A recorded ticket as the till makes it: figures from the amounts engine. */
export function recordedTicket(
	id: number,
	input: TicketInput,
	options: {
		readonly paidBy?: PaymentMethod;
		readonly day?: string;
		readonly titles?: readonly string[];
	} = {}
): InvoicedTicket {
	const totals = computeTicketTotals(input);
	if (!totals.ok) throw new Error(totals.error.message);
	const paidBy = options.paidBy ?? 'carte';
	const day = options.day ?? `2019-10-2${id % 10}`;
	return {
		id,
		tillId: 'CAISSE1',
		number: 100 + id,
		createdAt: `${day}T15:39:17Z`,
		day,
		dueDate: paidBy === 'en-compte' ? '2026-12-31' : null,
		lines: input.lines.map((line, index) => {
			const figures = totals.value.lines[index];
			if (!figures) throw new Error('line');
			return {
				ean: line.articleKind === 'autre' ? '2000000000015' : '9782266248549',
				title: options.titles?.[index] ?? line.label ?? 'Livre',
				authors: line.articleKind === 'livre' ? 'Victor Hugo' : '',
				publisher: line.articleKind === 'livre' ? 'Pocket' : '',
				kind: line.articleKind,
				quantity: line.quantity,
				unitPriceCents: line.unitPriceCents,
				discount: line.discount ?? null,
				...figures
			};
		}),
		rates: totals.value.rates,
		totalCents: totals.value.ttcCents,
		payments: [{ method: paidBy, amountCents: totals.value.ttcCents }],
		changeCents: assertCents(0)
	};
}

export function bookLine(
	cents: number,
	quantity = 1,
	discount?: Discount,
	label = 'Livre'
): TicketLineInput {
	return {
		label,
		quantity,
		unitPriceCents: assertCents(cents),
		vatRateBp: assertVatRateBp(550),
		articleKind: 'livre',
		...(discount ? { discount } : {})
	};
}

export function stationeryLine(cents: number, quantity = 1, label = 'Cahier'): TicketLineInput {
	return {
		label,
		quantity,
		unitPriceCents: assertCents(cents),
		vatRateBp: assertVatRateBp(2000),
		articleKind: 'autre'
	};
}

export function pressLine(cents: number, quantity = 1, label = 'Journal'): TicketLineInput {
	return {
		label,
		quantity,
		unitPriceCents: assertCents(cents),
		vatRateBp: assertVatRateBp(210),
		articleKind: 'presse'
	};
}

const LIBRARY: InvoiceBuyer = {
	customerNumber: 'C000012',
	name: 'Médiathèque de Lens',
	status: 'bibliotheque',
	siret: '21620498200005',
	gln: '',
	email: 'mediatheque@lens.example',
	showShopIban: true,
	serviceCodeRequired: true,
	engagementRequired: false,
	oneOfRequired: false
};

export const LIBRARY_ADDRESS: PostalAddress = {
	professionalName: 'Médiathèque Robert-Cousin',
	lastName: '',
	firstName: '',
	line1: '21 rue de Paris',
	line2: '',
	postalCode: '62300',
	city: 'Lens',
	country: 'France',
	vatNumber: ''
};

const STATE_SERVICE: InvoiceBuyer = {
	...LIBRARY,
	customerNumber: 'C000020',
	name: 'Rectorat de l’académie de Lille',
	status: 'collectivite',
	siret: '11000201100044',
	engagementRequired: true
};

function issued(
	number: string,
	tickets: readonly InvoicedTicket[],
	options: {
		readonly buyer?: InvoiceBuyer;
		readonly billing?: PostalAddress;
		readonly references?: InvoiceReferences;
		readonly note?: string;
		readonly seller?: ShopSettings;
	} = {}
): IssuedInvoice {
	const document = invoiceDocumentFromTickets({
		seller: options.seller ?? TEST_SELLER,
		buyer: options.buyer ?? LIBRARY,
		billing: options.billing ?? LIBRARY_ADDRESS,
		delivery: null,
		references: options.references ?? { ...NO_REFERENCES, serviceCode: 'MEDIATHEQUE' },
		note: options.note ?? '',
		tickets
	});
	return {
		kind: 'invoice',
		number,
		issueDate: '2026-11-20T10:00:00Z',
		dueDate: document.dueDate,
		document
	};
}

const collectivity = { kind: 'percent', bp: 900 } as const;

const oneBook = issued('1', [
	recordedTicket(
		1,
		{ customerStatus: 'bibliotheque', lines: [bookLine(1800)] },
		{ paidBy: 'en-compte', day: '2026-11-19' }
	)
]);

/**
 * The cases every export must pass the validator with (issue #7), each an issued invoice or
 * credit note.
 */
export const INVOICE_CASES: Readonly<Record<string, IssuedInvoice>> = {
	'un livre': oneBook,
	'livres, papeterie et presse': issued('2', [
		recordedTicket(
			2,
			{
				customerStatus: 'bibliotheque',
				lines: [bookLine(2290, 3), bookLine(845), stationeryLine(399, 4), pressLine(290, 2)]
			},
			{ paidBy: 'en-compte', day: '2026-11-18' }
		)
	]),
	'remise collectivité 9 %': issued('3', [
		recordedTicket(
			3,
			{
				customerStatus: 'collectivite',
				lines: [
					bookLine(1995, 7, collectivity),
					bookLine(4540, 1, collectivity),
					bookLine(860, 3, collectivity)
				]
			},
			{ paidBy: 'en-compte', day: '2026-11-17' }
		)
	]),
	'ticket payé au comptoir (A2)': issued('4', [
		recordedTicket(
			4,
			{ customerStatus: 'bibliotheque', lines: [bookLine(860, 2), bookLine(2190)] },
			{ day: '2026-11-16' }
		)
	]),
	'service de l’État': issued(
		'5',
		[
			recordedTicket(
				5,
				{ customerStatus: 'collectivite', lines: [bookLine(3200, 12, collectivity)] },
				{ paidBy: 'en-compte', day: '2026-11-15' }
			)
		],
		{
			buyer: STATE_SERVICE,
			billing: {
				...LIBRARY_ADDRESS,
				professionalName: 'Rectorat de Lille — DAF',
				line1: '144 rue de Bavay',
				postalCode: '59000',
				city: 'Lille'
			},
			references: {
				serviceCode: 'DAF_BUREAU-3',
				engagementNumber: '1300123456',
				marketNumber: 'M2026-014'
			}
		}
	),
	'avoir partiel': {
		kind: 'credit-note',
		number: 'AV-1',
		issueDate: '2026-11-21T09:00:00Z',
		dueDate: null,
		document: (() => {
			const original = issued('6', [
				recordedTicket(
					6,
					{ customerStatus: 'bibliotheque', lines: [bookLine(2290, 3), stationeryLine(399, 4)] },
					{ paidBy: 'en-compte', day: '2026-11-14' }
				)
			]);
			const credit = creditNoteDocument(original, [
				{ lineIndex: 0, quantity: 1 },
				{ lineIndex: 1, quantity: 2 }
			]);
			if (!credit.ok) throw new Error(credit.error.message);
			return credit.value;
		})()
	},
	'trois tickets regroupés': issued('7', [
		recordedTicket(
			7,
			{ customerStatus: 'bibliotheque', lines: [bookLine(1800)] },
			{ paidBy: 'en-compte', day: '2026-11-03' }
		),
		recordedTicket(
			8,
			{ customerStatus: 'bibliotheque', lines: [bookLine(2190, 2), pressLine(250)] },
			{ paidBy: 'en-compte', day: '2026-11-05' }
		),
		recordedTicket(
			9,
			{ customerStatus: 'bibliotheque', lines: [stationeryLine(1250)] },
			{ day: '2026-11-09' }
		)
	]),
	'caractères spéciaux': issued(
		'8',
		[
			recordedTicket(
				10,
				{
					customerStatus: 'bibliotheque',
					lines: [bookLine(1500), bookLine(2400), stationeryLine(500)]
				},
				{
					paidBy: 'en-compte',
					day: '2026-11-12',
					titles: [
						'Tom & Jerry <l’intégrale> "collector"',
						"L'œuvre — 100 € d'émotions 📚",
						'Carnet « Cœur & âme » 😀'
					]
				}
			)
		],
		{
			billing: { ...LIBRARY_ADDRESS, professionalName: 'Bibliothèque « Œuvres & Cie » <Lens> 📖' },
			note: "Livraison à l'accueil — merci ! 🙂"
		}
	),
	...reissued()
};

/**
 * « Émettre un avoir et refacturer » on an invoice paid at the counter whose engagement number was
 * wrong: the credit note on all of it, and the new invoice, due 30 days after its issue.
 */
function reissued(): Record<string, IssuedInvoice> {
	const original = issued(
		'9',
		[
			recordedTicket(
				11,
				{ customerStatus: 'collectivite', lines: [bookLine(2290, 2), pressLine(290)] },
				{ day: '2026-11-10' }
			)
		],
		{
			buyer: STATE_SERVICE,
			references: { serviceCode: 'DAF_BUREAU-3', engagementNumber: '1300123456', marketNumber: '' }
		}
	);
	const built = reissueDocuments(original, {
		seller: TEST_SELLER,
		buyer: STATE_SERVICE,
		billing: { ...LIBRARY_ADDRESS, professionalName: 'Rectorat de Lille — DAF', city: 'Lille' },
		delivery: null,
		references: {
			serviceCode: 'DAF_BUREAU-3',
			engagementNumber: '1300123457',
			marketNumber: ''
		}
	});
	if (!built.ok) throw new Error(built.error.message);
	return {
		'avoir de refacturation': {
			kind: 'credit-note',
			number: 'AV-2',
			issueDate: '2026-11-22T09:00:00Z',
			dueDate: null,
			document: built.value.creditNote
		},
		'facture refaite, à 30 jours': {
			kind: 'invoice',
			number: '10',
			issueDate: '2026-11-22T09:01:00Z',
			dueDate: '2026-12-22',
			document: { ...built.value.invoice, dueDate: '2026-12-22' }
		}
	};
}

/** An invoice of « Les échéances », 13 days overdue with 20,00 € received (reminder letters). */
export const OVERDUE_INVOICE: DueDocument = {
	kind: 'invoice',
	label: 'Facture n° 7',
	number: '7',
	customerName: 'Médiathèque de Lens',
	issueDay: '2026-10-20',
	dueDay: '2026-11-19',
	askedCents: 5790,
	leftCents: 3790,
	state: 'echue',
	daysLate: 13,
	reminders: []
};
