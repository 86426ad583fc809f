/**
 * A demonstration bookshop, generated deterministically (same seed, same shop): a catalogue of
 * books at 5,5 % with valid ISBN-13s, press at 2,1 % and stationery at 20 %, and a few customers,
 * among them a municipal lending library and a school, both public bodies with SIRET for Chorus Pro.
 * Pure: the data layer writes it (src/lib/db/demo-repository.ts).
 */
import {
	assertCents,
	assertVatRateBp,
	gs1CheckDigit,
	searchWords,
	type ArticleKind,
	type Cents,
	type ShopSettings
} from '$lib/domain';
import type { ArticleRow, BalanceAccountRow, CustomerRow, StockRow } from '$lib/db/schema';

/** Small, fast, seeded PRNG (mulberry32): the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const pick = <T>(next: () => number, items: readonly T[]): T =>
	items[Math.floor(next() * items.length)] as T;

/** French publishers with their ISBN prefix (group 2 = French-speaking). */
const PUBLISHERS: readonly { name: string; prefix: string; collections: string[] }[] = [
	{ name: 'GALLIMARD', prefix: '978207', collections: ['Folio', 'Blanche', 'Folio Junior'] },
	{ name: 'POCKET', prefix: '9782266', collections: ['Pocket', 'Pocket Jeunesse'] },
	{ name: 'LE LIVRE DE POCHE', prefix: '9782253', collections: ['Policier', 'Classiques'] },
	{ name: 'FLAMMARION', prefix: '978208', collections: ['GF', 'Champs'] },
	{ name: 'SEUIL', prefix: '978202', collections: ['Points', 'Cadre rouge'] },
	{ name: 'ACTES SUD', prefix: '9782330', collections: ['Babel', 'Domaine français'] },
	{ name: 'BRAGELONNE', prefix: '9782811', collections: ['Fantasy', 'Science-fiction'] },
	{ name: 'ALBIN MICHEL', prefix: '9782226', collections: ['Spiritualités', 'Romans'] },
	{ name: 'HACHETTE ÉDUCATION', prefix: '9782013', collections: ['Manuels', 'Bescherelle'] },
	{ name: 'L’ÉCOLE DES LOISIRS', prefix: '9782211', collections: ['Mouche', 'Neuf'] }
];

const TITLE_START = ['Le', 'La', 'Les', 'Un', 'Une', 'Des', 'Au', 'Sous', 'Après', 'Contre'];
const TITLE_NOUNS = [
	'jardin',
	'mémoire',
	'rivière',
	'silence',
	'hiver',
	'forêt',
	'lumière',
	'voyage',
	'maison',
	'étranger',
	'chemin',
	'océan',
	'nuit',
	'royaume',
	'promesse',
	'cœur',
	'île',
	'montagne',
	'horloge',
	'bibliothèque',
	'tempête',
	'étoile',
	'frontière',
	'secret',
	'dragon',
	'vallée'
];
const TITLE_ENDS = [
	'des oubliés',
	'du nord',
	'en été',
	'de Marseille',
	'perdu',
	'éternel',
	'des ombres',
	'sans fin',
	'de papier',
	'des rois',
	'du matin',
	'à Paris',
	'des sept mers',
	'de Lisbonne'
];
const FIRST_NAMES = [
	'Annie',
	'Jean',
	'Marie',
	'Pierre',
	'Léa',
	'Hélène',
	'Éric',
	'Françoise',
	'Amélie',
	'Joël',
	'Maryse',
	'Olivier',
	'Sylvie',
	'Zoé',
	'Gaël',
	'Noémie',
	'Raphaël',
	'Céline',
	'Loïc',
	'Inès'
];
const LAST_NAMES = [
	'Martin',
	'Dubois',
	'Lefèvre',
	'Moreau',
	'Laurent',
	'Garnier',
	'Chevalier',
	'Fournier',
	'Bonnet',
	'Girard',
	'Lambert',
	'Rousseau',
	'Vincent',
	'Mercier',
	'Blanc',
	'Guérin',
	'Faure',
	'Roux',
	'Perrin',
	'Brunet'
];
const PRESS = [
	'Le Monde',
	'Le Canard enchaîné',
	'Télérama',
	'Lire Magazine',
	'Le Point',
	'L’Équipe',
	'Courrier international',
	'Géo',
	'Le Monde diplomatique',
	'Science & Vie'
];
const STATIONERY = [
	'Carnet ligné A5',
	'Stylo plume',
	'Marque-page cuir',
	'Carte postale',
	'Agenda 2027',
	'Crayons de couleur (12)',
	'Cahier Clairefontaine 96 p.',
	'Puzzle 1000 pièces',
	'Tote bag',
	'Globe terrestre'
];

function ean13(body12: string): string {
	return `${body12}${gs1CheckDigit(body12)}`;
}

