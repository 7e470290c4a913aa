import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The bot's Prometheus metrics (prom-client), one registry per bot so that several bots in one process (tests)
 * do not share counters. Names follow Prometheus conventions: `gopy_` prefix, base units (seconds), `_total` for
 * counters, labels of low cardinality only (never a server, user or round id).
 */
export class Metrics {
	readonly registry = new Registry();

	/** kind: command | autocomplete | button | modal | other; outcome: ok | error | refused. */
	readonly interactions = new Counter({
		name: 'gopy_interactions_total',
		help: 'Interactions handled, by kind and outcome (error = the person got an apology with an incident id).',
		labelNames: ['kind', 'outcome'] as const,
		registers: [this.registry],
	});

	readonly interactionDuration = new Histogram({
		name: 'gopy_interaction_duration_seconds',
		help: 'Time from receiving an interaction to the end of its handling (answer and follow-up work).',
		labelNames: ['kind'] as const,
		buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
		registers: [this.registry],
	});

	/** outcome: sent | failed | retried (a post sent again with the nonce of an earlier attempt). */
	readonly deliveries = new Counter({
		name: 'gopy_deliveries_total',
		help: 'Draft posts to unit channels, by outcome.',
		labelNames: ['outcome'] as const,
		registers: [this.registry],
	});

	readonly reminders = new Counter({
		name: 'gopy_reminders_total',
		help: 'Reminder posts to unit channels, by outcome.',
		labelNames: ['outcome'] as const,
		registers: [this.registry],
	});

	readonly sweepDuration = new Histogram({
		name: 'gopy_sweep_duration_seconds',
		help: 'Duration of one reminder sweep (what each scheduled tick runs).',
		buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
		registers: [this.registry],
	});

	/** status: 429 or 5xx. */
	readonly discordErrors = new Counter({
		name: 'gopy_discord_http_errors_total',
		help: 'Discord REST answers that were rate limits (429) or server errors (5xx); discord.js retries them.',
		labelNames: ['status'] as const,
		registers: [this.registry],
	});

	readonly dbQueryDuration = new Histogram({
		name: 'gopy_db_query_duration_seconds',
		help: 'Database operations through Prisma, by model.',
		labelNames: ['model'] as const,
		buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
		registers: [this.registry],
	});

	private outboxReader: (() => Promise<number>) | null = null;

	readonly outboxDepth = new Gauge({
		name: 'gopy_outbox_depth',
		help: 'Posts waiting to go out (deliveries not sent, reminders claimed or failed, notices not posted).',
		registers: [this.registry],
		// prom-client calls this on every scrape: the depth is read from the database then, never cached.
		collect: async () => {
			if (this.outboxReader) this.outboxDepth.set(await this.outboxReader());
		},
	});

	constructor(opts: { defaults?: boolean } = {}) {
		// Process CPU, memory, event loop lag and GC, under their standard names.
		if (opts.defaults !== false) collectDefaultMetrics({ register: this.registry });
	}

	/** Where the outbox depth is read from at scrape time. */
	observeOutbox(read: () => Promise<number>): void {
		this.outboxReader = read;
	}

	/** The text exposition format (what GET /metrics answers). */
	async text(): Promise<{ contentType: string; body: string }> {
		return { contentType: this.registry.contentType, body: await this.registry.metrics() };
	}
}

/** Starts a timer; the returned function gives the seconds elapsed. */
export function stopwatch(): () => number {
	const start = process.hrtime.bigint();
	return () => Number(process.hrtime.bigint() - start) / 1e9;
}
