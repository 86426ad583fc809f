import 'fake-indexeddb/auto';
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import EreportingReminder from '$lib/components/home/EreportingReminder.svelte';
import { getDb } from '$lib/db/db';
import { recordExport } from '$lib/db/export-repository';
import { saveEreportingSettings } from '$lib/db/settings-repository';
import {
	assertCents,
	formatDay,
	parisDay,
	previousReportingPeriod,
	transmissionWindow
} from '$lib/domain';
import { ereportingDue } from '$lib/services/ereporting';
import { freshDatabase } from '../unit/db/fresh-db';

describe('the home page’s e-reporting reminder', () => {
	it('names the period that ended with sales and no export, and is gone once it is exported', async () => {
		freshDatabase();
		const due = previousReportingPeriod('simplifie', parisDay(new Date()));
		// Not set up: nothing is due.
		expect(await ereportingDue(parisDay(new Date()))).toBeNull();
		await saveEreportingSettings(
			{ platformId: '9998', platformName: 'PA EXEMPLE', regime: 'simplifie' },
			'Anne'
		);
		await getDb().dailyTotals.put({
			tillId: 'CAISSE1',
			day: due.start,
			ticketCount: 3,
			ttcCents: assertCents(1055),
			byRate: { 550: { ttcCents: 1055, htCents: 1000, vatCents: 55 } },
			byMethod: {},
			byKind: {},
			byHour: new Array<number>(24).fill(0),
			discountCents: assertCents(0),
			cancellationCount: 0
		});
		const shown = render(EreportingReminder);
		const reminder = await shown.findByTestId('ereporting-reminder');
		const [y, m] = due.start.split('-');
		expect(reminder.textContent).toContain(
			`du 01/${m}/${y} au ${due.end.split('-').reverse().join('/')}`
		);
		// The simplified regime transmits between the 25th and the 30th of the next month.
		const window = transmissionWindow('simplifie', due);
		expect(reminder.textContent).toContain(
			`entre le ${formatDay(window?.from ?? '')} et le ${formatDay(window?.to ?? '')}`
		);
		shown.unmount();

		await recordExport('ereporting-xml', {
			from: due.start,
			to: due.end,
			rows: 1,
			by: 'Anne',
			typeCode: 'IN'
		});
		expect(await ereportingDue(parisDay(new Date()))).toBeNull();
	});
});