/** A valid Luhn SIRET from 13 digits (the key digit is appended). */
function siret(body13: string): string {
	for (let key = 0; key <= 9; key++) {
		const candidate = `${body13}${key}`;
		let sum = 0;
		for (let i = 0; i < 14; i++) {
			let digit = Number(candidate[13 - i]);
			if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
			sum += digit;
		}
		if (sum % 10 === 0) return candidate;
	}
	throw new Error('siret: no key digit found');
}

/** A bookshop price: 3,50 € to 45,00 €, ending in 0 or 5 cents mostly. */
function bookPrice(next: () => number): Cents {
	return assertCents(350 + Math.floor(next() * 830) * 5);
}

export interface DemoShop {
	shop: ShopSettings;
	articles: ArticleRow[];
	/** What the shop has of them: most titles 1 to 11 copies, some none (no row: StockRow). */
	stock: StockRow[];
	customers: Omit<CustomerRow, 'id'>[];
	/** Vouchers, credit notes and deposits to try the balance tenders and the ticket searches. */
	balanceAccounts: Omit<BalanceAccountRow, 'id'>[];
}

export const DEMO_BOOK_COUNT = 20_000;

/** Generates the demonstration shop. `bookCount` is lowered only by tests. */
export function generateDemoShop({
	bookCount = DEMO_BOOK_COUNT,
	seed = 1981,
	now = new Date()
} = {}): DemoShop {
	const next = seededRandom(seed);
	const updatedAt = now.toISOString();
	const articles: ArticleRow[] = [];
	const stock: StockRow[] = [];
	const usedEans = new Set<string>();
	const article = (fields: {
		ean: string;
		title: string;
		authors: string;
		publisher: string;
		collection: string;
		priceCents: Cents;
		vatRateBp: number;
		kind: ArticleKind;
	}) => {
		if (usedEans.has(fields.ean)) return;
		usedEans.add(fields.ean);
		const quantity = Math.floor(next() * 12);
		if (quantity > 0) stock.push({ ean: fields.ean, quantity });
		articles.push({
			...fields,
			vatRateBp: assertVatRateBp(fields.vatRateBp),
			words: searchWords(fields.title, fields.authors, fields.publisher),
			archived: 0,
			updatedAt
		});
	};

	for (let i = 0; articles.length < bookCount; i++) {
		const publisher = pick(next, PUBLISHERS);
		const body = `${publisher.prefix}${String(i).padStart(12 - publisher.prefix.length, '0')}`;
		const isSchoolBook = publisher.name === 'HACHETTE ÉDUCATION' && next() < 0.5;
		const title = isSchoolBook
			? `${pick(next, ['Mathématiques', 'Français', 'Histoire-Géographie', 'Physique-Chimie', 'Anglais'])} ${pick(next, ['6e', '5e', '4e', '3e', 'Seconde', 'CM1', 'CM2'])}`
			: `${pick(next, TITLE_START)} ${pick(next, TITLE_NOUNS)} ${pick(next, TITLE_ENDS)}`;
		article({
			ean: ean13(body),
			title: i % 7 === 0 ? `${title}, T${1 + (i % 9)}` : title,
			authors: `${pick(next, LAST_NAMES).toUpperCase()} ${pick(next, FIRST_NAMES)}`,
			publisher: publisher.name,
			collection: pick(next, publisher.collections),
			priceCents: bookPrice(next),
			vatRateBp: 550,
			kind: isSchoolBook ? 'livre-scolaire' : 'livre'
		});
	}

	// Press: EAN 977 + ISSN body + issue variant, CPPAP titles at 2,1 % (CGI art. 298 septies).
	PRESS.forEach((title, t) => {
		for (let issue = 1; issue <= 30; issue++) {
			article({
				ean: ean13(
					`977${String(1_234_560 + t * 7).padStart(7, '0')}${String(issue).padStart(2, '0')}`
				),
				title: `${title} n° ${issue}`,
				authors: '',
				publisher: title.toUpperCase(),
				collection: '',
				priceCents: assertCents(250 + t * 50),
				vatRateBp: 210,
				kind: 'presse'
			});
		}
	});

	// Stationery and gifts: shop-internal codes starting with 2, at 20 %.
	STATIONERY.forEach((title, s) => {
		for (let variant = 1; variant <= 20; variant++) {
			article({
				ean: ean13(`2${String(s * 100 + variant).padStart(11, '0')}`),
				title: `${title} — modèle ${variant}`,
				authors: '',
				publisher: 'PAPETERIE',
				collection: '',
				priceCents: assertCents(290 + s * 150 + variant * 10),
				vatRateBp: 2000,
				kind: 'autre'
			});
		}
	});

	return {
		shop: DEMO_SHOP,
		articles,
		stock,
		customers: demoCustomers(updatedAt),
		balanceAccounts: demoBalanceAccounts(updatedAt)
	};
}

export const DEMO_SHOP: ShopSettings = {
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
	invoiceFooter: 'Merci de votre confiance. Librairie indépendante depuis 1981.',
	tillId: 'CAISSE1',
	vatRegime: 'debits',
	einvoiceAddress: ''
};

