import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/infra/db/database.ts';
import {
	DatabaseNewerError,
	loadMigrations,
	migratePostgres,
	POSTGRES_MIGRATIONS_DIR,
} from '../../../src/infra/db/migrator.ts';
import { withClient, withDatabase } from '../../support/test-database.ts';

// PostgreSQL has its own migrations (prisma/postgresql/migrations), written by `prisma migrate diff` from the
// PostgreSQL copy of the schema; these tests prove they build exactly that schema, that our migrator keeps
// Prisma's bookkeeping under a transaction-level advisory lock, and that bad URLs give one clear line.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PG_SCHEMA = path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma');
const PRISMA_CLI = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
const run = promisify(execFile);
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const created: string[] = [];
async function freshDatabase(label: string): Promise<string> {
	const name = `gopyt_pgtest_${process.pid}_${label}_${created.length}`;
	await withClient(ADMIN_URL, async (c) => {
		await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await c.query(`CREATE DATABASE "${name}"`);
	});
	created.push(name);
	return withDatabase(ADMIN_URL, name);
}

// Dropping databases can take seconds each on a busy server.
afterAll(async () => {
	await withClient(ADMIN_URL, async (c) => {
		for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	});
}, 180_000);

/** Everything about a PostgreSQL schema that Prisma relies on, bookkeeping table excluded. */
async function describeSchema(url: string): Promise<Record<string, unknown[]>> {
	return withClient(url, async (c) => {
		const q = async (sql: string) => (await c.query(sql)).rows as unknown[];
		return {
			columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
				character_maximum_length, numeric_precision, datetime_precision
				FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
				ORDER BY table_name, column_name`),
			constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
				FROM pg_constraint WHERE connamespace = 'public'::regnamespace
				AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'
				ORDER BY 1, 2`),
			indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
				WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
			sequences: await q(`SELECT sequence_name, data_type FROM information_schema.sequences
				WHERE sequence_schema = 'public' ORDER BY 1`),
			types: await q(
				`SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' ORDER BY 1`,
			),
		};
	});
}

let migratedUrl: string;
let expectedUrl: string;

