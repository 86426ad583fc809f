import { describe, expect, it } from 'vitest';
import { DEMO_SHOP } from '$lib/demo/demo-data';
import { assertCents, assertVatRateBp, summarizeTickets } from '$lib/domain';
import type { TicketRow } from '$lib/db/schema';
import { encodeReceipt } from '$lib/printing/escpos';
import { buildReceipt, buildXReport } from '$lib/printing/receipt-model';
import { FakeTransport } from '$lib/printing/transport';
import { bookSale } from '../db/sale-fixtures';

const ticket: TicketRow = {
	...bookSale({
		lines: [
			{
				...bookSale().lines[0]!,
				title: 'Œuvres complètes — «\u00a0L’Été\u00a0» & co',
				discountCents: assertCents(86),
				discount: { kind: 'percent', bp: 500 },
				ttcCents: assertCents(1634)
			},
			{
				...bookSale().lines[0]!,
				ean: '2000000000015',
				title: 'Carnet ligné',
				kind: 'autre',
				quantity: 1,
				unitPriceCents: assertCents(490),
				vatRateBp: assertVatRateBp(2000),
				grossCents: assertCents(490),
				ttcCents: assertCents(490),
				htCents: assertCents(408),
				vatCents: assertCents(82)
			}
		]
	}),
	id: 7,
	number: 178749,
	createdAt: '2019-09-27T16:49:38.000Z',
	day: '2019-09-27'
};

