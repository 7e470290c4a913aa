import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/database.ts';
import { loadMigrations } from '../../src/infra/db/migrator.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { startE2E } from '../support/e2e-harness.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'gopy-process-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm start`'s command as its own process; resolves when it exits. */
function startMain(env: Record<string, string>) {
	const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN], {
		cwd: dir,
		env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', HTTP_PORT: '0', ...env },
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		child,
		exited,
		out: () => stdout,
		err: () => stderr,
		async waitFor(text: string, ms = 20_000) {
			const until = Date.now() + ms;
			while (!stdout.includes(text)) {
				if (Date.now() > until) throw new Error(`no "${text}" in output:\n${stdout}\n${stderr}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
	};
}

describe('the bot as a process (npm start)', () => {
	it('GIVEN a token and a Discord WHEN started and sent SIGTERM THEN it logs in, creates its database directory, and stops cleanly with exit 0', async () => {
		const fake = await FakeDiscord.start();
		try {
			fake.createGuild({ name: 'Tổng cục Thống kê' });
			const main = startMain({
				DISCORD_TOKEN: fake.token,
				DISCORD_API_URL: fake.apiUrl,
				DATABASE_URL: 'file:./nested/dir/gopy.db',
				LOG_LEVEL: 'info',
				HTTP_PORT: '0',
			});
			await main.waitFor('"msg":"bot ready"');
			main.child.kill('SIGTERM');
			expect(await main.exited).toBe(0);
			expect(main.out()).toContain('"msg":"bot stopped"');
			const lines = main.out().trim().split('\n');
			for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
			const db = new Database(path.join(dir, 'nested', 'dir', 'gopy.db'), { readonly: true });
			expect(db.prepare('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL').get()).toEqual({
				n: loadMigrations().length,
			});
			db.close();
		} finally {
			await fake.stop();
		}
	});

	it('GIVEN a database migrated by a newer version WHEN started THEN it refuses with one clear line, exit 1, and changes nothing', async () => {
		const file = path.join(dir, 'gopy.db');
		const opened = await openDatabase(`file:${file}`);
		await opened.close();
		const raw = new Database(file);
		raw
			.prepare(
				`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
			 VALUES ('x', 'abc', CURRENT_TIMESTAMP, '29990101000000_from_the_future', CURRENT_TIMESTAMP, 1)`,
			)
			.run();
		const before = raw.prepare('SELECT name FROM sqlite_master ORDER BY name').all();
		raw.close();
		const main = startMain({ DISCORD_TOKEN: 'x', DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
		expect(await main.exited).toBe(1);
		const err = main.err().trim();
		expect(err.split('\n')).toHaveLength(1);
		expect(err).toMatch(
			/^Start-up failed: The database has a migration this version of the app does not know: 29990101000000_from_the_future/,
		);
		const after = new Database(file, { readonly: true });
		expect(after.prepare('SELECT name FROM sqlite_master ORDER BY name').all()).toEqual(before);
		after.close();
	});
});

describe('graceful shutdown', () => {
	it('GIVEN an interaction in flight WHEN the bot stops THEN that interaction is still answered before the database closes, and a new one is told the bot is busy', async () => {
		const e = await startE2E();
		try {
			await e.run(e.adminId, 'setup', undefined, {
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: e.reportChannelId },
			});
			const units = e.bot.deps.units;
			const slow = units.list.bind(units);
			units.list = async (...args) => {
				await new Promise((r) => setTimeout(r, 300));
				return slow(...args);
			};
			const handle = e.fake.slashCommand({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: e.coordinatorId,
				name: 'unit',
				subcommand: 'list',
			});
			await handle.acked;
			const stopping = e.bot.stop();
			// A command arriving while the bot stops is still answered, without being run.
			const late = e.fake.slashCommand({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: e.coordinatorId,
				name: 'ping',
			});
			expect((await late.reply()).content).toBe('Hệ thống đang bận, vui lòng thử lại sau ít phút.');
			const reply = await handle.reply();
			expect(reply.content).toContain('Chưa có đơn vị nào');
			await stopping;
			expect(e.bot.router.inFlight).toBe(0);
		} finally {
			await e.stop();
		}
	});
});
