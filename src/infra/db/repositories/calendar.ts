import type { AuditInput, CalendarRepository } from '../../../app/ports.ts';
import { PrismaRepository } from './base.ts';

/** Holidays of a server. */
export class PrismaCalendarRepository extends PrismaRepository implements CalendarRepository {
	async holidays(guildId: string): Promise<Array<{ date: string; name: string }>> {
		const rows = await this.prisma.holiday.findMany({ where: { guildId }, orderBy: { date: 'asc' } });
		return rows.map((r) => ({ date: r.date, name: r.name }));
	}

	async upsertHolidays(
		guildId: string,
		holidays: Array<{ date: string; name: string }>,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			for (const h of holidays) {
				const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date: h.date } } });
				await tx.holiday.upsert({
					where: { guildId_date: { guildId, date: h.date } },
					create: { guildId, date: h.date, name: h.name },
					update: { name: h.name },
				});
				await this.writeAudit(tx, {
					...audit,
					subject: h.date,
					before: before ? { name: before.name } : null,
					after: { name: h.name },
				});
			}
		});
	}

	async removeHoliday(guildId: string, date: string, audit: AuditInput): Promise<boolean> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date } } });
			if (!before) return false;
			await tx.holiday.delete({ where: { id: before.id } });
			await this.writeAudit(tx, { ...audit, subject: date, before: { name: before.name } });
			return true;
		});
	}
}
