import { describe, expect, it } from 'vitest';

import {
	formatIsoDate,
	formatLocalDate,
	formatLocalDateTime,
	isValidTimeZone,
	parseLocalDate,
	parseLocalDateTime,
	toLocalDate,
	type DateLang,
} from '../../../src/domain/time/parse-datetime.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

describe('parseLocalDateTime', () => {
	it.each([
		['2026-04-30 09:15', HCM, '2026-04-30T02:15:00.000Z'],
		['2026-04-30T09:15', HCM, '2026-04-30T02:15:00.000Z'],
		['2026-04-30t09:15', HCM, '2026-04-30T02:15:00.000Z'],
		['2026-04-30   09:15', HCM, '2026-04-30T02:15:00.000Z'],
		['  30/04/2026 09:15  ', HCM, '2026-04-30T02:15:00.000Z'],
		['3/4/2026 9:05', HCM, '2026-04-03T02:05:00.000Z'],
		['2026-4-3 9:05', HCM, '2026-04-03T02:05:00.000Z'],
		['31/12/2026 23:59', HCM, '2026-12-31T16:59:00.000Z'],
		['01/01/2027 00:00', HCM, '2026-12-31T17:00:00.000Z'],
		['29/02/2028 12:00', 'UTC', '2028-02-29T12:00:00.000Z'],
		['2026-01-15 08:00', BERLIN, '2026-01-15T07:00:00.000Z'],
		['2026-07-15 08:00', BERLIN, '2026-07-15T06:00:00.000Z'],
		['2026-03-07 08:00', NY, '2026-03-07T13:00:00.000Z'],
		['2026-03-09 08:00', NY, '2026-03-09T12:00:00.000Z'],
	])('GIVEN %j in %s WHEN parsed THEN it is the instant %s', (input, zone, expected) => {
		const result = parseLocalDateTime(input, zone);
		expect(result.ok && result.value.toISOString()).toBe(expected);
	});

	it('GIVEN a wall-clock time inside the spring-forward gap WHEN parsed THEN it moves forward by the gap (luxon)', () => {
		const result = parseLocalDateTime('2026-03-08 02:30', NY);
		// 02:30 does not exist in New York that day; it becomes 03:30 EDT.
		expect(result.ok && result.value.toISOString()).toBe('2026-03-08T07:30:00.000Z');
		expect(result.ok && formatLocalDateTime(result.value, NY, 'en')).toBe('2026-03-08 03:30');
	});

	it('GIVEN a wall-clock time repeated at fall-back WHEN parsed THEN the standard-time (second) occurrence is used', () => {
		const result = parseLocalDateTime('2026-11-01 01:30', NY);
		expect(result.ok && result.value.toISOString()).toBe('2026-11-01T06:30:00.000Z');
	});

	it.each([
		['', 'unparsable'],
		['   ', 'unparsable'],
		['tomorrow 9am', 'unparsable'],
		['2026-04-30', 'unparsable'],
		['30/04/2026', 'unparsable'],
		['2026/04/30 09:15', 'unparsable'],
		['30-04-2026 09:15', 'unparsable'],
		['30.04.2026 09:15', 'unparsable'],
		['30/04/26 09:15', 'unparsable'],
		['2026-04-30 9h15', 'unparsable'],
		['2026-04-30 09:5', 'unparsable'],
		['2026-04-30 09:15:00', 'unparsable'],
		['2026-04-3009:15', 'unparsable'],
		['30/04/2026T09:15', 'unparsable'],
		['31/02/2026 10:00', 'invalid-date'],
		['2026-02-29 10:00', 'invalid-date'],
		['2026-04-31 10:00', 'invalid-date'],
		['2026-13-01 10:00', 'invalid-date'],
		['2026-00-10 10:00', 'invalid-date'],
		['00/01/2026 10:00', 'invalid-date'],
		['2026-04-30 24:00', 'invalid-date'],
		['2026-04-30 25:00', 'invalid-date'],
		['2026-04-30 12:60', 'invalid-date'],
		['0000-01-01 10:00', 'invalid-date'],
	])('GIVEN %j WHEN parsed THEN it is rejected as %s', (input, error) => {
		expect(parseLocalDateTime(input, HCM)).toEqual({ ok: false, error });
	});

	it.each(['Mars/Olympus', '', 'UTC+7'])('GIVEN the unknown zone %j WHEN parsing THEN invalid-zone', (zone) => {
		expect(parseLocalDateTime('2026-04-30 09:15', zone)).toEqual({ ok: false, error: 'invalid-zone' });
	});
});

