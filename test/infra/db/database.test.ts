import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, resolveSqlitePath, type DbLogger, type OpenedDatabase } from '../../../src/infra/db/database.ts';
import { DatabaseNewerError, loadMigrations, sha256Hex } from '../../../src/infra/db/migrator.ts';

let dir: string;
const opened: OpenedDatabase[] = [];

async function open(url: string, log?: DbLogger): Promise<OpenedDatabase> {
	const db = await openDatabase(url, log ? { log } : {});
	opened.push(db);
	return db;
}

function capturingLogger(): DbLogger & { lines: { level: string; obj: object; msg?: string }[] } {
	const lines: { level: string; obj: object; msg?: string }[] = [];
	const at =
		(level: string) =>
		(obj: object, msg?: string): void => {
			lines.push(msg === undefined ? { level, obj } : { level, obj, msg });
		};
	return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'gopy-database-'));
});

afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.close()));
	rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
	it('GIVEN a file: URL whose folders do not exist WHEN opening THEN the folders and a migrated database are created', async () => {
		const file = path.join(dir, 'nested', 'deeper', 'gopy.db');

		const db = await open(`file:${file}`);

		expect(db.path).toBe(file);
		expect(existsSync(file)).toBe(true);
		expect(db.migrations.applied).toEqual(loadMigrations().map((m) => m.name));
	});

	it('GIVEN an opened database WHEN a GuildSettings row is written through Prisma THEN it reads back with defaults', async () => {
		const db = await open(path.join(dir, 'gopy.db'));

		await db.prisma.guildSettings.create({
			data: { guildId: '111', coordinatorRoleId: '222', reportChannelId: '333' },
		});
		const row = await db.prisma.guildSettings.findUnique({ where: { guildId: '111' } });

		expect(row).toMatchObject({
			guildId: '111',
			coordinatorRoleId: '222',
			reportChannelId: '333',
			language: 'vi',
			roundSeq: 0,
		});
		expect(row?.createdAt).toBeInstanceOf(Date);
	});

	it('GIVEN an opened database WHEN Prisma creates a RoundTarget for a round that does not exist THEN the foreign key rejects it', async () => {
		const db = await open(path.join(dir, 'gopy.db'));
		const unit = await db.prisma.unit.create({
			data: { guildId: '1', code: 'U1', name: 'Unit 1', channelId: '2', roleId: '3' },
		});

		await expect(db.prisma.roundTarget.create({ data: { roundId: 9999, unitId: unit.id } })).rejects.toMatchObject({
			code: 'P2003',
		});
		expect(await db.prisma.roundTarget.count()).toBe(0);
	});

	it('GIVEN an opened database WHEN a round is deleted through Prisma THEN its targets are deleted by ON DELETE CASCADE', async () => {
		const db = await open(path.join(dir, 'gopy.db'));
		const unit = await db.prisma.unit.create({
			data: { guildId: '1', code: 'U1', name: 'Unit 1', channelId: '2', roleId: '3' },
		});
		const round = await db.prisma.round.create({
			data: { guildId: '1', seq: 1, title: 'R', deadline: new Date(), timezone: 'UTC', createdBy: '9' },
		});
		await db.prisma.roundTarget.create({ data: { roundId: round.id, unitId: unit.id } });

		await db.prisma.round.delete({ where: { id: round.id } });

		expect(await db.prisma.roundTarget.count()).toBe(0);
	});

	it('GIVEN an opened database WHEN asking SQLite through Prisma THEN WAL, foreign keys and a busy timeout are in effect', async () => {
		const db = await open(path.join(dir, 'gopy.db'));

		const pragma = async (name: string): Promise<unknown> =>
			Object.values((await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0] ?? {})[0];

		expect(await pragma('journal_mode')).toBe('wal');
		expect(Number(await pragma('foreign_keys'))).toBe(1);
		expect(Number(await pragma('busy_timeout'))).toBe(5000);
	});

	it('GIVEN a database opened and closed before WHEN opening it again THEN no migration runs and the data is still there', async () => {
		const file = path.join(dir, 'gopy.db');
		const first = await open(file);
		await first.prisma.guildSettings.create({ data: { guildId: 'g', coordinatorRoleId: 'r', reportChannelId: 'c' } });
		await first.close();
		await first.close(); // closing twice is harmless

		const log = capturingLogger();
		const second = await open(`file:${file}`, log);

		expect(second.migrations.applied).toEqual([]);
		expect(await second.prisma.guildSettings.count()).toBe(1);
		expect(log.lines).toContainEqual({ level: 'info', obj: { path: file, applied: [] }, msg: 'database ready' });
	});

	it('GIVEN a database migrated by a newer version of the app WHEN opening THEN it fails with DatabaseNewerError', async () => {
		const file = path.join(dir, 'gopy.db');
		await (await open(file)).close();
		const raw = new Database(file);
		raw
			.prepare(
				`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
			 VALUES ('x', ?, '2099-01-01T00:00:00.000+00:00', '20990101000000_future', '2099-01-01T00:00:00.000+00:00', 1)`,
			)
			.run(sha256Hex('future'));
		raw.close();

		await expect(openDatabase(file)).rejects.toThrow(DatabaseNewerError);
		await expect(openDatabase(file)).rejects.toThrow(/20990101000000_future/);
	});

	it('GIVEN a pino logger WHEN opening THEN it is accepted and receives the start-up logs', async () => {
		const lines: string[] = [];
		const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });

		await open(path.join(dir, 'gopy.db'), logger);

		expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('database ready');
	});

	it.each([
		[
			'an unknown scheme',
			'mysql://gopy:s3cret@db.example/gopy',
			/^DATABASE_URL has an unsupported scheme mysql: use file:/,
		],
		[
			'a PostgreSQL server nobody listens at',
			'postgresql://gopy:s3cret@127.0.0.1:1/gopy',
			/^DATABASE_URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:1 \(ECONNREFUSED\)$/,
		],
	])(
		'GIVEN %s WHEN opening THEN one line names DATABASE_URL and the problem, without the password',
		async (_, url, message) => {
			const attempt = openDatabase(url);

			await expect(attempt).rejects.toThrow(message);
			await expect(attempt).rejects.not.toThrow(/s3cret/);
			await expect(attempt).rejects.not.toThrow(/\n/);
		},
	);
});

