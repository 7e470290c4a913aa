import type { AuditInput, Clock } from '../../app/ports.ts';
import type {
	AuditRecord,
	ItemSet,
	ReportStore,
	ResponseRecord,
	RoundLineage,
	StatusRow,
	UnitItems,
} from '../../app/report-ports.ts';
import { parseItemCodes, totalsOf, type CommentOutcome, type PlanItem, type UnitSums } from '../../domain/items.ts';
import { roundCode } from '../../domain/model.ts';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { writeAudit } from './audit.ts';
import { toAnswer, toOutboxItem, toUnit } from './mappers.ts';
import { prismaSql, type Sql } from './sql.ts';

type ResponseRow = Prisma.ResponseGetPayload<object>;
type UnitRow = Prisma.UnitGetPayload<object>;
type OutboxRow = Prisma.OutboxItemGetPayload<object>;
type ItemRow = Prisma.PlanItemGetPayload<object>;

function toItem(row: Pick<ItemRow, 'unitId' | 'code' | 'title' | 'frequency' | 'due' | 'points'>): PlanItem {
	return {
		unitId: row.unitId,
		code: row.code,
		title: row.title,
		frequency: row.frequency,
		due: row.due,
		points: row.points,
	};
}

function toResponse(row: ResponseRow): ResponseRecord {
	return {
		...toAnswer(row),
		itemCodes: parseItemCodes(row.itemCodes),
		outcome: row.outcome === 'accepted' || row.outcome === 'explained' ? row.outcome : null,
		outcomeNote: row.outcomeNote,
		outcomeBy: row.outcomeBy,
		outcomeAt: row.outcomeAt,
	};
}

/** The ReportStore port over Prisma. */
export class PrismaReportStore implements ReportStore {
	private readonly sql: Sql;

	constructor(
		private readonly prisma: PrismaClient,
		private readonly clock: Clock = { now: () => new Date() },
		/** Raw SQL on the client's own connection (sql.ts); through the client itself when none is given. */
		sql?: Sql,
	) {
		this.sql = sql ?? prismaSql(prisma);
	}

	// lineage() and items() are read by every publish and draft refresh: raw SQL straight on the adapter, cheaper
	// than model queries and than $queryRaw.
	async lineage(roundId: number): Promise<RoundLineage | null> {
		const [row] = await this.sql.query<RoundLineage>(Prisma.sql`
			SELECT "number", "fromRoundId" FROM "Round" WHERE "id" = ${roundId}`);
		return row ? { number: row.number, fromRoundId: row.fromRoundId } : null;
	}

	async items(roundId: number, set: ItemSet): Promise<PlanItem[]> {
		const rows = await this.sql.query<PlanItem>(Prisma.sql`
			SELECT "unitId", "code", "title", "frequency", "due", "points" FROM "PlanItem"
			WHERE "roundId" = ${roundId} AND "set" = ${set}
			ORDER BY "id" ASC`);
		return rows.map(toItem);
	}

	async itemSums(roundId: number, set: ItemSet): Promise<UnitSums[]> {
		const rows = await this.prisma.planItem.groupBy({
			by: ['unitId'],
			where: { roundId, set },
			_count: { _all: true },
			_sum: { points: true },
			_min: { id: true },
		});
		return rows
			.sort((a, b) => (a._min.id ?? 0) - (b._min.id ?? 0))
			.map((row) => ({ unitId: row.unitId, items: row._count._all, points: row._sum.points ?? 0 }));
	}

	async itemsOfUnits(roundId: number, set: ItemSet, unitIds: readonly number[]): Promise<PlanItem[]> {
		if (unitIds.length === 0) return [];
		// Raw SQL (portable) with only what a report shows: a page of thousands of rows reads 4–5 times faster than
		// through findMany, whose per-row mapping dominated the report's time.
		return this.sql.query<PlanItem>(Prisma.sql`
			SELECT "unitId", "code", "title", "frequency", "due", "points" FROM "PlanItem"
			WHERE "roundId" = ${roundId} AND "set" = ${set} AND "unitId" IN (${Prisma.join([...unitIds])})
			ORDER BY "id" ASC`);
	}

