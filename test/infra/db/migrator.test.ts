import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	DatabaseNewerError,
	DEFAULT_MIGRATIONS_DIR,
	loadMigrations,
	migrate,
	MigrationChecksumError,
	MigrationError,
	sha256Hex,
	type Migration,
} from '../../../src/infra/db/migrator.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function m(name: string, sql: string): Migration {
	return { name, sql, checksum: sha256Hex(sql) };
}

/** Everything a migration could change: the schema and the bookkeeping rows. */
function snapshot(db: Database.Database): unknown {
	const schema = db
		.prepare<[], { name: string }>('SELECT type, name, sql FROM sqlite_master ORDER BY type, name')
		.all();
	const hasBookkeeping = schema.some((o) => o.name === '_prisma_migrations');
	return {
		schema,
		bookkeeping: hasBookkeeping ? db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() : [],
	};
}

function tableNames(db: Database.Database): string[] {
	return db
		.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		.all()
		.map((r) => r.name);
}

function appliedNames(db: Database.Database): string[] {
	return db
		.prepare<[], { migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')
		.all()
		.map((r) => r.migration_name);
}

let dir: string;
let file: string;
let db: Database.Database;

beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'gopy-migrator-'));
	file = path.join(dir, 'test.db');
	db = new Database(file);
	db.pragma('journal_mode = WAL');
});

afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('loadMigrations', () => {
	it('GIVEN the project WHEN loading the default folder THEN it finds prisma/migrations sorted, with sha256 checksums', () => {
		const migrations = loadMigrations();
		expect(DEFAULT_MIGRATIONS_DIR).toBe(path.join(ROOT, 'prisma', 'migrations') + path.sep);
		expect(migrations.length).toBeGreaterThan(0);
		expect(migrations[0]?.name).toBe('20261125000000_init');
		expect(migrations.map((x) => x.name)).toEqual(migrations.map((x) => x.name).sort());
		for (const migration of migrations) {
			const bytes = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, migration.name, 'migration.sql'));
			expect(migration.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
			expect(migration.sql).toBe(bytes.toString('utf8'));
		}
	});
});

