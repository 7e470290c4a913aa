/**
 * `npm run bench` (after bench/run.ts): `/round status` and `/round report` at the size of a large office (issue 10,
 * items 4 and 5).
 *
 * - Status: 1,000 units × 10 answer versions (one unit in ten pending). Timed in a child process through the code
 *   the `/round status` handler runs before it replies: the use case (access, round, targets, latest answers,
 *   deliveries, tally), the reminder marks, the text reply and the card. The picture is rendered apart (it is
 *   `npm run bench`'s pictures figure) and printed here for information only. One untimed call warms the process,
 *   then 3 timed runs: min / median / max, the median against the target.
 * - Report: 50,000 plan items (and a 50,000-item baseline, so the Items sheet compares) on 1,000 units. Measured in
 *   the bot itself: the compiled bot (`npm start`'s dist/src/main.js, built first) runs as its own process against the
 *   fake Discord in this process, on a database seeded beforehand for the fake's server; a coordinator runs
 *   `/round report format:xlsx`. Time: from the interaction sent to the reply with the file received by the fake
 *   (what the person waits for). Memory: the bot's peak resident set while it makes and sends the report (its peak
 *   is reset through /proc/<pid>/clear_refs once it is idle after login, so start-up does not count), beside its RSS
 *   before the command. A fresh bot per run, 3 runs. Then the CSV of the same, and a 500,000-item XLSX whose peak
 *   must stay under the same memory (its file, about 22 MB, is above Discord's 10 MB upload limit: the bot writes it
 *   whole, then replies without it, saying so; the bench prints that reply's last line).
 * - The status figure comes from a child process of its own, seeded beforehand into its own database; this process
 *   only seeds, plays Discord and reads the figures. SQLite by default; `BENCH_DATABASE=postgresql` (with
 *   TEST_DATABASE_URL, or the local server) runs the same on PostgreSQL. Exits 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Deps } from '../src/app/deps.ts';
import { roundStatus } from '../src/app/manage-rounds.ts';
import type { Notifier } from '../src/app/ports.ts';
import { reminderMarks } from '../src/app/status-picture.ts';
import type { Actor } from '../src/domain/model.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { PrismaReportStore } from '../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../src/infra/db/repositories/index.ts';
import { renderStatus, statusCard, statusPictureFile } from '../src/discord/views/status.ts';
import { spawnBot, type Office } from '../test/support/crash-harness.ts';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import { COORD_ROLE, GUILD, seedRound, type SeedIds } from './report-seed.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const STATUS_UNITS = 1000;
const STATUS_VERSIONS = 10;
const REPORT_ITEMS = 50_000;
const BIG_ITEMS = 500_000;
const TARGET_STATUS_MS = 100;
const TARGET_REPORT_MS = 3000;
const TARGET_REPORT_MB = 300;

const actor: Actor = {
	userId: '900000000000000009',
	userName: 'Điều phối',
	roleIds: [COORD_ROLE],
	canManageGuild: false,
};

interface ChildResult {
	ms: number[];
	pictureMs: number;
}

// ---------------------------------------------------------------------------------------------------- child side

function depsOf(db: Awaited<ReturnType<typeof openDatabase>>): Deps {
	const clock = { now: () => new Date('2026-12-01T03:00:00Z') };
	const unused = (): never => {
		throw new Error('the bench posts nothing');
	};
	const notifier: Notifier = {
		postDraft: unused,
		findOwnPost: unused,
		refreshDraft: unused,
		postReminder: unused,
		postRoundNotice: unused,
		postText: unused,
	};
	return {
		...createRepositories(db.prisma, clock, db.sql),
		clock,
		notifier,
		log: { info: () => {}, warn: () => {}, error: () => {} },
		reports: new PrismaReportStore(db.prisma, clock, db.sql),
	};
}

/** What the `/round status` handler computes before replying (commands/round.ts), picture apart. */
async function statusOnce(deps: Deps): Promise<void> {
	const result = await roundStatus(deps, { guildId: GUILD, actor, round: 'R1' });
	if (!result.ok) throw new Error(JSON.stringify(result.error));
	const now = deps.clock.now();
	renderStatus(result.value, 'vi', now);
	await reminderMarks(deps, result.value.round.id);
	statusCard(result.value, 'vi', now, 'status.png');
}

async function child(url: string): Promise<void> {
	const db = await openDatabase(url);
	const deps = depsOf(db);
	await statusOnce(deps);
	const ms: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await statusOnce(deps);
		ms.push(performance.now() - start);
	}
	const status = await roundStatus(deps, { guildId: GUILD, actor, round: 'R1' });
	if (!status.ok) throw new Error('no status');
	const start = performance.now();
	await statusPictureFile(status.value, 'vi', deps.clock.now(), await reminderMarks(deps, status.value.round.id));
	const result: ChildResult = { ms, pictureMs: performance.now() - start };
	await db.close();
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

