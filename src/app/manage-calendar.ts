import { validateHolidayRows } from '../domain/import/holiday-rows.ts';
import type { InputRow } from '../domain/import/rows.ts';
import type { Actor, ServerSettings } from '../domain/model.ts';
import { parseLocalDate } from '../domain/time/parse-datetime.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

function auditOf(guildId: string, actor: Actor, action: string) {
	return { guildId, actorId: actor.userId, actorName: actor.userName, action };
}

/** /calendar holiday-add: adds a holiday, or renames the one already on that date. */
export async function addHoliday(
	deps: Deps,
	input: { guildId: string; actor: Actor; date: string; name: string },
): Promise<AppResult<{ date: string; name: string }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const date = parseLocalDate(input.date);
	if (!date.ok) return fail({ code: 'bad-date', value: input.date });
	const name = input.name.trim();
	if (name.length < 1 || [...name].length > 100) return fail({ code: 'holiday-name' });
	await deps.calendar.upsertHolidays(
		input.guildId,
		[{ date: date.value, name }],
		auditOf(input.guildId, input.actor, 'holiday.add'),
	);
	return { ok: true, value: { date: date.value, name } };
}

/** /calendar holiday-remove */
export async function removeHoliday(
	deps: Deps,
	input: { guildId: string; actor: Actor; date: string },
): Promise<AppResult<{ date: string }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const date = parseLocalDate(input.date);
	if (!date.ok) return fail({ code: 'bad-date', value: input.date });
	const removed = await deps.calendar.removeHoliday(
		input.guildId,
		date.value,
		auditOf(input.guildId, input.actor, 'holiday.remove'),
	);
	if (!removed) return fail({ code: 'holiday-unknown', date: date.value });
	return { ok: true, value: { date: date.value } };
}

/** /calendar list: holidays (of one year, or all) with the office hours and working days they apply to. */
export async function listHolidays(
	deps: Deps,
	input: { guildId: string; actor: Actor; year?: number | undefined },
): Promise<AppResult<{ settings: ServerSettings; holidays: Array<{ date: string; name: string }> }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	if (input.year !== undefined && (input.year < 2000 || input.year > 2100)) return fail({ code: 'bad-year' });
	const all = await deps.calendar.holidays(input.guildId);
	const holidays = input.year === undefined ? all : all.filter((h) => h.date.startsWith(`${input.year}-`));
	return { ok: true, value: { settings: access.value, holidays } };
}

/** /calendar import: all rows or none; existing dates are renamed. */
export async function importHolidays(
	deps: Deps,
	input: { guildId: string; actor: Actor; rows: InputRow[] },
): Promise<AppResult<number>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const existing = await deps.calendar.holidays(input.guildId);
	const checked = validateHolidayRows(input.rows, { existingDates: new Set(existing.map((h) => h.date)) });
	if (!checked.ok) return fail({ code: 'import-rejected', problems: checked.error });
	await deps.calendar.upsertHolidays(
		input.guildId,
		checked.value.map((h) => ({ date: h.date, name: h.name })),
		auditOf(input.guildId, input.actor, 'holiday.import'),
	);
	return { ok: true, value: checked.value.length };
}
