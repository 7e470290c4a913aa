import type { ServerSettings } from '../domain/model.ts';
import { makeWorkCalendar, type WorkCalendar } from '../domain/time/calendar.ts';
import type { Deps } from './deps.ts';

/** A server's working calendar: its zone, office hours, working days and holidays. */
export async function loadWorkCalendar(deps: Deps, settings: ServerSettings): Promise<WorkCalendar> {
	const holidays = await deps.calendar.holidays(settings.guildId);
	const made = makeWorkCalendar({
		timezone: settings.timezone,
		officeHours: settings.officeHours,
		workingDays: settings.workingDays,
		holidays: holidays.map((h) => h.date),
	});
	// Settings are validated when saved; a failure here means the database was edited by hand.
	if (!made.ok) throw new Error(`invalid calendar settings for ${settings.guildId}: ${JSON.stringify(made.error)}`);
	return made.value;
}
