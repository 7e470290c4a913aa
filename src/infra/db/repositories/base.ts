import type { AuditInput, Clock } from '../../../app/ports.ts';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { writeAudit } from '../audit.ts';
import type { Tx } from '../mappers.ts';
import { prismaSql, type Sql, type SqlRunner } from '../sql.ts';

/**
 * What every repository shares: the client, raw SQL on the client's own connection (the busiest paths, see sql.ts;
 * through the client itself when none is given), the injected clock, and audit rows stamped with that clock.
 */
export abstract class PrismaRepository {
	protected readonly sql: Sql;

	constructor(
		protected readonly prisma: PrismaClient,
		protected readonly clock: Clock = { now: () => new Date() },
		sql?: Sql,
	) {
		this.sql = sql ?? prismaSql(prisma);
	}

	/** Audit rows carry the injected clock's time, like the changes they describe. */
	protected writeAudit(tx: Tx | SqlRunner, event: AuditInput): Promise<void> {
		return writeAudit(tx, { ...event, at: event.at ?? this.clock.now() });
	}
}
