import { DateTime, IANAZone } from 'luxon';

import { err, ok, type Result } from '../result.ts';

/** Language of date/time formatting: Vietnamese (`dd/MM/yyyy`) or English (ISO-like `yyyy-MM-dd`). */
export type DateLang = 'vi' | 'en';

/**
 * Why a date or date-time text was rejected.
 * - `unparsable`: the text does not have one of the accepted shapes.
 * - `invalid-date`: the shape is right but the values are not a real date/time (31/02, 25:00, month 13).
 * - `invalid-zone`: the time zone is not a known IANA zone (date-times only).
 */
export type DateParseError = 'unparsable' | 'invalid-date' | 'invalid-zone';

/** A calendar date as numbers, already range-checked (month 1–12). */
export type Ymd = { year: number; month: number; day: number };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*T\s*|\s+)(\d{1,2}):(\d{2})$/i;
const DMY_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/;

/** Zones already found valid (bounded by the IANA database); checking a zone builds an Intl formatter, which is slow. */
const KNOWN_ZONES = new Set<string>();

/**
 * Tells whether `zone` names an IANA time zone that luxon (and so the runtime's ICU data) knows,
 * e.g. `Asia/Ho_Chi_Minh`, `Europe/Berlin`, `UTC`. Fixed offsets like `UTC+7` are rejected.
 */
export function isValidTimeZone(zone: string): boolean {
	// Stryker disable next-line ConditionalExpression,BlockStatement: a cache; without it the answer is the same, only slower
	if (KNOWN_ZONES.has(zone)) return true;
	// Stryker disable next-line StringLiteral,ConditionalExpression,MethodExpression: luxon already rejects blank (and padded) zones; kept as a cheap guard
	if (zone.trim() === '' || !IANAZone.isValidZone(zone)) return false;
	KNOWN_ZONES.add(zone);
	return true;
}

/**
 * Parses a local date in `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`) form; surrounding spaces are ignored.
 *
 * @returns the date normalised to `YYYY-MM-DD`, or `unparsable` / `invalid-date` (e.g. `31/02/2026`).
 */
export function parseLocalDate(input: string): Result<string, 'unparsable' | 'invalid-date'> {
	const text = input.trim();
	const iso = ISO_DATE.exec(text);
	const dmy = iso ? null : DMY_DATE.exec(text);
	let parts: [string | undefined, string | undefined, string | undefined];
	if (iso) parts = [iso[1], iso[2], iso[3]];
	else if (dmy) parts = [dmy[3], dmy[2], dmy[1]];
	else return err('unparsable');
	const ymd = toYmd(parts[0], parts[1], parts[2]);
	if (!ymd) return err('invalid-date');
	return ok(formatYmd(ymd));
}

/**
 * Parses a local date-time and interprets it as a wall-clock time in the IANA time zone `zone`.
 *
 * Accepted shapes (surrounding spaces ignored; hours may have one digit, minutes always two):
 * - `YYYY-MM-DD HH:mm` or `YYYY-MM-DDTHH:mm`
 * - `DD/MM/YYYY HH:mm`, also `D/M/YYYY H:mm`
 *
 * Time-zone transitions follow luxon's behaviour:
 * - a wall-clock time that does not exist (DST gap, e.g. `2026-03-08 02:30` in `America/New_York`) is moved
 *   forward by the length of the gap (→ 03:30 EDT);
 * - a wall-clock time that exists twice (DST overlap, e.g. `2026-11-01 01:30` in `America/New_York`)
 *   resolves to the second occurrence, i.e. the standard-time offset (→ 01:30 EST = 06:30Z).
 *
 * @returns the instant, or `unparsable`, `invalid-date` (31/02, 24:00, 12:60 …) or `invalid-zone`.
 */
export function parseLocalDateTime(input: string, zone: string): Result<Date, DateParseError> {
	const text = input.trim();
	const iso = ISO_DATE_TIME.exec(text);
	const dmy = iso ? null : DMY_DATE_TIME.exec(text);
	let parts: [string | undefined, string | undefined, string | undefined, string | undefined, string | undefined];
	if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5]];
	else if (dmy) parts = [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5]];
	else return err('unparsable');
	const ymd = toYmd(parts[0], parts[1], parts[2]);
	const hour = Number(parts[3]);
	const minute = Number(parts[4]);
	if (!ymd || hour > 23) return err('invalid-date');
	// Stryker disable next-line ConditionalExpression,LogicalOperator: digits are never negative, and luxon's isValid below refuses minute 60–99 too (it takes hour 24, hence the line above)
	if (hour < 0 || minute < 0 || minute > 59) return err('invalid-date');
	if (!isValidTimeZone(zone)) return err('invalid-zone');
	const dt = DateTime.fromObject({ ...ymd, hour, minute }, { zone });
	// Stryker disable next-line ConditionalExpression,StringLiteral: unreachable after the checks above (a real date, 0–23 h, 0–59 min, a valid zone)
	if (!dt.isValid) return err('invalid-date');
	return ok(dt.toJSDate());
}

