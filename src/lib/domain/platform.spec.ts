import { describe, expect, it } from 'vitest';
import { preflightPasses } from './chorus';
import { eInvoiceOf } from './einvoice';
import { issueBlockers } from './invoice-checks';
import type { IssuedInvoice } from './invoice-document';
import { platformPreflight } from './platform';
import { COMPANY_INVOICE_CASES } from '../../../tests/fixtures/invoices';

const [owed, , credit] = Object.values(COMPANY_INVOICE_CASES) as [
	IssuedInvoice,
	IssuedInvoice,
	IssuedInvoice
];
const TODAY = '2026-12-04';

function problems(invoice: IssuedInvoice): Record<string, string> {
	return Object.fromEntries(
		platformPreflight(invoice, eInvoiceOf(invoice), TODAY)
			.filter((check) => check.problem !== null)
			.map((check) => [check.label, check.problem as string])
	);
}

function changed(
	invoice: IssuedInvoice,
	change: {
		seller?: Partial<IssuedInvoice['document']['seller']>;
		buyer?: Partial<NonNullable<IssuedInvoice['document']['buyer']>>;
		document?: Partial<IssuedInvoice['document']>;
		invoice?: Partial<IssuedInvoice>;
	}
): IssuedInvoice {
	const { document } = invoice;
	return {
		...invoice,
		...change.invoice,
		document: {
			...document,
			...change.document,
			seller: { ...document.seller, ...change.seller },
			buyer: document.buyer && { ...document.buyer, ...change.buyer }
		}
	};
}

/** A credit note as an older version stored it, without the invoice it corrects. */
function uncited(creditNote: IssuedInvoice): IssuedInvoice {
	const document = Object.fromEntries(
		Object.entries(creditNote.document).filter(([key]) => key !== 'creditedInvoice')
	) as unknown as IssuedInvoice['document'];
	return { ...creditNote, document };
}

describe('platformPreflight (BR-FR in French, before numbering)', () => {
	it('passes every case of the reform', () => {
		for (const invoice of Object.values(COMPANY_INVOICE_CASES)) {
			expect(problems(invoice)).toEqual({});
			expect(preflightPasses(platformPreflight(invoice, eInvoiceOf(invoice), TODAY))).toBe(true);
		}
	});

	it.each([
		[
			'a buyer without SIREN',
			changed(owed, { buyer: { siren: '', siret: '' } }),
			'SIREN du client',
			'Le SIREN de Imprimerie du Nord SAS manque : ajoutez-le à sa fiche client (Clients › Modifier), puis refaites la facture.'
		],
		[
			'a buyer with a wrong SIREN',
			changed(owed, { buyer: { siren: '552100555' } }),
			'SIREN du client',
			'Le SIREN «\u00a0552100555\u00a0» est invalide (clé de contrôle fausse). Corrigez la fiche client de Imprimerie du Nord SAS.'
		],
		[
			'a buyer address of another company',
			changed(owed, { buyer: { einvoiceAddress: '404833048_X' } }),
			'Adresse électronique du client',
			'L’adresse de facturation électronique commence par le SIREN 552100554 (annuaire\u00a0: SIREN, SIREN_SIRET ou SIREN_code). Corrigez la fiche client de Imprimerie du Nord SAS.'
		],
		[
			'a shop address with a space',
			changed(owed, { seller: { einvoiceAddress: '404833048 V' } }),
			'Adresse électronique de la librairie',
			undefined
		],
		[
			'a shop without SIRET',
			changed(owed, { seller: { siret: '' } }),
			'SIREN de la librairie',
			'Le SIRET de la librairie est absent ou invalide : corrigez-le dans Paramètres › Boutique.'
		],
		[
			'a shop without VAT number',
			changed(owed, { seller: { vatNumber: '' } }),
			'N° de TVA de la librairie',
			undefined
		],
		[
			'a shop without address',
			changed(owed, { seller: { city: '' } }),
			'Identité de la librairie',
			'Complétez dans Paramètres › Boutique : ville.'
		],
		[
			'a transfer without IBAN',
			changed(owed, { seller: { iban: '' } }),
			'Mode de règlement',
			undefined
		],
		[
			'a credit note that cites nothing',
			uncited(credit),
			'Facture d’origine de l’avoir',
			'Cet avoir ne cite pas la facture qu’il corrige (numéro et date) : la plateforme le refusera.'
		],
		[
			'a number with a space',
			changed(owed, { invoice: { number: 'F 11' } }),
			'Numéro et date',
			'Le numéro de facture compte 35 caractères au plus : lettres, chiffres, + - _ / sans espace.'
		],
		[
			'a date to come',
			changed(owed, { invoice: { issueDate: '2026-12-20T10:00:00Z' } }),
			'Numéro et date',
			'La date de facture est dans le futur.'
		],
		[
			'a pro forma',
			changed(owed, { invoice: { kind: 'proforma' } }),
			'Document à déposer',
			undefined
		]
	] as const)('blocks %s at « %s »', (_, invoice, label, message) => {
		const found = problems(invoice);
		expect(Object.keys(found)).toEqual([label]);
		if (message) expect(found[label]).toBe(message);
	});

	it('shows each document only the checks that concern it: the cited invoice on a credit note, the payment on an invoice', () => {
		const labels = (invoice: IssuedInvoice) =>
			platformPreflight(invoice, eInvoiceOf(invoice), TODAY).map((check) => check.label);
		expect(labels(owed)).toContain('Mode de règlement');
		expect(labels(owed)).not.toContain('Facture d’origine de l’avoir');
		expect(labels(credit)).toContain('Facture d’origine de l’avoir');
		expect(labels(credit)).not.toContain('Mode de règlement');
	});

	it('stops the invoice before its number is given (issueBlockers)', () => {
		expect(issueBlockers(owed, TODAY)).toEqual([]);
		expect(issueBlockers(changed(owed, { buyer: { siren: '', siret: '' } }), TODAY)).toEqual([
			'SIREN du client\u00a0: Le SIREN de Imprimerie du Nord SAS manque : ajoutez-le à sa fiche client (Clients › Modifier), puis refaites la facture.'
		]);
	});
});