	async replaceItems(roundId: number, set: ItemSet, units: UnitItems[], audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			for (const unit of units) {
				const before = await tx.planItem.findMany({ where: { roundId, set, unitId: unit.unitId } });
				await tx.planItem.deleteMany({ where: { roundId, set, unitId: unit.unitId } });
				await tx.planItem.createMany({
					data: unit.items.map((item) => ({
						roundId,
						unitId: unit.unitId,
						set,
						code: item.code,
						title: item.title,
						frequency: item.frequency,
						due: item.due,
						points: item.points,
					})),
				});
				const after = totalsOf(unit.items.map((item) => ({ ...item, unitId: unit.unitId })));
				const old = totalsOf(before.map(toItem));
				await writeAudit(tx, {
					at: this.clock.now(),
					...audit,
					roundId,
					subject: unit.unitCode,
					before: { items: old.items, points: old.points },
					after: {
						...(typeof audit.after === 'object' && audit.after !== null ? audit.after : {}),
						items: after.items,
						points: after.points,
					},
				});
			}
		});
	}

	async statusRows(roundId: number): Promise<StatusRow[]> {
		// Portable SQL (SQLite and PostgreSQL): per target, its latest answer version and its last delivery item are
		// index lookups (the unique (roundId, unitId, version) index; the (roundId, kind, unitId) index), so the plan
		// stays linear even before the database has statistics (a grouped derived table joined to the targets was
		// planned as a nested loop of 1,000 × 1,000 rows on a fresh PostgreSQL database). Every column is selected by name with a
		// prefix, so each engine's driver returns it typed (dates as Date, booleans as boolean).
		const rows = await this.sql.query<Record<string, unknown>>(Prisma.sql`
			SELECT
				u."id" AS "u_id", u."guildId" AS "u_guildId", u."code" AS "u_code", u."name" AS "u_name",
				u."kind" AS "u_kind", u."channelId" AS "u_channelId", u."roleId" AS "u_roleId",
				u."archivedAt" AS "u_archivedAt",
				r."id" AS "r_id", r."roundId" AS "r_roundId", r."unitId" AS "r_unitId", r."version" AS "r_version",
				r."answer" AS "r_answer", r."text" AS "r_text", r."fileName" AS "r_fileName", r."fileUrl" AS "r_fileUrl",
				r."userId" AS "r_userId", r."userName" AS "r_userName", r."source" AS "r_source", r."late" AS "r_late",
				r."createdAt" AS "r_createdAt",
				o."id" AS "o_id", o."key" AS "o_key", o."kind" AS "o_kind", o."guildId" AS "o_guildId",
				o."roundId" AS "o_roundId", o."unitId" AS "o_unitId", o."channelId" AS "o_channelId",
				o."payload" AS "o_payload", o."status" AS "o_status", o."attempts" AS "o_attempts", o."nonce" AS "o_nonce",
				o."dueAt" AS "o_dueAt", o."nextAttemptAt" AS "o_nextAttemptAt", o."leaseUntil" AS "o_leaseUntil",
				o."messageId" AS "o_messageId", o."error" AS "o_error", o."sentAt" AS "o_sentAt",
				o."createdAt" AS "o_createdAt", o."updatedAt" AS "o_updatedAt"
			FROM "RoundTarget" t
			JOIN "Unit" u ON u."id" = t."unitId"
			LEFT JOIN "Response" r ON r."roundId" = t."roundId" AND r."unitId" = t."unitId" AND r."version" = (
				SELECT MAX(v."version") FROM "Response" v WHERE v."roundId" = t."roundId" AND v."unitId" = t."unitId"
			)
			LEFT JOIN "OutboxItem" o ON o."id" = (
				SELECT MAX(d."id") FROM "OutboxItem" d
				WHERE d."roundId" = t."roundId" AND d."kind" = 'delivery' AND d."unitId" = t."unitId"
			)
			WHERE t."roundId" = ${roundId}
			ORDER BY u."code" ASC`);
		// Which columns make each record, worked out once from the first row (a thousand rows share them).
		const names = Object.keys(rows[0] ?? {});
		const columnsOf = (prefix: string) =>
			names.filter((key) => key.startsWith(prefix)).map((key) => [key, key.slice(prefix.length)] as const);
		const columns = { u_: columnsOf('u_'), r_: columnsOf('r_'), o_: columnsOf('o_') };
		return rows.map((row) => {
			const part = (prefix: keyof typeof columns) => {
				const record: Record<string, unknown> = {};
				for (const [key, name] of columns[prefix]) record[name] = row[key];
				return record;
			};
			const unit = toUnit(part('u_') as UnitRow);
			const current = row['r_id'] === null ? null : toAnswer(part('r_') as ResponseRow);
			const delivery =
				row['o_id'] === null ? null : { ...toOutboxItem(part('o_') as OutboxRow), roundId, unitId: unit.id };
			return { unit, current, delivery };
		});
	}

	async responses(roundId: number): Promise<ResponseRecord[]> {
		const rows = await this.prisma.response.findMany({
			where: { roundId },
			orderBy: [{ unitId: 'asc' }, { version: 'asc' }],
		});
		return rows.map(toResponse);
	}

	async getResponse(id: number): Promise<ResponseRecord | null> {
		const row = await this.prisma.response.findUnique({ where: { id } });
		return row ? toResponse(row) : null;
	}

	async recentComments(guildId: string, limit: number): Promise<ResponseRecord[]> {
		const rows = await this.prisma.response.findMany({
			where: { answer: 'comment', round: { guildId } },
			orderBy: { id: 'desc' },
			take: limit,
		});
		return rows.map(toResponse);
	}

	async setOutcome(
		responseId: number,
		outcome: { outcome: CommentOutcome; note: string | null; by: string; at: Date },
		audit: AuditInput,
	): Promise<ResponseRecord> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.response.findUniqueOrThrow({ where: { id: responseId } });
			const row = await tx.response.update({
				where: { id: responseId },
				data: { outcome: outcome.outcome, outcomeNote: outcome.note, outcomeBy: outcome.by, outcomeAt: outcome.at },
			});
			await writeAudit(tx, {
				at: this.clock.now(),
				...audit,
				roundId: row.roundId,
				before: before.outcome ? { outcome: before.outcome, note: before.outcomeNote, by: before.outcomeBy } : null,
				after: { response: row.id, version: row.version, outcome: row.outcome, note: row.outcomeNote },
			});
			return toResponse(row);
		});
	}

	async auditEvents(guildId: string, roundId: number | null): Promise<AuditRecord[]> {
		const [rows, rounds] = await Promise.all([
			this.prisma.auditEvent.findMany({
				where: { guildId, ...(roundId === null ? {} : { roundId }) },
				orderBy: { id: 'asc' },
			}),
			this.prisma.round.findMany({ where: { guildId }, select: { id: true, seq: true } }),
		]);
		const codes = new Map(rounds.map((r) => [r.id, roundCode(r.seq)]));
		return rows.map((row) => ({
			id: row.id,
			guildId: row.guildId,
			roundId: row.roundId,
			roundCode: row.roundId === null ? null : (codes.get(row.roundId) ?? null),
			actorId: row.actorId,
			actorName: row.actorName,
			action: row.action,
			subject: row.subject,
			before: row.before,
			after: row.after,
			createdAt: row.createdAt,
		}));
	}

	async latestAudit(roundId: number, action: string): Promise<AuditRecord | null> {
		const row = await this.prisma.auditEvent.findFirst({ where: { roundId, action }, orderBy: { id: 'desc' } });
		if (!row) return null;
		const round = await this.prisma.round.findUnique({ where: { id: roundId }, select: { seq: true } });
		return { ...row, roundCode: round ? roundCode(round.seq) : null };
	}
}
