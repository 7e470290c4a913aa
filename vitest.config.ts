import pg from 'pg';
import { defineConfig } from 'vitest/config';

// Every suite runs on SQLite. The use-case, database and a representative set of end-to-end suites run on
// PostgreSQL too when TEST_DATABASE_URL (default: the local server) answers; otherwise they are skipped with a
// line saying so, except under CI=true, where an unreachable PostgreSQL fails the run.
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Suites that run on both engines: every use-case suite, raw SQL straight on the driver adapter, and the end-to-end suites that exercise the store the
 * most (100 simultaneous clicks, the seed's round two, the reminder ladder across restarts). The other end-to-end
 * suites add little on PostgreSQL for their time. `*.pg.test.ts` files run only on PostgreSQL.
 */
const BOTH_ENGINES = [
	'test/app/**/*.test.ts',
	'test/e2e/concurrency.test.ts',
	'test/e2e/round-two.test.ts',
	'test/e2e/reminders.test.ts',
	'test/infra/db/sql.test.ts',
];

async function postgresReachable(): Promise<string | null> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query('SELECT 1');
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		await client.end().catch(() => undefined);
	}
}

export default defineConfig(async () => {
	const problem = await postgresReachable();
	const safeUrl = PG_URL.replace(/\/\/[^@/]*@/, '//…@');
	if (problem !== null) {
		if (process.env['CI'] === 'true') {
			throw new Error(`CI=true and PostgreSQL (TEST_DATABASE_URL ${safeUrl}) is unreachable: ${problem}`);
		}
		process.stderr.write(
			`\n⚠ PostgreSQL (TEST_DATABASE_URL ${safeUrl}) is unreachable (${problem}): PostgreSQL suites SKIPPED; SQLite only.\n\n`,
		);
	}
	const shared = { testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' as const };
	return {
		test: {
			reporters: ['default'],
			projects: [
				{ test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/**/*.pg.test.ts'] } },
				...(problem === null
					? [
							{
								test: {
									...shared,
									name: 'postgresql',
									include: [...BOTH_ENGINES, 'test/**/*.pg.test.ts'],
									env: { GOPY_TEST_ENGINE: 'postgresql', TEST_DATABASE_URL: PG_URL },
									globalSetup: ['test/support/pg-global-setup.ts'],
								},
							},
						]
					: []),
			],
		},
	};
});