function demoCustomers(createdAt: string): Omit<CustomerRow, 'id'>[] {
	const base = {
		phone: '',
		email: '',
		website: '',
		notes: '',
		siret: '',
		gln: '',
		isLendingLibrary: false,
		schoolPricing: false,
		chorusServiceCode: '',
		chorusServiceCodeRequired: false,
		chorusEngagementRequired: false,
		chorusOneOfRequired: false,
		chorusDefaultFrame: 'A1' as const,
		showShopIban: false,
		createdAt
	};
	const address = (id: string, name: string, line1: string, postalCode: string, city: string) => ({
		id,
		label: 'Principale',
		name,
		line1,
		line2: '',
		postalCode,
		city,
		country: 'FR',
		isDefaultBilling: true,
		isDefaultDelivery: true
	});
	const customer = (
		fields: Partial<Omit<CustomerRow, 'id'>> &
			Pick<CustomerRow, 'number' | 'lastName' | 'status' | 'addresses'>
	) => {
		const row = { ...base, firstName: '', professionalName: '', loyaltyCard: '', ...fields };
		const main = row.addresses[0];
		return {
			...row,
			postalCode: main?.postalCode ?? '',
			words: searchWords(row.lastName, row.firstName, row.professionalName, row.number)
		};
	};
	return [
		customer({
			number: '1000001',
			lastName: 'Vasseur',
			firstName: 'Laurent',
			status: 'particulier',
			email: 'laurent.vasseur@example.fr',
			loyaltyCard: ean13('201010010002'),
			addresses: [address('a1', 'Laurent Vasseur', '3 rue Émile Zola', '62300', 'Lens')]
		}),
		customer({
			number: '1000002',
			lastName: 'Nguyen',
			firstName: 'Hélène',
			status: 'particulier',
			loyaltyCard: ean13('201010010003'),
			addresses: [address('a1', 'Hélène Nguyen', '18 avenue Alfred Maës', '62300', 'Lens')]
		}),
		customer({
			number: '1000003',
			lastName: 'Médiathèque Robert-Cousin',
			professionalName: 'Ville de Lens — Médiathèque municipale',
			status: 'bibliotheque',
			siret: siret('2162049800001'),
			gln: ean13('302559001234'),
			isLendingLibrary: true,
			chorusServiceCode: 'MEDIATHEQUE',
			chorusServiceCodeRequired: true,
			chorusEngagementRequired: true,
			email: 'mediatheque@example.fr',
			addresses: [address('a1', 'Médiathèque municipale', 'Place Jean Jaurès', '62300', 'Lens')]
		}),
		customer({
			number: '1000004',
			lastName: 'Collège Jean-Macé',
			professionalName: 'Collège Jean-Macé',
			status: 'ecole',
			schoolPricing: true,
			siret: siret('1962000450001'),
			chorusServiceCode: 'CDI',
			chorusOneOfRequired: true,
			addresses: [address('a1', 'Collège Jean-Macé — CDI', '5 rue de la Paix', '62300', 'Lens')]
		}),
		customer({
			number: '1000005',
			lastName: 'Direction régionale des affaires culturelles',
			professionalName: 'DRAC Hauts-de-France (services de l’État)',
			status: 'collectivite',
			siret: '11000201100044',
			chorusServiceCode: 'DRAC59-BIBLIO',
			chorusServiceCodeRequired: true,
			addresses: [address('a1', 'DRAC Hauts-de-France', '3 rue du Lombard', '59000', 'Lille')]
		}),
		// A company: its invoices are reform e-invoices for the shop's plateforme agréée.
		customer({
			number: '1000006',
			lastName: 'Imprimerie du Nord',
			professionalName: 'Imprimerie du Nord SAS',
			status: 'entreprise',
			siren: '552100554',
			siret: '55210055400013',
			vatNumber: 'FR96552100554',
			einvoiceAddress: '552100554_FACTURES',
			email: 'compta@imprimerie-du-nord.example',
			addresses: [address('a1', 'Imprimerie du Nord SAS', '8 avenue Van Pelt', '62300', 'Lens')]
		})
	];
}

/** A gift voucher, a credit note and a deposit, as printed codes (EAN-13, shop prefix 2). */
function demoBalanceAccounts(createdAt: string): Omit<BalanceAccountRow, 'id'>[] {
	const account = (
		kind: BalanceAccountRow['kind'],
		code: string,
		cents: number,
		orderReference = ''
	) => ({
		kind,
		code,
		customerId: null,
		initialCents: assertCents(cents),
		validUntil: kind === 'gift-voucher' ? '2099-12-31' : null,
		orderReference,
		status: 'active',
		createdAt,
		lastUsedAt: null
	});
	return [
		account('gift-voucher', ean13('288888002472'), 3000),
		account('credit-note', ean13('288888100001'), 1500),
		account('deposit', ean13('288888400007'), 2000, '27846')
	];
}
