import type { AuditInput } from '../../app/ports.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { json, type Tx } from './mappers.ts';
import { runnerOf, type SqlRunner } from './sql.ts';

/** Appends one audit row (inside the caller's transaction). Shared by the stores of infra/db. */
export function writeAudit(tx: Tx | SqlRunner, event: AuditInput): Promise<void> {
	return writeAudits(tx, [event]);
}

/**
 * Appends several audit rows in one INSERT (inside the caller's transaction): a fan-out records dozens at once, and
 * Prisma's createMany costs about a millisecond per row. Rows without a time get the real time, as Prisma's now().
 */
export async function writeAudits(tx: Tx | SqlRunner, events: readonly AuditInput[]): Promise<void> {
	if (events.length === 0) return;
	const stamp = new Date();
	const rows = events.map(
		(e) => Prisma.sql`(${e.guildId}, ${e.roundId ?? null}, ${e.actorId ?? null}, ${e.actorName ?? null}, ${e.action},
			${e.subject ?? null}, ${json(e.before)}, ${json(e.after)}, ${e.at ?? stamp})`,
	);
	await runnerOf(tx).execute(Prisma.sql`
		INSERT INTO "AuditEvent" ("guildId", "roundId", "actorId", "actorName", "action", "subject", "before", "after",
			"createdAt")
		VALUES ${Prisma.join(rows)}`);
}
