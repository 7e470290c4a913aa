/**
 * The two public holidays of Vietnam that follow the lunar calendar: Tết's eve (Giao thừa) and the Hùng Kings' day
 * (10/3 lunar), for the Gregorian years 2000–2100. Computed once with the `date-holidays` library (a development
 * dependency): test/domain/time/lunar-holidays.test.ts checks every year against it, and
 * `node --import tsx test/support/lunar-holidays.ts 2000 2100` prints these rows again. A table, not the library, at
 * run time: the library and its astronomy cost the running bot about 28 MB of memory and 2 s of start-up.
 */

export const FIRST_LUNAR_YEAR = 2000;
export const LAST_LUNAR_YEAR = 2100;

/** One `MM-DD MM-DD` pair (Tết's eve, Hùng Kings) per year from {@link FIRST_LUNAR_YEAR}, comma-separated. */
const TABLE =
	'02-04 04-14,01-23 04-03,02-11 04-22,01-31 04-11,01-21 04-28,02-08 04-18,01-28 04-07,02-16 04-26,' +
	'02-06 04-15,01-25 04-04,02-13 04-23,02-02 04-12,01-22 03-31,02-09 04-19,01-30 04-09,02-18 04-28,' +
	'02-07 04-16,01-27 04-06,02-15 04-25,02-04 04-14,01-24 04-02,02-11 04-21,01-31 04-10,01-21 04-29,' +
	'02-09 04-18,01-28 04-07,02-16 04-26,02-05 04-16,01-25 04-04,02-12 04-23,02-01 04-12,01-22 04-01,' +
	'02-10 04-19,01-30 04-09,02-18 04-28,02-07 04-17,01-27 04-06,02-14 04-24,02-03 04-13,01-23 04-03,' +
	'02-11 04-20,01-31 04-10,01-21 04-29,02-09 04-19,01-29 04-07,02-16 04-26,02-05 04-15,01-25 04-04,' +
	'02-13 04-22,02-01 04-11,01-22 03-31,02-10 04-20,01-31 04-09,02-17 04-28,02-07 04-17,01-27 04-06,' +
	'02-14 04-24,02-03 04-13,01-23 04-02,02-11 04-21,02-01 04-10,01-20 03-31,02-08 04-19,01-28 04-08,' +
	'02-16 04-26,02-04 04-15,01-25 04-04,02-13 04-23,02-02 04-11,01-22 04-01,02-10 04-20,01-30 04-09,' +
	'02-18 04-27,02-06 04-16,01-26 04-05,02-14 04-24,02-04 04-13,01-23 04-02,02-11 04-21,02-01 04-11,' +
	'01-21 03-30,02-08 04-18,01-28 04-07,02-16 04-25,02-05 04-14,01-25 04-03,02-13 04-22,02-02 04-12,' +
	'01-23 04-01,02-09 04-20,01-29 04-09,02-17 04-28,02-06 04-16,01-26 04-05,02-14 04-24,02-04 04-13,' +
	'01-24 04-02,02-11 04-21,01-31 04-11,01-20 04-29,02-08 04-18';

const ROWS = TABLE.split(',');

/** Tết's eve and the Hùng Kings' day of a year as `YYYY-MM-DD`, or null outside the table's years. */
export function lunarHolidays(year: number): { tetEve: string; hungKings: string } | null {
	const row = Number.isInteger(year) ? ROWS[year - FIRST_LUNAR_YEAR] : undefined;
	if (row === undefined) return null;
	const [tetEve, hungKings] = row.split(' ') as [string, string];
	return { tetEve: `${year}-${tetEve}`, hungKings: `${year}-${hungKings}` };
}
