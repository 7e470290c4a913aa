import type { PrismaClient } from '../../generated/prisma/client.ts';

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
