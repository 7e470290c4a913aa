import type { AuditInput } from '../../app/ports.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { json, type Tx } from './mappers.ts';

/** Appends one audit row (inside the caller's transaction). Shared by the stores of infra/db. */
export function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
	return writeAudits(tx, [event]);
}

/**
 * Appends audit rows in one statement (inside the caller's transaction). Raw SQL: every change writes one, and a
 * model query costs several times more CPU in Prisma 6's query compiler.
 */
export async function writeAudits(tx: Tx, events: readonly AuditInput[]): Promise<void> {
	if (events.length === 0) return;
	const rows = events.map(
		(e) => Prisma.sql`(${e.guildId}, ${e.roundId ?? null}, ${e.actorId ?? null}, ${e.actorName ?? null}, ${e.action},
			${e.subject ?? null}, ${json(e.before)}, ${json(e.after)}, ${e.at ?? new Date()})`,
	);
	await tx.$executeRaw`
		INSERT INTO "AuditEvent" ("guildId", "roundId", "actorId", "actorName", "action", "subject", "before", "after",
			"createdAt")
		VALUES ${Prisma.join(rows)}`;
}
