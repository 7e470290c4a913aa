import { randomBytes } from 'node:crypto';
import type {
	AuditInput,
	DeliveryRecord,
	NewOutboxItem,
	OutboxItem,
	OutboxRepository,
	OutboxResult,
	ReminderRecord,
} from '../../../app/ports.ts';
import { isUniqueViolation, toOutboxItem } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

/** A nonce Discord accepts (at most 25 characters) and no other item shares. */
function newNonce(): string {
	return `o${randomBytes(12).toString('hex')}`;
}

/** Statuses an item leaves only by being claimed. */
const OPEN = ['due', 'failed', 'sending'];

/** The outbox over Prisma: every state change is one conditional update, so two senders never both win. */
export class PrismaOutboxRepository extends PrismaRepository implements OutboxRepository {
	async enqueue(items: NewOutboxItem[]): Promise<OutboxItem[]> {
		if (items.length === 0) return [];
		const keys = items.map((i) => i.key);
		// Two processes may enqueue the same keys at once: the loser's insert fails on the unique key, and its
		// second pass finds the winner's rows.
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.prisma.$transaction(async (tx) => {
					const existing = new Set(
						(await tx.outboxItem.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key),
					);
					const fresh = items.filter((i) => !existing.has(i.key));
					if (fresh.length > 0) {
						await tx.outboxItem.createMany({
							data: fresh.map((i) => ({
								key: i.key,
								kind: i.kind,
								guildId: i.guildId,
								roundId: i.roundId,
								unitId: i.unitId,
								channelId: i.channelId,
								payload: JSON.stringify(i.payload),
								status: i.status ?? 'due',
								error: i.error ?? null,
								nonce: newNonce(),
								dueAt: i.dueAt,
								nextAttemptAt: (i.status ?? 'due') === 'due' ? i.dueAt : null,
							})),
						});
					}
					const rows = await tx.outboxItem.findMany({ where: { key: { in: keys } } });
					const byKey = new Map(rows.map((r) => [r.key, toOutboxItem(r)]));
					return keys.map((k) => byKey.get(k)!);
				});
			} catch (error) {
				if (!isUniqueViolation(error) || attempt >= 3) throw error;
			}
		}
	}

	async claim(
		id: number,
		now: Date,
		leaseMs: number,
		opts: { retryFailed?: boolean } = {},
	): Promise<OutboxItem | null> {
		const claimed = await this.prisma.outboxItem.updateMany({
			where: {
				id,
				OR: [
					{ status: 'due', nextAttemptAt: { lte: now } },
					opts.retryFailed ? { status: 'failed' } : { status: 'failed', nextAttemptAt: { lte: now } },
					{ status: 'sending', leaseUntil: { lt: now } },
				],
			},
			data: {
				status: 'sending',
				attempts: { increment: 1 },
				leaseUntil: new Date(now.getTime() + leaseMs),
				updatedAt: now,
			},
		});
		if (claimed.count === 0) return null;
		const row = await this.prisma.outboxItem.findUnique({ where: { id } });
		return row ? toOutboxItem(row) : null;
	}

	async finish(id: number, result: OutboxResult, now: Date, audit: AuditInput | null): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const row = await tx.outboxItem.update({
				where: { id },
				data: result.ok
					? {
							status: 'sent',
							messageId: result.messageId,
							...(result.channelId ? { channelId: result.channelId } : {}),
							sentAt: now,
							error: null,
							nextAttemptAt: null,
							leaseUntil: null,
							updatedAt: now,
						}
					: {
							status: 'failed',
							error: result.error.slice(0, 500),
							nextAttemptAt: result.retryAt,
							leaseUntil: null,
							updatedAt: now,
						},
			});
			if (audit) {
				const { ok, ...detail } = result;
				await this.writeAudit(tx, {
					...audit,
					roundId: row.roundId,
					after: { unitId: row.unitId, key: row.key, ok, ...detail },
				});
			}
		});
	}

	async skip(id: number, reason: string): Promise<void> {
		await this.prisma.outboxItem.updateMany({
			where: { id, status: { in: OPEN } },
			data: { status: 'skipped', error: reason, nextAttemptAt: null, leaseUntil: null },
		});
	}

	async workDue(now: Date, limit: number): Promise<OutboxItem[]> {
		const rows = await this.prisma.outboxItem.findMany({
			where: {
				OR: [
					{ status: { in: ['due', 'failed'] }, nextAttemptAt: { lte: now } },
					{ status: 'sending', leaseUntil: { lt: now } },
				],
			},
			orderBy: { id: 'asc' },
			take: limit,
		});
		return rows.map(toOutboxItem);
	}

	async depth(): Promise<number> {
		return this.prisma.outboxItem.count({
			where: {
				OR: [{ status: { in: ['due', 'sending'] } }, { status: 'failed', nextAttemptAt: { not: null } }],
			},
		});
	}

	async deliveries(roundId: number): Promise<DeliveryRecord[]> {
		const rows = await this.prisma.outboxItem.findMany({
			where: { roundId, kind: 'delivery' },
			orderBy: { id: 'asc' },
		});
		return rows.map((r) => ({ ...toOutboxItem(r), roundId, unitId: r.unitId ?? 0 }));
	}

	async reminderDispatches(roundId: number): Promise<ReminderRecord[]> {
		const rows = await this.prisma.outboxItem.findMany({
			where: { roundId, kind: 'reminder' },
			orderBy: { id: 'asc' },
		});
		return rows.map((r) => {
			const item = toOutboxItem(r);
			return { ...item, roundId, unitId: r.unitId ?? 0, step: item.payload.step ?? '' };
		});
	}

	async isSent(key: string): Promise<boolean> {
		return (await this.prisma.outboxItem.count({ where: { key, status: 'sent' } })) > 0;
	}
}
