import { DateTime } from 'luxon';

import { err, ok, type Result } from '../result.ts';
import { isValidTimeZone, parseIsoDateStrict, parseLocalDate, toZoned } from './parse-datetime.ts';

/** ISO weekday as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A wall-clock time of day. */
export type ClockTime = { h: number; m: number };

/** Daily office hours; `start` is strictly before `end` (no overnight shifts). */
export type OfficeHours = { start: ClockTime; end: ClockTime };

/**
 * A server's working-day calendar. Office hours are `[officeStart, officeEnd)` local time in `zone`
 * on every day whose weekday is in `workingDays` and whose local `YYYY-MM-DD` date is not in `holidays`, and on every
 * date in `workdays`.
 */
export type WorkCalendar = {
	zone: string;
	officeStart: ClockTime;
	officeEnd: ClockTime;
	workingDays: ReadonlySet<Weekday>;
	holidays: ReadonlySet<string>;
	/** Local dates that are working days whatever their weekday or holiday (e.g. a Saturday swapped for a bridge day). */
	workdays?: ReadonlySet<string>;
	/** Built-in public holidays of a year (see public-holidays.ts), looked up lazily: computing a year is slow. */
	publicHolidays?: (year: number) => ReadonlySet<string>;
	/** Built-in public holidays the coordinator removed: they are working days again (if their weekday is). */
	dismissed?: ReadonlySet<string>;
};

/**
 * Why an office-hours text was rejected.
 * - `unparsable`: not of the form `HH:mm-HH:mm`.
 * - `invalid-time`: an hour above 23 or a minute above 59.
 * - `start-not-before-end`: the start is equal to or later than the end.
 */
export type OfficeHoursError = 'unparsable' | 'invalid-time' | 'start-not-before-end';

/**
 * Why a working-days text was rejected: `empty` (nothing given) or `bad-token` (`token` is not a day name
 * nor a `day-day` range).
 */
export type WorkingDaysError = { code: 'empty' | 'bad-token'; token?: string };

/** Why a calendar could not be built from settings; `field` names the offending setting. */
export type WorkCalendarError =
	| { field: 'timezone' }
	| { field: 'officeHours'; code: OfficeHoursError }
	| { field: 'workingDays'; error: WorkingDaysError }
	| { field: 'holidays'; date: string };

/** Upper bound on how far the calendar scans for a working day before giving up. */
const MAX_SCAN_DAYS = 3660;

/**
 * Day names as typed, to weekdays. Built per call (a working-days text is parsed rarely) rather than at load: a
 * mutation run activates its mutants only while tests run, so a table built at load escapes it.
 */
function dayNames(): ReadonlyMap<string, Weekday> {
	return new Map<string, Weekday>([
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
		['thứ hai', 1],
		['thứ 2', 1],
		['thứ ba', 2],
		['thứ 3', 2],
		['thứ tư', 3],
		['thứ 4', 3],
		['thứ năm', 4],
		['thứ 5', 4],
		['thứ sáu', 5],
		['thứ 6', 5],
		['thứ bảy', 6],
		['thứ 7', 6],
		['chủ nhật', 7],
	]);
}

/**
 * A day name as typed: lower case, Unicode NFC (Vietnamese keyboards may send decomposed accents), single spaces.
 * The caller trims it (a token, or a side of a range, whose pattern leaves no space around it).
 */
function dayName(text: string): Weekday | undefined {
	return dayNames().get(text.normalize('NFC').toLowerCase().replace(/\s+/g, ' '));
}

const SHORT_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Parses office hours like `08:00-17:00` (also `8:00 - 17:30`; an en dash is accepted too).
 * Both times must be valid (00:00–23:59) and the start strictly before the end.
 */
export function parseOfficeHours(text: string): Result<OfficeHours, OfficeHoursError> {
	const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
	if (!m) return err('unparsable');
	const start = { h: Number(m[1]), m: Number(m[2]) };
	const end = { h: Number(m[3]), m: Number(m[4]) };
	if (!isValidClock(start) || !isValidClock(end)) return err('invalid-time');
	if (start.h * 60 + start.m >= end.h * 60 + end.m) return err('start-not-before-end');
	return ok({ start, end });
}

