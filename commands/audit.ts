import { exportAudit } from '../src/app/reports.ts';
import { autocompleteRounds } from '../src/discord/autocomplete.ts';
import { commandWithSubcommands, subcommand, who } from '../src/discord/modules.ts';
import { auditFile } from '../src/discord/views/files.ts';

const exportLog = subcommand(
	{
		round: { type: 'string', autocomplete: true, maxLength: 20 },
		format: { type: 'string', choices: ['xlsx', 'csv'] },
	},
	async (ctx, { round, format = 'xlsx' }) => {
		const result = await exportAudit(ctx.deps, { ...who(ctx), round });
		if (!result.ok) return ctx.fail(result.error);
		const { round: scope, events } = result.value;
		const t = ctx.t;
		const exported = t.audit.exported({
			count: events.length,
			scope: scope ? t.audit.scopeRound({ round: scope.code }) : t.audit.scopeServer,
		});
		await ctx.reply(exported, [await auditFile(result.value, ctx.lang, format)]);
	},
);

/** /audit export — who did what, when; read only. */
export const audit = commandWithSubcommands('audit', { export: exportLog }, (ctx, focus) =>
	autocompleteRounds(ctx, focus.value, 'coordinator'),
);
