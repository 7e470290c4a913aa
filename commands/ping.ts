import { databaseReachable } from '../src/app/queries.ts';
import { command, subcommand } from '../src/discord/modules.ts';

const VERSION = '0.1.0';

/** /ping: health check — gateway latency and a database round trip. */
export const ping = command(
	'ping',
	subcommand({}, async (ctx) => {
		const dbOk = await databaseReachable(ctx.deps);
		const ws = Math.max(0, Math.round(ctx.latencyMs()));
		await ctx.reply(ctx.t.ping.pong({ ws, db: dbOk ? ctx.t.ping.dbOk : ctx.t.ping.dbDown, version: VERSION }));
	}),
);