/** Formats office hours canonically, e.g. `08:00-17:00` (round-trips through {@link parseOfficeHours}). */
export function formatOfficeHours(hours: OfficeHours): string {
	return `${formatClock(hours.start)}-${formatClock(hours.end)}`;
}

/**
 * Parses the working days of the week: a comma-separated list of day names and `day-day` ranges, case-insensitive.
 * Day names are English (`mon` or `monday` …) or Vietnamese (`t2` … `t7`, `cn`, `Thứ Hai` … `Thứ Bảy`, `Thứ 2`,
 * `Chủ nhật`). Ranges run forward through the week and may wrap past Sunday: `mon-fri`, `sun-thu`, `sat-wed`
 * (= sat, sun, mon, tue, wed), `t2-t6`, `Thứ Hai – Thứ Sáu`. Overlapping or repeated days are merged.
 */
export function parseWorkingDays(text: string): Result<Set<Weekday>, WorkingDaysError> {
	if (text.trim() === '') return err({ code: 'empty' });
	const days = new Set<Weekday>();
	for (const raw of text.split(',')) {
		const token = raw.trim();
		const range = /^([^\-–]+?)\s*[-–]\s*([^\-–]+)$/.exec(token);
		if (range) {
			// Stryker disable next-line StringLiteral: a match always has both groups
			const from = dayName(range[1] ?? '');
			// Stryker disable next-line StringLiteral: a match always has both groups
			const to = dayName(range[2] ?? '');
			if (from === undefined || to === undefined) return err({ code: 'bad-token', token });
			for (let d = from; ; d = nextWeekday(d)) {
				days.add(d);
				if (d === to) break;
			}
			continue;
		}
		const day = dayName(token);
		if (day === undefined) return err({ code: 'bad-token', token });
		days.add(day);
	}
	return ok(days);
}

/**
 * Formats working days canonically with English short names, collapsing runs of three or more consecutive days
 * (wrapping past Sunday) into ranges: `mon-fri`, `sun-thu`, `mon,wed,fri`, `mon-sun`. Round-trips through
 * {@link parseWorkingDays}. An empty set formats as the empty string.
 */
export function formatWorkingDays(days: ReadonlySet<Weekday>): string {
	return weekdayGroups(days)
		.map((group) =>
			group.length >= 3 ? `${shortName(group[0]!)}-${shortName(group.at(-1)!)}` : group.map(shortName).join(','),
		)
		.join(',');
}

/**
 * The working days grouped into runs of consecutive days (wrapping past Sunday), ordered by their first day, for
 * display in any language: `mon-fri` → `[[1, 2, 3, 4, 5]]`; `mon,wed,fri` → `[[1], [3], [5]]`; all seven days → one
 * run from Monday.
 */
export function weekdayGroups(days: ReadonlySet<Weekday>): Weekday[][] {
	if (days.size === 7) return [[...ALL_WEEKDAYS]];
	const groups: Weekday[][] = [];
	for (const start of ALL_WEEKDAYS) {
		if (!days.has(start) || days.has(previousWeekday(start))) continue;
		const group: Weekday[] = [start];
		for (let d = nextWeekday(start); days.has(d); d = nextWeekday(d)) group.push(d);
		groups.push(group);
	}
	return groups; // in the order of their first day: the loop meets the first days in that order
}

/**
 * Builds a {@link WorkCalendar} from the textual settings stored per server.
 *
 * @param settings.timezone IANA zone, e.g. `Asia/Ho_Chi_Minh`.
 * @param settings.officeHours e.g. `08:00-17:00`.
 * @param settings.workingDays e.g. `mon-fri`.
 * @param settings.holidays local dates; `YYYY-MM-DD` or `DD/MM/YYYY`, normalised to `YYYY-MM-DD`.
 * @param settings.workdays local dates that are working days whatever their weekday (swapped working Saturdays).
 * @param settings.publicHolidays built-in public holidays by year; `dismissed` removes some of them.
 */
