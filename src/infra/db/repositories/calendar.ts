import type { AuditInput, CalendarRepository } from '../../../app/ports.ts';
import {
	CALENDAR_ENTRY_KINDS,
	type CalendarEntry,
	type CalendarEntryKind,
} from '../../../domain/time/public-holidays.ts';
import { PrismaRepository } from './base.ts';

/** The coordinator's calendar entries of a server: days off, working days, dismissed built-in holidays. */
export class PrismaCalendarRepository extends PrismaRepository implements CalendarRepository {
	async holidays(guildId: string): Promise<CalendarEntry[]> {
		const rows = await this.prisma.holiday.findMany({ where: { guildId }, orderBy: { date: 'asc' } });
		return rows.map((r) => ({ date: r.date, name: r.name, kind: toCalendarEntryKind(r.kind) }));
	}

	async upsertHolidays(
		guildId: string,
		holidays: Array<{ date: string; name: string; kind?: CalendarEntryKind }>,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			for (const h of holidays) {
				const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date: h.date } } });
				const kind = h.kind ?? 'off';
				await tx.holiday.upsert({
					where: { guildId_date: { guildId, date: h.date } },
					create: { guildId, date: h.date, name: h.name, kind },
					update: { name: h.name, kind },
				});
				await this.writeAudit(tx, {
					...audit,
					subject: h.date,
					before: before ? { name: before.name, kind: before.kind } : null,
					after: { name: h.name, kind },
				});
			}
		});
	}

	async removeHoliday(guildId: string, date: string, audit: AuditInput): Promise<boolean> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date } } });
			if (!before) return false;
			await tx.holiday.delete({ where: { id: before.id } });
			await this.writeAudit(tx, { ...audit, subject: date, before: { name: before.name, kind: before.kind } });
			return true;
		});
	}
}

function toCalendarEntryKind(kind: string): CalendarEntryKind {
	return CALENDAR_ENTRY_KINDS.find((k) => k === kind) ?? 'off';
}
