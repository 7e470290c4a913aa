import { ChannelType, type AttachmentPayload } from 'discord.js';
import type { AppError } from '../src/app/errors.ts';
import { addUnit, editUnit, importUnits, listUnits, removeUnit } from '../src/app/manage-units.ts';
import { UNIT_COLUMNS } from '../src/domain/import/unit-rows.ts';
import type { UnitKind } from '../src/domain/model.ts';
import { autocompleteUnits, channelInfo, replyError } from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { readUploadedTable } from '../src/discord/uploaded-table.ts';
import { problemList } from '../src/discord/views/import-problems.ts';
import { splitForMessage } from '../src/discord/views/long-text.ts';
import { checkUnits } from '../src/app/preflight.ts';
import type { Unit } from '../src/domain/model.ts';
import { readinessTag, unitWarnings } from '../src/discord/views/access.ts';

/** The preflight's warnings for units just added, changed or imported, one line each (empty when all is well). */
async function accessWarnings(ctx: CommandContext, units: readonly Unit[]): Promise<string> {
	const lines = unitWarnings(ctx.t, await checkUnits(ctx.deps, ctx.guildId, units));
	return lines.map((l) => `\n${l}`).join('');
}

const KINDS = ['department', 'provincial', 'other'] as const;
export const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_IMPORT_ROWS = 1000;

function kindOption(ctx: CommandContext): UnitKind | undefined {
	const value = ctx.interaction.options.getString('kind');
	return (KINDS as readonly string[]).includes(value ?? '') ? (value as UnitKind) : undefined;
}

/** @everyone and integration-managed roles cannot be given to the people who answer for a unit. */
function assignable(ctx: CommandContext, role: { id: string; managed?: boolean }): boolean {
	return role.id !== ctx.guildId && role.managed !== true;
}

async function add(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const channel = o.getChannel('channel', true);
	const role = o.getRole('role', true);
	const result = await addUnit(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		code: o.getString('code', true),
		name: o.getString('name', true),
		channel: channelInfo(ctx.interaction.guild, channel),
		roleId: role.id,
		roleAssignable: assignable(ctx, role),
		kind: kindOption(ctx) ?? 'department',
	});
	if (!result.ok) return replyError(ctx, result.error);
	const u = result.value;
	await replyPrivately(
		ctx.interaction,
		ctx.t.unit.added({ code: u.code, name: u.name, channel: `<#${u.channelId}>`, role: `<@&${u.roleId}>` }) +
			(await accessWarnings(ctx, [u])),
	);
}

async function edit(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const channel = o.getChannel('channel');
	const result = await editUnit(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		code: o.getString('code', true),
		name: o.getString('name') ?? undefined,
		channel: channel ? channelInfo(ctx.interaction.guild, channel) : undefined,
		roleId: o.getRole('role')?.id,
		roleAssignable: o.getRole('role') ? assignable(ctx, o.getRole('role', true)) : undefined,
		kind: kindOption(ctx),
	});
	if (!result.ok) return replyError(ctx, result.error);
	await replyPrivately(
		ctx.interaction,
		ctx.t.unit.updated({ code: result.value.code }) + (await accessWarnings(ctx, [result.value])),
	);
}

async function remove(ctx: CommandContext) {
	const result = await removeUnit(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		code: ctx.interaction.options.getString('code', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { unit, outcome } = result.value;
	await replyPrivately(
		ctx.interaction,
		outcome === 'archived' ? ctx.t.unit.archived({ code: unit.code }) : ctx.t.unit.removed({ code: unit.code }),
	);
}

async function list(ctx: CommandContext) {
	const result = await listUnits(ctx.deps, { guildId: ctx.guildId, actor: ctx.actor });
	if (!result.ok) return replyError(ctx, result.error);
	if (result.value.length === 0) return replyPrivately(ctx.interaction, ctx.t.unit.listEmpty);
	const access = new Map(((await checkUnits(ctx.deps, ctx.guildId, result.value)) ?? []).map((a) => [a.unit.id, a]));
	const lines = result.value.map((u) => {
		const line = ctx.t.unit.listLine({
			code: u.code,
			name: u.name,
			kind: ctx.t.unit.kinds[u.kind],
			channel: `<#${u.channelId}>`,
			role: `<@&${u.roleId}>`,
		});
		const tag = readinessTag(ctx.t, access.get(u.id));
		return tag ? `${line} · ${tag}` : line;
	});
	const { content, files } = splitForMessage(ctx.t, ctx.t.unit.listTitle({ count: lines.length }), lines, 'units.md');
	await replyPrivately(ctx.interaction, content, files);
}

async function importFile(ctx: CommandContext) {
	const rows = await readUploadedTable(ctx, ctx.interaction.options.getAttachment('file', true), {
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: MAX_IMPORT_ROWS,
		required: UNIT_COLUMNS.required,
		optional: UNIT_COLUMNS.optional,
	});
	if (!rows) return;
	const guild = ctx.interaction.guild;
	const channels = guild
		? [...guild.channels.cache.values()].map((c) => ({
				...channelInfo(guild, c),
				name: c.name,
				text: c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement,
			}))
		: [];
	const roles = guild
		? [...guild.roles.cache.values()]
				.filter((r) => r.id !== guild.id && !r.managed)
				.map((r) => ({ id: r.id, name: r.name }))
		: [];
	const result = await importUnits(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		rows,
		channels,
		roles,
	});
	if (!result.ok) return replyImportError(ctx, result.error);
	// Many units may be imported at once: the warnings go to a file when they do not fit in one message.
	const warnings = unitWarnings(ctx.t, await checkUnits(ctx.deps, ctx.guildId, result.value));
	const { content, files } = splitForMessage(
		ctx.t,
		ctx.t.unit.imported({ count: result.value.length }),
		warnings,
		'unit-warnings.md',
	);
	await replyPrivately(ctx.interaction, content, files);
}

async function replyImportError(ctx: CommandContext, error: AppError) {
	if (error.code !== 'import-rejected') return replyError(ctx, error);
	const { content, files }: { content: string; files: AttachmentPayload[] } = problemList(ctx.t, error.problems);
	await replyPrivately(ctx.interaction, content, files);
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = {
	add,
	edit,
	remove,
	list,
	import: importFile,
};

/** /unit add|edit|remove|list|import */
export const unit = {
	data: buildCommandWithSubcommands('unit', {
		add: [
			{ key: 'code', type: 'string', required: true, maxLength: 16 },
			{ key: 'name', type: 'string', required: true, maxLength: 100 },
			{ key: 'channel', type: 'channel', required: true, textChannelsOnly: true },
			{ key: 'role', type: 'role', required: true },
			{ key: 'kind', type: 'string', choices: KINDS },
		],
		edit: [
			{ key: 'code', type: 'string', required: true, autocomplete: true },
			{ key: 'name', type: 'string', maxLength: 100 },
			{ key: 'channel', type: 'channel', textChannelsOnly: true },
			{ key: 'role', type: 'role' },
			{ key: 'kind', type: 'string', choices: KINDS },
		],
		remove: [{ key: 'code', type: 'string', required: true, autocomplete: true }],
		list: [],
		import: [{ key: 'file', type: 'attachment', required: true }],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
	async autocomplete(ctx) {
		await autocompleteUnits(ctx);
	},
} satisfies CommandModule;
