import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.ts';
import {
	loadMigrations,
	migrate,
	migratePostgres,
	POSTGRES_MIGRATIONS_DIR,
	type DbLogger,
	type MigrateResult,
	type Migration,
} from './migrator.ts';
import { adapterSql, captureAdapter, type Sql } from './sql.ts';

export type { DbLogger };

/** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** How long a PostgreSQL connection attempt may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
/** PostgreSQL interactive transactions: how long one may wait for a pooled connection, and run at most. */
const TX_MAX_WAIT_MS = 30_000;
const TX_TIMEOUT_MS = 15_000;

export interface OpenDatabaseOptions {
	log?: DbLogger;
	/** Defaults to the project's `prisma/migrations`; tests pass their own. */
	migrations?: readonly Migration[];
}

export interface OpenedDatabase {
	/** Typed as the SQLite client; on PostgreSQL it is the PostgreSQL client (same schema, same calls). */
	prisma: PrismaClient;
	/** Raw SQL straight on the driver adapter `prisma` uses (the busiest paths; see sql.ts). */
	sql: Sql;
	engine: DatabaseEngine;
	/** Absolute path of the SQLite file; null on PostgreSQL. */
	path: string | null;
	/** What the start-up migration did. */
	migrations: MigrateResult;
	/** Disconnects Prisma; safe to call more than once. */
	close(): Promise<void>;
}

export class UnsupportedDatabaseUrlError extends Error {
	override name = 'UnsupportedDatabaseUrlError';
}

/** The database engine a `DATABASE_URL` names. */
export type DatabaseEngine = 'sqlite' | 'postgresql';

/**
 * `file:` (or a plain path) is SQLite, `postgres://` / `postgresql://` is PostgreSQL; anything else is refused
 * with a message naming only the scheme (the rest of a server URL may hold a password).
 */
export function databaseEngine(databaseUrl: string): DatabaseEngine {
	const url = databaseUrl.trim();
	if (url === '') throw new UnsupportedDatabaseUrlError('DATABASE_URL is empty; use e.g. file:./data/gopy.db');
	// A one-letter "scheme" is a Windows drive (C:\...), not a URL.
	const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
	if (scheme === 'postgres' || scheme === 'postgresql') return 'postgresql';
	if (scheme === undefined || scheme === 'file') return 'sqlite';
	throw new UnsupportedDatabaseUrlError(
		`DATABASE_URL has an unsupported scheme ${scheme}: use file:./data/gopy.db (SQLite) or ` +
			`postgres://user:password@host:5432/database (PostgreSQL)`,
	);
}

/**
 * Turns `file:./data/gopy.db`, `file:/abs/path.db`, `file:///abs/path.db` or a plain path into an absolute file
 * path (relative paths against `cwd`, as better-sqlite3 and the Prisma CLI with our prisma.config.ts do).
 * Connection parameters after `?` (e.g. Prisma's `?connection_limit=1`) mean nothing to SQLite and are dropped.
 */
export function resolveSqlitePath(databaseUrl: string, cwd: string = process.cwd()): string {
	const url = databaseUrl.trim();
	if (databaseEngine(url) !== 'sqlite') {
		throw new UnsupportedDatabaseUrlError('DATABASE_URL is not a SQLite URL; use e.g. file:./data/gopy.db');
	}
	const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();

	let file: string;
	if (scheme === undefined) file = url;
	else if (url.slice(5).startsWith('//'))
		file = fileURLToPath(new URL(url)); // file:///abs/path.db
	else file = url.slice(5).split('?', 1)[0] ?? '';

	if (file === '') throw new UnsupportedDatabaseUrlError('DATABASE_URL has no file path; use e.g. file:./data/gopy.db');
	// The migrator and Prisma use separate connections, and each in-memory connection is its own empty database.
	if (file.startsWith(':memory:')) {
		throw new UnsupportedDatabaseUrlError(
			'In-memory SQLite is not supported: migrations run on a separate connection. Use a file (e.g. in a temp dir).',
		);
	}
	return path.resolve(cwd, file);
}

