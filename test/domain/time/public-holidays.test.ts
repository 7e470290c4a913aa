import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	formatWorkingDays,
	isWorkingDay,
	makeWorkCalendar,
	parseWorkingDays,
} from '../../../src/domain/time/calendar.ts';
import { displayLadder, formatLadder, parseLadder, planStep } from '../../../src/domain/time/ladder.ts';
import {
	builtInHolidays,
	effectiveCalendar,
	publicHolidayDates,
	vietnamPublicHolidays,
} from '../../../src/domain/time/public-holidays.ts';
import { at, HCM, show } from './fixtures.ts';

function calendar(entries: { off?: string[]; work?: string[]; dismissed?: string[] } = {}) {
	const made = makeWorkCalendar({
		timezone: HCM,
		officeHours: '08:00-17:00',
		workingDays: 'mon-fri',
		holidays: entries.off ?? [],
		workdays: entries.work ?? [],
		publicHolidays: (year) => publicHolidayDates(HCM, year),
		dismissed: entries.dismissed ?? [],
	});
	if (!made.ok) throw new Error(JSON.stringify(made.error));
	return made.value;
}

describe("Vietnam's public holidays (Labour Code 2019, Article 112)", () => {
	it('GIVEN 2026 WHEN computed THEN New Year, all five days of Tết, Hùng Kings, 30/4, 1/5 and National Day with its adjacent day', () => {
		expect(vietnamPublicHolidays(2026).map((h) => `${h.date} ${h.key}${h.tetDay ?? ''}`)).toEqual([
			'2026-01-01 new-year',
			'2026-02-16 tet0',
			'2026-02-17 tet1',
			'2026-02-18 tet2',
			'2026-02-19 tet3',
			'2026-02-20 tet4',
			'2026-04-26 hung-kings',
			'2026-04-30 reunification',
			'2026-05-01 labour',
			'2026-09-01 national-day',
			'2026-09-02 national-day',
		]);
	});

	it.each([
		[2021, '2021-02-11', '2021-09-03'],
		[2024, '2024-02-09', '2024-09-03'],
		[2025, '2025-01-28', '2025-09-01'],
	])('GIVEN %i WHEN computed THEN Tết starts on its eve %s and National Day is joined by %s', (year, eve, adjacent) => {
		const days = vietnamPublicHolidays(year);
		const tet = days.filter((h) => h.key === 'tet').map((h) => h.date);
		expect(tet).toHaveLength(5);
		expect(tet[0]).toBe(eve);
		expect(days.filter((h) => h.key === 'national-day').map((h) => h.date)).toContain(adjacent);
		expect(days).toHaveLength(11);
	});

	it.each([
		[2020, 'Wednesday', '2020-09-01'],
		[2021, 'Thursday', '2021-09-03'],
		[2022, 'Friday', '2022-09-01'],
		[2023, 'Saturday', '2023-09-01'],
		[2024, 'Monday', '2024-09-03'],
		[2025, 'Tuesday', '2025-09-01'],
		[2029, 'Sunday', '2029-09-03'],
	])('GIVEN %i, when 2/9 is a %s WHEN computed THEN National Day is joined by %s', (year, _weekday, adjacent) => {
		const national = vietnamPublicHolidays(year).filter((h) => h.key === 'national-day');
		expect(national.map((h) => h.date)).toEqual([`${year}-09-02`, adjacent].sort());
	});

	it('GIVEN a server outside Vietnam WHEN its built-in holidays are asked THEN there are none', () => {
		expect(builtInHolidays('Europe/Berlin', [2026])).toEqual([]);
		expect(builtInHolidays(HCM, [2026])).toHaveLength(11);
	});

	it("GIVEN the coordinator's entries WHEN the effective calendar is built THEN a dismissed holiday is gone, an added day off and a working day are listed, a renamed one keeps its public-holiday mark", () => {
		const days = effectiveCalendar(vietnamPublicHolidays(2026), [
			{ date: '2026-09-01', name: '', kind: 'dismissed' },
			{ date: '2026-09-03', name: 'Nghỉ bù Quốc khánh', kind: 'off' },
			{ date: '2026-08-29', name: 'Làm bù cho 03/09', kind: 'work' },
			{ date: '2026-04-30', name: 'Ngày Giải phóng miền Nam', kind: 'off' },
		]);
		const byDate = new Map(days.map((d) => [d.date, d]));
		expect(byDate.has('2026-09-01')).toBe(false);
		expect(byDate.get('2026-09-03')).toMatchObject({ kind: 'off', name: 'Nghỉ bù Quốc khánh', publicHoliday: null });
		expect(byDate.get('2026-08-29')).toMatchObject({ kind: 'work', name: 'Làm bù cho 03/09' });
		expect(byDate.get('2026-04-30')?.publicHoliday?.key).toBe('reunification');
		expect(days.filter((d) => d.kind === 'off')).toHaveLength(11);
	});

	it('GIVEN entries added out of date order WHEN the effective calendar is built THEN its days are in date order', () => {
		const days = effectiveCalendar(vietnamPublicHolidays(2026), [
			{ date: '2026-12-31', name: 'Cuối năm', kind: 'off' },
			{ date: '2026-01-02', name: 'Nghỉ bù Tết dương lịch', kind: 'off' },
		]);
		const dates = days.map((d) => d.date);
		expect(dates).toEqual([...dates].sort());
		expect(dates[0]).toBe('2026-01-01');
		expect(dates[1]).toBe('2026-01-02');
		expect(dates.at(-1)).toBe('2026-12-31');
	});

	it('GIVEN a server outside Vietnam WHEN the calendar asks for the dates of its built-in holidays THEN there are none', () => {
		expect(publicHolidayDates('Europe/Berlin', 2026).size).toBe(0);
		expect(publicHolidayDates(HCM, 2026).has('2026-09-02')).toBe(true);
	});
});

