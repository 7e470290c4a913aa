import { addUnit, editUnit, importUnits, listUnits, removeUnit } from '../src/app/manage-units.ts';
import { checkUnits } from '../src/app/preflight.ts';
import { UNIT_COLUMNS } from '../src/domain/import/unit-rows.ts';
import { autocompleteUnits } from '../src/discord/autocomplete.ts';
import type { RoleOption } from '../src/discord/command-spec.ts';
import type { Context } from '../src/discord/context.ts';
import { commandWithSubcommands, subcommand, who } from '../src/discord/modules.ts';
import { withImportProgress } from '../src/discord/import-progress.ts';
import { readUploadedTable } from '../src/discord/uploads.ts';
import { withUnitWarnings } from '../src/discord/views/access.ts';
import { unitImportedReply, unitListReply } from '../src/discord/views/unit-replies.ts';

const KINDS = ['department', 'provincial', 'other'] as const;
export const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_IMPORT_ROWS = 1000;

/** @everyone and integration-managed roles cannot be given to the people who answer for a unit. */
function assignable(ctx: Context, role: RoleOption): boolean {
	return role.id !== ctx.guildId && !role.managed;
}

const add = subcommand(
	{
		code: { type: 'string', required: true, maxLength: 16 },
		name: { type: 'string', required: true, maxLength: 100 },
		channel: { type: 'channel', required: true, textChannelsOnly: true },
		role: { type: 'role', required: true },
		kind: { type: 'string', choices: KINDS },
	},
	async (ctx, { role, kind = 'department', ...o }) => {
		const input = { ...who(ctx), ...o, kind, roleId: role.id, roleAssignable: assignable(ctx, role) };
		const result = await addUnit(ctx.deps, input);
		if (!result.ok) return ctx.fail(result.error);
		const u = result.value;
		const mentions = { channel: `<#${u.channelId}>`, role: `<@&${u.roleId}>` };
		const access = await checkUnits(ctx.deps, ctx.guildId, [u]);
		await ctx.reply(withUnitWarnings(ctx.t, ctx.t.unit.added({ code: u.code, name: u.name, ...mentions }), access));
	},
);

const edit = subcommand(
	{
		code: { type: 'string', required: true, autocomplete: true },
		name: { type: 'string', maxLength: 100 },
		channel: { type: 'channel', textChannelsOnly: true },
		role: { type: 'role' },
		kind: { type: 'string', choices: KINDS },
	},
	async (ctx, { role, ...o }) => {
		const input = { ...who(ctx), ...o, roleId: role?.id, roleAssignable: role && assignable(ctx, role) };
		const result = await editUnit(ctx.deps, input);
		if (!result.ok) return ctx.fail(result.error);
		const access = await checkUnits(ctx.deps, ctx.guildId, [result.value]);
		await ctx.reply(withUnitWarnings(ctx.t, ctx.t.unit.updated({ code: result.value.code }), access));
	},
);

const remove = subcommand({ code: { type: 'string', required: true, autocomplete: true } }, async (ctx, { code }) => {
	const result = await removeUnit(ctx.deps, { ...who(ctx), code });
	if (!result.ok) return ctx.fail(result.error);
	const { unit, outcome } = result.value;
	const done = outcome === 'archived' ? ctx.t.unit.archived : ctx.t.unit.removed;
	await ctx.reply(done({ code: unit.code }));
});

const list = subcommand({}, async (ctx) => {
	const result = await listUnits(ctx.deps, who(ctx));
	if (!result.ok) return ctx.fail(result.error);
	const access = result.value.length > 0 ? await checkUnits(ctx.deps, ctx.guildId, result.value) : null;
	const { content, files } = unitListReply(ctx.t, result.value, access);
	await ctx.reply(content, files);
});

/** A long import shows its stage after 2 s (download, read, check and save); the outcome replaces it. */
const importFile = subcommand({ file: { type: 'attachment', required: true } }, (ctx, { file }) =>
	withImportProgress(ctx, async (stage) => {
		const spec = {
			maxBytes: MAX_IMPORT_BYTES,
			maxRows: MAX_IMPORT_ROWS,
			required: UNIT_COLUMNS.required,
			optional: UNIT_COLUMNS.optional,
		};
		const rows = await readUploadedTable(ctx, file, spec, stage);
		if (!rows.ok) return rows;
		stage({ kind: 'save', rows: rows.value.length });
		const input = { ...who(ctx), rows: rows.value, channels: [...ctx.channels()], roles: [...ctx.roles()] };
		const result = await importUnits(ctx.deps, input);
		if (!result.ok) return result;
		const access = await checkUnits(ctx.deps, ctx.guildId, result.value);
		return { ok: true, value: unitImportedReply(ctx.t, result.value, access) };
	}),
);

/** /unit add|edit|remove|list|import */
export const unit = commandWithSubcommands('unit', { add, edit, remove, list, import: importFile }, (ctx, focus) =>
	autocompleteUnits(ctx, focus.value, 'coordinator'),
);
