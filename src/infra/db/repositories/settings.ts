import type { AuditInput, SettingsRepository } from '../../../app/ports.ts';
import type { ServerSettings } from '../../../domain/model.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { Coalescer } from '../coalesce.ts';
import { PrismaRepository } from './base.ts';

/** Server settings. */
export class PrismaSettingsRepository extends PrismaRepository implements SettingsRepository {
	/**
	 * Read by nearly every interaction (its language, its coordinator role): a burst's reads go as one query, in raw
	 * SQL straight on the adapter (sql.ts).
	 */
	private readonly settingsReads = new Coalescer<string, ServerSettings>(async (guildIds) => {
		const rows = await this.sql.query<Prisma.GuildSettingsGetPayload<object>>(Prisma.sql`
			SELECT * FROM "GuildSettings" WHERE "guildId" IN (${Prisma.join(guildIds)})`);
		return new Map(
			rows.map((row) => [
				row.guildId,
				{
					guildId: row.guildId,
					coordinatorRoleId: row.coordinatorRoleId,
					reportChannelId: row.reportChannelId,
					language: row.language === 'en' ? 'en' : 'vi',
					timezone: row.timezone,
					officeHours: row.officeHours,
					workingDays: row.workingDays,
					reminderLadder: row.reminderLadder,
					sender: row.sender,
				},
			]),
		);
	});

	get(guildId: string): Promise<ServerSettings | null> {
		return this.settingsReads.load(guildId);
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
