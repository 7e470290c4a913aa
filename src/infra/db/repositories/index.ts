import type { Clock, Repositories } from '../../../app/ports.ts';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import type { Sql } from '../sql.ts';
import { PrismaAnswerRepository } from './answers.ts';
import { PrismaAuditRepository } from './audit.ts';
import { PrismaCalendarRepository } from './calendar.ts';
import { PrismaOutboxRepository } from './outbox.ts';
import { PrismaRoundRepository } from './rounds.ts';
import { PrismaSettingsRepository } from './settings.ts';
import { PrismaUnitRepository } from './units.ts';

/**
 * Every repository over one client; audit rows take their time from `clock`. `sql`: raw SQL on the client's own
 * driver adapter (OpenedDatabase.sql), for every raw statement (the paths of a burst of clicks, a publish, a sweep);
 * without it, through the client.
 */
export function createRepositories(prisma: PrismaClient, clock?: Clock, sql?: Sql): Repositories {
	return {
		settings: new PrismaSettingsRepository(prisma, clock, sql),
		units: new PrismaUnitRepository(prisma, clock, sql),
		rounds: new PrismaRoundRepository(prisma, clock, sql),
		answers: new PrismaAnswerRepository(prisma, clock, sql),
		calendar: new PrismaCalendarRepository(prisma, clock, sql),
		outbox: new PrismaOutboxRepository(prisma, clock, sql),
		audit: new PrismaAuditRepository(prisma, clock, sql),
	};
}
