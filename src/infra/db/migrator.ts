import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

// The Prisma CLI cannot apply migrations at run time (it needs a download on most set-ups and its JavaScript engine
// fails on PostgreSQL), so the app applies `prisma/migrations/*/migration.sql` itself. It keeps Prisma's own
// `_prisma_migrations` bookkeeping so `prisma migrate status` / `migrate diff` keep working on the same database.

/** Minimal structured logger; a pino `Logger` satisfies it. */
export interface DbLogger {
	info(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

export interface Migration {
	/** Folder name, e.g. `20261125000000_init`; the order of application is the order of these names. */
	name: string;
	sql: string;
	/** sha256 (hex) of `migration.sql`, the value Prisma stores in `_prisma_migrations.checksum`. */
	checksum: string;
}

export interface MigrateResult {
	/** Migrations applied by this call, in order. */
	applied: string[];
	/** Known migrations that were already applied before this call. */
	alreadyApplied: string[];
}

/** A migration failed; the database is left as it was before that migration (earlier ones stay applied). */
export class MigrationError extends Error {
	override name = 'MigrationError';
	constructor(
		readonly migrationName: string,
		message: string,
		options?: { cause: unknown },
	) {
		super(message, options);
	}
}

/** The database has applied migrations this code does not know: it was migrated by a newer version of the app. */
export class DatabaseNewerError extends Error {
	override name = 'DatabaseNewerError';
	constructor(readonly unknownMigrations: string[]) {
		super(
			`The database has ${unknownMigrations.length === 1 ? 'a migration' : 'migrations'} this version of the ` +
				`app does not know: ${unknownMigrations.join(', ')}. It was migrated by a newer version; run that ` +
				`version (or restore a backup taken before the upgrade). Nothing was changed.`,
		);
	}
}

/** An applied migration's file was edited afterwards: the database may not match what the code expects. */
export class MigrationChecksumError extends Error {
	override name = 'MigrationChecksumError';
	constructor(readonly migrationNames: string[]) {
		super(
			`Migration${migrationNames.length === 1 ? '' : 's'} ${migrationNames.join(', ')} ` +
				`${migrationNames.length === 1 ? 'was' : 'were'} modified after being applied to this database ` +
				`(checksum differs from _prisma_migrations). Restore the original migration.sql and put the change ` +
				`in a new migration. Nothing was changed.`,
		);
	}
}

export const MIGRATIONS_TABLE = '_prisma_migrations';

// Exactly the DDL Prisma 6's schema engine uses on each engine, so Prisma's own tools (`prisma migrate status`)
// read and write our rows.
const CREATE_MIGRATIONS_TABLE_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const CREATE_MIGRATIONS_TABLE_POSTGRES = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The key of the transaction-level advisory lock that serializes migrating processes on PostgreSQL (the key
 * Prisma's own engine uses, so a `prisma migrate` run and the app also wait for each other).
 */
export const POSTGRES_MIGRATION_LOCK = 72707369;

const SELECT_APPLIED = `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "started_at"
FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`;

const INSERT_APPLIED = `INSERT INTO "_prisma_migrations"
("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`;

export interface MigrationRecord {
	migration_name: string;
	checksum: string;
	finished_at: string | null;
	rolled_back_at: string | null;
	started_at: string;
}

/**
 * The project's `prisma/` folder: three levels up from this file when it runs as TypeScript (src/infra/db), four
 * when it runs compiled (dist/src/infra/db, `npm start`).
 */
const PRISMA_DIR =
	['../../../prisma/', '../../../../prisma/']
		.map((up) => fileURLToPath(new URL(up, import.meta.url)))
		.find((dir) => existsSync(path.join(dir, 'migrations'))) ??
	fileURLToPath(new URL('../../../prisma/', import.meta.url));

export const DEFAULT_MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations/');
/** PostgreSQL's migrations, beside its schema copy (prisma/postgresql/schema.prisma). */
export const POSTGRES_MIGRATIONS_DIR = path.join(PRISMA_DIR, 'postgresql/migrations/');

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads `<dir>/<name>/migration.sql` for every sub-folder, sorted by folder name (Prisma's order). */
export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
	if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
	const names = readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		// Plain code-unit order, not locale order: timestamps must sort the same on every machine.
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return names.map((name) => {
		const file = path.join(dir, name, 'migration.sql');
		if (!existsSync(file)) throw new Error(`Migration folder ${name} has no migration.sql (${file})`);
		// Hash the bytes as stored, as Prisma does; the text round-trips through UTF-8 unchanged.
		const bytes = readFileSync(file);
		return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
	});
}

/** What the bookkeeping says must happen next; pure so that a PostgreSQL driver can reuse it unchanged. */
export function planMigrations(records: readonly MigrationRecord[], migrations: readonly Migration[]): Migration[] {
	const known = new Map(migrations.map((m) => [m.name, m]));
	// Rows with rolled_back_at are attempts Prisma was told to forget (`migrate resolve --rolled-back`).
	const live = records.filter((r) => r.rolled_back_at === null);

	const unknown = [...new Set(live.map((r) => r.migration_name).filter((name) => !known.has(name)))];
	if (unknown.length > 0) throw new DatabaseNewerError(unknown);

	// A row that started but never finished comes from a Prisma CLI run that failed half-way (this migrator never
	// leaves one behind): its changes may be partly there, so only a person can decide what to do.
	const unfinished = live.find((r) => r.finished_at === null);
	if (unfinished) {
		throw new MigrationError(
			unfinished.migration_name,
			`Migration ${unfinished.migration_name} is recorded as started but never finished (started ` +
				`${unfinished.started_at}). Check the database by hand, then run \`prisma migrate resolve --rolled-back ` +
				`${unfinished.migration_name}\` or \`--applied ${unfinished.migration_name}\`. Nothing was changed.`,
		);
	}

	const applied = new Map(live.map((r) => [r.migration_name, r]));
	const modified = migrations
		.filter((m) => {
			const record = applied.get(m.name);
			return record !== undefined && !checksumMatches(m, record.checksum);
		})
		.map((m) => m.name);
	if (modified.length > 0) throw new MigrationChecksumError(modified);

	return migrations.filter((m) => !applied.has(m.name));
}

// A checkout with Windows line endings (git core.autocrlf) changes the bytes but not the migration.
function checksumMatches(migration: Migration, recorded: string): boolean {
	if (migration.checksum === recorded) return true;
	const lf = migration.sql.replace(/\r\n/g, '\n');
	return sha256Hex(lf) === recorded || sha256Hex(lf.replace(/\n/g, '\r\n')) === recorded;
}

/**
 * Applies the pending migrations to a SQLite database, each in its own transaction, under SQLite's write lock.
 * Throws DatabaseNewerError / MigrationChecksumError before changing anything, and MigrationError (after
 * rolling that migration back) when a migration's SQL fails.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], log?: DbLogger): MigrateResult {
	const ordered = sortedUnique(migrations);

	// Another process may hold the write lock while it migrates: wait for it rather than fail at once.
	const busyTimeout = Number(db.pragma('busy_timeout', { simple: true }));
	if (!(busyTimeout >= 5000)) db.pragma('busy_timeout = 5000');

	const applied: string[] = [];
	let alreadyApplied: string[] | undefined;
	for (;;) {
		// One transaction per migration; the bookkeeping is re-read after taking the lock each time, so a process
		// that waited for another one sees what that one applied instead of applying it a second time.
		const step = withWriteLock(db, () => {
			db.exec(CREATE_MIGRATIONS_TABLE_SQLITE);
			const records = db.prepare<[], MigrationRecord>(SELECT_APPLIED).all();
			const pending = planMigrations(records, ordered);
			alreadyApplied ??= ordered.filter((m) => !pending.includes(m)).map((m) => m.name);
			const next = pending[0];
			if (next) applyOne(db, next, log);
			return next?.name;
		});
		if (step === undefined) break;
		applied.push(step);
	}
	if (applied.length > 0) log?.info({ applied }, 'database migrations applied');
	return { applied, alreadyApplied: alreadyApplied ?? [] };
}

/**
 * Applies the pending migrations to a PostgreSQL database through one plain connection: each migration in its own
 * transaction, under `pg_advisory_xact_lock` (released by COMMIT/ROLLBACK on this same connection, so it cannot
 * leak as a session lock taken through a pool would). The bookkeeping is re-read under the lock each time, so
 * processes starting together apply each migration once. DatabaseNewerError / MigrationChecksumError are thrown
 * before anything changes (the transaction that created the bookkeeping table is rolled back too).
 */
export async function migratePostgres(
	client: pg.ClientBase,
	migrations: readonly Migration[],
	log?: DbLogger,
): Promise<MigrateResult> {
	const ordered = sortedUnique(migrations);
	const applied: string[] = [];
	let alreadyApplied: string[] | undefined;
	for (;;) {
		await client.query('BEGIN');
		let step: string | undefined;
		try {
			await client.query('SELECT pg_advisory_xact_lock($1)', [POSTGRES_MIGRATION_LOCK]);
			await client.query(CREATE_MIGRATIONS_TABLE_POSTGRES);
			const result = await client.query<{
				migration_name: string;
				checksum: string;
				finished_at: Date | null;
				rolled_back_at: Date | null;
				started_at: Date;
			}>(SELECT_APPLIED);
			const records: MigrationRecord[] = result.rows.map((r) => ({
				migration_name: r.migration_name,
				checksum: r.checksum,
				finished_at: r.finished_at?.toISOString() ?? null,
				rolled_back_at: r.rolled_back_at?.toISOString() ?? null,
				started_at: r.started_at.toISOString(),
			}));
			const pending = planMigrations(records, ordered);
			alreadyApplied ??= ordered.filter((m) => !pending.includes(m)).map((m) => m.name);
			const next = pending[0];
			if (next) {
				const startedAt = new Date();
				try {
					// Without parameters pg uses the simple query protocol, which runs a multi-statement script.
					await client.query(next.sql);
				} catch (cause) {
					const reason = cause instanceof Error ? cause.message : String(cause);
					log?.error({ migration: next.name, err: cause }, 'database migration failed');
					throw new MigrationError(next.name, `Migration ${next.name} failed and was rolled back: ${reason}`, {
						cause,
					});
				}
				await client.query(
					`INSERT INTO "_prisma_migrations"
					("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
					VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
					[randomUUID(), next.checksum, next.name, startedAt],
				);
				log?.info({ migration: next.name, ms: Date.now() - startedAt.getTime() }, 'database migration applied');
			}
			step = next?.name;
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
		if (step === undefined) break;
		applied.push(step);
	}
	if (applied.length > 0) log?.info({ applied }, 'database migrations applied');
	return { applied, alreadyApplied: alreadyApplied ?? [] };
}

function sortedUnique(migrations: readonly Migration[]): Migration[] {
	const ordered = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const duplicate = ordered.find((m, i) => i > 0 && ordered[i - 1]?.name === m.name);
	if (duplicate) throw new Error(`Migration ${duplicate.name} is listed twice`);
	return ordered;
}

function applyOne(db: BetterSqlite3.Database, migration: Migration, log?: DbLogger): void {
	const startedAt = new Date();
	try {
		db.exec(migration.sql);
		// Foreign keys are off while migrating (see withWriteLock), so check what the migration left behind.
		const violations = db.prepare('PRAGMA foreign_key_check').all();
		if (violations.length > 0) {
			throw new Error(`leaves ${violations.length} foreign-key violation(s), e.g. ${JSON.stringify(violations[0])}`);
		}
	} catch (cause) {
		const reason = cause instanceof Error ? cause.message : String(cause);
		log?.error({ migration: migration.name, err: cause }, 'database migration failed');
		throw new MigrationError(migration.name, `Migration ${migration.name} failed and was rolled back: ${reason}`, {
			cause,
		});
	}
	db.prepare(INSERT_APPLIED).run(
		randomUUID(),
		migration.checksum,
		prismaTimestamp(new Date()),
		migration.name,
		prismaTimestamp(startedAt),
	);
	log?.info({ migration: migration.name, ms: Date.now() - startedAt.getTime() }, 'database migration applied');
}

/**
 * Runs `fn` inside `BEGIN IMMEDIATE` (SQLite's write lock, taken up front so two starting processes queue here),
 * committing on success and rolling back on any error.
 */
function withWriteLock<T>(db: BetterSqlite3.Database, fn: () => T): T {
	// Prisma's SQLite migrations rebuild tables (`DROP TABLE` + rename) and rely on `PRAGMA foreign_keys=OFF`,
	// which is a no-op inside a transaction; with foreign keys on, that DROP would cascade-delete child rows. So
	// they are switched off before the transaction (SQLite's documented procedure) and checked before commit.
	const foreignKeys = Number(db.pragma('foreign_keys', { simple: true })) === 1;
	if (foreignKeys) db.pragma('foreign_keys = OFF');
	try {
		db.exec('BEGIN IMMEDIATE');
		try {
			const result = fn();
			db.exec('COMMIT');
			return result;
		} catch (error) {
			// A failed statement may already have ended the transaction; rolling back again would mask the error.
			if (db.inTransaction) db.exec('ROLLBACK');
			throw error;
		}
	} finally {
		if (foreignKeys) db.pragma('foreign_keys = ON');
	}
}

// Prisma's JavaScript engine stores these times as ISO 8601 text with an explicit offset.
function prismaTimestamp(date: Date): string {
	return date.toISOString().replace('Z', '+00:00');
}
