import { randomBytes } from 'node:crypto';
import { Events, RESTEvents, Routes, type APIUser, type Client } from 'discord.js';
import type { Clock } from './app/ports.ts';
import type { Deps } from './app/deps.ts';
import { commands, components } from '../commands/index.ts';
import type { Config } from './config/env.ts';
import { createDiscordClient } from './discord/client.ts';
import { DiscordNotifier } from './discord/notifier.ts';
import { createRouter, type Router } from './discord/router.ts';
import { openDatabase } from './infra/db/database.ts';
import { PrismaReportStore } from './infra/db/prisma-report-store.ts';
import { createRepositories } from './infra/db/repositories/index.ts';
import type { Logger } from './infra/logger.ts';
import { startTicker, type Ticker } from './infra/scheduler.ts';
import { startHttpServer, type HttpServer } from './infra/http-server.ts';
import { Metrics, stopwatch } from './infra/metrics.ts';
import { MeteredNotifier } from './infra/metered-notifier.ts';
import { timedPrisma, timedSql } from './infra/db/timed-prisma.ts';
import { CacheAccessProbe } from './discord/guild-snapshot.ts';
import { handleGatewayInteractions } from './discord/gateway-interactions.ts';
import { interactionsEndpoint } from './discord/http-interactions.ts';
import { RestSnapshots } from './discord/rest-snapshots.ts';
import { acquireGatewayLock, type GatewayLock } from './infra/db/gateway-lock.ts';
import { runReminderSweep, type SweepReport } from './app/reminder-sweep.ts';

export const systemClock: Clock = { now: () => new Date() };

