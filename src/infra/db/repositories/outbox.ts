import { randomBytes } from 'node:crypto';
import { Prisma } from '../../../generated/prisma/client.ts';
import type {
	AuditInput,
	ClaimRequest,
	DeliveryRecord,
	FinishEntry,
	NewOutboxItem,
	OutboxItem,
	OutboxRepository,
	OutboxResult,
	ReminderRecord,
} from '../../../app/ports.ts';
import { writeAudits } from '../audit.ts';
import { isDeadlock, toOutboxItem, type OutboxRow } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

/** A nonce Discord accepts (at most 25 characters) and no other item shares. */
function newNonce(): string {
	return `o${randomBytes(12).toString('hex')}`;
}

/** A time as Prisma writes it to SQLite (ISO 8601 with an explicit UTC offset), which PostgreSQL reads too. */
function timestamp(at: Date): string {
	return at.toISOString().replace('Z', '+00:00');
}

/**
 * Runs a write again when PostgreSQL chose it as a deadlock victim (two processes claiming or finishing
 * overlapping sets of items): its transaction was rolled back whole, so running it again is safe.
 */
async function retryOnDeadlock<T>(write: () => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await write();
		} catch (error) {
			if (!isDeadlock(error) || attempt >= 3) throw error;
		}
	}
}

/** Statuses an item leaves only by being claimed. */
const OPEN = ['due', 'failed', 'sending'];

/** The outbox over Prisma: every state change is one conditional update, so two senders never both win. */
export class PrismaOutboxRepository extends PrismaRepository implements OutboxRepository {
	async enqueue(items: NewOutboxItem[]): Promise<OutboxItem[]> {
		if (items.length === 0) return [];
		await this.add(items);
		const keys = items.map((i) => i.key);
		// Raw SQL, in slices well under SQLite's bound-parameter limit.
		const rows: OutboxRow[] = [];
		for (let i = 0; i < keys.length; i += 5000) {
			rows.push(
				...(await this.prisma.$queryRaw<OutboxRow[]>`
					SELECT * FROM "OutboxItem" WHERE "key" IN (${Prisma.join(keys.slice(i, i + 5000))})`),
			);
		}
		const byKey = new Map(rows.map((r) => [r.key, toOutboxItem(r)]));
		return keys.map((k) => byKey.get(k)!);
	}

