import type { AuditInput, SettingsRepository } from '../../../app/ports.ts';
import type { ServerSettings } from '../../../domain/model.ts';
import { PrismaRepository } from './base.ts';

/** Server settings. */
export class PrismaSettingsRepository extends PrismaRepository implements SettingsRepository {
	async get(guildId: string): Promise<ServerSettings | null> {
		const row = await this.prisma.guildSettings.findUnique({ where: { guildId } });
		if (!row) return null;
		return {
			guildId: row.guildId,
			coordinatorRoleId: row.coordinatorRoleId,
			reportChannelId: row.reportChannelId,
			language: row.language === 'en' ? 'en' : 'vi',
			timezone: row.timezone,
			officeHours: row.officeHours,
			workingDays: row.workingDays,
			reminderLadder: row.reminderLadder,
			sender: row.sender,
		};
	}

	async save(s: ServerSettings, audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const before = await tx.guildSettings.findUnique({ where: { guildId: s.guildId } });
			const data = {
				coordinatorRoleId: s.coordinatorRoleId,
				reportChannelId: s.reportChannelId,
				language: s.language,
				timezone: s.timezone,
				officeHours: s.officeHours,
				workingDays: s.workingDays,
				reminderLadder: s.reminderLadder,
				sender: s.sender,
			};
			await tx.guildSettings.upsert({
				where: { guildId: s.guildId },
				create: { guildId: s.guildId, ...data },
				update: data,
			});
			await this.writeAudit(tx, { ...audit, before: before ?? null, after: data });
		});
	}
}
