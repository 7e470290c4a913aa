import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/infra/db/migrator.ts';

// The migrations are hand-kept SQL; these tests prove they build exactly what prisma/schema.prisma describes,
// using Prisma's own generator as the reference. Each Prisma CLI run takes about 1.5 s; they run in parallel.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
// The local CLI, run with this Node: the same as `npx prisma`, without npx's start-up cost.
const PRISMA_CLI = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');

const run = promisify(execFile);

/** Runs the Prisma CLI from the project root (it reads prisma.config.ts there) against a SQLite file. */
async function prisma(args: string[], databaseFile: string): Promise<string> {
	const { stdout } = await run(process.execPath, [PRISMA_CLI, ...args], {
		cwd: ROOT,
		env: {
			...process.env,
			DATABASE_URL: `file:${databaseFile}`,
			// Offline: no version check or telemetry call to Prisma's servers.
			CHECKPOINT_DISABLE: '1',
			PRISMA_HIDE_UPDATE_MESSAGE: '1',
		},
		maxBuffer: 16 * 1024 * 1024,
	});
	return stdout;
}

/** The whole-schema SQL Prisma would write for `schemaFile`, as a first migration would contain it. */
function sqlFromSchema(schemaFile: string, scratchDb: string): Promise<string> {
	return prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaFile, '--script'], scratchDb);
}

interface Described {
	tables: Record<string, unknown>;
	others: unknown[];
}

/**
 * Everything about a SQLite schema that matters to Prisma, ignoring the bookkeeping table and things a later
 * migration legitimately changes without changing the schema (column order, constraint names inside CREATE TABLE).
 */
function describeSchema(db: Database.Database): Described {
	const objects = db
		.prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
			`SELECT type, name, tbl_name, sql FROM sqlite_master
			 WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> '_prisma_migrations' ORDER BY type, name`,
		)
		.all();
	const tables: Record<string, unknown> = {};
	for (const table of objects.filter((o) => o.type === 'table')) {
		const columns = db
			.prepare<[string], { name: string }>(
				'SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY name',
			)
			.all(table.name);
		const indexes = db
			.prepare<[string], { name: string; unique: number; origin: string; partial: number }>(
				'SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name',
			)
			.all(table.name)
			.map((index) => ({
				...index,
				columns: db
					.prepare('SELECT name, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno')
					.all(index.name),
			}));
		const foreignKeyRows = db
			.prepare<[string], { id: number; table: string; from: string; to: string; on_update: string; on_delete: string }>(
				'SELECT id, "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
			)
			.all(table.name);
		const foreignKeys = [...new Set(foreignKeyRows.map((r) => r.id))]
			.map((id) => {
				const parts = foreignKeyRows.filter((r) => r.id === id);
				const first = parts[0];
				return {
					table: first?.table,
					from: parts.map((p) => p.from),
					to: parts.map((p) => p.to),
					onUpdate: first?.on_update,
					onDelete: first?.on_delete,
				};
			})
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		tables[table.name] = {
			autoincrement: /\bAUTOINCREMENT\b/i.test(table.sql ?? ''),
			columns,
			indexes,
			foreignKeys,
		};
	}
	const others = objects
		.filter((o) => o.type !== 'table' && o.type !== 'index')
		.map((o) => ({ type: o.type, name: o.name, sql: o.sql?.replace(/\s+/g, ' ') }));
	return { tables, others };
}

/** The Notice table as schema.prisma has it (with `onDelete: Cascade`), but with its columns in another order. */
function rebuiltAnswerFile(onDelete: string): string {
	return `DROP TABLE "AnswerFile";
CREATE TABLE "AnswerFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" BLOB NOT NULL,
    "name" TEXT NOT NULL,
    "responseId" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "contentType" TEXT,
    CONSTRAINT "AnswerFile_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE ${onDelete} ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "AnswerFile_responseId_key" ON "AnswerFile"("responseId");`;
}

