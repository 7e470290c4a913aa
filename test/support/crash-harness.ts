/**
 * Crash trials: the bot as a real child process (`src/main.ts`, as `npm start` runs it) on a real SQLite file,
 * against the fake Discord in this process, killed with SIGKILL at chosen moments and started again. Shared by the
 * end-to-end crash test and `npm run trials`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Deps } from '../../src/app/deps.ts';
import { createRound } from '../../src/app/manage-rounds.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { PrismaReportStore } from '../../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../../src/infra/db/repositories/index.ts';
import { RecordingNotifier, silentLog } from './app-harness.ts';
import { FakeDiscord, type FakeDiscordOptions, type FakeMessage } from './fake-discord/index.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
/** What `npm start` runs: the compiled entry point (`npm run build`). */
export const COMPILED_MAIN = path.resolve(import.meta.dirname, '../../dist/src/main.js');

/** The Node.js flags `npm start` gives (package.json's start script: `node <flags> dist/src/main.js`). */
export const START_FLAGS: readonly string[] = (() => {
	const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
		scripts: { start: string };
	};
	const words = pkg.scripts.start.split(/\s+/);
	if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') throw new Error('unexpected start script');
	return words.slice(1, -1);
})();

export interface OfficeUnit {
	code: string;
	channelId: string;
	roleId: string;
	memberId: string;
}

export interface Office {
	fake: FakeDiscord;
	guildId: string;
	coordinatorId: string;
	generalChannelId: string;
	reportChannelId: string;
	units: OfficeUnit[];
	dir: string;
	dbUrl: string;
	close(): Promise<void>;
}

/** Runs `fn` with use-case dependencies over the office's database (the bot is not running meanwhile). */
async function withDeps<T>(dbUrl: string, fn: (deps: Deps) => Promise<T>): Promise<T> {
	const db = await openDatabase(dbUrl);
	try {
		const clock = { now: () => new Date() };
		return await fn({
			...createRepositories(db.prisma, clock, db.sql),
			clock,
			notifier: new RecordingNotifier(),
			log: silentLog,
			reports: new PrismaReportStore(db.prisma, clock, db.sql),
		});
	} finally {
		await db.close();
	}
}

/**
 * A server with `size` units (each its own channel, role and member), set up and registered through the use cases
 * on a fresh database, with office hours all day every day so reminders may go out whenever a trial runs.
 */