describe('parseLocalDate', () => {
	it.each([
		['2026-04-30', '2026-04-30'],
		['30/04/2026', '2026-04-30'],
		['1/5/2026', '2026-05-01'],
		['2026-5-1', '2026-05-01'],
		['  2028-02-29 ', '2028-02-29'],
		['29/02/2000', '2000-02-29'],
		['31/12/2026', '2026-12-31'],
	])('GIVEN %j WHEN parsed THEN it is the local date %s', (input, expected) => {
		expect(parseLocalDate(input)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'unparsable'],
		['30.04.2026', 'unparsable'],
		['2026-04-30 10:00', 'unparsable'],
		['30/04/26', 'unparsable'],
		['04/2026', 'unparsable'],
		['31/04/2026', 'invalid-date'],
		['2026-02-29', 'invalid-date'],
		['29/02/1900', 'invalid-date'],
		['2026-13-01', 'invalid-date'],
		['32/01/2026', 'invalid-date'],
	])('GIVEN %j WHEN parsed THEN it is rejected as %s', (input, error) => {
		expect(parseLocalDate(input)).toEqual({ ok: false, error });
	});
});

describe('isValidTimeZone', () => {
	it.each([
		['Asia/Ho_Chi_Minh', true],
		['Europe/Berlin', true],
		['America/New_York', true],
		['UTC', true],
		['Asia/Hanoi', false],
		['Mars/Olympus', false],
		['UTC+7', false],
		['', false],
		['  ', false],
	])('GIVEN %j WHEN checked THEN valid is %s', (zone, expected) => {
		expect(isValidTimeZone(zone)).toBe(expected);
	});
});

describe('formatting', () => {
	it.each<[string, string, DateLang, string]>([
		['2021-10-04T07:05:00Z', HCM, 'vi', '04/10/2021 14:05'],
		['2021-10-04T07:05:00Z', HCM, 'en', '2021-10-04 14:05'],
		['2021-10-04T20:00:00Z', HCM, 'vi', '05/10/2021 03:00'],
		['2021-10-04T20:00:00Z', NY, 'en', '2021-10-04 16:00'],
		['2026-03-08T07:30:00Z', NY, 'en', '2026-03-08 03:30'],
		['2026-12-31T17:00:00Z', HCM, 'vi', '01/01/2027 00:00'],
	])('GIVEN %s in %s WHEN formatted as date-time in %s THEN %j', (iso, zone, lang, expected) => {
		expect(formatLocalDateTime(new Date(iso), zone, lang)).toBe(expected);
	});

	it.each<[string, string, DateLang, string]>([
		['2021-10-04T07:05:00Z', HCM, 'vi', '04/10/2021'],
		['2021-10-04T07:05:00Z', HCM, 'en', '2021-10-04'],
		['2021-10-04T20:00:00Z', HCM, 'vi', '05/10/2021'],
		['2021-10-04T20:00:00Z', 'UTC', 'vi', '04/10/2021'],
		['2021-10-05T02:00:00Z', NY, 'en', '2021-10-04'],
	])('GIVEN %s in %s WHEN formatted as date in %s THEN %j', (iso, zone, lang, expected) => {
		expect(formatLocalDate(new Date(iso), zone, lang)).toBe(expected);
	});

	it.each([
		['2021-10-04T20:00:00Z', HCM, '2021-10-05'],
		['2021-10-04T16:59:59Z', HCM, '2021-10-04'],
		['2021-10-05T02:00:00Z', NY, '2021-10-04'],
	])('GIVEN %s WHEN taking its local date in %s THEN %s', (iso, zone, expected) => {
		expect(toLocalDate(new Date(iso), zone)).toBe(expected);
	});

	it.each<[string, DateLang, string]>([
		['2021-10-04', 'vi', '04/10/2021'],
		['2021-10-04', 'en', '2021-10-04'],
	])('GIVEN the local date %s WHEN formatted in %s THEN %j', (date, lang, expected) => {
		expect(formatIsoDate(date, lang)).toBe(expected);
	});

	it.each<[DateLang]>([['vi'], ['en']])(
		'GIVEN an instant WHEN formatted in %s and parsed back THEN it is the same minute',
		(lang) => {
			const instant = new Date('2026-11-01T06:30:00Z');
			const parsed = parseLocalDateTime(formatLocalDateTime(instant, HCM, lang), HCM);
			expect(parsed.ok && parsed.value.getTime()).toBe(instant.getTime());
		},
	);

	it('GIVEN an unknown zone WHEN formatting THEN it throws a RangeError (programming error)', () => {
		expect(() => formatLocalDateTime(new Date('2021-10-04T07:05:00Z'), 'Mars/Olympus', 'vi')).toThrow(RangeError);
		expect(() => formatLocalDate(new Date('2021-10-04T07:05:00Z'), 'Nowhere', 'en')).toThrow(RangeError);
	});
});

