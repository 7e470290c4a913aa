import { Events, type Client } from 'discord.js';
import type { Clock } from './app/ports.ts';
import type { Deps } from './app/deps.ts';
import { commands } from '../commands/index.ts';
import type { Config } from './config/env.ts';
import { createDiscordClient } from './discord/client.ts';
import { DiscordNotifier } from './discord/notifier.ts';
import { createRouter, type Router } from './discord/router.ts';
import { openDatabase } from './infra/db/database.ts';
import { PrismaReportStore } from './infra/db/prisma-report-store.ts';
import { createRepositories } from './infra/db/repositories/index.ts';
import type { Logger } from './infra/logger.ts';
import { startTicker, type Ticker } from './infra/scheduler.ts';
import { runReminderSweep, type SweepReport } from './app/reminder-sweep.ts';

export const systemClock: Clock = { now: () => new Date() };

export interface Bot {
	client: Client;
	deps: Deps;
	router: Router;
	/** Runs one reminder sweep now (what each scheduled tick does). */
	tick(): Promise<SweepReport>;
	/** Stops ticks, lets in-flight interactions finish (up to the grace period), logs out, closes the database. */
	stop(): Promise<void>;
}

export interface StartOptions {
	config: Config;
	log: Logger;
	clock?: Clock;
	/** Tests that reconnect skip the identify throttle. */
	fastIdentify?: boolean;
	/** False: no scheduled ticks (tests drive `tick()` with a manual clock). */
	ticks?: boolean;
}

/**
 * The composition root, shared by `main` and the end-to-end tests so that tests start the bot exactly as
 * production does: config → database (migrated) → store → Discord client → notifier → router → login.
 */
export async function startBot(opts: StartOptions): Promise<Bot> {
	const { config, log } = opts;
	const db = await openDatabase(config.DATABASE_URL, { log });
	const client = createDiscordClient({ apiUrl: config.DISCORD_API_URL, fastIdentify: opts.fastIdentify ?? false });
	const clock = opts.clock ?? systemClock;
	const deps: Deps = {
		...createRepositories(db.prisma, clock),
		clock,
		notifier: new DiscordNotifier(client),
		log,
		reports: new PrismaReportStore(db.prisma, clock),
	};
	const router = createRouter(deps, commands);
	let ticker: Ticker | null = null;
	const tick = () => runReminderSweep(deps);
	let accepting = true;
	client.on(Events.InteractionCreate, (interaction) => {
		// While shutting down, new interactions still get an answer: "busy, try again in a few minutes".
		if (!accepting) return void router.refuse(interaction);
		void router.handle(interaction);
	});
	client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
	client.on(Events.ShardDisconnect, (_event, shard) => log.warn({ shard }, 'gateway disconnected'));
	client.on(Events.ShardResume, (shard) => log.info({ shard }, 'gateway resumed'));

	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	try {
		await client.login(config.DISCORD_TOKEN);
		await ready;
	} catch (error) {
		await client.destroy();
		await db.close();
		throw error;
	}
	log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'bot ready');
	if (opts.ticks !== false) ticker = startTicker(config.TICK_CRON, config.TICK_TIMEZONE, tick, log);

	let stopped = false;
	return {
		client,
		deps,
		router,
		tick,
		async stop() {
			if (stopped) return;
			stopped = true;
			accepting = false;
			await ticker?.stop();
			const grace = new Promise<void>((resolve) => setTimeout(resolve, config.SHUTDOWN_GRACE_MS).unref());
			await Promise.race([router.idle(), grace]);
			await client.destroy();
			await db.close();
			log.info({}, 'bot stopped');
		},
	};
}
