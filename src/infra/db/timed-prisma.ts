import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Sql, SqlRunner } from './sql.ts';

/** The same client, timing every operation (model queries and raw SQL) into `observe`. */
export function timedPrisma(prisma: PrismaClient, observe: (model: string, seconds: number) => void): PrismaClient {
	const extended = prisma.$extends({
		query: {
			async $allOperations({ model, args, query }): Promise<unknown> {
				const start = process.hrtime.bigint();
				try {
					return (await query(args)) as unknown;
				} finally {
					observe(model ?? 'raw', Number(process.hrtime.bigint() - start) / 1e9);
				}
			},
		},
	});
	// The extension only adds behaviour; every method keeps its signature.
	return extended as unknown as PrismaClient;
}

/** The same raw SQL, timing every statement into `observe` as Prisma's raw queries are (model "raw"). */
export function timedSql(sql: Sql, observe: (model: string, seconds: number) => void): Sql {
	const timed = (runner: SqlRunner): SqlRunner => ({
		query: <T>(statement: Prisma.Sql) => time(() => runner.query<T>(statement)),
		execute: (statement) => time(() => runner.execute(statement)),
	});
	async function time<T>(run: () => Promise<T>): Promise<T> {
		const start = process.hrtime.bigint();
		try {
			return await run();
		} finally {
			observe('raw', Number(process.hrtime.bigint() - start) / 1e9);
		}
	}
	return { ...timed(sql), transaction: (work) => sql.transaction((tx) => work(timed(tx))) };
}
