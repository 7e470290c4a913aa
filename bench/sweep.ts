/**
 * `npm run bench` (after bench/run.ts): the reminder sweep at the size of a large office (issue 10).
 *
 * - The database is seeded straight through Prisma: 1,000 units (each its own channel on the fake Discord), 10 open
 *   rounds targeting all of them, every draft delivered, nobody answered, and one ladder step (`-24h`) due now in
 *   each round: 10,000 (unit, step) reminders due at once, inside office hours (the office's are all day).
 * - The bot runs as its own process (`npm start`'s compiled JavaScript) against the fake Discord in this process,
 *   every request slowed by 75 ms (real Discord's round trip). Its first sweep tick finds the 10,000 reminders.
 * - Recording: the sweep's planning time, from its own log line (`sweep planned`, the time from the tick until
 *   every reminder is recorded in the outbox); and, seen from outside, the time from that tick (the line's time
 *   minus its duration) to the first reminder the fake receives.
 * - Sends: the steady rate of the first 1,000 reminder posts, from the 50th one's arrival to the 1,000th's (the
 *   first 50 may go at once, in the first second), against the floor Discord's global limit allows: 50 requests in
 *   any sliding second, 50/s. And the 429s the bot provoked meanwhile (the fake enforces the global sliding window
 *   and per-channel buckets).
 * - 3 runs (`BENCH_RUNS`), min / median / max; the verdict uses the medians. Exits 1 when a target is missed.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/infra/db/database.ts';
import { buildOffice, spawnBot, type Office } from '../test/support/crash-harness.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const UNITS = 1000;
const ROUNDS = 10;
const MEASURED = 1000;
const LATENCY = 75;
const GLOBAL_LIMIT = 50;
const TARGET_RECORDING_MS = 1000;
const TARGET_RATE_RATIO = 0.9;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1,000 units with their channels, 10 open rounds on all of them with one reminder step due now. */
async function seed(office: Office): Promise<Set<string>> {
	const channels = Array.from({ length: UNITS }, (_, i) => ({
		code: `U${String(i).padStart(4, '0')}`,
		channelId: office.fake.createChannel(office.guildId, { name: `u${String(i)}` }).id,
		roleId: office.fake.createRole(office.guildId, { name: `U${String(i)}` }).id,
	}));
	const db = await openDatabase(office.dbUrl);
	try {
		const { prisma } = db;
		const now = Date.now();
		const published = new Date(now - 2 * 24 * 60 * 60_000);
		// The step `-24h` fell due an hour after publication and the deadline is an hour away: one reminder due now.
		const deadline = new Date(now + 60 * 60_000);
		await prisma.unit.createMany({
			data: channels.map((c) => ({
				guildId: office.guildId,
				code: c.code,
				name: `Đơn vị ${c.code}`,
				channelId: c.channelId,
				roleId: c.roleId,
			})),
		});
		const units = await prisma.unit.findMany({ where: { guildId: office.guildId }, orderBy: { id: 'asc' } });
		for (let r = 1; r <= ROUNDS; r++) {
			const round = await prisma.round.create({
				data: {
					guildId: office.guildId,
					seq: r,
					title: `Rà soát kế hoạch số ${String(r)}`,
					deadline,
					timezone: 'Asia/Ho_Chi_Minh',
					state: 'open',
					commonText: 'Dự thảo kế hoạch công tác năm sau',
					reminderLadder: '-24h',
					createdBy: office.coordinatorId,
					createdAt: published,
					publishedAt: published,
				},
			});
			await prisma.roundTarget.createMany({ data: units.map((u) => ({ roundId: round.id, unitId: u.id })) });
			await prisma.outboxItem.createMany({
				data: units.map((u) => ({
					key: `delivery:${String(round.id)}:${String(u.id)}`,
					kind: 'delivery',
					guildId: office.guildId,
					roundId: round.id,
					unitId: u.id,
					channelId: u.channelId,
					status: 'sent',
					attempts: 1,
					nonce: `n${String(round.id)}x${String(u.id)}`,
					dueAt: published,
					messageId: `93${String(round.id * 100_000 + u.id).padStart(16, '0')}`,
					sentAt: published,
				})),
			});
		}
		await prisma.guildSettings.update({ where: { guildId: office.guildId }, data: { roundSeq: ROUNDS } });
		return new Set(channels.map((c) => c.channelId));
	} finally {
		await db.close();
	}
}

interface RunResult {
	recordingMs: number;
	tickToFirstMs: number;
	rate: number;
	floorRate: number;
	r429: number;
}

