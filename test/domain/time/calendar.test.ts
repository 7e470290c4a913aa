import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import {
	addWorkingDays,
	endOfOffice,
	formatOfficeHours,
	formatWorkingDays,
	isWithinOfficeHours,
	isWorkingDay,
	makeWorkCalendar,
	nextOfficeStart,
	parseOfficeHours,
	parseWorkingDays,
	startOfOffice,
	type Weekday,
} from '../../../src/domain/time/calendar.ts';
import { at, BERLIN, HCM, NY, show, workCalendar } from './fixtures.ts';

const calendar = workCalendar;
const VN = calendar();

describe('parseOfficeHours', () => {
	it.each([
		['08:00-17:00', { start: { h: 8, m: 0 }, end: { h: 17, m: 0 } }],
		[' 7:30 - 16:45 ', { start: { h: 7, m: 30 }, end: { h: 16, m: 45 } }],
		['08:00–17:00', { start: { h: 8, m: 0 }, end: { h: 17, m: 0 } }],
		['00:00-23:59', { start: { h: 0, m: 0 }, end: { h: 23, m: 59 } }],
		['08:00-08:01', { start: { h: 8, m: 0 }, end: { h: 8, m: 1 } }],
	])('GIVEN %j WHEN parsed THEN it is %j', (text, expected) => {
		expect(parseOfficeHours(text)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'unparsable'],
		['8-17', 'unparsable'],
		['08:00', 'unparsable'],
		['08h00-17h00', 'unparsable'],
		['08:00-17:00-18:00', 'unparsable'],
		['08:00 17:00', 'unparsable'],
		['24:00-25:00', 'invalid-time'],
		['08:00-24:00', 'invalid-time'],
		['08:60-17:00', 'invalid-time'],
		['17:00-08:00', 'start-not-before-end'],
		['08:00-08:00', 'start-not-before-end'],
	])('GIVEN %j WHEN parsed THEN it is rejected as %s', (text, error) => {
		expect(parseOfficeHours(text)).toEqual({ ok: false, error });
	});

	it.each([
		['08:00-17:00', '08:00-17:00'],
		[' 7:30 - 16:45', '07:30-16:45'],
	])('GIVEN %j WHEN parsed and formatted THEN it is canonical %j', (text, expected) => {
		const parsed = parseOfficeHours(text);
		expect(parsed.ok && formatOfficeHours(parsed.value)).toBe(expected);
	});
});

describe('parseWorkingDays', () => {
	it.each<[string, Weekday[]]>([
		['mon-fri', [1, 2, 3, 4, 5]],
		['MON-FRI', [1, 2, 3, 4, 5]],
		['monday-friday', [1, 2, 3, 4, 5]],
		['mon,tue,wed', [1, 2, 3]],
		['mon-sat', [1, 2, 3, 4, 5, 6]],
		['sun-thu', [1, 2, 3, 4, 7]],
		['sat-wed', [1, 2, 3, 6, 7]],
		['fri-mon', [1, 5, 6, 7]],
		['t2-t6', [1, 2, 3, 4, 5]],
		['T2,T4,CN', [1, 3, 7]],
		['t7-cn', [6, 7]],
		[' mon - fri , sat ', [1, 2, 3, 4, 5, 6]],
		['fri-fri', [5]],
		['mon,mon-tue', [1, 2]],
		['mon-sun', [1, 2, 3, 4, 5, 6, 7]],
	])('GIVEN %j WHEN parsed THEN the working weekdays are %j', (text, expected) => {
		const result = parseWorkingDays(text);
		expect(result.ok && [...result.value].sort((a, b) => a - b)).toEqual(expected);
	});

	it.each([
		['', { code: 'empty' }],
		['   ', { code: 'empty' }],
		['funday', { code: 'bad-token', token: 'funday' }],
		['mon-xyz', { code: 'bad-token', token: 'mon-xyz' }],
		['mon,,tue', { code: 'bad-token', token: '' }],
		['mon,', { code: 'bad-token', token: '' }],
		['mon-tue-wed', { code: 'bad-token', token: 'mon-tue-wed' }],
		['mon fri', { code: 'bad-token', token: 'mon fri' }],
		['t1', { code: 'bad-token', token: 't1' }],
		['t8-cn', { code: 'bad-token', token: 't8-cn' }],
		['1-5', { code: 'bad-token', token: '1-5' }],
	])('GIVEN %j WHEN parsed THEN it is rejected with %j', (text, error) => {
		expect(parseWorkingDays(text)).toEqual({ ok: false, error });
	});
});

