import { Prisma } from '../../../generated/prisma/client.ts';
import type {
	AuditInput,
	ClaimRequest,
	DeliveryRecord,
	FinishEntry,
	NewOutboxItem,
	OutboxItem,
	OutboxKind,
	OutboxRepository,
	OutboxResult,
	ReminderRecord,
} from '../../../app/ports.ts';
import { writeAudits } from '../audit.ts';
import { isDeadlock, toOutboxItem, type OutboxRow } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

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

/**
 * At most this many sets of shared columns go with one INSERT: finding a row's set walks the list of sets (SQLite),
 * so items sharing nothing would cost the square of their number in one statement.
 */
export const SETS_PER_INSERT = 64;

/**
 * Items as the JSON parameters of `add`'s INSERTs, in order: the sets of shared columns, each once (`shared`), and a
 * row per item (`rows`: key, unit, channel, index of its set). A new INSERT starts when one has SETS_PER_INSERT sets.
 */
function compactRows(items: readonly NewOutboxItem[]): Array<{ rows: string; shared: string }> {
	const inserts: Array<{ rows: string; shared: string }> = [];
	let sets: string[] = [];
	let index = new Map<string, number>();
	let rows: Array<[string, number | null, string, number]> = [];
	const close = () => inserts.push({ rows: JSON.stringify(rows), shared: `[${sets.join(',')}]` });
	let previous: NewOutboxItem | undefined;
	let n = 0;
	for (const i of items) {
		// Items in a row with the same payload and due time (a round's reminders of one step) share their set.
		if (i.payload === previous?.payload && i.dueAt === previous.dueAt && sameSet(i, previous)) {
			rows.push([i.key, i.unitId, i.channelId, n]);
			continue;
		}
		previous = i;
		const set = JSON.stringify([
			i.kind,
			i.guildId,
			i.roundId,
			JSON.stringify(i.payload),
			i.status ?? 'due',
			i.error ?? null,
			timestamp(i.dueAt),
		]);
		const known = index.get(set);
		if (known !== undefined) n = known;
		else {
			if (sets.length === SETS_PER_INSERT) {
				close();
				sets = [];
				index = new Map();
				rows = [];
			}
			n = sets.length;
			sets.push(set);
			index.set(set, n);
		}
		rows.push([i.key, i.unitId, i.channelId, n]);
	}
	close();
	return inserts;
}

/** The columns of a set other than the payload and the due time are the same. */
function sameSet(a: NewOutboxItem, b: NewOutboxItem): boolean {
	return (
		a.kind === b.kind &&
		a.guildId === b.guildId &&
		a.roundId === b.roundId &&
		(a.status ?? 'due') === (b.status ?? 'due') &&
		(a.error ?? null) === (b.error ?? null)
	);
}

/** Statuses an item leaves only by being claimed. */
const OPEN = ['due', 'failed', 'sending'];

/** The outbox over Prisma: every state change is one conditional update, so two senders never both win. */
export class PrismaOutboxRepository extends PrismaRepository implements OutboxRepository {
	async enqueue(items: NewOutboxItem[]): Promise<OutboxItem[]> {
		if (items.length === 0) return [];
		await this.add(items);
		const keys = items.map((i) => i.key);
		// Raw SQL straight on the adapter, in slices well under SQLite's bound-parameter limit.
		const rows: OutboxRow[] = [];
		for (let i = 0; i < keys.length; i += 5000) {
			rows.push(
				...(await this.sql.query<OutboxRow>(Prisma.sql`
					SELECT * FROM "OutboxItem" WHERE "key" IN (${Prisma.join(keys.slice(i, i + 5000))})`)),
			);
		}
		const byKey = new Map(rows.map((r) => [r.key, toOutboxItem(r)]));
		return keys.map((k) => byKey.get(k)!);
	}