let dir: string;
let migrated: Database.Database;
let expected: Database.Database;
let deployedByPrisma: Database.Database;
let statusOutput: string;
let schemaSql: string;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'gopy-schema-'));
	migrated = new Database(path.join(dir, 'migrated.db'));
	migrate(migrated, loadMigrations());

	const deployedFile = path.join(dir, 'deployed.db');
	[schemaSql, statusOutput] = await Promise.all([
		sqlFromSchema(SCHEMA, path.join(dir, 'scratch.db')),
		prisma(['migrate', 'status'], path.join(dir, 'migrated.db')),
		prisma(['migrate', 'deploy'], deployedFile),
	]);

	expected = new Database(path.join(dir, 'expected.db'));
	expected.exec(schemaSql);
	deployedByPrisma = new Database(deployedFile);
}, 60_000);

afterAll(() => {
	for (const db of [migrated, expected, deployedByPrisma]) db?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('migrations against schema.prisma', () => {
	it('GIVEN an empty database WHEN all migrations are applied THEN its schema is exactly what schema.prisma describes', () => {
		const actual = describeSchema(migrated);

		expect(Object.keys(actual.tables).length).toBeGreaterThan(10); // guards against comparing two empty schemas
		expect(actual).toEqual(describeSchema(expected));
	});

	it.each([
		['a new table', 'CREATE TABLE "Forgotten" ("id" INTEGER NOT NULL PRIMARY KEY)'],
		['a new column', 'ALTER TABLE "GuildSettings" ADD COLUMN "forgotten" TEXT'],
		['a missing index', 'DROP INDEX "Round_state_deadline_idx"'],
		[
			'a unique index instead of a plain one',
			'DROP INDEX "Round_state_deadline_idx"; CREATE UNIQUE INDEX "Round_state_deadline_idx" ON "Round"("state", "deadline")',
		],
		['another ON DELETE rule', rebuiltAnswerFile('RESTRICT')],
	])('GIVEN the schema.prisma SQL plus %s WHEN comparing schemas THEN a difference is reported', (_, change) => {
		const edited = new Database(':memory:');
		try {
			edited.exec(schemaSql);
			edited.exec(change);
			expect(describeSchema(edited)).not.toEqual(describeSchema(expected));
		} finally {
			edited.close();
		}
	});

	it('GIVEN a table rebuilt by a later migration with its columns in another order WHEN comparing schemas THEN no difference is reported', () => {
		const rebuilt = new Database(':memory:');
		try {
			rebuilt.exec(schemaSql);
			rebuilt.exec(rebuiltAnswerFile('CASCADE'));
			expect(describeSchema(rebuilt)).toEqual(describeSchema(expected));
		} finally {
			rebuilt.close();
		}
	});

	it('GIVEN a database migrated by the app WHEN `prisma migrate status` reads it THEN Prisma sees it up to date', () => {
		expect(statusOutput).toContain('Database schema is up to date');
	});

	it('GIVEN a database migrated by `prisma migrate deploy` WHEN the app migrates it THEN it applies nothing', () => {
		const result = migrate(deployedByPrisma, loadMigrations());

		expect(result.applied).toEqual([]);
		expect(result.alreadyApplied).toEqual(loadMigrations().map((m) => m.name));
	});
});

describe('the PostgreSQL copy of the schema', () => {
	/** The schema with the three lines that may differ between engines replaced by placeholders. */
	function engineNeutral(file: string): string {
		return readFileSync(file, 'utf8')
			.replace(/^(\s*provider\s*=\s*)"(sqlite|postgresql)"$/m, '$1"<engine>"')
			.replace(/^(\s*url\s*=\s*)"[^"]*"$/m, '$1"<url>"')
			.replace(/^(\s*output\s*=\s*)"[^"]*"$/m, '$1"<output>"');
	}

	it('GIVEN prisma/schema.prisma and prisma/postgresql/schema.prisma WHEN provider, url and output are set aside THEN they are identical', () => {
		const sqlite = engineNeutral(SCHEMA);
		const postgres = engineNeutral(path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma'));

		expect(sqlite).toContain('"<engine>"');
		expect(postgres).toContain('"<url>"');
		expect(postgres).toBe(sqlite);
	});

	it('GIVEN the PostgreSQL schema WHEN read THEN it names PostgreSQL, a literal url (offline generate) and its own client folder', () => {
		const text = readFileSync(path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma'), 'utf8');
		expect(text).toMatch(/provider = "postgresql"/);
		expect(text).toMatch(/url\s+= "postgresql:\/\//);
		expect(text).toMatch(/output\s+= "..\/..\/src\/generated\/prisma-pg"/);
	});
});
