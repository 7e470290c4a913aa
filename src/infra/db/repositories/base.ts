import type { AuditInput, Clock } from '../../../app/ports.ts';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { writeAudit } from '../audit.ts';
import type { Tx } from '../mappers.ts';

/** What every repository shares: the client, the injected clock, and audit rows stamped with that clock. */
export abstract class PrismaRepository {
	constructor(
		protected readonly prisma: PrismaClient,
		protected readonly clock: Clock = { now: () => new Date() },
	) {}

	/** Audit rows carry the injected clock's time, like the changes they describe. */
	protected writeAudit(tx: Tx, event: AuditInput): Promise<void> {
		return writeAudit(tx, { ...event, at: event.at ?? this.clock.now() });
	}
}