// --------------------------------------------------------------------------------------------------- parent side

const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database for one scenario: a SQLite file in a temporary folder, or a PostgreSQL database. */
async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
	if (process.env['BENCH_DATABASE'] !== 'postgresql') {
		const dir = mkdtempSync(path.join(tmpdir(), 'gopy-bench-'));
		return {
			url: `file:${path.join(dir, `${name}.db`)}`,
			drop: () => Promise.resolve(rmSync(dir, { recursive: true })),
		};
	}
	const database = `gopy_bench_${name}_${String(process.pid)}`;
	const admin = new pg.Client({ connectionString: PG_URL });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${database}`);
	await admin.end();
	const url = new URL(PG_URL);
	url.pathname = `/${database}`;
	return {
		url: url.toString(),
		drop: async () => {
			const c = new pg.Client({ connectionString: PG_URL });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
			await c.end();
		},
	};
}

async function seeded(
	name: string,
	opts: { units: number; versions: number; items: number; baseline: boolean },
	ids?: SeedIds,
): Promise<{ url: string; drop: () => Promise<void> }> {
	const target = await freshDatabase(name);
	const db = await openDatabase(target.url);
	const start = performance.now();
	await seedRound(db.prisma, opts, ids);
	await db.close();
	process.stdout.write(`  (seeded ${name} in ${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
	return target;
}

function runChild(url: string): ChildResult {
	const self = fileURLToPath(import.meta.url);
	const out = spawnSync(process.execPath, ['--import', 'tsx', self, 'child', url], {
		encoding: 'utf8',
		maxBuffer: 1 << 20,
	});
	if (out.status !== 0) throw new Error(`bench child failed (${String(out.status)}):\n${out.stderr}`);
	const last = out.stdout.trim().split('\n').at(-1) ?? '';
	return JSON.parse(last) as ChildResult;
}

/** The fake Discord's server for the report: a coordinator (with the role the seed names) and the report channel. */
interface ReportServer {
	fake: FakeDiscord;
	ids: SeedIds;
	coordinatorId: string;
}

async function reportServer(): Promise<ReportServer> {
	const fake = await FakeDiscord.start();
	const { id: guildId } = fake.createGuild({ name: 'Tổng cục Thống kê', locale: 'vi' });
	const coordinatorRoleId = fake.createRole(guildId, { name: 'Điều phối' }).id;
	const reportChannelId = fake.createChannel(guildId, { name: 'bao-cao' }).id;
	const coordinatorId = fake.createUser({ username: 'dieuphoi', locale: 'vi' }).id;
	fake.addMember(guildId, coordinatorId, [coordinatorRoleId]);
	return { fake, ids: { guildId, coordinatorRoleId, reportChannelId }, coordinatorId };
}

interface BotReport {
	ms: number;
	/** The bot's peak resident set while it made and sent the report. */
	peakMb: number;
	/** The bot's resident set once idle after login, before the command. */
	beforeMb: number;
	/** Size of the file Discord received; null when the reply came without it. */
	bytes: number | null;
	/** What the person saw instead of the file (the bot left it out, or Discord refused it). */
	refused: string | null;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the compiled bot on the database, runs `/round report` as the coordinator, and stops the bot. */
async function reportByBot(server: ReportServer, dbUrl: string, format: 'xlsx' | 'csv'): Promise<BotReport> {
	const dir = mkdtempSync(path.join(tmpdir(), 'gopy-bench-bot-'));
	const office: Office = {
		fake: server.fake,
		guildId: server.ids.guildId,
		coordinatorId: server.coordinatorId,
		generalChannelId: server.ids.reportChannelId,
		reportChannelId: server.ids.reportChannelId,
		units: [],
		dir,
		dbUrl,
		close: () => Promise.resolve(),
	};
	const bot = spawnBot(office, { TICK_CRON: '0 0 0 1 1 *' }, { compiled: true });
	try {
		await bot.ready();
		await sleep(1000);
		const pid = bot.child.pid ?? 0;
		const beforeMb = procStatusMb(pid, 'VmRSS');
		// Resets the peak resident set (VmHWM) to the current one: the figure is the report's, not start-up's.
		writeFileSync(`/proc/${String(pid)}/clear_refs`, '5');
		const start = performance.now();
		const handle = server.fake.slashCommand({
			guildId: server.ids.guildId,
			channelId: server.ids.reportChannelId,
			userId: server.coordinatorId,
			name: 'round',
			subcommand: 'report',
			options: { round: 'R1', format },
		});
		const reply = await handle.reply({ timeoutMs: 300_000 });
		const ms = performance.now() - start;
		const peakMb = procStatusMb(pid, 'VmHWM');
		const file = reply.attachments[0];
		const refused = file
			? null
			: handle.errors.map((e) => JSON.stringify(e)).join('; ') || (reply.content.split('\n').at(-1) ?? '');
		return { ms, peakMb, beforeMb, bytes: file ? file.size : null, refused };
	} finally {
		await bot.kill();
		rmSync(dir, { recursive: true, force: true });
	}
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
let missed = 0;

function print(name: string, samples: number[], unit: string, target: number): void {
	const m = median(samples);
	const ok = m <= target;
	if (!ok) missed++;
	const spread = `${fmt(Math.min(...samples))} / ${fmt(m)} / ${fmt(Math.max(...samples))} ${unit}`;
	process.stdout.write(
		`${name.padEnd(46)} ${spread.padEnd(26)} target ≤ ${String(target)} ${unit}  ratio ${(m / target).toFixed(2)}  ${ok ? 'ok' : 'MISSED'}\n`,
	);
}

async function parent(): Promise<void> {
	const engine = process.env['BENCH_DATABASE'] === 'postgresql' ? 'postgresql' : 'sqlite';
	process.stdout.write(
		`bench/reports.ts on ${engine}, ${String(RUNS)} runs (min / median / max); load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}\n`,
	);

	const status = await seeded('status', { units: STATUS_UNITS, versions: STATUS_VERSIONS, items: 0, baseline: false });
	try {
		const r = runChild(status.url);
		print(
			`/round status, ${String(STATUS_UNITS)} units × ${String(STATUS_VERSIONS)} versions`,
			r.ms,
			'ms',
			TARGET_STATUS_MS,
		);
		process.stdout.write(`  (the status picture, rendered apart: ${fmt(r.pictureMs)} ms, no target here)\n`);
	} finally {
		await status.drop();
	}

	if (process.env['npm_lifecycle_event'] !== 'bench') {
		// Run alone: the compiled bot is built here (`npm run bench` has built it already).
		const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
	}
	const server = await reportServer();
	try {
		const seed = { units: 1000, versions: 2, baseline: true };
		const report = await seeded('report', { ...seed, items: REPORT_ITEMS }, server.ids);
		try {
			const runs: BotReport[] = [];
			for (let i = 0; i < RUNS; i++) runs.push(await reportByBot(server, report.url, 'xlsx'));
			const label = `/round report xlsx, ${REPORT_ITEMS.toLocaleString('en')} items`;
			print(
				`${label}: time`,
				runs.map((r) => r.ms),
				'ms',
				TARGET_REPORT_MS,
			);
			print(
				`${label}: peak RSS`,
				runs.map((r) => r.peakMb),
				'MB',
				TARGET_REPORT_MB,
			);
			const first = runs[0];
			process.stdout.write(
				`  (the bot's RSS before the command ${runs.map((r) => fmt(r.beforeMb)).join(' / ')} MB; file ${String(first?.bytes)} bytes${first?.refused ? `; refused: ${first.refused}` : ''})\n`,
			);
			const csv = await reportByBot(server, report.url, 'csv');
			process.stdout.write(
				`  (CSV of the same: ${fmt(csv.ms)} ms, peak ${fmt(csv.peakMb)} MB, before ${fmt(csv.beforeMb)} MB; ${String(csv.bytes)} bytes)\n`,
			);
		} finally {
			await report.drop();
		}

		if (process.env['BENCH_BIG'] !== 'off') {
			const big = await seeded('big', { ...seed, items: BIG_ITEMS }, server.ids);
			try {
				const r = await reportByBot(server, big.url, 'xlsx');
				print(
					`/round report xlsx, ${BIG_ITEMS.toLocaleString('en')} items: peak RSS`,
					[r.peakMb],
					'MB',
					TARGET_REPORT_MB,
				);
				process.stdout.write(
					`  (its time: ${fmt(r.ms)} ms, RSS before ${fmt(r.beforeMb)} MB, no time target; ${r.refused ? `no file: ${r.refused}` : `${String(r.bytes)} bytes`})\n`,
				);
			} finally {
				await big.drop();
			}
		}
	} finally {
		await server.fake.stop();
	}
	process.stdout.write(missed === 0 ? 'every target met\n' : `${String(missed)} target(s) missed\n`);
	process.exitCode = missed === 0 ? 0 : 1;
}

if (process.argv[2] === 'child') await child(process.argv[3] ?? '');
else await parent();