describe('formatWorkingDays', () => {
	it.each<[Weekday[], string]>([
		[[1, 2, 3, 4, 5], 'mon-fri'],
		[[7, 1, 2, 3, 4], 'sun-thu'],
		[[1, 3, 5], 'mon,wed,fri'],
		[[6, 7], 'sat,sun'],
		[[1, 3, 6, 7], 'wed,sat-mon'],
		[[1, 2, 3, 4, 5, 6, 7], 'mon-sun'],
		[[], ''],
	])('GIVEN weekdays %j WHEN formatted THEN %j', (days, expected) => {
		expect(formatWorkingDays(new Set(days))).toBe(expected);
	});

	it.each<[Weekday[]]>([[[1, 2, 3, 4, 5]], [[7, 1, 2, 3, 4]], [[1, 3, 6, 7]], [[2]], [[1, 2, 3, 4, 5, 6, 7]]])(
		'GIVEN weekdays %j WHEN formatted and parsed back THEN the same set results',
		(days) => {
			const parsed = parseWorkingDays(formatWorkingDays(new Set(days)));
			expect(parsed.ok && [...parsed.value].sort((a, b) => a - b)).toEqual([...days].sort((a, b) => a - b));
		},
	);
});

describe('makeWorkCalendar', () => {
	it('GIVEN default server settings WHEN building the calendar THEN all fields are parsed and holidays normalised', () => {
		const result = makeWorkCalendar({
			timezone: HCM,
			officeHours: '08:00-17:00',
			workingDays: 'mon-fri',
			holidays: ['2026-04-30', '01/05/2026'],
		});
		expect(result).toEqual({
			ok: true,
			value: {
				zone: HCM,
				officeStart: { h: 8, m: 0 },
				officeEnd: { h: 17, m: 0 },
				workingDays: new Set([1, 2, 3, 4, 5]),
				holidays: new Set(['2026-04-30', '2026-05-01']),
				workdays: new Set(),
			},
		});
	});

	it.each([
		[{ timezone: 'Mars/Olympus' }, { field: 'timezone' }],
		[{ officeHours: '17:00-08:00' }, { field: 'officeHours', code: 'start-not-before-end' }],
		[{ workingDays: 'mon-funday' }, { field: 'workingDays', error: { code: 'bad-token', token: 'mon-funday' } }],
		[{ holidays: ['2026-02-30'] }, { field: 'holidays', date: '2026-02-30' }],
	])('GIVEN the bad setting %j WHEN building the calendar THEN the error names it: %j', (override, error) => {
		const settings = {
			timezone: HCM,
			officeHours: '08:00-17:00',
			workingDays: 'mon-fri',
			holidays: [] as string[],
			...override,
		};
		expect(makeWorkCalendar(settings)).toEqual({ ok: false, error });
	});
});

describe('isWorkingDay', () => {
	it.each([
		['2026-04-29', VN, true, 'a plain Wednesday'],
		['2026-04-30', VN, false, 'Reunification Day (Thursday)'],
		['2026-05-01', VN, false, 'Labour Day (Friday)'],
		['2026-05-02', VN, false, 'a Saturday'],
		['2026-05-03', VN, false, 'a Sunday'],
		['2026-05-04', VN, true, 'the Monday after'],
		['2026-09-02', VN, false, 'National Day'],
		['2026-02-17', VN, false, 'Tết'],
		['2026-02-23', VN, true, 'the Monday after Tết'],
		['2026-04-24', calendar({ workingDays: new Set<Weekday>([7, 1, 2, 3, 4]) }), false, 'Friday in a sun-thu week'],
		['2026-04-26', calendar({ workingDays: new Set<Weekday>([7, 1, 2, 3, 4]) }), true, 'Sunday in a sun-thu week'],
		['2026-04-25', calendar({ workingDays: new Set<Weekday>([1, 2, 3, 4, 5, 6]) }), true, 'Saturday in a mon-sat week'],
	])('GIVEN %s (%s) WHEN checked THEN working is %s', (date, cal, expected) => {
		expect(isWorkingDay(date, cal)).toBe(expected);
	});

	it.each(['2026-02-30', '30/04/2026', '2026-4-3', ''])(
		'GIVEN the malformed date %j WHEN checked THEN it throws',
		(date) => {
			expect(() => isWorkingDay(date, VN)).toThrow(RangeError);
		},
	);
});

