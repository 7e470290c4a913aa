import type { OutboxItem, OutboxKind, OutboxPayload, OutboxStatus } from '../../app/ports.ts';
import type { Answer, AnswerKind, Round, Unit, UnitKind } from '../../domain/model.ts';
import { roundCode } from '../../domain/model.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/** Rows of the generated client as the domain's records (shared by every repository). */
export type Tx = Prisma.TransactionClient;

type UnitRow = Prisma.UnitGetPayload<object>;
type RoundRow = Prisma.RoundGetPayload<object> & { campaign: { name: string } | null };
type ResponseRow = Prisma.ResponseGetPayload<object>;
export type OutboxRow = Prisma.OutboxItemGetPayload<object>;

/** `createdAt`/`updatedAt` are not part of a unit: a raw read may leave them out. */
export function toUnit(row: Omit<UnitRow, 'createdAt' | 'updatedAt'>): Unit {
	return {
		id: row.id,
		guildId: row.guildId,
		code: row.code,
		name: row.name,
		kind: row.kind as UnitKind,
		channelId: row.channelId,
		roleId: row.roleId,
		archived: row.archivedAt !== null,
	};
}

export function toRound(row: RoundRow): Round {
	return {
		id: row.id,
		guildId: row.guildId,
		seq: row.seq,
		code: roundCode(row.seq),
		title: row.title,
		deadline: row.deadline,
		timezone: row.timezone,
		state: row.state as Round['state'],
		commonText: row.commonText,
		silencePolicy: row.silencePolicy as Round['silencePolicy'],
		latePolicy: row.latePolicy as Round['latePolicy'],
		reminderLadder: row.reminderLadder,
		campaignName: row.campaign?.name ?? null,
		createdBy: row.createdBy,
		createdAt: row.createdAt,
		publishedAt: row.publishedAt,
		closedAt: row.closedAt,
	};
}

/** A stored response as the domain's answer (shared with the report store). */
export function toAnswer(row: ResponseRow): Answer {
	return {
		id: row.id,
		roundId: row.roundId,
		unitId: row.unitId,
		version: row.version,
		answer: row.answer as AnswerKind,
		text: row.text,
		fileName: row.fileName,
		fileUrl: row.fileUrl,
		userId: row.userId,
		userName: row.userName,
		source: row.source,
		late: row.late,
		createdAt: row.createdAt,
	};
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
	return {
		id: row.id,
		key: row.key,
		kind: row.kind as OutboxKind,
		guildId: row.guildId,
		roundId: row.roundId,
		unitId: row.unitId,
		channelId: row.channelId,
		payload: JSON.parse(row.payload) as OutboxPayload,
		status: row.status as OutboxStatus,
		attempts: row.attempts,
		nonce: row.nonce,
		dueAt: row.dueAt,
		nextAttemptAt: row.nextAttemptAt,
		leaseUntil: row.leaseUntil,
		messageId: row.messageId,
		error: row.error,
		sentAt: row.sentAt,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
	};
}

export function json(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * True when PostgreSQL rolled a transaction back as a deadlock victim (Prisma's P2034, or the driver's 40P01):
 * running it again is safe.
 */
export function isDeadlock(error: unknown): boolean {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') return true;
	return error instanceof Error && /\b40P01\b|deadlock detected/i.test(error.message);
}

/**
 * True for a unique-constraint violation: Prisma's P2002, a raw query's (P2010) as the driver adapter words it, or
 * the driver adapter's own error (raw SQL straight on the adapter, sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
	if (error instanceof Error && error.name === 'DriverAdapterError') {
		return (error.cause as { kind?: unknown } | undefined)?.kind === 'UniqueConstraintViolation';
	}
	if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
	if (error.code === 'P2002') return true;
	const cause = (error.meta?.['driverAdapterError'] as { cause?: { kind?: unknown } } | undefined)?.cause;
	return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
