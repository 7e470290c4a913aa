import { randomBytes } from 'node:crypto';
import type { AuditInput, DeliveryRecord, NoticeRecord, ReminderRecord, OutboxRepository } from '../../../app/ports.ts';
import { isUniqueViolation, toDelivery, toReminder } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

/** Everything posted once: deliveries, reminders, notices. */
export class PrismaOutboxRepository extends PrismaRepository implements OutboxRepository {
	async deliveries(roundId: number): Promise<DeliveryRecord[]> {
		const rows = await this.prisma.delivery.findMany({ where: { roundId } });
		return rows.map(toDelivery);
	}

	async getDelivery(roundId: number, unitId: number): Promise<DeliveryRecord | null> {
		const row = await this.prisma.delivery.findUnique({ where: { roundId_unitId: { roundId, unitId } } });
		return row ? toDelivery(row) : null;
	}

	async claimDelivery(
		roundId: number,
		unitId: number,
		channelId: string,
		now: Date,
		staleAfterMs: number,
	): Promise<DeliveryRecord | null> {
		const nonce = `d${roundId}u${unitId}`;
		try {
			const row = await this.prisma.delivery.create({
				data: { roundId, unitId, channelId, status: 'sending', nonce, attempts: 1, updatedAt: now },
			});
			return toDelivery(row);
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
		}
		// Someone recorded this delivery before: take it over only if it failed, or if a claim went stale (the
		// worker died mid-send). The nonce stays the same, so Discord returns the first post if it did land.
		const claimed = await this.prisma.delivery.updateMany({
			where: {
				roundId,
				unitId,
				OR: [{ status: 'failed' }, { status: 'sending', updatedAt: { lt: new Date(now.getTime() - staleAfterMs) } }],
			},
			data: { status: 'sending', channelId, attempts: { increment: 1 }, updatedAt: now },
		});
		if (claimed.count === 0) return null;
		return this.getDelivery(roundId, unitId);
	}

	async finishDelivery(
		roundId: number,
		unitId: number,
		result: { ok: true; messageId: string } | { ok: false; error: string },
		at: Date,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			await tx.delivery.update({
				where: { roundId_unitId: { roundId, unitId } },
				data: result.ok
					? { status: 'sent', messageId: result.messageId, error: null, sentAt: at, updatedAt: at }
					: { status: 'failed', error: result.error, updatedAt: at },
			});
			await this.writeAudit(tx, { ...audit, roundId, after: result });
		});
	}

	async reminderDispatches(roundId: number): Promise<ReminderRecord[]> {
		const rows = await this.prisma.reminderDispatch.findMany({ where: { roundId }, orderBy: { id: 'asc' } });
		return rows.map(toReminder);
	}

	async claimReminder(input: {
		roundId: number;
		unitId: number;
		step: string;
		dueAt: Date;
		now: Date;
		leaseMs: number;
	}): Promise<ReminderRecord | null> {
		try {
			const row = await this.prisma.reminderDispatch.create({
				data: {
					roundId: input.roundId,
					unitId: input.unitId,
					step: input.step,
					dueAt: input.dueAt,
					status: 'claimed',
					attempts: 1,
					leaseUntil: new Date(input.now.getTime() + input.leaseMs),
					nonce: `r${randomBytes(10).toString('hex')}`,
				},
			});
			return toReminder(row);
		} catch (error) {
			if (isUniqueViolation(error)) return null;
			throw error;
		}
	}

	async reclaimReminder(id: number, now: Date, leaseMs: number): Promise<boolean> {
		const claimed = await this.prisma.reminderDispatch.updateMany({
			where: {
				id,
				OR: [
					{ status: 'failed', nextAttemptAt: { lte: now } },
					{ status: 'claimed', leaseUntil: { lt: now } },
				],
			},
			data: { status: 'claimed', attempts: { increment: 1 }, leaseUntil: new Date(now.getTime() + leaseMs) },
		});
		return claimed.count === 1;
	}

	async finishReminder(
		id: number,
		result: { ok: true; messageId: string } | { ok: false; error: string; retryAt: Date },
		now: Date,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const row = await tx.reminderDispatch.update({
				where: { id },
				data: result.ok
					? {
							status: 'sent',
							messageId: result.messageId,
							sentAt: now,
							error: null,
							nextAttemptAt: null,
							leaseUntil: null,
						}
					: { status: 'failed', error: result.error, nextAttemptAt: result.retryAt, leaseUntil: null },
			});
			await this.writeAudit(tx, {
				...audit,
				roundId: row.roundId,
				after: { unitId: row.unitId, step: row.step, ...result },
			});
		});
	}

	async releaseReminder(id: number): Promise<void> {
		await this.prisma.reminderDispatch.deleteMany({ where: { id, status: 'claimed' } });
	}

	async abandonReminder(id: number, reason: string): Promise<void> {
		await this.prisma.reminderDispatch.updateMany({
			where: { id, status: { in: ['failed', 'claimed'] } },
			data: { status: 'skipped', error: reason, nextAttemptAt: null, leaseUntil: null },
		});
	}

	async skipReminder(input: {
		roundId: number;
		unitId: number;
		step: string;
		dueAt: Date;
		reason: string;
	}): Promise<void> {
		try {
			await this.prisma.reminderDispatch.create({
				data: {
					roundId: input.roundId,
					unitId: input.unitId,
					step: input.step,
					dueAt: input.dueAt,
					status: 'skipped',
					error: input.reason,
					nonce: '-',
				},
			});
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
		}
	}

	async claimNotice(input: {
		guildId: string;
		roundId: number | null;
		key: string;
		now: Date;
		leaseMs: number;
	}): Promise<NoticeRecord | null> {
		try {
			const row = await this.prisma.notice.create({
				data: {
					guildId: input.guildId,
					roundId: input.roundId,
					key: input.key,
					status: 'claimed',
					updatedAt: input.now,
				},
			});
			return { id: row.id, key: row.key, nonce: `n${row.id}` };
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
		}
		// Retry a post that failed, or one whose worker died mid-send (same nonce: Discord keeps one message).
		const stale = new Date(input.now.getTime() - input.leaseMs);
		const taken = await this.prisma.notice.updateMany({
			where: { key: input.key, OR: [{ status: 'failed' }, { status: 'claimed', updatedAt: { lt: stale } }] },
			data: { status: 'claimed', updatedAt: input.now },
		});
		if (taken.count === 0) return null;
		const row = await this.prisma.notice.findUniqueOrThrow({ where: { key: input.key } });
		return { id: row.id, key: row.key, nonce: `n${row.id}` };
	}

	async finishNotice(id: number, result: { ok: true; messageId: string } | { ok: false }, now: Date): Promise<void> {
		await this.prisma.notice.update({
			where: { id },
			data: result.ok
				? { status: 'sent', messageId: result.messageId, updatedAt: now }
				: { status: 'failed', updatedAt: now },
		});
	}

	async noticeSent(key: string): Promise<boolean> {
		return (await this.prisma.notice.count({ where: { key, status: 'sent' } })) > 0;
	}
}