describe('addWorkingDays', () => {
	it.each([
		['2026-04-27', 0, '2026-04-27', 'a working Monday, zero days'],
		['2026-04-24', 1, '2026-04-27', 'Friday + 1 skips the weekend'],
		['2026-04-27', -1, '2026-04-24', 'Monday − 1 skips the weekend'],
		['2026-04-29', 1, '2026-05-04', 'skips 30/4, 1/5 and the weekend'],
		['2026-04-29', 2, '2026-05-05', 'two days across the holidays'],
		['2026-05-04', -1, '2026-04-29', 'back across the holidays'],
		['2026-05-04', -2, '2026-04-28', 'two back across the holidays'],
		['2026-05-01', 0, '2026-04-29', 'a holiday, zero days → previous working day'],
		['2026-05-03', 0, '2026-04-29', 'a Sunday after holidays, zero days → previous working day'],
		['2026-05-02', 1, '2026-05-04', 'Saturday + 1 is the next Monday'],
		['2026-05-03', -1, '2026-04-28', 'Sunday − 1 counts from the anchor (29/4)'],
		['2026-09-01', 1, '2026-09-03', 'skips National Day'],
		['2026-02-13', 1, '2026-02-23', 'skips the Tết week'],
		['2026-02-23', -1, '2026-02-13', 'back across the Tết week'],
		['2026-02-18', 0, '2026-02-13', 'in Tết, zero days → last working day before Tết'],
		['2026-01-30', 1, '2026-02-02', 'across a month end'],
		['2026-03-02', -1, '2026-02-27', 'back across a month end (February)'],
		['2028-02-28', 1, '2028-02-29', 'onto a leap day'],
		['2026-12-31', 1, '2027-01-04', 'across the year end and New Year holiday'],
		['2026-12-30', 2, '2027-01-04', 'two days across the year end'],
		['2027-01-04', -1, '2026-12-31', 'back across the year end'],
		['2026-04-27', 10, '2026-05-13', 'ten days across the holidays'],
		['2026-05-13', -10, '2026-04-27', 'ten days back across the holidays'],
	])('GIVEN %s WHEN adding %i working days THEN %s (%s)', (from, n, expected) => {
		expect(addWorkingDays(from, n, VN)).toBe(expected);
	});

	it.each([
		['2026-04-23', 1, '2026-04-26', 'Thursday + 1 is Sunday'],
		['2026-04-26', -1, '2026-04-23', 'Sunday − 1 is Thursday'],
		['2026-04-25', 0, '2026-04-23', 'Saturday, zero days → Thursday'],
	])('GIVEN a sun-thu week and %s WHEN adding %i working days THEN %s (%s)', (from, n, expected) => {
		const cal = calendar({ workingDays: new Set<Weekday>([7, 1, 2, 3, 4]), holidays: new Set() });
		expect(addWorkingDays(from, n, cal)).toBe(expected);
	});

	it('GIVEN a fractional offset WHEN adding THEN it throws', () => {
		expect(() => addWorkingDays('2026-04-27', 1.5, VN)).toThrow(RangeError);
	});
});

describe('startOfOffice / endOfOffice', () => {
	it.each([
		['2026-04-29', HCM, '2026-04-29T01:00:00.000Z', '2026-04-29T10:00:00.000Z'],
		['2026-03-27', BERLIN, '2026-03-27T07:00:00.000Z', '2026-03-27T16:00:00.000Z'],
		['2026-03-30', BERLIN, '2026-03-30T06:00:00.000Z', '2026-03-30T15:00:00.000Z'],
		['2026-03-06', NY, '2026-03-06T13:00:00.000Z', '2026-03-06T22:00:00.000Z'],
		['2026-03-09', NY, '2026-03-09T12:00:00.000Z', '2026-03-09T21:00:00.000Z'],
	])('GIVEN %s in %s WHEN asking for office hours THEN they run %s – %s', (date, zone, start, end) => {
		const cal = calendar({ zone });
		expect(startOfOffice(date, cal).toISOString()).toBe(start);
		expect(endOfOffice(date, cal).toISOString()).toBe(end);
	});
});