function bytesInclude(haystack: Uint8Array, needle: number[]): boolean {
	outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

describe('receipt model', () => {
	it('has the mentions of a till ticket', () => {
		const model = buildReceipt(ticket, DEMO_SHOP, { customerName: 'VASSEUR Laurent' });
		expect(model.header).toEqual([
			'Librairie du Comptoir',
			'Librairie du Comptoir SARL',
			'12 rue des Libraires',
			'62300 Lens',
			'Tél. 03 21 00 00 00',
			'SIRET 404 833 048 00022',
			'TVA FR83404833048'
		]);
		expect(model.meta).toEqual([
			'Caisse CAISSE1 — Ticket n° 178749',
			'27/09/2019 18:49',
			'Vendeur\u00a0: Anne',
			'Client\u00a0: VASSEUR Laurent'
		]);
		expect(model.lines[0]).toMatchObject({
			detail: '2 × 8,60\u00a0€',
			amount: '16,34\u00a0€',
			discount: 'Remise -0,86\u00a0€'
		});
		expect(model.lines[1]?.detail).toBe('1 × 4,90\u00a0€ (TVA 20\u00a0%)');
		expect(model.vat).toEqual([
			{ rate: '5,5\u00a0%', ht: '16,30\u00a0€', tva: '0,90\u00a0€', ttc: '17,20\u00a0€' }
		]);
		expect(model.payments).toEqual([{ label: 'Espèces', amount: '20,00\u00a0€' }]);
		expect(model.change).toBe('2,80\u00a0€');
		expect(model.banners).toEqual([]);
		expect(model.openDrawer).toBe(true);
	});
	it('says DUPLICATA n° on a reprint, and does not open the drawer', () => {
		const model = buildReceipt(ticket, DEMO_SHOP, { duplicate: 2 });
		expect(model.banners).toEqual(['DUPLICATA n° 2']);
		expect(model.openDrawer).toBe(false);
	});
	it('shows no price at all on a gift receipt', () => {
		const model = buildReceipt(ticket, DEMO_SHOP, { gift: true });
		expect(model.banners).toEqual(['TICKET CADEAU']);
		expect(JSON.stringify({ ...model, header: [], footer: [] })).not.toMatch(/€/u);
	});
	it('marks training tickets as fictitious and cancellations with the original number', () => {
		const model = buildReceipt({ ...ticket, training: 1 }, DEMO_SHOP, { cancelsNumber: 178748 });
		expect(model.banners).toEqual(['FORMATION – ticket factice']);
		expect(model.meta).toContain('Ce ticket annule le ticket n° 178748');
	});
	it('builds an X report', () => {
		const summary = summarizeTickets([ticket]);
		const model = buildXReport({
			shop: DEMO_SHOP,
			tillId: 'CAISSE1',
			cashier: 'Anne',
			openedAt: '2019-09-27T07:00:00Z',
			printedAt: new Date('2019-09-27T17:00:00Z'),
			summary,
			expectedCashCents: 16720,
			movements: [{ amountCents: -5000, reason: 'Banque' }]
		});
		expect(model.banners).toEqual(['RAPPORT X']);
		expect(model.payments.at(-1)).toEqual({ label: 'Espèces attendues', amount: '167,20\u00a0€' });
		expect(model.lines[0]?.label).toBe('Mouvement\u00a0: Banque');
	});
});

describe('ESC/POS encoding', () => {
	it('uses code page windows-1252: é, €, œ, « » print from one table', () => {
		const bytes = encodeReceipt(buildReceipt(ticket, DEMO_SHOP));
		expect(bytesInclude(bytes, [0x1b, 0x74, 16])).toBe(true); // ESC t 16 = WPC1252 (Epson)
		expect(bytesInclude(bytes, [0x8c, 0x75, 0x76, 0x72, 0x65, 0x73])).toBe(true); // "Œuvres"
		expect(bytesInclude(bytes, [0xab, 0x20, 0x4c, 0x92, 0xc9, 0x74, 0xe9, 0x20, 0xbb])).toBe(true); // « L’Été »
		expect(bytesInclude(bytes, [0x38, 0x2c, 0x36, 0x30, 0x20, 0x80])).toBe(true); // 8,60 €
		expect(bytesInclude(bytes, [0x1d, 0x56])).toBe(true); // GS V: paper cut
		expect(bytesInclude(bytes, [0x1b, 0x70])).toBe(true); // ESC p: drawer pulse on cash
		expect(bytesInclude(bytes, [0x3f, 0x3f])).toBe(false); // no "??" for missing glyphs
	});
	it('prints markup characters as typed, an emoji as question marks, and wraps 5 000 characters without losing one', () => {
		const hostile = {
			...ticket,
			lines: [{ ...(ticket.lines[0] as TicketRow['lines'][number]), title: `& < > " ' 😀 fin` }]
		};
		const name = 'N'.repeat(4_990) + ' & <fin>';
		const receipt = buildReceipt(hostile, DEMO_SHOP, { customerName: name });
		expect(receipt.lines[0]?.label).toBe(`& < > " ' 😀 fin`);
		const bytes = encodeReceipt(receipt);
		const text = new TextDecoder('windows-1252').decode(bytes);
		// Windows-1252 has no emoji: the printer gets question marks, the rest prints as typed.
		expect(text).toMatch(/& < > " ' \?+ fin/u);
		expect(text.split('N').length - 1).toBe(4_990);
		expect(text).toContain('& <fin>');
	});

	it('sends no drawer pulse on a duplicate', () => {
		expect(
			bytesInclude(encodeReceipt(buildReceipt(ticket, DEMO_SHOP, { duplicate: 1 })), [0x1b, 0x70])
		).toBe(false);
	});
	it('matches the byte snapshot of an 80 mm and a 58 mm receipt', () => {
		const model = buildReceipt(ticket, DEMO_SHOP);
		expect(
			Buffer.from(encodeReceipt(model))
				.toString('hex')
				.match(/.{1,96}/gu)
		).toMatchSnapshot('80mm');
		expect(
			Buffer.from(encodeReceipt(model, { columns: 32 }))
				.toString('hex')
				.match(/.{1,96}/gu)
		).toMatchSnapshot('58mm');
	});
	it('goes through a transport: the fake one records the bytes', async () => {
		const transport = new FakeTransport();
		const bytes = encodeReceipt(buildReceipt(ticket, DEMO_SHOP));
		await transport.print(bytes);
		expect(transport.printed).toEqual([bytes]);
		transport.connected = false;
		await expect(transport.print(bytes)).rejects.toThrow('Imprimante déconnectée');
	});
});

describe('vouchers, deposits and credit notes on the receipt', () => {
	const voucherSale: TicketRow = {
		...bookSale({
			payments: [{ method: 'carte', amountCents: assertCents(4720), reference: null }],
			changeCents: assertCents(0),
			issues: [
				{
					kind: 'gift-voucher',
					amountCents: assertCents(3000),
					validUntil: '2027-11-23',
					orderReference: '',
					code: '2888800000011'
				}
			]
		}),
		id: 9,
		number: 12,
		createdAt: '2026-11-23T10:00:00.000Z',
		day: '2026-11-23'
	};

	it('lists the voucher apart from the sale, the total paid, and its code to keep', () => {
		const receipt = buildReceipt(voucherSale, DEMO_SHOP);
		expect(receipt.total).toBe('17,20\u00a0€');
		expect(receipt.issued).toEqual([
			{ label: 'Bon cadeau n° 2888800000011 — valable jusqu’au 23/11/2027', amount: '30,00\u00a0€' }
		]);
		expect(receipt.toPay).toBe('47,20\u00a0€');
		expect(receipt.keep).toEqual([{ label: 'Bon cadeau 30,00\u00a0€', code: '2888800000011' }]);
		const text = new TextDecoder('latin1').decode(encodeReceipt(receipt));
		expect(text).toContain('TOTAL À PAYER');
		expect(text).toContain('À conserver : Bon cadeau 30,00 \u0080'); // € is 0x80 in windows-1252
		// GS k 2 (EAN-13), the code's digits, NUL.
		expect(text).toContain('\u001dk\u00022888800000011\u0000');
		expect(buildReceipt(voucherSale, DEMO_SHOP, { gift: true }).keep).toEqual([]);
	});

	it('gives the customer the code of a credit note issued on a refund', () => {
		const refund: TicketRow = {
			...voucherSale,
			issues: [],
			totalCents: assertCents(-1720),
			payments: [{ method: 'avoir', amountCents: assertCents(-1720), reference: '2888100000018' }]
		};
		const receipt = buildReceipt(refund, DEMO_SHOP);
		expect(receipt.toPay).toBe('');
		expect(receipt.keep).toEqual([{ label: 'Avoir 17,20\u00a0€', code: '2888100000018' }]);
	});
});
