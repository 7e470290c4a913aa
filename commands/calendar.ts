import { addHoliday, importHolidays, listHolidays, removeHoliday } from '../src/app/manage-calendar.ts';
import { HOLIDAY_COLUMNS } from '../src/domain/import/holiday-rows.ts';
import { formatIsoDate } from '../src/domain/time/parse-datetime.ts';
import { hasBuiltInHolidays } from '../src/domain/time/public-holidays.ts';
import { replyError } from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { readUploadedTable } from '../src/discord/uploaded-table.ts';
import { problemList } from '../src/discord/views/import-problems.ts';
import { renderCalendarList } from '../src/discord/views/calendar-text.ts';

const MAX_IMPORT_BYTES = 1024 * 1024;

async function add(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const result = await addHoliday(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		date: o.getString('date', true),
		name: o.getString('name', true),
		kind: o.getString('kind') === 'work' ? 'work' : 'off',
	});
	if (!result.ok) return replyError(ctx, result.error);
	const added = { date: formatIsoDate(result.value.date, ctx.lang), name: result.value.name };
	await replyPrivately(
		ctx.interaction,
		result.value.kind === 'work' ? ctx.t.calendar.addedWorkday(added) : ctx.t.calendar.added(added),
	);
}

async function remove(ctx: CommandContext) {
	const result = await removeHoliday(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		date: ctx.interaction.options.getString('date', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	await replyPrivately(ctx.interaction, ctx.t.calendar.removed({ date: formatIsoDate(result.value.date, ctx.lang) }));
}

async function list(ctx: CommandContext) {
	const year = ctx.interaction.options.getInteger('year') ?? undefined;
	const result = await listHolidays(ctx.deps, { guildId: ctx.guildId, actor: ctx.actor, year });
	if (!result.ok) return replyError(ctx, result.error);
	const { content, files } = renderCalendarList(ctx.t, {
		...result.value,
		builtIn: hasBuiltInHolidays(result.value.settings.timezone),
	});
	await replyPrivately(ctx.interaction, content, files);
}

async function importFile(ctx: CommandContext) {
	const rows = await readUploadedTable(ctx, ctx.interaction.options.getAttachment('file', true), {
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: 1000,
		required: HOLIDAY_COLUMNS.required,
	});
	if (!rows) return;
	const result = await importHolidays(ctx.deps, { guildId: ctx.guildId, actor: ctx.actor, rows });
	if (!result.ok) {
		if (result.error.code !== 'import-rejected') return replyError(ctx, result.error);
		const { content, files } = problemList(ctx.t, result.error.problems);
		return replyPrivately(ctx.interaction, content, files);
	}
	await replyPrivately(ctx.interaction, ctx.t.calendar.imported({ count: result.value }));
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = {
	'holiday-add': add,
	'holiday-remove': remove,
	list,
	import: importFile,
};

/**
 * /calendar holiday-add|holiday-remove|list|import — the days the reminder ladder skips (Vietnam's public holidays
 * built in) and the working days the government swaps in.
 */
export const calendar = {
	data: buildCommandWithSubcommands('calendar', {
		'holiday-add': [
			{ key: 'date', type: 'string', required: true, maxLength: 20 },
			{ key: 'name', type: 'string', required: true, maxLength: 100 },
			{ key: 'kind', type: 'string', choices: ['off', 'work'] },
		],
		'holiday-remove': [{ key: 'date', type: 'string', required: true, maxLength: 20 }],
		list: [{ key: 'year', type: 'integer', min: 2000, max: 2100 }],
		import: [{ key: 'file', type: 'attachment', required: true }],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
} satisfies CommandModule;
