import { describe, expect, it } from 'vitest';
import { directoryEntries, matchDirectoryEntries, MAX_DIRECTORY_LINES } from './directory';

describe('directoryEntries (the national directory’s CSV)', () => {
	it('reads an address column, and forms the address from SIRET, routing code or suffix', () => {
		const rows = [
			['SIREN', 'SIRET', 'Code routage', 'Suffixe', 'Adresse électronique'],
			['552 100 554', '', '', '', '552100554_FACTURES'],
			['552100554', '55210055400013', 'COMPTA', '', ''],
			['732829320', '', '', 'ACHATS', ''],
			['732829320', '', '', '', '']
		];
		expect(directoryEntries(rows)).toEqual({
			ok: true,
			value: [
				{ line: 2, siren: '552100554', siret: '', address: '552100554_FACTURES' },
				{
					line: 3,
					siren: '552100554',
					siret: '55210055400013',
					address: '552100554_55210055400013_COMPTA'
				},
				{ line: 4, siren: '732829320', siret: '', address: '732829320_ACHATS' },
				{ line: 5, siren: '732829320', siret: '', address: '732829320' }
			]
		});
	});

	it('takes a line cut short (a spreadsheet drops its empty last cells) as the SIREN alone', () => {
		expect(directoryEntries([['SIREN', 'Adresse électronique'], ['732829320']])).toEqual({
			ok: true,
			value: [{ line: 2, siren: '732829320', siret: '', address: '732829320' }]
		});
	});

	it.each([
		[[['Nom', 'Adresse']], 'Ce fichier n’a pas de colonne « SIREN »'],
		[[['SIREN', 'Nom']], 'ni colonne « Adresse électronique »'],
		[
			[
				['siren', 'siret'],
				['552100555', ''],
				['552100554', '1'],
				['552100554', '55210055400013']
			],
			'Rien n’a été importé. ligne 2 : Le SIREN «\u00a0552100555\u00a0» est invalide (clé de contrôle fausse) ; ligne 3 : Le SIRET doit comporter 14 chiffres.'
		],
		[
			[
				['SIREN', 'Adresse de facturation'],
				...Array.from({ length: 7 }, () => ['552100554', '404833048'])
			],
			'(et 2 autres).'
		],
		[
			[['SIREN', 'SIRET'], ...Array.from({ length: MAX_DIRECTORY_LINES + 1 }, () => ['', ''])],
			`Ce fichier a ${MAX_DIRECTORY_LINES + 1} lignes`
		],
		[[], 'Ce fichier n’a pas de colonne « SIREN »']
	])('refuses a file that is not one (%#), saying why', (rows, message) => {
		const result = directoryEntries(rows);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toContain(message);
	});
});

describe('matchDirectoryEntries', () => {
	const entry = (line: number, siren: string, siret: string, address: string) => ({
		line,
		siren,
		siret,
		address
	});
	const entries = [
		entry(2, '552100554', '', '552100554_FACTURES'),
		entry(3, '552100554', '55210055400013', '552100554_55210055400013'),
		entry(4, '732829320', '55210055400021', '732829320_X'),
		entry(5, '812345676', '', '812345676')
	];

	it('gives each company its establishment’s address, else its SIREN’s, else the first; tells the unknown SIRENs', () => {
		expect(
			matchDirectoryEntries(entries, [
				{ id: 1, siren: '552100554', siret: '55210055400013', einvoiceAddress: '' },
				{ id: 2, siren: '552100554', siret: '', einvoiceAddress: '' },
				{ id: 3, siren: '732829320', siret: '', einvoiceAddress: '' },
				{ id: 4, siren: '812345676', siret: '', einvoiceAddress: '812345676_OLD' },
				{ id: 5, siren: '552100554', siret: '', einvoiceAddress: '552100554_FACTURES' },
				{ id: 6, siren: '404833048', siret: '', einvoiceAddress: '' }
			])
		).toEqual({
			updates: [
				{ customerId: 1, address: '552100554_55210055400013' },
				{ customerId: 2, address: '552100554_FACTURES' },
				{ customerId: 3, address: '732829320_X' },
				// The SIREN alone is the default: stored as empty.
				{ customerId: 4, address: '' }
			],
			unknown: []
		});
		expect(matchDirectoryEntries(entries, []).unknown).toEqual([
			'552100554',
			'732829320',
			'812345676'
		]);
	});
});
