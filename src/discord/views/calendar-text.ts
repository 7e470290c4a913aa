import { DateTime } from 'luxon';
import { parseWorkingDays, weekdayGroups } from '../../domain/time/calendar.ts';
import { displayLadder } from '../../domain/time/ladder.ts';
import { formatIsoDate, toZoned } from '../../domain/time/parse-datetime.ts';
import type { CalendarDay } from '../../domain/time/public-holidays.ts';
import type { ServerSettings } from '../../domain/model.ts';
import type { Catalog } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** A deadline in the words of official letters: "16 giờ 00 ngày 04/10/2021" / "16:00 on 2021-10-04". */
export function deadlineWords(t: Catalog, at: Date, zone: string): string {
	// From the local fields, not luxon's toFormat: every draft post and reminder of a fan-out words its deadline, and
	// toFormat parses its pattern on each call.
	const local = toZoned(at, zone);
	const two = (n: number) => String(n).padStart(2, '0');
	const year = String(local.year).padStart(4, '0');
	return t.common.at({
		hour: two(local.hour),
		minute: two(local.minute),
		date:
			t.lang === 'vi'
				? `${two(local.day)}/${two(local.month)}/${year}`
				: `${year}-${two(local.month)}-${two(local.day)}`,
	});
}

function weekdayName(t: Catalog, d: number): string {
	return t.common.weekdays[d - 1] ?? '';
}

/** Stored working days (`mon-fri`) as readers write them: "Thứ Hai – Thứ Sáu", "Monday – Friday". */
export function workingDaysText(t: Catalog, canonical: string): string {
	const days = parseWorkingDays(canonical);
	if (!days.ok) return canonical;
	return t.common.list({
		items: weekdayGroups(days.value).map((g) =>
			g.length >= 3
				? `${weekdayName(t, g[0]!)} – ${weekdayName(t, g.at(-1)!)}`
				: g.map((d) => weekdayName(t, d)).join(', '),
		),
	});
}

/** A stored ladder (`-2wd,-0wd,+1wd`) as readers write it: `-2nlv,-0nlv,+1nlv` in Vietnamese. */
export function ladderText(t: Catalog, canonical: string): string {
	return displayLadder(canonical, t.common.workingDayUnit);
}

/** The weekday of a local `YYYY-MM-DD` date in the catalog's words. */
function weekdayOf(t: Catalog, date: string): string {
	return weekdayName(t, DateTime.fromISO(date, { zone: 'utc' }).weekday);
}

/** The name of a day of the calendar: the coordinator's, else the built-in public holiday's (with Tết's day). */
function dayName(t: Catalog, day: CalendarDay): string {
	if (day.name) return day.name;
	const h = day.publicHoliday;
	if (!h) return '';
	const name = t.calendar.publicHolidays[h.key];
	return h.tetDay === undefined ? name : `${name} (${t.calendar.tetDays[h.tetDay] ?? ''})`;
}

/** /calendar list: the year's days off (built-in public holidays marked), then the swapped working days. */
export function renderCalendarList(
	t: Catalog,
	input: { settings: ServerSettings; year: number; days: CalendarDay[]; builtIn: boolean },
): Reply {
	const { settings, year, days } = input;
	const common = {
		year: t.calendar.inYear({ year }),
		hours: settings.officeHours,
		days: workingDaysText(t, settings.workingDays),
	};
	const off = days.filter((d) => d.kind === 'off');
	const work = days.filter((d) => d.kind === 'work');
	const lines = off.map(
		(d) =>
			t.calendar.line({ date: formatIsoDate(d.date, t.lang), weekday: weekdayOf(t, d.date), name: dayName(t, d) }) +
			(d.publicHoliday ? t.calendar.publicTag : ''),
	);
	if (work.length > 0) {
		lines.push(t.calendar.workdaysTitle);
		for (const d of work)
			lines.push(
				t.calendar.workdayLine({
					date: formatIsoDate(d.date, t.lang),
					weekday: weekdayOf(t, d.date),
					name: d.name ?? '',
				}),
			);
	}
	if (input.builtIn) lines.push(t.calendar.builtInNote);
	const title =
		off.length === 0 ? t.calendar.listEmpty(common) : t.calendar.listTitle({ ...common, count: off.length });
	return splitForMessage(t, title, lines, `holidays-${year}.md`);
}
