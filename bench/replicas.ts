/**
 * `npm run bench` (second part): the 63-unit publish and the 100-click burst on the production set-up — two bot
 * processes in http interactions mode on one PostgreSQL database, the fake Discord round-robining its signed POSTs
 * over them — beside the embedded default (one gateway process on SQLite), measured the same way in the same run
 * (as bench/run.ts measures gopy: the bots are their own processes, the fake Discord is this one).
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must allow CREATE DATABASE;
 * a database is created per run and dropped after. Unreachable: the PostgreSQL rows are skipped with a line saying
 * so. Figures are printed, not judged: there is no target for them in the issue beyond "beside the SQLite ones".
 */
import pg from 'pg';
import {
	buildOffice,
	createOfficeRound,
	draftPostsIn,
	spawnBot,
	type BotProcess,
	type Office,
} from '../test/support/crash-harness.ts';
import { burst } from './burst.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const UNITS = 63;
const CLICKS = 100;
const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** No sweep during the bench: the figures are the publish's and the clicks'. */
const NO_TICKS = { TICK_CRON: '0 0 0 1 1 *' };

type Setup = 'SQLite, 1 gateway process' | 'PostgreSQL, 2 http replicas';

interface Sample {
	publishMs: number;
	r429: number;
	ackP99: number;
	seenP99: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
	client.on('error', () => undefined);
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

async function postgresReachable(): Promise<string | null> {
	try {
		await admin((c) => c.query('SELECT 1'));
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > end) throw new Error(`bench: ${what} not done within ${timeoutMs} ms`);
		await sleep(20);
	}
}

async function replicaUrl(bot: BotProcess): Promise<string> {
	await bot.ready(120_000);
	const port = /"port":(\d+),"metrics":\w+,"msg":"http server listening"/.exec(bot.output())?.[1];
	if (!port) throw new Error(`bench: no port in the replica's log:\n${bot.output()}`);
	return `http://127.0.0.1:${port}/interactions`;
}

async function publish(office: Office, round: string): Promise<{ ms: number; r429: number }> {
	const { fake } = office;
	const t0 = Date.now();
	const handle = fake.slashCommand({
		guildId: office.guildId,
		channelId: office.generalChannelId,
		userId: office.coordinatorId,
		name: 'round',
		subcommand: 'publish',
		options: { round },
	});
	await until(() => office.units.every((u) => draftPostsIn(office, u).length > 0), 120_000, 'the publish');
	const ms = Date.now() - t0;
	await handle.reply({ timeoutMs: 60_000 });
	return { ms, r429: fake.requests.filter((r) => r.at >= t0 && r.status === 429).length };
}

async function oneRun(setup: Setup, run: number): Promise<Sample> {
	const onPg = setup.startsWith('PostgreSQL');
	const dbName = `gopy_bench_${process.pid}_${run}`;
	if (onPg) await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
	const dbUrl = onPg ? Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString() : undefined;
	const office = await buildOffice(UNITS, {}, dbUrl ? { dbUrl } : {});
	const bots: BotProcess[] = [];
	try {
		const { fake } = office;
		const round = await createOfficeRound(office, { deadline: new Date(Date.now() + 7 * 24 * 60 * 60_000) });
		const clickers = office.units.map((u) => ({ unit: u, userId: u.memberId }));
		for (let i = UNITS; i < CLICKS; i++) {
			const unit = office.units[i % UNITS]!;
			const userId = fake.createUser({ username: `x${i}` }).id;
			fake.addMember(office.guildId, userId, [unit.roleId]);
			clickers.push({ unit, userId });
		}
		if (onPg) {
			const env = { ...NO_TICKS, INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: fake.publicKey };
			bots.push(spawnBot(office, env), spawnBot(office, env));
			fake.useInteractionsEndpoints(await Promise.all(bots.map(replicaUrl)));
		} else {
			bots.push(spawnBot(office, NO_TICKS));
			await bots[0]!.ready(120_000);
		}
		await sleep(1100);
		const published = await publish(office, round);
		await sleep(1100);
		const clicks = clickers.map((c) => {
			const post = draftPostsIn(office, c.unit)[0]!;
			const customId = (post.components[0] as { components: Array<{ custom_id: string }> }).components[0]!.custom_id;
			return { guildId: office.guildId, channelId: c.unit.channelId, userId: c.userId, messageId: post.id, customId };
		});
		const burstAt = Date.now();
		const b = await burst(fake, clicks);
		if (process.env['BENCH_DEBUG']) {
			// When the burst's webhook calls (edits of deferred answers) reached the fake, and with what status (a 404
			// is an edit that came before the fake had taken in the deferral, tried again by the bot).
			const calls = fake.requests
				.filter((q) => q.at >= burstAt && q.path.includes('/webhooks/'))
				.map((r) => `${r.method} ${r.status} +${r.at - burstAt}`);
			process.stderr.write(
				`${setup} burst: ack p99 ${b.ackP99}, seen p99 ${b.seenP99}; webhook calls: ${calls.join(', ')}\n`,
			);
		}
		return { publishMs: published.ms, r429: published.r429, ...b };
	} finally {
		await Promise.all(bots.map((b) => b.kill()));
		await office.close();
		if (onPg) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
	}
}

async function main(): Promise<void> {
	const setups: Setup[] = ['SQLite, 1 gateway process'];
	const problem = await postgresReachable();
	if (problem === null) setups.push('PostgreSQL, 2 http replicas');
	else
		process.stderr.write(
			`PostgreSQL (${ADMIN_URL.replace(/\/\/[^@/]*@/, '//…@')}) unreachable: SKIPPED (${problem})\n`,
		);
	const results = new Map<Setup, Sample[]>();
	for (let run = 1; run <= RUNS; run++) {
		for (const setup of setups) {
			process.stderr.write(`replicas bench, run ${run}/${RUNS}: ${setup}…\n`);
			results.set(setup, [...(results.get(setup) ?? []), await oneRun(setup, run)]);
		}
	}
	const rows: Array<[string, keyof Sample, string]> = [
		[`publish ${UNITS} units: to last post`, 'publishMs', 'ms'],
		['publish: 429s', 'r429', ''],
		[`${CLICKS} clicks: ack p99`, 'ackP99', 'ms'],
		[`${CLICKS} clicks: confirmation seen p99`, 'seenP99', 'ms'],
	];
	const fmt = (xs: number[]) =>
		`${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)}`;
	const lines = [
		`\nProduction set-up beside the embedded default (min / median / max of ${RUNS} runs, 0 ms added latency)\n`,
	];
	lines.push(`${'figure'.padEnd(40)}${setups.map((s) => s.padEnd(32)).join('')}`);
	for (const [name, key, unit] of rows) {
		const cells = setups.map((s) => `${fmt((results.get(s) ?? []).map((r) => r[key]))} ${unit}`.padEnd(32));
		lines.push(`${name.padEnd(40)}${cells.join('')}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