describe('resolveSqlitePath', () => {
	it.each([
		['file:./data/gopy.db', '/srv/app/data/gopy.db'],
		['file:data/gopy.db', '/srv/app/data/gopy.db'],
		['file:/var/lib/gopy/gopy.db', '/var/lib/gopy/gopy.db'],
		['file:///var/lib/gopy/gopy.db', '/var/lib/gopy/gopy.db'],
		['file:./data/gopy.db?connection_limit=1', '/srv/app/data/gopy.db'],
		['./data/gopy.db', '/srv/app/data/gopy.db'],
		['/var/lib/gopy/gopy.db', '/var/lib/gopy/gopy.db'],
		['  file:./gopy.db  ', '/srv/app/gopy.db'],
	])('GIVEN %s WHEN resolving from /srv/app THEN the file is %s', (url, expected) => {
		expect(resolveSqlitePath(url, '/srv/app')).toBe(expected);
	});

	it.each([
		['postgres://u:p@h/db', /DATABASE_URL is not a SQLite URL/],
		['mysql://u:p@h/db', /DATABASE_URL has an unsupported scheme mysql/],
		[':memory:', /In-memory SQLite is not supported/],
		['file::memory:', /In-memory SQLite is not supported/],
		['file:', /DATABASE_URL has no file path/],
		['', /DATABASE_URL is empty/],
	])('GIVEN %s WHEN resolving THEN it is rejected', (url, message) => {
		expect(() => resolveSqlitePath(url, '/srv/app')).toThrow(message);
	});
});