export function makeWorkCalendar(settings: {
	timezone: string;
	officeHours: string;
	workingDays: string;
	holidays: Iterable<string>;
	workdays?: Iterable<string>;
	publicHolidays?: (year: number) => ReadonlySet<string>;
	dismissed?: Iterable<string>;
}): Result<WorkCalendar, WorkCalendarError> {
	if (!isValidTimeZone(settings.timezone)) return err({ field: 'timezone' });
	const hours = parseOfficeHours(settings.officeHours);
	if (!hours.ok) return err({ field: 'officeHours', code: hours.error });
	const days = parseWorkingDays(settings.workingDays);
	if (!days.ok) return err({ field: 'workingDays', error: days.error });
	const holidays = new Set<string>();
	for (const date of settings.holidays) {
		const parsed = parseLocalDate(date);
		if (!parsed.ok) return err({ field: 'holidays', date });
		holidays.add(parsed.value);
	}
	const workdays = new Set<string>();
	for (const date of settings.workdays ?? []) {
		const parsed = parseLocalDate(date);
		if (!parsed.ok) return err({ field: 'holidays', date });
		workdays.add(parsed.value);
	}
	const calendar: WorkCalendar = {
		zone: settings.timezone,
		officeStart: hours.value.start,
		officeEnd: hours.value.end,
		workingDays: days.value,
		holidays,
		workdays,
	};
	if (settings.publicHolidays) {
		calendar.publicHolidays = settings.publicHolidays;
		// Stryker disable next-line ArrayDeclaration: a dismissed entry that is not a date never matches a date
		calendar.dismissed = new Set(settings.dismissed ?? []);
	}
	return ok(calendar);
}

/**
 * Tells whether a local date (`YYYY-MM-DD`) is a working day: it is one of the calendar's `workdays`, or its weekday
 * is a working day and it is neither a holiday nor a built-in public holiday the coordinator kept.
 *
 * @throws RangeError if `localDate` is not a valid `YYYY-MM-DD` date.
 */
export function isWorkingDay(localDate: string, cal: WorkCalendar): boolean {
	const weekday = dateOf(localDate).weekday;
	if (cal.workdays?.has(localDate)) return true;
	if (!cal.workingDays.has(weekday) || cal.holidays.has(localDate)) return false;
	if (!cal.publicHolidays || cal.dismissed?.has(localDate)) return true;
	return !cal.publicHolidays(Number(localDate.slice(0, 4))).has(localDate);
}

/**
 * The instant office hours start on a local date, in the calendar's zone. If that wall-clock time does not exist
 * (DST gap) luxon moves it forward by the gap length.
 *
 * @throws RangeError if `localDate` is not a valid `YYYY-MM-DD` date or the zone is invalid.
 */
export function startOfOffice(localDate: string, cal: WorkCalendar): Date {
	return atLocalTime(localDate, cal.officeStart, cal.zone);
}

/**
 * The instant office hours end on a local date (exclusive end), in the calendar's zone.
 *
 * @throws RangeError if `localDate` is not a valid `YYYY-MM-DD` date or the zone is invalid.
 */
export function endOfOffice(localDate: string, cal: WorkCalendar): Date {
	return atLocalTime(localDate, cal.officeEnd, cal.zone);
}

/**
 * Tells whether `at` falls within office hours `[start, end)` of a working day. Exactly at the end is outside.
 */
export function isWithinOfficeHours(at: Date, cal: WorkCalendar): boolean {
	const localDate = toZoned(at, cal.zone).toISODate();
	if (!isWorkingDay(localDate, cal)) return false;
	return at >= startOfOffice(localDate, cal) && at < endOfOffice(localDate, cal);
}

/**
 * The earliest instant at or after `at` that lies within office hours on a working day: `at` itself (as a new Date)
 * if it already does; otherwise the next start of office hours on a working day (later the same day if `at` is before
 * the office opens, else on the next working day). Exactly at the office end counts as outside.
 *
 * @throws RangeError if the calendar has no working day within ten years (e.g. no working weekdays at all).
 */
