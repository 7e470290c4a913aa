import type { AuditInput } from '../../app/ports.ts';
import { json, type Tx } from './mappers.ts';

/** Appends one audit row (inside the caller's transaction). Shared by the stores of infra/db. */
export async function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
	await tx.auditEvent.create({
		data: {
			...(event.at ? { createdAt: event.at } : {}),
			guildId: event.guildId,
			roundId: event.roundId ?? null,
			actorId: event.actorId ?? null,
			actorName: event.actorName ?? null,
			action: event.action,
			subject: event.subject ?? null,
			before: json(event.before),
			after: json(event.after),
		},
	});
}

/** The Store port over Prisma. Every state change and its audit event are written in one transaction. */