describe('month lengths and years', () => {
	it.each(['31/06/2026', '31/09/2026', '31/11/2026', '2026-06-31', '2026-09-31', '2026-11-31'])(
		'GIVEN the 31st of a 30-day month (%j) WHEN parsed THEN it is an invalid date',
		(input) => {
			expect(parseLocalDate(input)).toEqual({ ok: false, error: 'invalid-date' });
			expect(parseLocalDateTime(`${input} 10:00`, HCM)).toEqual({ ok: false, error: 'invalid-date' });
		},
	);

	it.each([
		['30/04/2026', '2026-04-30'],
		['30/06/2026', '2026-06-30'],
		['30/09/2026', '2026-09-30'],
		['30/11/2026', '2026-11-30'],
		['31/01/2026', '2026-01-31'],
		['31/03/2026', '2026-03-31'],
		['31/05/2026', '2026-05-31'],
		['31/07/2026', '2026-07-31'],
		['31/08/2026', '2026-08-31'],
		['31/10/2026', '2026-10-31'],
		['28/02/2026', '2026-02-28'],
		['29/02/2024', '2024-02-29'],
	])('GIVEN the last day of its month %j WHEN parsed THEN it is accepted', (input, expected) => {
		expect(parseLocalDate(input)).toEqual({ ok: true, value: expected });
	});

	it.each(['30/02/2024', '29/02/2100', '29/02/2025'])(
		'GIVEN a day past the end of February (%j) WHEN parsed THEN it is an invalid date',
		(input) => {
			expect(parseLocalDate(input)).toEqual({ ok: false, error: 'invalid-date' });
		},
	);

	it('GIVEN a year before 1000 WHEN parsed and formatted THEN the year keeps four digits', () => {
		expect(parseLocalDate('01/02/0999')).toEqual({ ok: true, value: '0999-02-01' });
		expect(formatIsoDate('0999-02-01', 'vi')).toBe('01/02/0999');
		expect(formatIsoDate('0999-02-01', 'en')).toBe('0999-02-01');
	});

	it('GIVEN the first day and hour of the calendar WHEN parsed THEN it is accepted', () => {
		expect(parseLocalDate('0001-01-01')).toEqual({ ok: true, value: '0001-01-01' });
		const result = parseLocalDateTime('01/01/2026 0:00', 'UTC');
		expect(result.ok && result.value.toISOString()).toBe('2026-01-01T00:00:00.000Z');
	});
});

describe('strict local dates', () => {
	it.each(['2021-1-04', '2021-10-4', '04/10/2021', '2021-02-30', ' 2021-10-04', '2021-10-04 ', ''])(
		'GIVEN the stored date %j that is not a strict YYYY-MM-DD WHEN formatted THEN it throws a RangeError',
		(input) => {
			expect(() => formatIsoDate(input, 'vi')).toThrow(RangeError);
		},
	);

	it('GIVEN an invalid Date WHEN formatted THEN it throws a RangeError', () => {
		expect(() => formatLocalDate(new Date(Number.NaN), HCM, 'vi')).toThrow(RangeError);
		expect(() => toLocalDate(new Date(Number.NaN), HCM)).toThrow(RangeError);
		expect(() => toLocalDate(new Date(Number.NaN), HCM)).toThrow(/^Invalid date: /);
	});
});

describe('shapes are matched whole', () => {
	it.each(['130/04/2026', '30/04/20261', '12026-04-30', '2026-04-301', 'x30/04/2026', '2026-04-30x'])(
		'GIVEN the date %j with extra characters WHEN parsed THEN it is unparsable',
		(input) => {
			expect(parseLocalDate(input)).toEqual({ ok: false, error: 'unparsable' });
		},
	);

	it.each([
		'12026-04-30 09:15',
		'2026-04-30 09:155',
		'130/04/2026 09:15',
		'30/04/2026 09:155',
		'2026-04-30xT09:15',
		'2026-04-30Tx09:15',
		'x2026-04-30 09:15',
	])('GIVEN the date-time %j with extra characters WHEN parsed THEN it is unparsable', (input) => {
		expect(parseLocalDateTime(input, HCM)).toEqual({ ok: false, error: 'unparsable' });
	});

	it('GIVEN a Vietnamese date-time with several spaces before the time WHEN parsed THEN it is accepted', () => {
		const result = parseLocalDateTime('30/04/2026   09:15', HCM);
		expect(result.ok && result.value.toISOString()).toBe('2026-04-30T02:15:00.000Z');
	});

	it.each(['2026-00-10', '00/01/2026', '2026-01-00', '0000-01-01'])(
		'GIVEN the date %j with a zero part WHEN parsed THEN it is an invalid date',
		(input) => {
			expect(parseLocalDate(input)).toEqual({ ok: false, error: 'invalid-date' });
		},
	);

	it('GIVEN an unknown zone WHEN converting an instant THEN the error names the zone', () => {
		expect(() => toLocalDate(new Date('2021-10-04T07:05:00Z'), 'Mars/Olympus')).toThrow(
			'Unknown time zone: "Mars/Olympus"',
		);
	});
});