async function oneRun(run: number): Promise<RunResult> {
	process.stderr.write(`sweep run ${run}/${RUNS}: seeding ${UNITS} units × ${ROUNDS} rounds…\n`);
	const office = await buildOffice(0);
	const { fake } = office;
	try {
		const reminderChannels = await seed(office);
		fake.faults.slow(/./, LATENCY);
		const t0 = Date.now();
		// BENCH_CPU_PROF=<dir>: the bot writes a CPU profile there once the measured posts are out.
		const profile = process.env['BENCH_CPU_PROF'];
		const preload = pathToFileURL(path.resolve(import.meta.dirname, 'cpu-profile.js')).href;
		const bot = spawnBot(
			office,
			{
				TICK_CRON: '* * * * * *',
				...(profile ? { NODE_OPTIONS: `--import=${preload}`, BENCH_CPU_PROF: profile } : {}),
			},
			{ compiled: true },
		);
		try {
			await bot.ready(120_000);
			const posts = () =>
				fake.requests.filter(
					(r) =>
						r.at >= t0 &&
						r.status === 200 &&
						r.route === 'POST /channels/:channel/messages' &&
						reminderChannels.has(r.path.split('/')[2] ?? ''),
				);
			const end = Date.now() + 10 * 60_000;
			while (posts().length < MEASURED) {
				if (bot.child.exitCode !== null || Date.now() > end) throw new Error('bench: reminders did not go out');
				await sleep(50);
			}
			const done = posts().slice(0, MEASURED);
			const first = done[0]!;
			const from = done[GLOBAL_LIMIT - 1]!;
			const last = done[MEASURED - 1]!;
			const planned = bot
				.output()
				.split('\n')
				.filter((l) => l.includes('"msg":"sweep planned"'))
				.map((l) => JSON.parse(l) as { time: string; ms: number; reminders: number })[0];
			if (!planned) throw new Error('bench: no "sweep planned" line in the bot output');
			if (planned.reminders !== UNITS * ROUNDS) throw new Error(`bench: ${planned.reminders} reminders planned`);
			const r429 = fake.requests.filter((r) => r.at >= t0 && r.at <= last.at + last.durationMs && r.status === 429);
			return {
				recordingMs: planned.ms,
				tickToFirstMs: first.at - (Date.parse(planned.time) - planned.ms),
				rate: ((MEASURED - GLOBAL_LIMIT) / (last.at - from.at)) * 1000,
				floorRate: GLOBAL_LIMIT,
				r429: r429.length,
			};
		} catch (error) {
			process.stderr.write(bot.output().slice(-4000));
			throw error;
		} finally {
			if (profile && bot.child.exitCode === null) {
				bot.child.kill('SIGUSR2');
				const end = Date.now() + 30_000;
				while (!bot.output().includes('cpu profile written') && Date.now() < end) await sleep(100);
			}
			await bot.kill();
		}
	} finally {
		fake.faults.clear();
		await office.close();
	}
}

const results: RunResult[] = [];
for (let run = 1; run <= RUNS; run++) results.push(await oneRun(run));

const fmt = (v: number[], digits = 0): string =>
	`${Math.min(...v).toFixed(digits)}/${median(v).toFixed(digits)}/${Math.max(...v).toFixed(digits)}`.padStart(16);
const pick = (f: (r: RunResult) => number): number[] => results.map(f);
const recording = pick((r) => r.recordingMs);
const rate = pick((r) => r.rate);
const floorRate = pick((r) => r.floorRate);
const r429 = pick((r) => r.r429);
const rows: Array<[boolean | null, string, string, string, string, string]> = [
	[
		median(recording) <= TARGET_RECORDING_MS,
		`sweep ${UNITS * ROUNDS} reminders due: recording (ms)`,
		fmt(recording),
		'–',
		'–',
		`≤ ${TARGET_RECORDING_MS} ms`,
	],
	[null, '  tick to the first reminder post (ms)', fmt(pick((r) => r.tickToFirstMs)), '–', '–', ''],
	[
		median(rate) >= TARGET_RATE_RATIO * median(floorRate),
		`sweep @${LATENCY} ms: sends/s, posts ${GLOBAL_LIMIT}-${MEASURED}`,
		fmt(rate, 1),
		`floor    ${fmt(floorRate, 1)}`,
		(median(rate) / median(floorRate)).toFixed(2),
		`≥ ${TARGET_RATE_RATIO} × floor`,
	],
	[Math.max(...r429) === 0, `sweep @${LATENCY} ms: 429s`, fmt(r429), '–', '–', '0'],
];
let failed = false;
process.stdout.write(
	`${'figure'.padEnd(48)} ${'gopy min/med/max'.padStart(16)}  ${'floor min/med/max'.padStart(25)}  ratio  target\n`,
);
for (const [ok, name, gopy, floor, ratio, target] of rows) {
	failed ||= ok === false;
	const verdict = ok === null ? '    ' : ok ? 'ok  ' : 'MISS';
	process.stdout.write(
		`${verdict} ${name.padEnd(43)} ${gopy}  ${floor.padStart(25)}  ${ratio.padStart(5)}  ${target}\n`,
	);
}
process.stdout.write(
	`(${RUNS} runs; bot compiled, SQLite; load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')})\n`,
);
process.exit(failed ? 1 : 0);