/**
 * Opens the app's database named by `databaseUrl` (SQLite file or PostgreSQL server): brings the schema up to date
 * with that engine's migrations, then returns a connected PrismaClient. Fails (closing everything) if the database
 * is newer than the code, an applied migration was edited, a migration fails, or (PostgreSQL) the server cannot be
 * reached, refuses the credentials or has no such database: then with a DatabaseConnectionError naming DATABASE_URL.
 */
export async function openDatabase(databaseUrl: string, opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
	if (databaseEngine(databaseUrl) === 'postgresql') return openPostgres(databaseUrl.trim(), opts);
	const file = resolveSqlitePath(databaseUrl);
	mkdirSync(path.dirname(file), { recursive: true });
	const migrations = prepareSqlite(file, opts.migrations ?? loadMigrations(), opts.log);

	// The adapter passes these options straight to better-sqlite3 and runs no PRAGMAs itself.
	const adapter = captureAdapter(new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }));
	const prisma = new PrismaClient({ adapter: adapter.factory });
	try {
		await prisma.$connect();
		await ensureForeignKeys(prisma);
	} catch (error) {
		await prisma.$disconnect().catch(() => undefined);
		throw error;
	}
	opts.log?.info({ path: file, applied: migrations.applied }, 'database ready');

	let closing: Promise<void> | undefined;
	return {
		prisma,
		sql: adapterSql(adapter.current, 'sqlite'),
		engine: 'sqlite',
		path: file,
		migrations,
		close: () => (closing ??= prisma.$disconnect()),
	};
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<OpenedDatabase> {
	const migrations = await migratePostgresUrl(
		url,
		opts.migrations ?? loadMigrations(POSTGRES_MIGRATIONS_DIR),
		opts.log,
	);
	// The store is typed against the SQLite client; both clients come from one schema (prisma/postgresql is a copy
	// with another provider), so the PostgreSQL client answers every call the store makes. This is the one cast.
	// PostgreSQL's client, adapter and driver (~15 MB resident) are loaded only when the database is PostgreSQL.
	const [{ PrismaClient: PgPrismaClient }, { PrismaPg }] = await Promise.all([
		import('../../generated/prisma-pg/client.ts'),
		import('@prisma/adapter-pg'),
	]);
	const adapter = captureAdapter(
		new PrismaPg(
			// pg applies this timeout to waiting for a free pooled connection too, not only to connecting.
			{ connectionString: url, connectionTimeoutMillis: TX_MAX_WAIT_MS },
			{ onPoolError: (error) => opts.log?.warn({ err: error }, 'idle PostgreSQL connection failed') },
		),
	);
	const prisma = new PgPrismaClient({
		// Bursts (100 clicks at once) queue for the pool's connections and for the round's row lock: the defaults
		// (2 s to get a connection, 5 s per transaction) would refuse answers that only had to wait their turn.
		transactionOptions: { maxWait: TX_MAX_WAIT_MS, timeout: TX_TIMEOUT_MS },
		adapter: adapter.factory,
	}) as unknown as PrismaClient;
	try {
		await prisma.$connect();
	} catch (error) {
		await prisma.$disconnect().catch(() => undefined);
		throw error;
	}
	opts.log?.info({ server: describeServer(url), applied: migrations.applied }, 'database ready');
	let closing: Promise<void> | undefined;
	return {
		prisma,
		sql: adapterSql(adapter.current, 'postgresql'),
		engine: 'postgresql',
		path: null,
		migrations,
		close: () => (closing ??= prisma.$disconnect()),
	};
}

