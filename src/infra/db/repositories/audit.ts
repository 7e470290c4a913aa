import type { AuditInput, AuditRepository } from '../../../app/ports.ts';
import { PrismaRepository } from './base.ts';

/** The audit trail and the database health check. */
export class PrismaAuditRepository extends PrismaRepository implements AuditRepository {
	async record(event: AuditInput): Promise<void> {
		await this.writeAudit(this.prisma, event);
	}

	async ping(): Promise<boolean> {
		try {
			await this.prisma.$queryRaw`SELECT 1`;
			return true;
		} catch {
			return false;
		}
	}
}
