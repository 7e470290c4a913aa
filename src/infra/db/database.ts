import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { loadMigrations, migrate, type DbLogger, type MigrateResult, type Migration } from './migrator.ts';

export type { DbLogger };

/** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
	log?: DbLogger;
	/** Defaults to the project's `prisma/migrations`; tests pass their own. */
	migrations?: readonly Migration[];
}

export interface OpenedDatabase {
	prisma: PrismaClient;
	/** Absolute path of the SQLite file. */
	path: string;
	/** What the start-up migration did. */
	migrations: MigrateResult;
	/** Disconnects Prisma; safe to call more than once. */
	close(): Promise<void>;
}

export class UnsupportedDatabaseUrlError extends Error {
	override name = 'UnsupportedDatabaseUrlError';
}

/**
 * Turns `file:./data/gopy.db`, `file:/abs/path.db`, `file:///abs/path.db` or a plain path into an absolute file
 * path (relative paths against `cwd`, as better-sqlite3 and the Prisma CLI with our prisma.config.ts do).
 * Connection parameters after `?` (e.g. Prisma's `?connection_limit=1`) mean nothing to SQLite and are dropped.
 */
export function resolveSqlitePath(databaseUrl: string, cwd: string = process.cwd()): string {
	const url = databaseUrl.trim();
	if (url === '') throw new UnsupportedDatabaseUrlError('DATABASE_URL is empty; use e.g. file:./data/gopy.db');
	// A one-letter "scheme" is a Windows drive (C:\...), not a URL.
	const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
	// Only the scheme goes into messages: the rest of a server URL may hold a password.
	if (scheme === 'postgres' || scheme === 'postgresql') {
		throw new UnsupportedDatabaseUrlError(
			`PostgreSQL is not wired yet (DATABASE_URL uses ${scheme}:). Use a SQLite file, e.g. file:./data/gopy.db`,
		);
	}
	if (scheme !== undefined && scheme !== 'file') {
		throw new UnsupportedDatabaseUrlError(
			`Unsupported DATABASE_URL scheme ${scheme}: only SQLite files are supported, e.g. file:./data/gopy.db`,
		);
	}

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
 * Opens the app's database: creates the file's folder, brings the schema up to date with the migrations, then
 * returns a connected PrismaClient. Fails (closing everything) if the database is newer than the code, an applied
 * migration was edited, or a migration fails.
 */
export async function openDatabase(databaseUrl: string, opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
	const file = resolveSqlitePath(databaseUrl);
	mkdirSync(path.dirname(file), { recursive: true });
	const migrations = prepareSqlite(file, opts.migrations ?? loadMigrations(), opts.log);

	// The adapter passes these options straight to better-sqlite3 and runs no PRAGMAs itself.
	const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }) });
	try {
		await prisma.$connect();
		await ensureForeignKeys(prisma);
	} catch (error) {
		await prisma.$disconnect().catch(() => undefined);
		throw error;
	}
	opts.log?.info({ path: file, applied: migrations.applied }, 'database ready');

	let closing: Promise<void> | undefined;
	return { prisma, path: file, migrations, close: () => (closing ??= prisma.$disconnect()) };
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
