import { Prisma } from '../../generated/prisma/client.ts';
import type { Tx } from './mappers.ts';
import { runnerOf, type SqlRunner } from './sql.ts';

// Row locks that make PostgreSQL keep the invariants SQLite's single writer gave for free. Each is portable SQL:
// on SQLite the statement simply takes the write lock the transaction was about to take anyway.

/**
 * Locks an open round's row until the transaction ends (a no-op update); returns 0 when the round is not open.
 * Closing a round updates the same row, so an answer and a close are serialized: a close committed first makes
 * the answer see "not open"; a close that comes later waits for the answer and then sees it.
 */
export function lockOpenRound(tx: Tx | SqlRunner, roundId: number): Promise<number> {
	return runnerOf(tx).execute(
		Prisma.sql`UPDATE "Round" SET "state" = "state" WHERE "id" = ${roundId} AND "state" = 'open'`,
	);
}

/**
 * {@link lockOpenRound} for several rounds, in ascending id order (two transactions locking the same rounds then
 * wait for each other instead of deadlocking); returns the ids of those open.
 */
export async function lockOpenRounds(tx: SqlRunner, roundIds: readonly number[]): Promise<Set<number>> {
	const open = new Set<number>();
	for (const id of [...new Set(roundIds)].sort((a, b) => a - b)) if ((await lockOpenRound(tx, id)) > 0) open.add(id);
	return open;
}