describe('the working calendar with built-in holidays', () => {
	it('GIVEN Tết 2026 WHEN nothing was imported THEN its five days are not working days', () => {
		const cal = calendar();
		for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
			expect(isWorkingDay(d, cal)).toBe(false);
		expect(isWorkingDay('2026-02-23', cal)).toBe(true);
	});

	it('GIVEN a built-in holiday the coordinator dismissed WHEN checked THEN it is a working day again', () => {
		expect(isWorkingDay('2026-09-01', calendar())).toBe(false);
		expect(isWorkingDay('2026-09-01', calendar({ dismissed: ['2026-09-01'] }))).toBe(true);
	});

	it('GIVEN a Saturday the government swapped into a working day WHEN the ladder counts working days THEN that Saturday counts', () => {
		// National Day 2026: Tue 1/9 and Wed 2/9. Suppose the government also gives Mon 31/8 off and has Sat 29/8 worked.
		const plain = calendar({ off: ['2026-08-31'] });
		const swapped = calendar({ off: ['2026-08-31'], work: ['2026-08-29'] });
		expect(isWorkingDay('2026-08-29', plain)).toBe(false);
		expect(isWorkingDay('2026-08-29', swapped)).toBe(true);
		// Deadline Thursday 3/9 17:00: one working day before is Friday 28/8 without the swap, Saturday 29/8 with it.
		expect(addWorkingDays('2026-09-03', -1, plain)).toBe('2026-08-28');
		expect(addWorkingDays('2026-09-03', -1, swapped)).toBe('2026-08-29');
		const ladder = parseLadder('-1nlv');
		if (!ladder.ok) throw new Error('-1nlv did not parse');
		const [minusOne] = ladder.value;
		const due = (cal: typeof plain) => planStep(minusOne!, at('2026-09-03T17:00'), cal);
		expect(show(due(plain)!, HCM)).toBe('2026-08-28 Fri 08:00');
		expect(show(due(swapped)!, HCM)).toBe('2026-08-29 Sat 08:00');
	});
});

describe('Vietnamese inputs', () => {
	it('GIVEN a ladder with nlv WHEN parsed THEN it is the same as wd, stored as wd and shown as nlv to Vietnamese readers', () => {
		const vi = parseLadder('-2nlv, -0NLV, +1nlv');
		const en = parseLadder('-2wd,-0wd,+1wd');
		expect(vi.ok && en.ok).toBe(true);
		if (!vi.ok || !en.ok) return;
		expect(formatLadder(vi.value)).toBe('-2wd,-0wd,+1wd');
		expect(vi.value).toEqual(en.value);
		expect(displayLadder('-2wd,-0wd,+1wd,-30m', 'nlv')).toBe('-2nlv,-0nlv,+1nlv,-30m');
		expect(displayLadder('-2wd,-0wd,+1wd', 'wd')).toBe('-2wd,-0wd,+1wd');
	});

	it.each([
		['Thứ Hai – Thứ Sáu', 'mon-fri'],
		['thứ 2 - thứ 7', 'mon-sat'],
		['Thứ Hai, Thứ Tư, Thứ Sáu', 'mon,wed,fri'],
		['Chủ nhật - Thứ Năm', 'sun-thu'],
		['t2-t6', 'mon-fri'],
		['mon-fri', 'mon-fri'],
	])('GIVEN working days “%s” WHEN parsed THEN they are %s', (text, canonical) => {
		const days = parseWorkingDays(text);
		expect(days.ok).toBe(true);
		if (days.ok) expect(formatWorkingDays(days.value)).toBe(canonical);
	});
});
