import { validateHolidayRows } from '../domain/import/holiday-rows.ts';
import { isBlankText } from '../domain/text.ts';
import type { InputRow } from '../domain/import/rows.ts';
import type { Actor, ServerSettings } from '../domain/model.ts';
import { parseLocalDate, toLocalDate } from '../domain/time/parse-datetime.ts';
import { builtInHolidays, effectiveCalendar, type CalendarDay } from '../domain/time/public-holidays.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

function auditOf(guildId: string, actor: Actor, action: string) {
	return { guildId, actorId: actor.userId, actorName: actor.userName, action };
}

/**
 * /calendar holiday-add: adds a day off (or renames the one already on that date), or with `kind: 'work'` a working
 * day that counts whatever its weekday or holiday (the government's swapped working Saturday).
 */
export async function addHoliday(
	deps: Deps,
	input: { guildId: string; actor: Actor; date: string; name: string; kind?: 'off' | 'work' },
): Promise<AppResult<{ date: string; name: string; kind: 'off' | 'work' }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const date = parseLocalDate(input.date);
	if (!date.ok) return fail({ code: 'bad-date', value: input.date });
	const name = input.name.trim();
	if (isBlankText(name) || [...name].length > 100) return fail({ code: 'holiday-name' });
	const kind = input.kind ?? 'off';
	await deps.calendar.upsertHolidays(
		input.guildId,
		[{ date: date.value, name, kind }],
		auditOf(input.guildId, input.actor, 'holiday.add'),
	);
	return { ok: true, value: { date: date.value, name, kind } };
}

/**
 * /calendar holiday-remove: a working day the coordinator set reverts to the ordinary calendar; a built-in public
 * holiday is dismissed (kept as a record, so it does not come back); a day off the coordinator added is deleted.
 */
export async function removeHoliday(
	deps: Deps,
	input: { guildId: string; actor: Actor; date: string },
): Promise<AppResult<{ date: string }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const date = parseLocalDate(input.date);
	if (!date.ok) return fail({ code: 'bad-date', value: input.date });
	const audit = auditOf(input.guildId, input.actor, 'holiday.remove');
	const entry = (await deps.calendar.holidays(input.guildId)).find((e) => e.date === date.value);
	const builtIn = builtInHolidays(access.value.timezone, [Number(date.value.slice(0, 4))]).some(
		(h) => h.date === date.value,
	);
	if (entry?.kind === 'dismissed') return fail({ code: 'holiday-unknown', date: date.value });
	if (builtIn && entry?.kind !== 'work') {
		await deps.calendar.upsertHolidays(
			input.guildId,
			[{ date: date.value, name: entry?.name ?? '', kind: 'dismissed' }],
			audit,
		);
		return { ok: true, value: { date: date.value } };
	}
	const removed = await deps.calendar.removeHoliday(input.guildId, date.value, audit);
	if (!removed) return fail({ code: 'holiday-unknown', date: date.value });
	return { ok: true, value: { date: date.value } };
}

/**
 * /calendar list: one year's calendar (the current one unless `year` is given): the built-in public holidays, the
 * days off and working days the coordinator set, with the office hours and working days they apply to.
 */
export async function listHolidays(
	deps: Deps,
	input: { guildId: string; actor: Actor; year?: number | undefined },
): Promise<AppResult<{ settings: ServerSettings; year: number; days: CalendarDay[] }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	// Stryker disable next-line ConditionalExpression: an absent year compares false with both bounds anyway
	if (input.year !== undefined && (input.year < 2000 || input.year > 2100)) return fail({ code: 'bad-year' });
	const settings = access.value;
	const year = input.year ?? Number(toLocalDate(deps.clock.now(), settings.timezone).slice(0, 4));
	const entries = (await deps.calendar.holidays(input.guildId)).filter((h) => h.date.startsWith(`${year}-`));
	const days = effectiveCalendar(builtInHolidays(settings.timezone, [year]), entries);
	return { ok: true, value: { settings, year, days } };
}

/** /calendar import: all rows or none; existing dates are renamed. */
export async function importHolidays(
	deps: Deps,
	input: { guildId: string; actor: Actor; rows: InputRow[] },
): Promise<AppResult<number>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const existing = await deps.calendar.holidays(input.guildId);
	// Stryker disable next-line ObjectLiteral,ArrowFunction: validateHolidayRows does not read existingDates (stored dates are renamed, never refused)
	const checked = validateHolidayRows(input.rows, { existingDates: new Set(existing.map((h) => h.date)) });
	if (!checked.ok) return fail({ code: 'import-rejected', problems: checked.error });
	await deps.calendar.upsertHolidays(
		input.guildId,
		checked.value.map((h) => ({ date: h.date, name: h.name })),
		auditOf(input.guildId, input.actor, 'holiday.import'),
	);
	return { ok: true, value: checked.value.length };
}
