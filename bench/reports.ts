/**
 * `npm run bench` (after bench/run.ts): `/round status` and `/round report` at the size of a large office (issue 10,
 * items 4 and 5).
 *
 * - Status: 1,000 units × 10 answer versions (one unit in ten pending). Timed in a child process through the code
 *   the `/round status` handler runs before it replies: the use case (access, round, targets, latest answers,
 *   deliveries, tally), the reminder marks, the text reply and the card. The picture is rendered apart (it is
 *   `npm run bench`'s pictures figure) and printed here for information only. One untimed call warms the process,
 *   then 3 timed runs: min / median / max, the median against the target.
 * - Report: 50,000 plan items (and a 50,000-item baseline, so the Items sheet compares) on 1,000 units, written as
 *   the XLSX the handler attaches; time and peak resident memory (the child's own maxRSS) of a fresh process per
 *   run. Then the same at 500,000 items, whose peak must stay under the same memory.
 * - Each figure comes from its own child process, seeded beforehand into its own database; this process only seeds
 *   and reads the children's figures. SQLite by default; `BENCH_DATABASE=postgresql` (with TEST_DATABASE_URL, or the
 *   local server) runs the same on PostgreSQL. Exits 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Deps } from '../src/app/deps.ts';
import { roundStatus } from '../src/app/manage-rounds.ts';
import type { Notifier } from '../src/app/ports.ts';
import { roundReport } from '../src/app/reports.ts';
import { reminderMarks } from '../src/app/status-picture.ts';
import type { Actor } from '../src/domain/model.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { PrismaReportStore } from '../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../src/infra/db/repositories/index.ts';
import { reportFile } from '../src/discord/views/files.ts';
import { renderStatus, statusCard, statusPictureFile } from '../src/discord/views/status.ts';
import { COORD_ROLE, GUILD, seedRound } from './report-seed.ts';

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
	maxRssMb: number;
	/** Resident memory once the modules are loaded and the database is open, before the measured work. */
	startRssMb: number;
	bytes?: number;
	pictureMs?: number;
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
		...createRepositories(db.prisma, clock),
		clock,
		notifier,
		log: { info: () => {}, warn: () => {}, error: () => {} },
		reports: new PrismaReportStore(db.prisma, clock),
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

async function child(kind: string, url: string): Promise<void> {
	const db = await openDatabase(url);
	const deps = depsOf(db);
	const result: ChildResult = { ms: [], maxRssMb: 0, startRssMb: process.memoryUsage().rss / 1048576 };
	if (kind === 'status') {
		await statusOnce(deps);
		for (let i = 0; i < RUNS; i++) {
			const start = performance.now();
			await statusOnce(deps);
			result.ms.push(performance.now() - start);
		}
		const status = await roundStatus(deps, { guildId: GUILD, actor, round: 'R1' });
		if (!status.ok) throw new Error('no status');
		const start = performance.now();
		await statusPictureFile(status.value, 'vi', deps.clock.now(), await reminderMarks(deps, status.value.round.id));
		result.pictureMs = performance.now() - start;
	} else {
		const format = kind === 'csv' ? 'csv' : 'xlsx';
		const start = performance.now();
		const report = await roundReport(deps, { guildId: GUILD, actor, round: 'R1' });
		if (!report.ok) throw new Error(JSON.stringify(report.error));
		const file = await reportFile(report.value, 'vi', format);
		result.ms.push(performance.now() - start);
		result.bytes = file.attachment.length;
	}
	await db.close();
	result.maxRssMb = process.resourceUsage().maxRSS / 1024;
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
): Promise<{ url: string; drop: () => Promise<void> }> {
	const target = await freshDatabase(name);
	const db = await openDatabase(target.url);
	const start = performance.now();
	await seedRound(db.prisma, opts);
	await db.close();
	process.stdout.write(`  (seeded ${name} in ${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
	return target;
}

function runChild(kind: string, url: string): ChildResult {
	const self = fileURLToPath(import.meta.url);
	const out = spawnSync(process.execPath, ['--import', 'tsx', self, 'child', kind, url], {
		encoding: 'utf8',
		maxBuffer: 1 << 20,
	});
	if (out.status !== 0) throw new Error(`bench child ${kind} failed (${String(out.status)}):\n${out.stderr}`);
	const last = out.stdout.trim().split('\n').at(-1) ?? '';
	return JSON.parse(last) as ChildResult;
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
		const r = runChild('status', status.url);
		print(
			`/round status, ${String(STATUS_UNITS)} units × ${String(STATUS_VERSIONS)} versions`,
			r.ms,
			'ms',
			TARGET_STATUS_MS,
		);
		process.stdout.write(`  (the status picture, rendered apart: ${fmt(r.pictureMs ?? NaN)} ms, no target here)\n`);
	} finally {
		await status.drop();
	}

	const report = await seeded('report', { units: 1000, versions: 2, items: REPORT_ITEMS, baseline: true });
	try {
		const runs = Array.from({ length: RUNS }, () => runChild('xlsx', report.url));
		const label = `/round report xlsx, ${REPORT_ITEMS.toLocaleString('en')} items`;
		print(
			`${label}: time`,
			runs.flatMap((r) => r.ms),
			'ms',
			TARGET_REPORT_MS,
		);
		print(
			`${label}: peak RSS`,
			runs.map((r) => r.maxRssMb),
			'MB',
			TARGET_REPORT_MB,
		);
		const csv = runChild('csv', report.url);
		process.stdout.write(
			`  (CSV of the same: ${fmt(csv.ms[0] ?? NaN)} ms, peak ${fmt(csv.maxRssMb)} MB; XLSX ${String(runs[0]?.bytes)} bytes)\n`,
		);
	} finally {
		await report.drop();
	}

	if (process.env['BENCH_BIG'] !== 'off') {
		const big = await seeded('big', { units: 1000, versions: 2, items: BIG_ITEMS, baseline: true });
		try {
			const r = runChild('xlsx', big.url);
			print(
				`/round report xlsx, ${BIG_ITEMS.toLocaleString('en')} items: peak RSS`,
				[r.maxRssMb],
				'MB',
				TARGET_REPORT_MB,
			);
			process.stdout.write(
				`  (its time: ${fmt(r.ms[0] ?? NaN)} ms, ${String(r.bytes)} bytes, RSS before ${fmt(r.startRssMb)} MB; no time target)\n`,
			);
		} finally {
			await big.drop();
		}
	}
	process.stdout.write(missed === 0 ? 'every target met\n' : `${String(missed)} target(s) missed\n`);
	process.exitCode = missed === 0 ? 0 : 1;
}

if (process.argv[2] === 'child') await child(process.argv[3] ?? '', process.argv[4] ?? '');
else await parent();
