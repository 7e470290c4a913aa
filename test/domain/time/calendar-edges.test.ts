import { describe, expect, it } from 'vitest';

import {
	isWorkingDay,
	makeWorkCalendar,
	parseWorkingDays,
	weekdayGroups,
	type Weekday,
} from '../../../src/domain/time/calendar.ts';
import { HCM, workCalendar } from './fixtures.ts';

function weekdays(text: string): Weekday[] | undefined {
	const result = parseWorkingDays(text);
	return result.ok ? [...result.value].sort((a, b) => a - b) : undefined;
}

describe('parseWorkingDays: every Vietnamese day name', () => {
	it.each<[string, Weekday]>([
		['Thứ Hai', 1],
		['Thứ 2', 1],
		['Thứ Ba', 2],
		['Thứ 3', 2],
		['Thứ Tư', 3],
		['Thứ 4', 3],
		['Thứ Năm', 4],
		['Thứ 5', 4],
		['Thứ Sáu', 5],
		['Thứ 6', 5],
		['Thứ Bảy', 6],
		['Thứ 7', 6],
		['Chủ nhật', 7],
	])('GIVEN the day %j alone WHEN parsed THEN it is weekday %i', (text, day) => {
		expect(weekdays(text)).toEqual([day]);
	});

	it('GIVEN a day name typed with two spaces or a tab inside WHEN parsed THEN the spaces count as one', () => {
		expect(weekdays('Thứ  Hai')).toEqual([1]);
		expect(weekdays('thứ\tsáu')).toEqual([5]);
		expect(weekdays('Thứ  Hai - Thứ   Tư')).toEqual([1, 2, 3]);
	});

	it('GIVEN a token with spaces around it that is no day WHEN parsed THEN the error quotes it without the spaces', () => {
		expect(parseWorkingDays('mon,  funday  ')).toEqual({ ok: false, error: { code: 'bad-token', token: 'funday' } });
	});
});

describe('weekdayGroups', () => {
	it('GIVEN all seven days WHEN grouped THEN one run from Monday to Sunday', () => {
		expect(weekdayGroups(new Set<Weekday>([7, 3, 1, 2, 6, 5, 4]))).toEqual([[1, 2, 3, 4, 5, 6, 7]]);
	});

	it('GIVEN runs, one wrapping past Sunday WHEN grouped THEN the runs come in the order of their first day', () => {
		expect(weekdayGroups(new Set<Weekday>([7, 1, 3, 4, 6]))).toEqual([
			[3, 4],
			[6, 7, 1],
		]);
		expect(weekdayGroups(new Set<Weekday>([5, 2]))).toEqual([[2], [5]]);
	});
});

describe('makeWorkCalendar: swapped working days', () => {
	const settings = { timezone: HCM, officeHours: '08:00-17:00', workingDays: 'mon-fri', holidays: [] };

	it('GIVEN a swapped working day that is not a date WHEN building the calendar THEN the error names it', () => {
		expect(makeWorkCalendar({ ...settings, workdays: ['2026-05-09', '31/02/2026'] })).toEqual({
			ok: false,
			error: { field: 'holidays', date: '31/02/2026' },
		});
	});

	it('GIVEN a swapped Saturday as DD/MM/YYYY WHEN building the calendar THEN that Saturday is a working day', () => {
		const built = makeWorkCalendar({ ...settings, workdays: ['09/05/2026'] });
		expect(built.ok && [...(built.value.workdays ?? [])]).toEqual(['2026-05-09']);
		expect(built.ok && isWorkingDay('2026-05-09', built.value)).toBe(true);
	});
});

describe('isWorkingDay: built-in public holidays without a dismissed list', () => {
	it('GIVEN a calendar with built-in holidays and no dismissed list WHEN asked THEN the holidays are days off, the rest working days', () => {
		const cal = workCalendar({ holidays: new Set(), publicHolidays: () => new Set(['2026-09-02']) });
		expect(isWorkingDay('2026-09-02', cal)).toBe(false);
		expect(isWorkingDay('2026-09-03', cal)).toBe(true);
	});
});
