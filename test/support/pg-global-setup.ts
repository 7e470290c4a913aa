import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migratePostgresUrl } from '../../src/infra/db/database.ts';
import { loadMigrations, POSTGRES_MIGRATIONS_DIR } from '../../src/infra/db/migrator.ts';
import { withClient, withDatabase } from './test-database.ts';

/**
 * Global set-up of the `postgresql` test project: one migrated template database per run, cloned by each test
 * process (test/support/test-database.ts); the teardown drops every database the run created. Names carry a
 * random run id, so several runs (other worktrees, CI jobs) can share one server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const adminUrl = process.env['TEST_DATABASE_URL'] ?? DEFAULT_TEST_DATABASE_URL;
	const prefix = `gopyt_${randomBytes(4).toString('hex')}`;
	const template = `${prefix}_tpl`;
	await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
	await migratePostgresUrl(withDatabase(adminUrl, template), loadMigrations(POSTGRES_MIGRATIONS_DIR));
	project.provide('pgRun', { adminUrl, prefix, template });
	return async () => {
		await withClient(adminUrl, async (c) => {
			const dbs = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
				`${prefix}\\_%`,
			]);
			for (const { datname } of dbs.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
		});
	};
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
