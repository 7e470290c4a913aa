import { DateTime } from 'luxon';
import type { ServerSettings } from '../../domain/model.ts';
import { formatIsoDate } from '../../domain/time/parse-datetime.ts';
import type { Catalog, Lang } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** /calendar list: the office hours, working days and holidays of a year (or of every year). */
export function holidayListReply(
	t: Catalog,
	lang: Lang,
	year: number | undefined,
	listed: { settings: ServerSettings; holidays: ReadonlyArray<{ date: string; name: string }> },
): Reply {
	const { settings, holidays } = listed;
	const scope = year === undefined ? t.calendar.all : t.calendar.inYear({ year });
	const common = { year: scope, hours: settings.officeHours, days: settings.workingDays };
	if (holidays.length === 0) return { content: t.calendar.listEmpty(common), files: [] };
	const lines = holidays.map((h) =>
		t.calendar.line({
			date: formatIsoDate(h.date, lang),
			weekday: DateTime.fromISO(h.date).setLocale(lang).toFormat('cccc'),
			name: h.name,
		}),
	);
	return splitForMessage(t, t.calendar.listTitle({ ...common, count: holidays.length }), lines, 'holidays.md');
}
