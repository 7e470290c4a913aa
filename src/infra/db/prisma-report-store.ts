import type { AuditInput, Clock } from '../../app/ports.ts';
import type {
	AuditRecord,
	ItemSet,
	ReportStore,
	ResponseRecord,
	RoundLineage,
	UnitItems,
} from '../../app/report-ports.ts';
import { parseItemCodes, totalsOf, type CommentOutcome, type PlanItem } from '../../domain/items.ts';
import { roundCode } from '../../domain/model.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { writeAudit } from './audit.ts';
import { toAnswer } from './mappers.ts';

type ResponseRow = Prisma.ResponseGetPayload<object>;
type ItemRow = Prisma.PlanItemGetPayload<object>;

function toItem(row: ItemRow): PlanItem {
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
	constructor(
		private readonly prisma: PrismaClient,
		private readonly clock: Clock = { now: () => new Date() },
	) {}

	async lineage(roundId: number): Promise<RoundLineage | null> {
		const row = await this.prisma.round.findUnique({
			where: { id: roundId },
			select: { number: true, fromRoundId: true },
		});
		return row ? { number: row.number, fromRoundId: row.fromRoundId } : null;
	}

	async items(roundId: number, set: ItemSet): Promise<PlanItem[]> {
		const rows = await this.prisma.planItem.findMany({ where: { roundId, set }, orderBy: { id: 'asc' } });
		return rows.map(toItem);
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
