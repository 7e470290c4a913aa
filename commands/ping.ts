import { buildCommand } from '../src/discord/command-spec.ts';
import type { CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';

const VERSION = '0.1.0';

/** /ping: health check — gateway latency and a database round trip. */
export const ping = {
	data: buildCommand('ping', []),
	async execute(ctx) {
		const dbOk = await ctx.deps.audit.ping();
		await replyPrivately(
			ctx.interaction,
			ctx.t.ping.pong({
				ws: Math.max(0, Math.round(ctx.interaction.client.ws.ping)),
				db: dbOk ? ctx.t.ping.dbOk : ctx.t.ping.dbDown,
				version: VERSION,
			}),
		);
	},
} satisfies CommandModule;
