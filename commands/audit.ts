import { exportAudit } from '../src/app/reports.ts';
import { autocompleteRounds, replyError } from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { auditTable } from '../src/discord/views/report.ts';
import { writeCsv, writeXlsx } from '../src/infra/files/write-table.ts';

async function exportLog(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const format = o.getString('format') === 'csv' ? 'csv' : 'xlsx';
	const result = await exportAudit(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round') ?? undefined,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, events, timezone } = result.value;
	const t = ctx.t;
	const table = auditTable(events, timezone, ctx.lang);
	const data = format === 'csv' ? writeCsv(table.csv.headers, table.csv.rows) : await writeXlsx([table.sheet]);
	const name = t.audit.fileName({ scope: round ? round.code : 'server', ext: format });
	await replyPrivately(
		ctx.interaction,
		t.audit.exported({
			count: events.length,
			scope: round ? t.audit.scopeRound({ round: round.code }) : t.audit.scopeServer,
		}),
		[{ attachment: data, name }],
	);
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = { export: exportLog };

/** /audit export — who did what, when; read only. */
export const audit = {
	data: buildCommandWithSubcommands('audit', {
		export: [
			{ key: 'round', type: 'string', autocomplete: true, maxLength: 20 },
			{ key: 'format', type: 'string', choices: ['xlsx', 'csv'] },
		],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
	async autocomplete(ctx) {
		await autocompleteRounds(ctx, 'coordinator');
	},
} satisfies CommandModule;
