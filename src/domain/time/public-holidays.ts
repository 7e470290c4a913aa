import { DateTime } from 'luxon';
import { lunarHolidays } from './lunar-holidays.ts';

/**
 * Vietnam's public holidays, built into every server whose time zone is Vietnam's.
 *
 * The Labour Code (2019, Article 112) fixes them: New Year 1 day, Tết 5 days, Hùng Kings 1 day (10/3 lunar), 30/4,
 * 1/5, National Day 2 days (2/9 and one adjacent day). The lunar dates (Tết's eve, Hùng Kings) come from a table
 * computed with the `date-holidays` library for 2000–2100 (lunar-holidays.ts; other years get the fixed-date holidays
 * only). Tết is the eve and the first four days of the year (the usual arrangement), and National Day to 2/9 plus the adjacent weekday
 * that joins it to a weekend (1/9 when both neighbours would do). The government's yearly arrangement (compensatory
 * days, bridge days, a swapped working Saturday) is not law: the coordinator adds it, and removes what does not apply.
 */

/** Which public holiday a date is; `tet` days are numbered 0 (the eve) to 4 (the fourth day of the lunar year). */
export type PublicHolidayKey = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour' | 'national-day';

export type PublicHoliday = { date: string; key: PublicHolidayKey; tetDay?: 0 | 1 | 2 | 3 | 4 };

/** How a coordinator changed one date of the calendar. */
export type CalendarEntryKind = 'off' | 'work' | 'dismissed';
export const CALENDAR_ENTRY_KINDS: readonly CalendarEntryKind[] = ['off', 'work', 'dismissed'];

/** Time zones that get Vietnam's public holidays built in. */
const VIETNAM_ZONES = new Set(['Asia/Ho_Chi_Minh', 'Asia/Saigon']);

const cache = new Map<number, readonly PublicHoliday[]>();

/** The public holidays of Vietnam in a calendar year, sorted by date. */
export function vietnamPublicHolidays(year: number): readonly PublicHoliday[] {
	const cached = cache.get(year);
	// Stryker disable next-line ConditionalExpression: the cache only spares computing the same list again
	if (cached) return cached;
	const out: PublicHoliday[] = [
		{ date: `${year}-01-01`, key: 'new-year' },
		{ date: `${year}-04-30`, key: 'reunification' },
		{ date: `${year}-05-01`, key: 'labour' },
		{ date: `${year}-09-02`, key: 'national-day' },
		{ date: nationalDayNeighbour(year), key: 'national-day' },
	];
	// Tết's eve falls between 20 January and 19 February, so its five days always stay within one Gregorian year.
	const lunar = lunarHolidays(year);
	if (lunar) {
		// Stryker disable next-line ObjectLiteral: whole days added to a date and read back as a date, in any zone
		const eve = DateTime.fromISO(lunar.tetEve, { zone: 'utc' });
		for (let d = 0; d <= 4; d++) {
			out.push({ date: eve.plus({ days: d }).toISODate()!, key: 'tet', tetDay: d as 0 | 1 | 2 | 3 | 4 });
		}
		out.push({ date: lunar.hungKings, key: 'hung-kings' });
	}
	const sorted = out.sort((a, b) => a.date.localeCompare(b.date));
	cache.set(year, sorted);
	return sorted;
}

/**
 * The public holidays a server gets without any import: Vietnam's when its time zone is Vietnam's, none otherwise.
 */
export function builtInHolidays(zone: string, years: Iterable<number>): PublicHoliday[] {
	if (!VIETNAM_ZONES.has(zone)) return [];
	return [...years].flatMap((y) => vietnamPublicHolidays(y));
}

const dateSets = new Map<number, ReadonlySet<string>>();

/** The dates of {@link builtInHolidays} for one year, as a set (cached: the calendar asks for it day by day). */
export function publicHolidayDates(zone: string, year: number): ReadonlySet<string> {
	if (!VIETNAM_ZONES.has(zone)) return EMPTY;
	let dates = dateSets.get(year);
	// Stryker disable next-line ConditionalExpression: the cache only spares building the same set again
	if (!dates) {
		dates = new Set(vietnamPublicHolidays(year).map((h) => h.date));
		dateSets.set(year, dates);
	}
	return dates;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Whether a server in this zone gets Vietnam's public holidays built in. */
export function hasBuiltInHolidays(zone: string): boolean {
	return VIETNAM_ZONES.has(zone);
}

/** A stored change of the calendar. */
export type CalendarEntry = { date: string; name: string; kind: CalendarEntryKind };

/** One day of a server's effective calendar, as `/calendar list` shows it. */
export type CalendarDay = {
	date: string;
	/** `off`: a day off; `work`: a working day set by the coordinator. */
	kind: 'off' | 'work';
	/** The coordinator's name for the day, if they gave one. */
	name: string | null;
	/** Set when the day is one of the built-in public holidays. */
	publicHoliday: PublicHoliday | null;
};

/**
 * The effective calendar: the built-in public holidays, overridden date by date by the coordinator's entries (a day
 * off added or renamed, a working day, a built-in holiday dismissed), sorted by date.
 */
export function effectiveCalendar(builtIn: readonly PublicHoliday[], entries: readonly CalendarEntry[]): CalendarDay[] {
	const byDate = new Map<string, CalendarDay>();
	for (const h of builtIn) byDate.set(h.date, { date: h.date, kind: 'off', name: null, publicHoliday: h });
	for (const e of entries) {
		const publicHoliday = byDate.get(e.date)?.publicHoliday ?? null;
		if (e.kind === 'dismissed') byDate.delete(e.date);
		else byDate.set(e.date, { date: e.date, kind: e.kind, name: e.name, publicHoliday });
	}
	return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The adjacent day of National Day: the neighbour of 2/9 that is a weekday and joins it to a weekend, else 1/9 when it
 * is a weekday, else 3/9. Only 3/9 needs the first test: when 1/9 joins a weekend (a Monday or a Friday), 3/9 cannot,
 * and the fallback picks 1/9 anyway.
 */
function nationalDayNeighbour(year: number): string {
	// Stryker disable next-line ObjectLiteral: whole days added to a date and read back as a date, in any zone
	const day = DateTime.fromObject({ year, month: 9, day: 2 }, { zone: 'utc' });
	const before = day.minus({ days: 1 });
	const after = day.plus({ days: 1 });
	if (after.weekday === 1 || after.weekday === 5) return after.toISODate()!;
	return (before.weekday <= 5 ? before : after).toISODate()!;
}