	async add(items: NewOutboxItem[]): Promise<void> {
		if (items.length === 0) return;
		// One statement (as a rule) whose rows the database expands from JSON: Prisma's createMany costs about a
		// millisecond per row, a parameter per value a third of that, and even one JSON parameter costs in proportion
		// to its size (Prisma's query compiler copies and escapes it several times), so it carries little: what items
		// share (kind, server, round, payload, status, error, due time: one set per round and step, as a rule) goes
		// once in a second parameter, and each row is its key, unit, channel and the index of its set.
		// A key already there is left as it is; two processes inserting the same key at once both succeed, the
		// second one's row being dropped (PostgreSQL waits for the first to commit). Rows get their ids in the order
		// given. `createdAt`/`updatedAt` are the real time, as Prisma's now() and @updatedAt give them. Straight on
		// the adapter (sql.ts): Prisma's client would copy the JSON parameters through its query compiler.
		const stamp = timestamp(new Date());
		const inserts = compactRows(items);
		if (inserts.length === 1) await this.sql.execute(this.addStatement(stamp, inserts[0]!));
		// More than one statement: all of them or none, like one (and run again whole if PostgreSQL picked it as a
		// deadlock victim against another process inserting the same keys).
		else
			await retryOnDeadlock(() =>
				this.sql.transaction(async (tx) => {
					for (const insert of inserts) await tx.execute(this.addStatement(stamp, insert));
				}),
			);
	}

