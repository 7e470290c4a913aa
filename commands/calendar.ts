import { addHoliday, importHolidays, listHolidays, removeHoliday } from '../src/app/manage-calendar.ts';
import { HOLIDAY_COLUMNS } from '../src/domain/import/holiday-rows.ts';
import { formatIsoDate } from '../src/domain/time/parse-datetime.ts';
import { hasBuiltInHolidays } from '../src/domain/time/public-holidays.ts';
import { commandWithSubcommands, subcommand, who } from '../src/discord/modules.ts';
import { withImportProgress } from '../src/discord/import-progress.ts';
import { readUploadedTable } from '../src/discord/uploads.ts';
import { renderCalendarList } from '../src/discord/views/calendar-text.ts';

const MAX_IMPORT_BYTES = 1024 * 1024;
const DATE_OPTION = { type: 'string', required: true, maxLength: 20 } as const;

const add = subcommand(
	{
		date: DATE_OPTION,
		name: { type: 'string', required: true, maxLength: 100 },
		kind: { type: 'string', choices: ['off', 'work'] },
	},
	async (ctx, o) => {
		const result = await addHoliday(ctx.deps, { ...who(ctx), ...o, kind: o.kind ?? 'off' });
		if (!result.ok) return ctx.fail(result.error);
		const added = { date: formatIsoDate(result.value.date, ctx.lang), name: result.value.name };
		await ctx.reply(result.value.kind === 'work' ? ctx.t.calendar.addedWorkday(added) : ctx.t.calendar.added(added));
	},
);

const remove = subcommand({ date: DATE_OPTION }, async (ctx, { date }) => {
	const result = await removeHoliday(ctx.deps, { ...who(ctx), date });
	if (!result.ok) return ctx.fail(result.error);
	await ctx.reply(ctx.t.calendar.removed({ date: formatIsoDate(result.value.date, ctx.lang) }));
});

const list = subcommand({ year: { type: 'integer', min: 2000, max: 2100 } }, async (ctx, { year }) => {
	const result = await listHolidays(ctx.deps, { ...who(ctx), year });
	if (!result.ok) return ctx.fail(result.error);
	const builtIn = hasBuiltInHolidays(result.value.settings.timezone);
	const { content, files } = renderCalendarList(ctx.t, { ...result.value, builtIn });
	await ctx.reply(content, files);
});

const importFile = subcommand({ file: { type: 'attachment', required: true } }, async (ctx, { file }) => {
	const spec = { maxBytes: MAX_IMPORT_BYTES, maxRows: 1000, required: HOLIDAY_COLUMNS.required };
	await withImportProgress(ctx, async (stage) => {
		const rows = await readUploadedTable(ctx, file, spec, stage);
		if (!rows.ok) return rows;
		stage({ kind: 'save', rows: rows.value.length });
		const result = await importHolidays(ctx.deps, { ...who(ctx), rows: rows.value });
		if (!result.ok) return result;
		return { ok: true, value: { content: ctx.t.calendar.imported({ count: result.value }), files: [] } };
	});
});

/**
 * /calendar holiday-add|holiday-remove|list|import — the days the reminder ladder skips (Vietnam's public holidays
 * built in) and the working days the government swaps in.
 */
export const calendar = commandWithSubcommands('calendar', {
	'holiday-add': add,
	'holiday-remove': remove,
	list,
	import: importFile,
});