beforeAll(async () => {
	migratedUrl = await freshDatabase('migrated');
	expectedUrl = await freshDatabase('expected');
	const [{ stdout: schemaSql }] = await Promise.all([
		run(
			process.execPath,
			[PRISMA_CLI, 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', PG_SCHEMA, '--script'],
			{
				cwd: ROOT,
				env: { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
			},
		),
		withClient(migratedUrl, (c) => migratePostgres(c, loadMigrations(POSTGRES_MIGRATIONS_DIR))),
	]);
	await withClient(expectedUrl, (c) => c.query(schemaSql));
}, 60_000);

describe('PostgreSQL migrations', () => {
	it('GIVEN an empty database WHEN all PostgreSQL migrations are applied THEN its schema is exactly what prisma/postgresql/schema.prisma describes', async () => {
		const actual = await describeSchema(migratedUrl);

		expect(actual['columns']!.length).toBeGreaterThan(100); // guards against comparing two empty schemas
		expect(actual).toEqual(await describeSchema(expectedUrl));
	});

	it('GIVEN a migrated database plus one more index WHEN comparing schemas THEN a difference is reported', async () => {
		const edited = await freshDatabase('edited');
		await withClient(edited, (c) => migratePostgres(c, loadMigrations(POSTGRES_MIGRATIONS_DIR)));
		await withClient(edited, (c) => c.query('CREATE INDEX "Extra_idx" ON "Unit"("name")'));
		expect(await describeSchema(edited)).not.toEqual(await describeSchema(expectedUrl));
	});

	it('GIVEN the two engines WHEN listing migrations THEN each SQLite migration has its PostgreSQL twin of the same name', () => {
		expect(loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name)).toEqual(loadMigrations().map((m) => m.name));
	});

	it('GIVEN a migrated database WHEN it is read back THEN Prisma-style bookkeeping lists every migration, finished, with its checksum', async () => {
		const rows = await withClient(
			migratedUrl,
			async (c) =>
				(
					await c.query<{
						migration_name: string;
						checksum: string;
						finished_at: Date | null;
						applied_steps_count: number;
					}>(
						'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
					)
				).rows,
		);
		expect(rows.map((r) => [r.migration_name, r.checksum, r.finished_at !== null, r.applied_steps_count])).toEqual(
			loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => [m.name, m.checksum, true, 1]),
		);
	});

	it('GIVEN three processes starting at once on an empty database WHEN each migrates THEN every migration is applied exactly once', async () => {
		const url = await freshDatabase('race');
		const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: url }));
		await Promise.all(clients.map((c) => c.connect()));
		try {
			const results = await Promise.all(
				clients.map((c) => migratePostgres(c, loadMigrations(POSTGRES_MIGRATIONS_DIR))),
			);
			expect(results.flatMap((r) => r.applied).sort()).toEqual(
				loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name),
			);
			const count = await clients[0]!.query<{ n: string }>('SELECT count(*) AS n FROM "_prisma_migrations"');
			expect(Number(count.rows[0]?.n)).toBe(loadMigrations(POSTGRES_MIGRATIONS_DIR).length);
			// The lock was transaction-level: none is left behind on any connection.
			const locks = await clients[0]!.query<{ n: string }>(
				`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'
				 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
			);
			expect(Number(locks.rows[0]?.n)).toBe(0);
		} finally {
			await Promise.all(clients.map((c) => c.end()));
		}
	});

	it('GIVEN a database migrated by a newer version WHEN the app opens it THEN it is refused with DatabaseNewerError and nothing changes', async () => {
		const url = await freshDatabase('newer');
		const future = {
			name: '99990101000000_future',
			sql: 'CREATE TABLE "Future" ("id" INTEGER PRIMARY KEY);',
			checksum: 'x',
		};
		await withClient(url, (c) => migratePostgres(c, [...loadMigrations(POSTGRES_MIGRATIONS_DIR), future]));
		const before = await describeSchema(url);
		const rowsBefore = await withClient(
			url,
			async (c) => (await c.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows,
		);

		await expect(openDatabase(url)).rejects.toThrow(DatabaseNewerError);
		await expect(openDatabase(url)).rejects.toThrow(/99990101000000_future/);

		expect(await describeSchema(url)).toEqual(before);
		expect(
			await withClient(
				url,
				async (c) => (await c.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows,
			),
		).toEqual(rowsBefore);
	});
});

describe('PostgreSQL DATABASE_URL problems', () => {
	it('GIVEN a database that does not exist WHEN opening THEN one line names DATABASE_URL and the missing database', async () => {
		await expect(openDatabase(withDatabase(ADMIN_URL, 'gopyt_missing_database'))).rejects.toThrow(
			/^DATABASE_URL names database "gopyt_missing_database", which does not exist on [^\n]+$/,
		);
	});

	it('GIVEN a user the server does not accept WHEN opening THEN one line names DATABASE_URL and the refused credentials, without the password', async () => {
		const u = new URL(ADMIN_URL);
		u.username = 'gopy_no_such_user';
		u.password = 's3cret';
		const attempt = openDatabase(u.toString());
		await expect(attempt).rejects.toThrow(
			/^DATABASE_URL: the PostgreSQL server [^ ]+ refused the credentials of user "gopy_no_such_user"/,
		);
		await expect(attempt).rejects.not.toThrow(/s3cret/);
	});

	it('GIVEN npm start with a missing database WHEN it starts THEN it exits 1 with one line naming DATABASE_URL', async () => {
		const main = path.join(ROOT, 'src', 'main.ts');
		const attempt = run(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
			cwd: ROOT,
			env: {
				...process.env,
				DISCORD_TOKEN: 'x',
				DATABASE_URL: withDatabase(ADMIN_URL, 'gopyt_missing_database'),
				LOG_LEVEL: 'silent',
			},
			timeout: 60_000,
		});
		const failure = (await attempt.then(
			() => null,
			(error: unknown) => error,
		)) as { code: number; stderr: string } | null;
		expect(failure?.code).toBe(1);
		expect(failure?.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(
				/^Start-up failed: DATABASE_URL names database "gopyt_missing_database", which does not exist/,
			),
		]);
	});
});
