import type { ServerSettings } from '../domain/model.ts';
import { makeWorkCalendar, type WorkCalendar } from '../domain/time/calendar.ts';
import { hasBuiltInHolidays, publicHolidayDates } from '../domain/time/public-holidays.ts';
import type { Deps } from './deps.ts';

/**
 * A server's working calendar: its zone, office hours, working days, Vietnam's public holidays when the zone is
 * Vietnam's, and the coordinator's changes (days off added, working days such as a swapped Saturday, built-in
 * holidays dismissed).
 */
export async function loadWorkCalendar(deps: Deps, settings: ServerSettings): Promise<WorkCalendar> {
	const entries = await deps.calendar.holidays(settings.guildId);
	const zone = settings.timezone;
	const made = makeWorkCalendar({
		timezone: zone,
		officeHours: settings.officeHours,
		workingDays: settings.workingDays,
		holidays: entries.filter((e) => e.kind === 'off').map((e) => e.date),
		workdays: entries.filter((e) => e.kind === 'work').map((e) => e.date),
		...(hasBuiltInHolidays(zone)
			? {
					publicHolidays: (year: number) => publicHolidayDates(zone, year),
					dismissed: entries.filter((e) => e.kind === 'dismissed').map((e) => e.date),
				}
			: {}),
	});
	// Settings are validated when saved; a failure here means the database was edited by hand.
	if (!made.ok) throw new Error(`invalid calendar settings for ${settings.guildId}: ${JSON.stringify(made.error)}`);
	return made.value;
}