/**
 * True when a date-time text that {@link parseLocalDateTime} accepts names a wall-clock time that does not exist in
 * `zone` (inside a daylight-saving gap, e.g. `2030-03-31 02:30` in Europe/Berlin): the parsed instant then reads
 * another time on the clock. Deadlines typed that way are refused rather than moved in silence.
 */
export function isSkippedWallClock(input: string, zone: string, parsed: Date): boolean {
	const text = input.trim();
	const m = ISO_DATE_TIME.exec(text) ?? DMY_DATE_TIME.exec(text);
	if (!m || !isValidTimeZone(zone)) return false;
	const [hour, minute] = [Number(m[4]), Number(m[5])];
	const local = DateTime.fromJSDate(parsed, { zone });
	return local.hour !== hour || local.minute !== minute;
}

/**
 * Formats an instant as a local date-time in `zone`: `vi` → `04/10/2021 14:05`, `en` → `2021-10-04 14:05`.
 *
 * @throws RangeError if `zone` is not a valid IANA zone (a programming error: zones are validated on input).
 */
export function formatLocalDateTime(date: Date, zone: string, lang: DateLang): string {
	return toZoned(date, zone).toFormat(lang === 'vi' ? 'dd/MM/yyyy HH:mm' : 'yyyy-MM-dd HH:mm');
}

/**
 * Formats an instant as a local date in `zone`: `vi` → `04/10/2021`, `en` → `2021-10-04`.
 *
 * @throws RangeError if `zone` is not a valid IANA zone.
 */
export function formatLocalDate(date: Date, zone: string, lang: DateLang): string {
	return toZoned(date, zone).toFormat(lang === 'vi' ? 'dd/MM/yyyy' : 'yyyy-MM-dd');
}

/**
 * Formats a local `YYYY-MM-DD` date string for display: `vi` → `04/10/2021`, `en` → `2021-10-04`.
 *
 * @throws RangeError if `localDate` is not a valid `YYYY-MM-DD` date.
 */
export function formatIsoDate(localDate: string, lang: DateLang): string {
	const ymd = parseIsoDateStrict(localDate);
	if (lang === 'en') return formatYmd(ymd);
	return `${pad2(ymd.day)}/${pad2(ymd.month)}/${String(ymd.year).padStart(4, '0')}`;
}

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in `zone`.
 *
 * @throws RangeError if `zone` is not a valid IANA zone.
 */
export function toLocalDate(date: Date, zone: string): string {
	return toZoned(date, zone).toFormat('yyyy-MM-dd');
}

/**
 * Converts an instant to a luxon DateTime in `zone`.
 *
 * @throws RangeError if `zone` is not a valid IANA zone or `date` is an invalid Date.
 */
export function toZoned(date: Date, zone: string): DateTime<true> {
	if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${JSON.stringify(zone)}`);
	const dt = DateTime.fromJSDate(date, { zone });
	if (!dt.isValid) throw new RangeError(`Invalid date: ${String(dt.invalidExplanation)}`);
	return dt;
}

/**
 * Parses a strict `YYYY-MM-DD` string (as stored for holidays and local dates).
 *
 * @throws RangeError if it is not a real date in that exact form.
 */
export function parseIsoDateStrict(localDate: string): Ymd {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
	const ymd = m ? toYmd(m[1], m[2], m[3]) : null;
	if (!ymd) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(localDate)}`);
	return ymd;
}

function toYmd(y: string | undefined, mo: string | undefined, d: string | undefined): Ymd | null {
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	// Stryker disable next-line ConditionalExpression,LogicalOperator: every caller's regex yields digits only, so these are always integers
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
	if (year < 1 || month < 1 || month > 12 || day < 1) return null;
	if (day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatYmd({ year, month, day }: Ymd): string {
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}