describe('nextOfficeStart', () => {
	it.each([
		['2026-04-22T10:00', '2026-04-22 Wed 10:00', 'within office hours → unchanged'],
		['2026-04-22T08:00', '2026-04-22 Wed 08:00', 'exactly at the start → unchanged'],
		['2026-04-22T16:59', '2026-04-22 Wed 16:59', 'a minute before the end → unchanged'],
		['2026-04-22T06:30', '2026-04-22 Wed 08:00', 'early morning → same day start'],
		['2026-04-22T00:30', '2026-04-22 Wed 08:00', 'just after midnight → same day start'],
		['2026-04-21T18:00', '2026-04-22 Wed 08:00', 'evening → next day start'],
		['2026-04-21T17:00', '2026-04-22 Wed 08:00', 'exactly at the end → next day start'],
		['2026-04-21T23:59', '2026-04-22 Wed 08:00', 'late night → next day start'],
		['2026-04-24T17:30', '2026-04-27 Mon 08:00', 'Friday evening → Monday'],
		['2026-04-25T12:00', '2026-04-27 Mon 08:00', 'Saturday noon → Monday'],
		['2026-04-26T07:00', '2026-04-27 Mon 08:00', 'Sunday morning → Monday'],
		['2026-04-30T10:00', '2026-05-04 Mon 08:00', 'a holiday during office hours → after the holidays'],
		['2026-04-29T20:00', '2026-05-04 Mon 08:00', 'the evening before a holiday → after the holidays'],
		['2026-02-16T09:00', '2026-02-23 Mon 08:00', 'during Tết → after Tết'],
		['2026-12-31T17:00', '2027-01-04 Mon 08:00', 'year end evening → first working day of the year'],
	])('GIVEN %s WHEN shifting to office hours THEN %s (%s)', (local, expected) => {
		expect(show(nextOfficeStart(at(local), VN))).toBe(expected);
	});

	it('GIVEN a time within office hours WHEN shifting THEN the exact instant is kept, as a new Date', () => {
		const moment = at('2026-04-22T16:59:59.999');
		const result = nextOfficeStart(moment, VN);
		expect(result.getTime()).toBe(moment.getTime());
		expect(result).not.toBe(moment);
	});

	it('GIVEN office hours 07:30-11:30 WHEN at 11:30 on Friday THEN the next start is Monday 07:30', () => {
		const cal = calendar({ officeStart: { h: 7, m: 30 }, officeEnd: { h: 11, m: 30 } });
		expect(show(nextOfficeStart(at('2026-04-24T11:30'), cal))).toBe('2026-04-27 Mon 07:30');
	});

	it('GIVEN Friday evening before the spring-forward weekend in New York WHEN shifting THEN Monday 08:00 EDT', () => {
		const cal = calendar({ zone: NY, holidays: new Set() });
		const result = nextOfficeStart(at('2026-03-06T18:00', NY), cal);
		expect(result.toISOString()).toBe('2026-03-09T12:00:00.000Z');
		expect(show(result, NY)).toBe('2026-03-09 Mon 08:00');
	});

	it('GIVEN a calendar with no working days WHEN shifting THEN it throws instead of looping forever', () => {
		expect(() => nextOfficeStart(at('2026-04-22T10:00'), calendar({ workingDays: new Set() }))).toThrow(RangeError);
	});
});

describe('isWithinOfficeHours', () => {
	it.each([
		['2026-04-22T08:00', true],
		['2026-04-22T16:59', true],
		['2026-04-22T17:00', false],
		['2026-04-22T07:59', false],
		['2026-04-25T10:00', false],
		['2026-04-30T10:00', false],
	])('GIVEN %s WHEN checked THEN within office hours is %s', (local, expected) => {
		expect(isWithinOfficeHours(at(local), VN)).toBe(expected);
	});
});