describe('migrate', () => {
	it('GIVEN an empty database WHEN migrating THEN it records each migration in Prisma’s own bookkeeping format', () => {
		const migrations = loadMigrations();
		const result = migrate(db, migrations);

		expect(result).toEqual({ applied: migrations.map((x) => x.name), alreadyApplied: [] });
		const columns = db
			.prepare<[], { name: string; type: string; notnull: number; pk: number }>(
				'SELECT name, type, "notnull", pk FROM pragma_table_info(\'_prisma_migrations\')',
			)
			.all();
		expect(columns).toEqual([
			{ name: 'id', type: 'TEXT', notnull: 1, pk: 1 },
			{ name: 'checksum', type: 'TEXT', notnull: 1, pk: 0 },
			{ name: 'finished_at', type: 'DATETIME', notnull: 0, pk: 0 },
			{ name: 'migration_name', type: 'TEXT', notnull: 1, pk: 0 },
			{ name: 'logs', type: 'TEXT', notnull: 0, pk: 0 },
			{ name: 'rolled_back_at', type: 'DATETIME', notnull: 0, pk: 0 },
			{ name: 'started_at', type: 'DATETIME', notnull: 1, pk: 0 },
			{ name: 'applied_steps_count', type: 'INTEGER UNSIGNED', notnull: 1, pk: 0 },
		]);
		const rows = db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all();
		expect(rows).toEqual(
			migrations.map((x) => ({
				id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
				checksum: x.checksum,
				finished_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
				migration_name: x.name,
				logs: null,
				rolled_back_at: null,
				started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
				applied_steps_count: 1,
			})),
		);
	});

	it('GIVEN a migrated database WHEN migrating again THEN nothing is applied and nothing changes', () => {
		const migrations = loadMigrations();
		migrate(db, migrations);
		const before = snapshot(db);

		const second = migrate(db, migrations);

		expect(second).toEqual({ applied: [], alreadyApplied: migrations.map((x) => x.name) });
		expect(snapshot(db)).toEqual(before);
	});

	it('GIVEN migrations applied up to a point WHEN new ones are added THEN only the new ones are applied, in name order', () => {
		migrate(db, [m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);')]);

		const result = migrate(db, [
			m('003_c', 'CREATE TABLE c (id INTEGER PRIMARY KEY, b INTEGER REFERENCES b (id));'),
			m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);'),
			m('002_b', 'CREATE TABLE b (id INTEGER PRIMARY KEY);'),
		]);

		expect(result).toEqual({ applied: ['002_b', '003_c'], alreadyApplied: ['001_a'] });
		expect(tableNames(db)).toEqual(['_prisma_migrations', 'a', 'b', 'c']);
	});

	it('GIVEN a migration that fails half-way WHEN migrating THEN it is rolled back entirely and MigrationError names it', () => {
		const good = m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
		const bad = m('002_bad', 'CREATE TABLE b (id INTEGER); INSERT INTO a (id) VALUES (1); CREATE TABLE broken (;');

		let error: unknown;
		try {
			migrate(db, [good, bad]);
		} catch (e) {
			error = e;
		}

		expect(error).toBeInstanceOf(MigrationError);
		expect((error as MigrationError).migrationName).toBe('002_bad');
		expect((error as Error).message).toMatch(/Migration 002_bad failed and was rolled back/);
		expect(tableNames(db)).toEqual(['_prisma_migrations', 'a']); // no table b
		expect(db.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 0 }); // no inserted row
		expect(appliedNames(db)).toEqual(['001_a']); // no bookkeeping row for 002_bad
		expect(db.inTransaction).toBe(false);

		const fixed = migrate(db, [good, m('002_bad', 'CREATE TABLE b (id INTEGER);')]);
		expect(fixed.applied).toEqual(['002_bad']);
	});

	it('GIVEN the database has a migration the code does not know WHEN migrating THEN DatabaseNewerError names it and nothing changes', () => {
		const a = m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
		const b = m('002_b', 'CREATE TABLE b (id INTEGER PRIMARY KEY);');
		migrate(db, [a, b]);
		const before = snapshot(db);
		const pendingKnown = m('001_z', 'CREATE TABLE z (id INTEGER PRIMARY KEY);');

		expect(() => migrate(db, [a, pendingKnown])).toThrow(DatabaseNewerError);
		expect(() => migrate(db, [a, pendingKnown])).toThrow(/does not know: 002_b\b/);
		expect(snapshot(db)).toEqual(before); // 001_z was not applied either
	});

	it('GIVEN an applied migration was edited WHEN migrating THEN MigrationChecksumError names it and nothing changes', () => {
		migrate(db, [m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);')]);
		const before = snapshot(db);
		const edited = [
			m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY, extra TEXT);'),
			m('002_b', 'CREATE TABLE b (id INTEGER PRIMARY KEY);'),
		];

		let error: unknown;
		try {
			migrate(db, edited);
		} catch (e) {
			error = e;
		}

		expect(error).toBeInstanceOf(MigrationChecksumError);
		expect((error as MigrationChecksumError).migrationNames).toEqual(['001_a']);
		expect((error as Error).message).toMatch(/001_a was modified after being applied/);
		expect(snapshot(db)).toEqual(before);
	});

	it('GIVEN a migration applied from a checkout with LF endings WHEN the same file has CRLF endings THEN it is not a checksum mismatch', () => {
		migrate(db, [m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER);\n')]);

		const result = migrate(db, [
			m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);\r\nCREATE TABLE b (id INTEGER);\r\n'),
		]);

		expect(result.applied).toEqual([]);
	});

	it('GIVEN a Prisma CLI run left a migration started but unfinished WHEN migrating THEN it refuses to guess and changes nothing', () => {
		migrate(db, [m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);')]);
		db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '001_a'").run();
		const before = snapshot(db);

		expect(() =>
			migrate(db, [m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);'), m('002_b', 'CREATE TABLE b (id INTEGER);')]),
		).toThrow(/001_a is recorded as started but never finished/);
		expect(snapshot(db)).toEqual(before);
	});

	it('GIVEN a Prisma-style table rebuild of a parent table WHEN migrating with foreign keys on THEN child rows survive and foreign keys are back on', () => {
		const init = m(
			'001_init',
			'CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);' +
				'CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);',
		);
		migrate(db, [init]);
		db.pragma('foreign_keys = ON');
		db.exec("INSERT INTO parent VALUES (1, 'p'); INSERT INTO child VALUES (10, 1), (11, 1);");

		// What `prisma migrate diff` emits on SQLite when a column changes (RedefineTables).
		migrate(db, [
			init,
			m(
				'002_redefine',
				`PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_parent" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_parent" ("id", "name") SELECT "id", coalesce("name", '') FROM "parent";
DROP TABLE "parent";
ALTER TABLE "new_parent" RENAME TO "parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
			),
		]);

		expect(db.prepare('SELECT id, parentId FROM child ORDER BY id').all()).toEqual([
			{ id: 10, parentId: 1 },
			{ id: 11, parentId: 1 },
		]);
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
	});

	it('GIVEN a migration that leaves dangling foreign keys WHEN migrating THEN it is rolled back', () => {
		const init = m(
			'001_init',
			'CREATE TABLE parent (id INTEGER PRIMARY KEY);' +
				'CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);' +
				'INSERT INTO parent VALUES (1); INSERT INTO child VALUES (10, 1);',
		);
		migrate(db, [init]);

		expect(() => migrate(db, [init, m('002_orphan', 'DELETE FROM parent;')])).toThrow(
			/002_orphan failed and was rolled back: leaves 1 foreign-key violation/,
		);
		expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 1 });
		expect(appliedNames(db)).toEqual(['001_init']);
	});

	it('GIVEN a migration listed twice WHEN migrating THEN it refuses before touching the database', () => {
		const a = m('001_a', 'CREATE TABLE a (id INTEGER);');

		expect(() => migrate(db, [a, a])).toThrow(/001_a is listed twice/);
		expect(tableNames(db)).toEqual([]);
	});

	it('GIVEN another process holds the write lock WHEN two processes migrate at once THEN each migration is applied exactly once', async () => {
		const migrations = [
			m('001_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);'),
			m('002_b', 'CREATE TABLE b (id INTEGER PRIMARY KEY);'),
			m('003_c', 'CREATE TABLE c (id INTEGER PRIMARY KEY);'),
		];
		// Bookkeeping already exists, as on every start after the first: nothing forces an early write lock.
		migrate(db, migrations.slice(0, 1));
		const holder = new Database(file);
		holder.exec('BEGIN IMMEDIATE');

		// The second process starts while the lock is held: it must wait, then see what the first one applied.
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				'--input-type=module',
				'-e',
				`import Database from 'better-sqlite3';
import { migrate } from ${JSON.stringify(path.join(ROOT, 'src/infra/db/migrator.ts'))};
const db = new Database(${JSON.stringify(file)});
console.log('ready');
try { console.log(JSON.stringify({ ok: migrate(db, ${JSON.stringify(migrations)}) })); }
catch (e) { console.log(JSON.stringify({ error: String(e) })); }`,
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let out = '';
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		await new Promise<void>((resolve) =>
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('ready')) resolve();
			}),
		);
		await new Promise((resolve) => setTimeout(resolve, 200)); // let it reach its first statement and wait
		holder.exec('ROLLBACK');
		const first = migrate(holder, migrations);
		holder.close();
		expect(await exited).toBe(0);

		const line = out.split('\n').find((l) => l.startsWith('{'));
		const second = JSON.parse(line ?? '{}') as { ok?: { applied: string[] }; error?: string };
		expect(second.error).toBeUndefined();
		expect([...first.applied, ...(second.ok?.applied ?? [])].sort()).toEqual(['002_b', '003_c']);
		expect(appliedNames(db)).toEqual(['001_a', '002_b', '003_c']);
	});
});