export interface Bot {
	client: Client;
	deps: Deps;
	router: Router;
	/** Counters and histograms (served on GET /metrics unless METRICS=off). */
	metrics: Metrics;
	/** The health, readiness and metrics endpoints. */
	http: HttpServer;
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
	const httpMode = config.INTERACTIONS === 'http';
	// One gateway process per bot (on PostgreSQL a second one is refused here); http replicas need no lock.
	let gatewayLock: GatewayLock | null = null;
	if (!httpMode) {
		try {
			gatewayLock = await acquireGatewayLock(config.DATABASE_URL, (error) =>
				log.error({ err: error }, 'the gateway lock connection was lost'),
			);
		} catch (error) {
			await db.close();
			throw error;
		}
	}
	const closeDb = async () => {
		await gatewayLock?.release();
		await db.close();
	};
	const metrics = new Metrics({ defaults: config.METRICS === 'on' });
	const client = createDiscordClient({ apiUrl: config.DISCORD_API_URL, fastIdentify: opts.fastIdentify ?? false });
	const clock = opts.clock ?? systemClock;
	const observeQuery = (model: string, seconds: number) => metrics.dbQueryDuration.observe({ model }, seconds);
	const prisma = timedPrisma(db.prisma, observeQuery);
	// Rate limits and server errors that discord.js absorbs (it waits or retries) are counted here.
	client.rest.on(RESTEvents.Response, (_request, response) => {
		if (response.status === 429) metrics.discordErrors.inc({ status: '429' });
		else if (response.status >= 500) metrics.discordErrors.inc({ status: '5xx' });
	});
	// http mode never logs in to the gateway: interactions come by POST, everything else is REST, so the token is
	// checked (and the bot's own id learnt) with one REST call instead of a login.
	let botUserId: string | undefined;
	if (httpMode) {
		client.rest.setToken(config.DISCORD_TOKEN);
		try {
			botUserId = ((await client.rest.get(Routes.user('@me'))) as APIUser).id;
		} catch (error) {
			await closeDb();
			throw error;
		}
	}
	const snapshots = botUserId ? new RestSnapshots(client.rest, botUserId) : null;
	const sql = timedSql(db.sql, observeQuery);
	const deps: Deps = {
		...createRepositories(prisma, clock, sql),
		clock,
		notifier: new MeteredNotifier(new DiscordNotifier(client, botUserId), metrics),
		log,
		reports: new PrismaReportStore(prisma, clock, sql),
		access: snapshots ?? new CacheAccessProbe(client),
		outboxLeaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
	};
	metrics.observeOutbox(() => deps.outbox.depth());
	const router = createRouter(deps, commands, components, (kind, outcome, seconds) => {
		metrics.interactions.inc({ kind, outcome });
		if (outcome !== 'refused') metrics.interactionDuration.observe({ kind }, seconds);
	});
	// Edits of public posts after an answer yield to the interactions still waiting for their first answer.
	deps.calm = () => router.calm();
	let ticker: Ticker | null = null;
	// Every line of a sweep carries its id, so one sweep's story can be read from the logs.
	const tick = async () => {
		const sweep = randomBytes(4).toString('hex');
		const sweepLog = log.child({ sweep });
		const elapsed = stopwatch();
		try {
			const report = await runReminderSweep({ ...deps, log: sweepLog });
			const busy = report.sent.length + report.failed.length + report.escalations.length + report.summaries.length;
			// A quiet sweep (the usual case, every minute) logs at debug only.
			(busy > 0 ? sweepLog.info.bind(sweepLog) : sweepLog.debug.bind(sweepLog))(
				{
					ms: Math.round(elapsed() * 1000),
					rounds: report.rounds,
					sent: report.sent.length,
					failed: report.failed.length,
					skipped: report.skipped.length,
					escalations: report.escalations.length,
					summaries: report.summaries.length,
				},
				'sweep finished',
			);
			return report;
		} finally {
			metrics.sweepDuration.observe(elapsed());
		}
	};
	let accepting = true;
	if (!httpMode) handleGatewayInteractions(client, { router, log, accepting: () => accepting });
	client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
	client.on(Events.ShardDisconnect, (_event, shard) => log.warn({ shard }, 'gateway disconnected'));
	client.on(Events.ShardResume, (shard) => log.info({ shard }, 'gateway resumed'));

	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	let http: HttpServer;
	try {
		http = await startHttpServer({
			port: config.HTTP_PORT,
			log,
			metrics: config.METRICS === 'on' ? metrics : null,
			ready: async () => {
				const database = await deps.audit.ping();
				// In http mode there is no gateway to be connected to: the database decides.
				const discord = httpMode || client.isReady();
				return { ok: database && discord, checks: { database, discord } };
			},
			...(snapshots && config.DISCORD_PUBLIC_KEY
				? {
						extra: interactionsEndpoint({
							publicKey: config.DISCORD_PUBLIC_KEY,
							rest: client.rest,
							snapshot: (guildId) => snapshots.snapshot(guildId),
							router,
							log,
							accepting: () => accepting,
						}),
					}
				: {}),
		});
	} catch (error) {
		await closeDb();
		throw new Error(
			`HTTP_PORT ${config.HTTP_PORT} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	try {
		if (!httpMode) {
			await client.login(config.DISCORD_TOKEN);
			await ready;
		}
	} catch (error) {
		await client.destroy();
		await http.close();
		await closeDb();
		throw error;
	}
	if (opts.ticks !== false) ticker = startTicker(config.TICK_CRON, config.TICK_TIMEZONE, tick, log);
	// Last, once everything is started: whoever waits for this line (an operator, a supervisor, the process test)
	// can signal the process at once; starting the ticker takes ~50 ms, during which main had no handlers yet.
	log.info(
		httpMode
			? { interactions: 'http', port: http.port, user: botUserId }
			: { user: client.user?.tag, guilds: client.guilds.cache.size },
		'bot ready',
	);

	let stopped = false;
	return {
		client,
		deps,
		router,
		metrics,
		http,
		tick,
		async stop() {
			if (stopped) return;
			stopped = true;
			accepting = false;
			await ticker?.stop();
			const grace = new Promise<void>((resolve) => setTimeout(resolve, config.SHUTDOWN_GRACE_MS).unref());
			await Promise.race([router.idle(), grace]);
			await client.destroy();
			await http.close();
			await closeDb();
			log.info({}, 'bot stopped');
		},
	};
}