	async add(items: NewOutboxItem[]): Promise<void> {
		if (items.length === 0) return;
		// The rows go as one JSON parameter that the database expands: Prisma's createMany costs about a
		// millisecond per row, and a parameter per value costs a third of that (a sweep records thousands). A key
		// already there is left as it is; two processes inserting the same key at once both succeed, the second
		// one's row being dropped (PostgreSQL waits for the first to commit). `createdAt`/`updatedAt` are the real
		// time, as Prisma's now() and @updatedAt give them.
		const stamp = new Date();
		const rows = JSON.stringify(
			items.map((i) => {
				const status = i.status ?? 'due';
				return {
					key: i.key,
					kind: i.kind,
					guildId: i.guildId,
					roundId: i.roundId,
					unitId: i.unitId,
					channelId: i.channelId,
					payload: JSON.stringify(i.payload),
					status,
					error: i.error ?? null,
					nonce: newNonce(),
					dueAt: timestamp(i.dueAt),
					nextAttemptAt: status === 'due' ? timestamp(i.dueAt) : null,
					stamp: timestamp(stamp),
				};
			}),
		);
		const sqlite = (this.prisma as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
		// The same statement on both engines but for how a JSON array becomes rows, and how text becomes a time
		// (SQLite keeps times as the ISO text Prisma writes).
		const source = sqlite ? 'json_each(?)' : 'json_array_elements($1::json)';
		const time = (field: string) =>
			sqlite ? `x.value ->> '${field}'` : `CAST(x.value ->> '${field}' AS TIMESTAMP(3))`;
		await this.prisma.$executeRawUnsafe(
			`INSERT INTO "OutboxItem" ("key", "kind", "guildId", "roundId", "unitId", "channelId", "payload", "status",
				"error", "nonce", "dueAt", "nextAttemptAt", "createdAt", "updatedAt")
			SELECT x.value ->> 'key', x.value ->> 'kind', x.value ->> 'guildId', CAST(x.value ->> 'roundId' AS INTEGER),
				CAST(x.value ->> 'unitId' AS INTEGER), x.value ->> 'channelId', x.value ->> 'payload', x.value ->> 'status',
				x.value ->> 'error', x.value ->> 'nonce', ${time('dueAt')}, ${time('nextAttemptAt')}, ${time('stamp')},
				${time('stamp')}
			FROM ${source} AS x
			WHERE true
			ON CONFLICT ("key") DO NOTHING`,
			rows,
		);
	}

	async claim(
		id: number,
		now: Date,
		leaseMs: number,
		opts: { retryFailed?: boolean } = {},
	): Promise<OutboxItem | null> {
		const [claimed] = await this.claimMany([{ id, retryFailed: opts.retryFailed ?? false }], now, leaseMs);
		return claimed ?? null;
	}

	async claimMany(requests: ReadonlyArray<ClaimRequest>, now: Date, leaseMs: number): Promise<OutboxItem[]> {
		if (requests.length === 0) return [];
		// One conditional UPDATE … RETURNING per kind of request: PostgreSQL re-checks the condition of a row another
		// sender changed meanwhile, so each item is taken by exactly one of them, and the rows returned are the ones
		// this call took.
		const groups = [false, true]
			.map((retryFailed) => requests.filter((r) => (r.retryFailed ?? false) === retryFailed))
			.filter((g) => g.length > 0);
		const claimed: OutboxItem[] = [];
		const lease = new Date(now.getTime() + leaseMs);
		for (const group of groups) {
			const failed = group[0]!.retryFailed
				? Prisma.sql`"status" = 'failed'`
				: Prisma.sql`("status" = 'failed' AND "nextAttemptAt" <= ${now})`;
			// Raw SQL: Prisma compiles every query anew, at a cost that grows with the number of ids.
			const rows = await retryOnDeadlock(
				() => this.prisma.$queryRaw<OutboxRow[]>`
					UPDATE "OutboxItem"
					SET "status" = 'sending', "attempts" = "attempts" + 1, "leaseUntil" = ${lease}, "updatedAt" = ${now}
					WHERE "id" IN (${Prisma.join(group.map((r) => r.id))}) AND (
						("status" = 'due' AND "nextAttemptAt" <= ${now})
						OR ${failed}
						OR ("status" = 'sending' AND "leaseUntil" < ${now}))
					RETURNING *`,
			);
			claimed.push(...rows.map(toOutboxItem));
		}
		return claimed;
	}

	async finish(id: number, result: OutboxResult, now: Date, audit: AuditInput | null): Promise<void> {
		await this.finishMany([{ id, result, now, audit }]);
	}

	async finishMany(entries: ReadonlyArray<FinishEntry>): Promise<void> {
		if (entries.length === 0) return;
		const sent = entries.filter((e): e is FinishEntry & { result: { ok: true } } => e.result.ok);
		const failed = entries.filter((e) => !e.result.ok);
		// Every outcome and its audit event in one transaction.
		await retryOnDeadlock(() =>
			this.prisma.$transaction(async (tx) => {
				const rows = new Map<number, { roundId: number | null; unitId: number | null; key: string }>();
				if (sent.length > 0) {
					// One UPDATE for every post that went out (its message id and channel picked by id): a row each
					// through Prisma costs about a millisecond. The batch shares one time, its latest.
					const now = new Date(Math.max(...sent.map((e) => e.now.getTime())));
					const when = (list: typeof sent, value: (e: (typeof sent)[number]) => string) =>
						Prisma.join(
							list.map((e) => Prisma.sql`WHEN ${e.id} THEN ${value(e)}`),
							' ',
						);
					const moved = sent.filter((e) => e.result.channelId);
					const channel =
						moved.length > 0
							? Prisma.sql`CASE "id" ${when(moved, (e) => e.result.channelId ?? '')} ELSE "channelId" END`
							: Prisma.sql`"channelId"`;
					// Integers come back as numbers or, from some drivers, as bigints.
					const updated = await tx.$queryRaw<
						Array<{ id: number | bigint; roundId: number | bigint | null; unitId: number | bigint | null; key: string }>
					>`
						UPDATE "OutboxItem" SET
							"status" = 'sent',
							"messageId" = CASE "id" ${when(sent, (e) => e.result.messageId)} END,
							"channelId" = ${channel},
							"sentAt" = ${now}, "error" = NULL, "nextAttemptAt" = NULL, "leaseUntil" = NULL,
							"updatedAt" = ${now}
						WHERE "id" IN (${Prisma.join(sent.map((e) => e.id))})
						RETURNING "id", "roundId", "unitId", "key"`;
					for (const r of updated)
						rows.set(Number(r.id), {
							roundId: r.roundId === null ? null : Number(r.roundId),
							unitId: r.unitId === null ? null : Number(r.unitId),
							key: r.key,
						});
				}
				for (const { id, result, now } of failed) {
					if (result.ok) continue;
					const row = await tx.outboxItem.update({
						where: { id },
						data: {
							status: 'failed',
							error: result.error.slice(0, 500),
							nextAttemptAt: result.retryAt,
							leaseUntil: null,
							updatedAt: now,
						},
						select: { roundId: true, unitId: true, key: true },
					});
					rows.set(id, row);
				}
				const audits: AuditInput[] = [];
				for (const { id, result, audit } of entries) {
					const row = rows.get(id);
					if (!row) throw new Error(`outbox item ${String(id)} not found`);
					if (!audit) continue;
					const { ok, ...detail } = result;
					audits.push({
						...audit,
						at: audit.at ?? this.clock.now(),
						roundId: row.roundId,
						after: { unitId: row.unitId, key: row.key, ok, ...detail },
					});
				}
				await writeAudits(tx, audits);
			}),
		);
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