/** Connects once with a plain client, applies pending migrations, disconnects. Connection failures become one line. */
export async function migratePostgresUrl(
	url: string,
	migrations: readonly Migration[],
	log?: DbLogger,
): Promise<MigrateResult> {
	const client = await connectPostgres(url);
	try {
		return await migratePostgres(client, migrations, log);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** A connected `pg.Client` for `url`, or a DatabaseConnectionError saying in one line what is wrong. */
export async function connectPostgres(url: string): Promise<pg.Client> {
	const { default: driver } = await import('pg');
	const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
	// A server that goes away later emits 'error' on the client; without a listener that would end the process.
	client.on('error', () => undefined);
	try {
		await client.connect();
		return client;
	} catch (error) {
		await client.end().catch(() => undefined);
		throw new DatabaseConnectionError(describeConnectionFailure(url, error), { cause: error });
	}
}

/** The server cannot be used: unreachable, wrong credentials, missing database. The message is one line. */
export class DatabaseConnectionError extends Error {
	override name = 'DatabaseConnectionError';
}

/** `host:port/database` of a PostgreSQL URL, without user or password (safe to log). */
export function describeServer(url: string, withDatabase = true): string {
	try {
		const u = new URL(url);
		const database = withDatabase && u.pathname !== '/' ? u.pathname : '';
		return `${u.hostname || 'localhost'}:${u.port || '5432'}${database}`;
	} catch {
		return 'the PostgreSQL server';
	}
}

function describeConnectionFailure(url: string, error: unknown): string {
	let user = '';
	let database = '';
	try {
		const u = new URL(url);
		user = decodeURIComponent(u.username);
		database = decodeURIComponent(u.pathname.replace(/^\//, ''));
	} catch {
		return 'DATABASE_URL is not a valid PostgreSQL URL; use postgres://user:password@host:5432/database';
	}
	const server = describeServer(url, false);
	const code = (error as { code?: unknown } | null)?.code;
	const message = error instanceof Error ? error.message : String(error);
	switch (code) {
		case '3D000':
			return `DATABASE_URL names database "${database}", which does not exist on ${server}; create it first (CREATE DATABASE)`;
		case '28P01':
		case '28000':
			return `DATABASE_URL: the PostgreSQL server ${server} refused the credentials of user "${user || 'default'}" (${message})`;
		case 'ECONNREFUSED':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ECONNRESET':
			return `DATABASE_URL: cannot reach the PostgreSQL server at ${server} (${code})`;
		default:
			if (/timeout/i.test(message)) {
				return `DATABASE_URL: cannot reach the PostgreSQL server at ${server} (no answer in ${CONNECT_TIMEOUT_MS / 1000} s)`;
			}
			return `DATABASE_URL: cannot connect to the PostgreSQL server at ${server}: ${message.split('\n')[0] ?? ''}`;
	}
}

function prepareSqlite(file: string, migrations: readonly Migration[], log?: DbLogger): MigrateResult {
	const db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
	try {
		db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		// WAL lets readers run while a writer commits. The mode is stored in the file, so every later connection
		// (Prisma's included) uses it; foreign_keys and busy_timeout are per connection and are set again there.
		const mode: unknown = db.pragma('journal_mode = WAL', { simple: true });
		if (mode !== 'wal') log?.warn({ path: file, journalMode: mode }, 'SQLite did not switch to WAL journal mode');
		db.pragma('foreign_keys = ON');
		return migrate(db, migrations, log);
	} finally {
		db.close();
	}
}

// better-sqlite3 is compiled with SQLITE_DEFAULT_FOREIGN_KEYS=1, so they should already be on; a driver built
// without it would silently ignore every relation's ON DELETE rule and accept dangling ids. The adapter keeps
// one connection per PrismaClient connection, so setting the PRAGMA through Prisma covers all its queries.
async function ensureForeignKeys(prisma: PrismaClient): Promise<void> {
	const enabled = async () =>
		Number((await prisma.$queryRawUnsafe<{ foreign_keys: unknown }[]>('PRAGMA foreign_keys'))[0]?.foreign_keys) === 1;
	if (await enabled()) return;
	await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
	if (!(await enabled())) throw new Error('Could not enable SQLite foreign keys on the Prisma connection');
}