export async function buildOffice(
	size: number,
	fakeOpts: FakeDiscordOptions = {},
	opts: {
		/** Another database (PostgreSQL) instead of a SQLite file in the office's folder. */
		dbUrl?: string;
		/** Named units (e.g. the seed's departments) instead of DV01, DV02…; `size` of them are used. */
		units?: ReadonlyArray<{ code: string; name: string }>;
	} = {},
): Promise<Office> {
	const fake = await FakeDiscord.start(fakeOpts);
	const { id: guildId } = fake.createGuild({ name: 'Tổng cục Thống kê', locale: 'vi' });
	const coordRoleId = fake.createRole(guildId, { name: 'Điều phối' }).id;
	const reportChannelId = fake.createChannel(guildId, { name: 'bao-cao' }).id;
	const generalChannelId = fake.createChannel(guildId, { name: 'chung' }).id;
	const coordinatorId = fake.createUser({ username: 'dieuphoi', locale: 'vi' }).id;
	fake.addMember(guildId, coordinatorId, [coordRoleId]);
	const named = opts.units;
	if (named && named.length < size)
		throw new Error(`buildOffice: ${String(size)} units asked, ${String(named.length)} named`);
	const names = new Map<string, string>();
	const units: OfficeUnit[] = Array.from({ length: size }, (_, i) => {
		const code = named?.[i]?.code ?? `DV${String(i + 1).padStart(2, '0')}`;
		names.set(code, named?.[i]?.name ?? `Đơn vị ${code}`);
		const roleId = fake.createRole(guildId, { name: code }).id;
		const channelId = fake.createChannel(guildId, { name: code.toLowerCase() }).id;
		const memberId = fake.createUser({ username: `u-${code.toLowerCase()}`, locale: 'vi' }).id;
		fake.addMember(guildId, memberId, [roleId]);
		return { code, channelId, roleId, memberId };
	});
	const dir = mkdtempSync(path.join(tmpdir(), 'gopy-trial-'));
	const dbUrl = opts.dbUrl ?? `file:${path.join(dir, 'gopy.db')}`;
	await withDeps(dbUrl, async (deps) => {
		const admin = { userId: coordinatorId, userName: 'Quản trị', roleIds: [], canManageGuild: true };
		const set = await setupServer(deps, {
			guildId,
			actor: admin,
			coordinatorRoleId: coordRoleId,
			reportChannel: { id: reportChannelId, writable: true, text: true },
			language: 'vi',
			timezone: 'Asia/Ho_Chi_Minh',
			officeHours: '00:00-23:59',
			workingDays: 'mon-sun',
		});
		if (!set.ok) throw new Error(`setup: ${JSON.stringify(set.error)}`);
		for (const u of units) {
			const added = await addUnit(deps, {
				guildId,
				actor: admin,
				code: u.code,
				name: names.get(u.code) ?? u.code,
				channel: { id: u.channelId, writable: true, text: true },
				roleId: u.roleId,
				kind: 'department',
			});
			if (!added.ok) throw new Error(`unit ${u.code}: ${JSON.stringify(added.error)}`);
		}
	});
	return {
		fake,
		guildId,
		coordinatorId,
		generalChannelId,
		reportChannelId,
		units,
		dir,
		dbUrl,
		async close() {
			await fake.stop();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Creates a draft round for every unit, deadline and ladder given in the server's time, through the use case. */
export async function createOfficeRound(office: Office, opts: { deadline: Date; reminders?: string }): Promise<string> {
	return withDeps(office.dbUrl, async (deps) => {
		const local = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Asia/Ho_Chi_Minh',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
		}).format(opts.deadline);
		const created = await createRound(deps, {
			guildId: office.guildId,
			actor: { userId: office.coordinatorId, userName: 'Điều phối', roleIds: [], canManageGuild: true },
			title: 'Rà soát kế hoạch công tác',
			deadline: local,
			text: 'Dự thảo kế hoạch công tác năm sau',
			...(opts.reminders ? { reminders: opts.reminders } : {}),
		});
		if (!created.ok) throw new Error(`round: ${JSON.stringify(created.error)}`);
		return created.value.round.code;
	});
}

export interface BotProcess {
	child: ChildProcess;
	exited: Promise<number | null>;
	output(): string;
	/** Resolves once the bot has logged in. */
	ready(timeoutMs?: number): Promise<void>;
	kill(): Promise<void>;
}

/** Starts the bot as its own process on the office's database, with a sweep every second (unless `env` says). */
export function spawnBot(
	office: Office,
	env: Record<string, string> = {},
	opts: { compiled?: boolean; nodeArgs?: string[] } = {},
): BotProcess {
	// Compiled: the JavaScript `npm start` runs, with its flags (built beforehand); otherwise the sources through tsx.
	const args = [
		...(opts.nodeArgs ?? []),
		...(opts.compiled ? [...START_FLAGS, COMPILED_MAIN] : ['--import', import.meta.resolve('tsx'), MAIN]),
	];
	const child = spawn(process.execPath, args, {
		cwd: office.dir,
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: process.env['HOME'] ?? '',
			DISCORD_TOKEN: office.fake.token,
			DISCORD_API_URL: office.fake.apiUrl,
			DATABASE_URL: office.dbUrl,
			LOG_LEVEL: 'info',
			TICK_CRON: '* * * * * *',
			OUTBOX_LEASE_SECONDS: '5',
			HTTP_PORT: '0',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		child,
		exited,
		output: () => out,
		async ready(timeoutMs = 60_000) {
			const until = Date.now() + timeoutMs;
			while (!out.includes('"msg":"bot ready"')) {
				if (child.exitCode !== null || Date.now() > until) throw new Error(`bot did not start:\n${out}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		async kill() {
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		},
	};
}

/** The bot's posts of a round's draft in a unit's channel (an embed with the unit's answer buttons). */
export function draftPostsIn(office: Office, unit: OfficeUnit): FakeMessage[] {
	return office.fake
		.messages(unit.channelId)
		.filter((m) => !m.deleted && m.author.id === office.fake.botUserId && (m.embeds?.length ?? 0) > 0);
}

/** The bot's reminders in a unit's channel (plain posts with the answer buttons). */
export function remindersIn(office: Office, unit: OfficeUnit): FakeMessage[] {
	return office.fake
		.messages(unit.channelId)
		.filter(
			(m) =>
				!m.deleted &&
				m.author.id === office.fake.botUserId &&
				(m.embeds?.length ?? 0) === 0 &&
				(m.components?.length ?? 0) > 0,
		);
}

/** Waits until `done()` holds, polling; false when the time runs out. */
export async function eventually(done: () => boolean, timeoutMs: number): Promise<boolean> {
	const until = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > until) return false;
		await new Promise((r) => setTimeout(r, 100));
	}
	return true;
}
