import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Test databases for either engine. The `sqlite` project gets a file in a temporary folder; the `postgresql`
 * project (vitest.config.ts, only when TEST_DATABASE_URL answers) gets a database cloned from a template that
 * test/support/pg-global-setup.ts migrated once per run. Cloning costs about 0.4 s, so a test process keeps its
 * databases: a released one is emptied (TRUNCATE … RESTART IDENTITY) and handed to the next test of the file.
 * The global teardown drops every database of the run.
 */
export type TestEngine = 'sqlite' | 'postgresql';

export const TEST_ENGINE: TestEngine = process.env['GOPY_TEST_ENGINE'] === 'postgresql' ? 'postgresql' : 'sqlite';

export interface PgRun {
	/** Where to connect to run CREATE DATABASE (the server's `postgres` database). */
	adminUrl: string;
	/** Every database of this run starts with it (dropped by the global teardown). */
	prefix: string;
	/** The migrated template database. */
	template: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgRun: PgRun;
	}
}

export interface TestDatabase {
	engine: TestEngine;
	/** A DATABASE_URL for the bot, the store or a child process. */
	url: string;
	/** Releases the database; the caller must have closed its own connections first. */
	release(): Promise<void>;
}

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

const free: string[] = [];
let created = 0;

export async function createTestDatabase(): Promise<TestDatabase> {
	if (TEST_ENGINE === 'sqlite') {
		const dir = mkdtempSync(path.join(tmpdir(), 'gopy-db-'));
		return {
			engine: 'sqlite',
			url: `file:${path.join(dir, 'nested', 'gopy.db')}`,
			release: async () => rmSync(dir, { recursive: true, force: true }),
		};
	}
	const run = inject('pgRun');
	let name = free.pop();
	if (name === undefined) {
		name = `${run.prefix}_${process.pid}_${++created}`;
		await withClient(run.adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${run.template}"`));
	}
	const url = withDatabase(run.adminUrl, name);
	const dbName = name;
	return {
		engine: 'postgresql',
		url,
		async release() {
			await emptyDatabase(url);
			free.push(dbName);
		},
	};
}

/** Empties every table but the migrations' bookkeeping and restarts the id sequences. */
export async function emptyDatabase(url: string): Promise<void> {
	await withClient(url, async (c) => {
		const tables = await c.query<{ tablename: string }>(
			`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
		);
		if (tables.rows.length === 0) return;
		const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
		await c.query(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
	});
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
	client.on('error', () => undefined);
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}
