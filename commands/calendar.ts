import { addHoliday, importHolidays, listHolidays, removeHoliday } from '../src/app/manage-calendar.ts';
import { HOLIDAY_COLUMNS } from '../src/domain/import/holiday-rows.ts';
import { formatIsoDate } from '../src/domain/time/parse-datetime.ts';
import { commandWithSubcommands, subcommand, who } from '../src/discord/modules.ts';
import { readUploadedTable } from '../src/discord/uploads.ts';
import { holidayListReply } from '../src/discord/views/calendar-replies.ts';

const MAX_IMPORT_BYTES = 1024 * 1024;
const DATE_OPTION = { type: 'string', required: true, maxLength: 20 } as const;

const add = subcommand(
	{ date: DATE_OPTION, name: { type: 'string', required: true, maxLength: 100 } },
	async (ctx, o) => {
		const result = await addHoliday(ctx.deps, { ...who(ctx), ...o });
		if (!result.ok) return ctx.fail(result.error);
		const { date, name } = result.value;
		await ctx.reply(ctx.t.calendar.added({ date: formatIsoDate(date, ctx.lang), name }));
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
	const { content, files } = holidayListReply(ctx.t, ctx.lang, year, result.value);
	await ctx.reply(content, files);
});

const importFile = subcommand({ file: { type: 'attachment', required: true } }, async (ctx, { file }) => {
	const spec = { maxBytes: MAX_IMPORT_BYTES, maxRows: 1000, required: HOLIDAY_COLUMNS.required };
	const rows = await readUploadedTable(ctx, file, spec);
	if (!rows.ok) return ctx.fail(rows.error);
	const result = await importHolidays(ctx.deps, { ...who(ctx), rows: rows.value });
	if (!result.ok) return ctx.fail(result.error);
	await ctx.reply(ctx.t.calendar.imported({ count: result.value }));
});

/** /calendar holiday-add|holiday-remove|list|import — the holidays the reminder ladder skips. */
export const calendar = commandWithSubcommands('calendar', {
	'holiday-add': add,
	'holiday-remove': remove,
	list,
	import: importFile,
});
