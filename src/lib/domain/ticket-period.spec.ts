import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	formatDay,
	periodCaption,
	presetPeriod,
	validatePeriod,
	type PresetPeriod
} from './ticket-period';

describe('presetPeriod (Aujourd’hui, Hier, Cette semaine, Semaine dernière)', () => {
	it.each<[PresetPeriod, string, string, string]>([
		['today', '2019-09-27', '2019-09-27', '2019-09-27'],
		['yesterday', '2019-09-27', '2019-09-26', '2019-09-26'],
		['yesterday', '2020-03-01', '2020-02-29', '2020-02-29'],
		// Friday 27/09/2019: the week runs Monday 23 to Sunday 29.
		['this-week', '2019-09-27', '2019-09-23', '2019-09-29'],
		['this-week', '2019-09-23', '2019-09-23', '2019-09-29'],
		['this-week', '2019-09-29', '2019-09-23', '2019-09-29'],
		['last-week', '2019-09-27', '2019-09-16', '2019-09-22'],
		['last-week', '2026-01-01', '2025-12-22', '2025-12-28']
	])('%s on %s is %s → %s', (preset, today, from, to) => {
		expect(presetPeriod(preset, today)).toEqual({ from, to });
	});

	it('refuses a malformed day (a programming error)', () => {
		expect(() => presetPeriod('today', '27/09/2019')).toThrow(RangeError);
		expect(() => addDays('2019-02-30', 1)).toThrow(RangeError);
	});

	it('weeks always start on a Monday and last 7 days', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
				const today = addDays('1990-01-01', offset);
				for (const preset of ['this-week', 'last-week'] as const) {
					const { from, to } = presetPeriod(preset, today);
					expect(new Date(`${from}T12:00:00Z`).getUTCDay()).toBe(1);
					expect(addDays(from, 6)).toBe(to);
				}
				const week = presetPeriod('this-week', today);
				expect(week.from <= today && today <= week.to).toBe(true);
			})
		);
	});
});

describe('validatePeriod (Autres dates, 31 days at most)', () => {
	it.each([
		['2019-09-01', '2019-09-30', true, ''],
		['2019-09-01', '2019-10-01', true, ''],
		['2019-09-01', '2019-10-02', false, 'PERIOD_TOO_LONG'],
		['2019-09-30', '2019-09-01', false, 'PERIOD_REVERSED'],
		['', '2019-09-01', false, 'PERIOD_FROM_INVALID'],
		['2019-02-29', '2019-03-01', false, 'PERIOD_FROM_INVALID'],
		['2019-09-01', '2019-13-01', false, 'PERIOD_TO_INVALID'],
		[' 2019-09-01 ', '2019-09-01', true, '']
	])('%s → %s', (from, to, valid, code) => {
		const result = validatePeriod(from, to);
		expect(result.ok).toBe(valid);
		if (!result.ok) expect(result.error.code).toBe(code);
	});

	it('says how long the refused period is, in French', () => {
		const result = validatePeriod('2019-09-01', '2019-10-15');
		expect(!result.ok && result.error.message).toBe(
			'La période est limitée à 31 jours (ici 45 jours)\u00a0: raccourcissez-la.'
		);
	});

	it('accepts exactly the periods of 1 to 31 days', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 20_000 }),
				fc.integer({ min: 0, max: 60 }),
				(start, length) => {
					const from = addDays('2000-01-01', start);
					const result = validatePeriod(from, addDays(from, length));
					expect(result.ok).toBe(length < 31);
				}
			)
		);
	});
});

describe('captions', () => {
	it('writes the seed’s caption', () => {
		expect(periodCaption({ from: '2019-09-01', to: '2019-09-30' })).toBe(
			'Liste des tickets de caisse du 01/09/2019 au 30/09/2019.'
		);
		expect(periodCaption({ from: '2019-09-27', to: '2019-09-27' })).toBe(
			'Liste des tickets de caisse du 27/09/2019.'
		);
		expect(formatDay('2019-09-27')).toBe('27/09/2019');
	});
});
