import { describe, expect, it } from 'vitest';
import { verifyIntegrity } from '$lib/db/integrity-repository';
import { closePeriod, dueClosings, listClosings, periodReport } from '$lib/db/closing-repository';
import { recordSale } from '$lib/db/ticket-repository';
import { closeTill, openTill } from '$lib/db/till-repository';
import { assertCents } from '$lib/domain';
import { freshDatabase } from './fresh-db';
import { bookSale } from './sale-fixtures';

const at = (iso: string) => new Date(iso);

describe('closings', () => {
	it('proposes the past days and month, closes them in order with the grand total, then refuses sales on a closed day [CLO-01] [CLO-02]', async () => {
		freshDatabase();
		await recordSale(bookSale(), at('2026-10-30T10:00:00Z'));
		await recordSale(bookSale(), at('2026-10-31T10:00:00Z'));
		await recordSale(bookSale(), at('2026-11-02T10:00:00Z'));
		expect((await dueClosings('CAISSE1', '2026-11-03')).map((p) => `${p.kind}:${p.start}`)).toEqual(
			['day:2026-10-30', 'day:2026-10-31', 'day:2026-11-02', 'month:2026-10-01']
		);
		await expect(closePeriod('CAISSE1', 'day', '2026-10-31', '2026-11-03', 'Anne')).rejects.toThrow(
			'Clôturez d’abord le 30/10/2026.'
		);
		await expect(
			closePeriod('CAISSE1', 'month', '2026-10-01', '2026-11-03', 'Anne')
		).rejects.toThrow(/Clôturez d’abord le 30\/10\/2026/u);
		const { closing: first, alarms } = await closePeriod(
			'CAISSE1',
			'day',
			'2026-10-30',
			'2026-11-03',
			'Anne'
		);
		expect(alarms).toEqual([]);
		expect(first).toMatchObject({
			kind: 'day',
			perpetualGrandTotalCents: 1720,
			totals: { ttcCents: 1720, ticketCount: 1 }
		});
		await closePeriod('CAISSE1', 'day', '2026-10-31', '2026-11-03', 'Anne');
		const { closing: month } = await closePeriod(
			'CAISSE1',
			'month',
			'2026-10-01',
			'2026-11-03',
			'Anne'
		);
		expect(month).toMatchObject({
			periodEnd: '2026-10-31',
			perpetualGrandTotalCents: 3440,
			totals: { ttcCents: 3440, ticketCount: 2 }
		});
		const { closing: day3 } = await closePeriod(
			'CAISSE1',
			'day',
			'2026-11-02',
			'2026-11-03',
			'Anne'
		);
		expect(day3.perpetualGrandTotalCents).toBe(5160);
		await expect(closePeriod('CAISSE1', 'day', '2026-11-02', '2026-11-03', 'Anne')).rejects.toThrow(
			/déjà clôturée/u
		);
		expect(await dueClosings('CAISSE1', '2026-11-03')).toEqual([]);

		await expect(recordSale(bookSale(), at('2026-11-02T15:00:00Z'))).rejects.toThrow(
			'La journée du 02/11/2026 est clôturée\u00a0: aucune vente ne peut plus y être enregistrée.'
		);
		// A training ticket counts nowhere: it may still be rung up.
		await expect(
			recordSale(bookSale({ training: 1 }), at('2026-11-02T15:00:00Z'))
		).resolves.toMatchObject({ training: 1 });

		const report = await periodReport('CAISSE1', 'month', '2026-10-15');
		expect(report.totals.ttcCents).toBe(3440);
		expect(report.closing?.perpetualGrandTotalCents).toBe(3440);
		expect((await listClosings('CAISSE1')).map((c) => c.kind)).toEqual([
			'day',
			'month',
			'day',
			'day'
		]);
		expect((await verifyIntegrity()).problems).toEqual([]);
	});

	it('closes today only once the till is closed', async () => {
		freshDatabase();
		const session = await openTill(
			{ tillId: 'CAISSE1', cashier: 'Anne', floatCents: assertCents(0) },
			at('2026-11-23T08:00:00Z')
		);
		await recordSale(bookSale(), at('2026-11-23T10:00:00Z'));
		await expect(closePeriod('CAISSE1', 'day', '2026-11-23', '2026-11-23', 'Anne')).rejects.toThrow(
			/Fermez d’abord la caisse/u
		);
		await closeTill(
			{
				sessionId: session.id,
				countedCents: assertCents(0),
				expectedCents: assertCents(0),
				countDetail: {}
			},
			at('2026-11-23T18:00:00Z')
		);
		await expect(
			closePeriod('CAISSE1', 'day', '2026-11-23', '2026-11-23', 'Anne')
		).resolves.toMatchObject({ closing: { kind: 'day' }, alarms: [] });
	});
});
