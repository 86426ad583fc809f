import { describe, expect, it } from 'vitest';
import { csvBlob } from '$lib/export/files';

describe('csvBlob (French spreadsheet CSV)', () => {
	it('writes a BOM, ; separators, CRLF, quotes where needed, and defuses formulas', async () => {
		const blob = csvBlob(
			['Nom', 'Montant TTC'],
			[
				['LIVRALOG; "Vasseur"', '45,40'],
				['=HYPERLINK("x")', '-45,40'],
				['-moins', '@SUM(A1)'],
				['-1+1', "-2+3+cmd|' /C calc'!A0"],
				['-1\u202f234,50', '-0,05\u00a0€']
			]
		);
		expect(blob.type).toBe('text/csv;charset=utf-8');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes.subarray(3))).toBe(
			[
				'Nom;Montant TTC',
				'"LIVRALOG; ""Vasseur""";45,40',
				`"'=HYPERLINK(""x"")";-45,40`,
				`"'-moins";"'@SUM(A1)"`,
				`"'-1+1";"'-2+3+cmd|' /C calc'!A0"`,
				'-1\u202f234,50;-0,05\u00a0€'
			].join('\r\n')
		);
	});
});