	/**
	 * One INSERT of `add`, for this client's engine: the time (`stamp`), the shared sets, the rows. A row's set is
	 * found by its index. Nonces come from the database's random source: SQLite's randomblob, PostgreSQL's
	 * gen_random_uuid (PostgreSQL 13 and later), 24 hex digits either way.
	 */
	private addStatement(stamp: string, { shared, rows }: { shared: string; rows: string }): Prisma.Sql {
		const sqlite = (this.prisma as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
		const columns = Prisma.raw(`"key", "kind", "guildId", "roundId", "unitId", "channelId", "payload", "status",
			"error", "nonce", "dueAt", "nextAttemptAt", "createdAt", "updatedAt"`);
		if (sqlite) {
			// Times stay the ISO text Prisma writes.
			return Prisma.sql`INSERT INTO "OutboxItem" (${columns})
				SELECT x.value ->> 0, x.s ->> 0, x.s ->> 1, x.s ->> 2, x.value ->> 1, x.value ->> 2, x.s ->> 3, x.s ->> 4,
					x.s ->> 5, 'o' || lower(hex(randomblob(12))), x.s ->> 6,
					CASE WHEN x.s ->> 4 = 'due' THEN x.s ->> 6 END, x.stamp, x.stamp
				FROM (SELECT x.key, x.value, ${stamp} AS stamp, ${shared} -> (x.value ->> 3) AS s FROM json_each(${rows}) AS x) AS x
				ORDER BY x.key
				ON CONFLICT ("key") DO NOTHING`;
		}
		return Prisma.sql`INSERT INTO "OutboxItem" (${columns})
			SELECT x.value ->> 0, x.s ->> 0, x.s ->> 1, CAST(x.s ->> 2 AS INTEGER), CAST(x.value ->> 1 AS INTEGER),
				x.value ->> 2, x.s ->> 3, x.s ->> 4, x.s ->> 5,
				'o' || substr(replace(CAST(gen_random_uuid() AS TEXT), '-', ''), 1, 24), CAST(x.s ->> 6 AS TIMESTAMP(3)),
				CASE WHEN x.s ->> 4 = 'due' THEN CAST(x.s ->> 6 AS TIMESTAMP(3)) END,
				CAST(${stamp} AS TIMESTAMP(3)), CAST(${stamp} AS TIMESTAMP(3))
			FROM (
				SELECT x.n, x.value, CAST(${shared} AS jsonb) -> CAST(x.value ->> 3 AS INTEGER) AS s
				FROM json_array_elements(CAST(${rows} AS json)) WITH ORDINALITY AS x (value, n)
			) AS x
			ORDER BY x.n
			ON CONFLICT ("key") DO NOTHING`;
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
			// Raw SQL straight on the adapter: Prisma compiles every query anew, at a cost that grows with the ids.
			const rows = await retryOnDeadlock(() =>
				this.sql.query<OutboxRow>(Prisma.sql`
					UPDATE "OutboxItem"
					SET "status" = 'sending', "attempts" = "attempts" + 1, "leaseUntil" = ${lease}, "updatedAt" = ${now}
					WHERE "id" IN (${Prisma.join(group.map((r) => r.id))}) AND (
						("status" = 'due' AND "nextAttemptAt" <= ${now})
						OR ${failed}
						OR ("status" = 'sending' AND "leaseUntil" < ${now}))
					RETURNING *`),
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
		// Every outcome and its audit event in one transaction, straight on the adapter (sql.ts).
		await retryOnDeadlock(() =>
			this.sql.transaction(async (tx) => {
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
					const updated = await tx.query<{
						id: number | bigint;
						roundId: number | bigint | null;
						unitId: number | bigint | null;
						key: string;
					}>(Prisma.sql`
						UPDATE "OutboxItem" SET
							"status" = 'sent',
							"messageId" = CASE "id" ${when(sent, (e) => e.result.messageId)} END,
							"channelId" = ${channel},
							"sentAt" = ${now}, "error" = NULL, "nextAttemptAt" = NULL, "leaseUntil" = NULL,
							"updatedAt" = ${now}
						WHERE "id" IN (${Prisma.join(sent.map((e) => e.id))})
						RETURNING "id", "roundId", "unitId", "key"`);
					for (const r of updated)
						rows.set(Number(r.id), {
							roundId: r.roundId === null ? null : Number(r.roundId),
							unitId: r.unitId === null ? null : Number(r.unitId),
							key: r.key,
						});
				}
				for (const { id, result, now } of failed) {
					if (result.ok) continue;
					const [row] = await tx.query<{ roundId: number | null; unitId: number | null; key: string }>(Prisma.sql`
						UPDATE "OutboxItem" SET
							"status" = 'failed', "error" = ${result.error.slice(0, 500)}, "nextAttemptAt" = ${result.retryAt},
							"leaseUntil" = NULL, "updatedAt" = ${now}
						WHERE "id" = ${id}
						RETURNING "roundId", "unitId", "key"`);
					if (row) rows.set(id, row);
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
		const rows = await this.ofRound(roundId, 'delivery');
		return rows.map((r) => ({ ...toOutboxItem(r), roundId, unitId: r.unitId ?? 0 }));
	}

	async undeliveredTargets(roundId: number): Promise<Set<number>> {
		// Found by the database (index on roundId, kind, unitId): nearly always none, where reading every delivery of
		// the round to find them cost the sweep a thousand rows per round.
		const rows = await this.sql.query<{ unitId: number | bigint }>(Prisma.sql`
			SELECT t."unitId" FROM "RoundTarget" t
			WHERE t."roundId" = ${roundId} AND NOT EXISTS (
				SELECT 1 FROM "OutboxItem" o WHERE o."roundId" = t."roundId" AND o."kind" = 'delivery' AND o."unitId" = t."unitId"
			)`);
		return new Set(rows.map((r) => Number(r.unitId)));
	}

	async reminderDispatches(roundId: number): Promise<ReminderRecord[]> {
		const rows = await this.ofRound(roundId, 'reminder');
		return rows.map((r) => {
			const item = toOutboxItem(r);
			return { ...item, roundId, unitId: r.unitId ?? 0, step: item.payload.step ?? '' };
		});
	}

	/**
	 * A round's items of one kind, in raw SQL (index on roundId, kind, unitId): the sweep reads every open round's
	 * deliveries and reminders, thousands of rows, whose mapping through a model query cost more than the reading.
	 */
	private ofRound(roundId: number, kind: OutboxKind): Promise<OutboxRow[]> {
		return this.sql.query<OutboxRow>(Prisma.sql`
			SELECT * FROM "OutboxItem" WHERE "roundId" = ${roundId} AND "kind" = ${kind} ORDER BY "id" ASC`);
	}

	async isSent(key: string): Promise<boolean> {
		const rows = await this.sql.query(Prisma.sql`
			SELECT 1 FROM "OutboxItem" WHERE "key" = ${key} AND "status" = 'sent'`);
		return rows.length > 0;
	}
}