describe('office hours and working days: edges', () => {
	it.each([
		['08:30-08:15', 'start-not-before-end'],
		['08:45-08:30', 'start-not-before-end'],
		['09:00-08:59', 'start-not-before-end'],
		['08:30-08:30', 'start-not-before-end'],
		['08:00-17:60', 'invalid-time'],
		['8:00-1700', 'unparsable'],
	])('GIVEN office hours %j WHEN parsed THEN they are rejected as %s', (text, error) => {
		expect(parseOfficeHours(text)).toEqual({ ok: false, error });
	});

	it.each([
		['08:15-08:30', { start: { h: 8, m: 15 }, end: { h: 8, m: 30 } }],
		['08:59-09:00', { start: { h: 8, m: 59 }, end: { h: 9, m: 0 } }],
		['23:58-23:59', { start: { h: 23, m: 58 }, end: { h: 23, m: 59 } }],
	])('GIVEN office hours %j WHEN parsed THEN they are accepted as %j', (text, expected) => {
		expect(parseOfficeHours(text)).toEqual({ ok: true, value: expected });
	});

	it.each<[string, Weekday]>([
		['mon', 1],
		['monday', 1],
		['t2', 1],
		['tue', 2],
		['tuesday', 2],
		['t3', 2],
		['wed', 3],
		['wednesday', 3],
		['t4', 3],
		['thu', 4],
		['thursday', 4],
		['t5', 4],
		['fri', 5],
		['friday', 5],
		['t6', 5],
		['sat', 6],
		['saturday', 6],
		['t7', 6],
		['sun', 7],
		['sunday', 7],
		['cn', 7],
	])('GIVEN the day name %j WHEN parsed THEN it is weekday %i', (name, day) => {
		expect(parseWorkingDays(name)).toEqual({ ok: true, value: new Set([day]) });
		expect(parseWorkingDays(name.toUpperCase())).toEqual({ ok: true, value: new Set([day]) });
	});

	it.each<[string, Weekday[]]>([
		['mon–wed', [1, 2, 3]],
		['mon – wed', [1, 2, 3]],
		['wed-mon', [1, 3, 4, 5, 6, 7]],
	])('GIVEN the range %j WHEN parsed THEN the working weekdays are %j', (text, expected) => {
		const result = parseWorkingDays(text);
		expect(result.ok && [...result.value].sort((a, b) => a - b)).toEqual(expected);
	});

	it.each([
		['xyz-fri', { code: 'bad-token', token: 'xyz-fri' }],
		['mon-', { code: 'bad-token', token: 'mon-' }],
		['-fri', { code: 'bad-token', token: '-fri' }],
	])('GIVEN the range %j with a side missing or unknown WHEN parsed THEN it is rejected with %j', (text, error) => {
		expect(parseWorkingDays(text)).toEqual({ ok: false, error });
	});

	it.each<[Weekday[], string]>([
		[[1, 2, 3], 'mon-wed'],
		[[1, 2], 'mon,tue'],
		[[5, 6, 7, 1], 'fri-mon'],
		[[2, 3, 4, 5, 6, 7], 'tue-sun'],
		[[1, 2, 3, 4, 5, 6], 'mon-sat'],
		[[1, 2, 4, 5, 6], 'mon,tue,thu-sat'],
		[[7], 'sun'],
	])('GIVEN weekdays %j WHEN formatted THEN %j', (days, expected) => {
		expect(formatWorkingDays(new Set(days))).toBe(expected);
	});
});

describe('calendar errors that name what is wrong', () => {
	it('GIVEN a calendar with no working day WHEN moving by working days THEN the error says how far it looked', () => {
		const none = calendar({ workingDays: new Set<Weekday>() });
		expect(() => addWorkingDays('2026-04-27', 1, none)).toThrow('No working day within 3660 days of 2026-04-27');
	});

	it.each([
		[3659, '2036-05-04'],
		[3660, null],
	])(
		'GIVEN the next %i days are all holidays WHEN asking for the next working day THEN it is found within ten years (%s) or refused',
		(blocked, expected) => {
			const start = DateTime.fromISO('2026-04-27', { zone: 'utc' });
			const holidays = new Set(Array.from({ length: blocked }, (_, i) => start.plus({ days: i + 1 }).toISODate()!));
			const cal = calendar({ workingDays: new Set<Weekday>([1, 2, 3, 4, 5, 6, 7]), holidays });
			if (expected === null) expect(() => addWorkingDays('2026-04-27', 1, cal)).toThrow(RangeError);
			else expect(addWorkingDays('2026-04-27', 1, cal)).toBe(expected);
		},
	);

	it('GIVEN a fractional offset WHEN adding working days THEN the error names the offset', () => {
		expect(() => addWorkingDays('2026-04-27', 0.5, VN)).toThrow('Working-day offset must be an integer, got 0.5');
	});

	it('GIVEN an unknown zone WHEN asking for office hours THEN it throws naming the zone', () => {
		expect(() => startOfOffice('2026-04-27', calendar({ zone: 'Mars/Olympus' }))).toThrow(
			'Unknown time zone: "Mars/Olympus"',
		);
		expect(() => endOfOffice('2026-04-27', calendar({ zone: 'Mars/Olympus' }))).toThrow(RangeError);
	});

	it('GIVEN a malformed stored date WHEN checked THEN the error quotes it', () => {
		expect(() => isWorkingDay('2026-4-27', VN)).toThrow('Not a YYYY-MM-DD date: "2026-4-27"');
	});
});
