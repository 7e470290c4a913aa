import { DateTime } from 'luxon';
import type { Weekday, WorkCalendar } from '../../../src/domain/time/calendar.ts';

export const HCM = 'Asia/Ho_Chi_Minh';
export const NY = 'America/New_York';
export const BERLIN = 'Europe/Berlin';

/** Tết 2026 (16–20/02 on weekdays), 30/4, 1/5, 2/9, New Year 2027. */
export const VN_HOLIDAYS = [
	'2026-02-16',
	'2026-02-17',
	'2026-02-18',
	'2026-02-19',
	'2026-02-20',
	'2026-04-30',
	'2026-05-01',
	'2026-09-02',
	'2027-01-01',
];

/** Office hours 08:00–17:00, Monday to Friday, in Hà Nội with the Vietnamese holidays above, unless overridden. */
export function workCalendar(overrides: Partial<WorkCalendar> = {}): WorkCalendar {
	return {
		zone: HCM,
		officeStart: { h: 8, m: 0 },
		officeEnd: { h: 17, m: 0 },
		workingDays: new Set<Weekday>([1, 2, 3, 4, 5]),
		holidays: new Set(VN_HOLIDAYS),
		...overrides,
	};
}

/** The instant of a local wall-clock time `YYYY-MM-DDTHH:mm[:ss.SSS]` in `zone`. */
export function at(local: string, zone = HCM): Date {
	const dt = DateTime.fromISO(local, { zone });
	if (!dt.isValid) throw new Error(`bad test time ${local}`);
	return dt.toJSDate();
}

/** Readable local rendering for assertions: `2026-04-27 Mon 08:00`. */
export function show(date: Date, zone = HCM): string {
	return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd ccc HH:mm');
}