export function nextOfficeStart(at: Date, cal: WorkCalendar): Date {
	const today = toZoned(at, cal.zone).toISODate();
	if (isWorkingDay(today, cal)) {
		const start = startOfOffice(today, cal);
		// Stryker disable next-line EqualityOperator: exactly at the start, `start` and a copy of `at` are the same instant
		if (at < start) return start;
		if (at < endOfOffice(today, cal)) return new Date(at.getTime());
	}
	return startOfOffice(scanWorkingDay(today, 1, cal), cal);
}

/**
 * Moves a local date by `n` working days (`n` may be negative).
 *
 * The count starts from an anchor: the date itself if it is a working day, otherwise the previous working day.
 * So `n = 0` gives the date itself when it is a working day and the previous working day otherwise (the
 * "morning of the deadline day" of a `-0wd` step), `n = -1` the working day before the anchor, and `n = 1` the first
 * working day after the date (e.g. Friday + 1 = Monday; Saturday + 1 = Monday; Sunday − 1 = Thursday, as the anchor
 * is Friday).
 *
 * @throws RangeError if `localDate` is invalid, `n` is not an integer, or no working day exists within ten years.
 */
export function addWorkingDays(localDate: string, n: number, cal: WorkCalendar): string {
	if (!Number.isInteger(n)) throw new RangeError(`Working-day offset must be an integer, got ${n}`);
	let date = isWorkingDay(localDate, cal) ? localDate : scanWorkingDay(localDate, -1, cal);
	// Stryker disable next-line EqualityOperator: for n = 0 no step is taken, so its direction does not matter
	const direction = n < 0 ? -1 : 1;
	for (let i = 0; i < Math.abs(n); i++) date = scanWorkingDay(date, direction, cal);
	return date;
}

/** The nearest working day strictly after (`direction = 1`) or before (`-1`) a local date. */
function scanWorkingDay(localDate: string, direction: 1 | -1, cal: WorkCalendar): string {
	let dt = dateOf(localDate);
	for (let i = 0; i < MAX_SCAN_DAYS; i++) {
		dt = dt.plus({ days: direction });
		const candidate = dt.toISODate();
		if (isWorkingDay(candidate, cal)) return candidate;
	}
	throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${localDate}`);
}

function dateOf(localDate: string): DateTime<true> {
	const ymd = parseIsoDateStrict(localDate);
	// Stryker disable next-line ObjectLiteral: whole days only; any zone gives the same calendar dates
	const dt = DateTime.fromObject(ymd, { zone: 'utc' });
	// Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, parseIsoDateStrict accepted only real dates
	if (!dt.isValid) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(localDate)}`);
	return dt;
}

function atLocalTime(localDate: string, time: ClockTime, zone: string): Date {
	if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${JSON.stringify(zone)}`);
	const ymd = parseIsoDateStrict(localDate);
	const dt = DateTime.fromObject({ ...ymd, hour: time.h, minute: time.m }, { zone });
	// Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, zone, date and clock time were all checked (a DST gap moves forward)
	if (!dt.isValid) throw new RangeError(`Invalid local time ${formatClock(time)} on ${localDate}`);
	return dt.toJSDate();
}

const ALL_WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

function nextWeekday(d: Weekday): Weekday {
	return d === 7 ? 1 : ((d + 1) as Weekday);
}

function previousWeekday(d: Weekday): Weekday {
	return d === 1 ? 7 : ((d - 1) as Weekday);
}

function shortName(d: Weekday): string {
	// Stryker disable next-line StringLiteral: a Weekday always has a name
	return SHORT_NAMES[d - 1] ?? '';
}

/** For a clock time read by parseOfficeHours' pattern, which admits digits only: whole numbers, never negative. */
function isValidClock(t: ClockTime): boolean {
	return t.h <= 23 && t.m <= 59;
}

function formatClock(t: ClockTime): string {
	return `${String(t.h).padStart(2, '0')}:${String(t.m).padStart(2, '0')}`;
}
