import type { AuditInput, FileBlob, NewRound, RoundRepository } from '../../../app/ports.ts';
import type { Round, Unit } from '../../../domain/model.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { Coalescer } from '../coalesce.ts';
import { toRound, toUnit } from '../mappers.ts';
import { copyRoundContent } from '../round-copy.ts';
import { PrismaRepository } from './base.ts';

/** Rounds, their targets and drafts. */
export class PrismaRoundRepository extends PrismaRepository implements RoundRepository {
	async create(input: NewRound, audit: AuditInput): Promise<Round> {
		return this.prisma.$transaction(async (tx) => {
			const settings = await tx.guildSettings.update({
				where: { guildId: input.guildId },
				data: { roundSeq: { increment: 1 } },
			});
			let campaignId: number | null = null;
			if (input.campaignName) {
				const campaign = await tx.campaign.upsert({
					where: { guildId_name: { guildId: input.guildId, name: input.campaignName } },
					create: { guildId: input.guildId, name: input.campaignName },
					update: {},
				});
				campaignId = campaign.id;
			}
			const number = campaignId === null ? 1 : (await tx.round.count({ where: { campaignId } })) + 1;
			const row = await tx.round.create({
				data: {
					guildId: input.guildId,
					seq: settings.roundSeq,
					campaignId,
					number,
					title: input.title,
					deadline: input.deadline,
					timezone: input.timezone,
					commonText: input.commonText,
					silencePolicy: input.silencePolicy,
					latePolicy: input.latePolicy,
					reminderLadder: input.reminderLadder,
					createdBy: input.createdBy,
					fromRoundId: input.fromRoundId ?? null,
					targets: { create: input.unitIds.map((unitId) => ({ unitId })) },
					...(input.commonFile
						? {
								files: {
									create: {
										name: input.commonFile.name,
										contentType: input.commonFile.contentType,
										size: input.commonFile.data.length,
										data: new Uint8Array(input.commonFile.data),
									},
								},
							}
						: {}),
				},
				include: { campaign: true },
			});
			const round = toRound(row);
			await this.writeAudit(tx, {
				...audit,
				roundId: round.id,
				subject: round.code,
				after: {
					title: round.title,
					deadline: round.deadline,
					units: input.unitIds.length,
					campaign: input.campaignName,
					...(input.fromRoundId ? { fromRoundId: input.fromRoundId } : {}),
				},
			});
			if (input.fromRoundId) {
				await copyRoundContent(
					tx,
					{
						fromRoundId: input.fromRoundId,
						toRoundId: round.id,
						unitIds: input.unitIds,
						copyCommonFiles: !input.commonFile,
					},
					{ ...audit, subject: round.code, at: audit.at ?? this.clock.now() },
				);
			}
			return round;
		});
	}

	/** Every click reads its round by id: a burst's reads go as one raw query (cheaper than a model query). */
	private readonly roundReads = new Coalescer<number, Round>(async (ids) => {
		const rounds = await this.roundsWhere(Prisma.sql`r."id" IN (${Prisma.join(ids)})`);
		return new Map(rounds.map((round) => [round.id, round]));
	});

	/** Rounds with their campaign's name, in raw SQL (a model query with its relation costs several times more). */
	private async roundsWhere(where: Prisma.Sql): Promise<Round[]> {
		const rows = await this.sql.query<Prisma.RoundGetPayload<object> & { campaignName: string | null }>(Prisma.sql`
			SELECT r.*, c."name" AS "campaignName" FROM "Round" r LEFT JOIN "Campaign" c ON c."id" = r."campaignId"
			WHERE ${where}
			ORDER BY r."id" ASC`);
		return rows.map(({ campaignName, ...row }) =>
			toRound({ ...row, campaign: campaignName === null ? null : { name: campaignName } }),
		);
	}

	/** Every click checks its target, keyed `round:unit`: one query for a burst, like get(). */
	private readonly targetReads = new Coalescer<string, Unit>(async (keys) => {
		const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
		const rows = await this.sql.query<Prisma.UnitGetPayload<object> & { targetRoundId: number }>(Prisma.sql`
			SELECT t."roundId" AS "targetRoundId", u.* FROM "RoundTarget" t JOIN "Unit" u ON u."id" = t."unitId"
			WHERE t."roundId" IN (${Prisma.join([...new Set(pairs.map(([r]) => r))])})
				AND t."unitId" IN (${Prisma.join([...new Set(pairs.map(([, u]) => u))])})`);
		return new Map(rows.map(({ targetRoundId, ...unit }) => [`${targetRoundId}:${unit.id}`, toUnit(unit)]));
	});

	get(id: number): Promise<Round | null> {
		return this.roundReads.load(id);
	}

	/** Raw, like get(): every command naming a round reads it (a model query costs several times more CPU). */
	async findBySeq(guildId: string, seq: number): Promise<Round | null> {
		const [found] = await this.roundsWhere(Prisma.sql`r."guildId" = ${guildId} AND r."seq" = ${seq}`);
		return found ?? null;
	}

	async list(guildId: string, opts: { states?: Round['state'][]; limit?: number } = {}): Promise<Round[]> {
		const rows = await this.prisma.round.findMany({
			where: { guildId, ...(opts.states ? { state: { in: opts.states } } : {}) },
			orderBy: { seq: 'desc' },
			take: opts.limit ?? 25,
			include: { campaign: true },
		});
		return rows.map(toRound);
	}

	async targets(roundId: number): Promise<Array<{ unit: Unit; draftText: string | null; ownDraft: boolean }>> {
		// Raw SQL: a model query with its relation costs a millisecond of CPU or so per 100 targets to map, and the
		// sweep reads every open round's thousand targets. Each column is named, so both engines' drivers return it
		// typed (dates as Date, booleans as boolean).
		const rows = await this.sql.query<
			Omit<Prisma.UnitGetPayload<object>, 'createdAt' | 'updatedAt'> & { draftText: string | null; ownDraft: boolean }
		>(Prisma.sql`
			SELECT u."id", u."guildId", u."code", u."name", u."kind", u."channelId", u."roleId", u."archivedAt",
				t."draftText", t."ownDraft"
			FROM "RoundTarget" t JOIN "Unit" u ON u."id" = t."unitId"
			WHERE t."roundId" = ${roundId}
			ORDER BY u."code" ASC`);
		return rows.map(({ draftText, ownDraft, ...unit }) => ({ unit: toUnit(unit), draftText, ownDraft }));
	}

	async isTargeted(roundId: number, unitId: number): Promise<boolean> {
		return (await this.prisma.roundTarget.count({ where: { roundId, unitId } })) > 0;
	}

	target(roundId: number, unitId: number): Promise<Unit | null> {
		return this.targetReads.load(`${roundId}:${unitId}`);
	}

	async setUnitDraft(
		roundId: number,
		unitId: number,
		text: string | null,
		file: FileBlob | null,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			await tx.roundTarget.update({
				where: { roundId_unitId: { roundId, unitId } },
				data: { draftText: text, ownDraft: true },
			});
			await tx.draftFile.deleteMany({ where: { roundId, unitId } });
			if (file) {
				await tx.draftFile.create({
					data: {
						roundId,
						unitId,
						name: file.name,
						contentType: file.contentType,
						size: file.data.length,
						data: new Uint8Array(file.data),
					},
				});
			}
			await this.writeAudit(tx, { ...audit, roundId, after: { text: text !== null, file: file?.name ?? null } });
		});
	}

	async setUnitDrafts(
		roundId: number,
		drafts: ReadonlyArray<{ unitId: number; subject: string; text: string | null; files: readonly FileBlob[] }>,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(
			async (tx) => {
				for (const draft of drafts) {
					const key = { roundId, unitId: draft.unitId };
					await tx.roundTarget.update({
						where: { roundId_unitId: key },
						data: { draftText: draft.text, ownDraft: true },
					});
					await tx.draftFile.deleteMany({ where: key });
					for (const file of draft.files) {
						await tx.draftFile.create({
							data: {
								...key,
								name: file.name,
								contentType: file.contentType,
								size: file.data.length,
								data: new Uint8Array(file.data),
							},
						});
					}
					await this.writeAudit(tx, {
						...audit,
						roundId,
						subject: draft.subject,
						after: { text: draft.text !== null, files: draft.files.map((f) => f.name) },
					});
				}
			},
			// Many units' files in one transaction: more than the default 5 s may be needed on a slow disk.
			{ timeout: 120_000 },
		);
	}

	async draftFiles(roundId: number, unitId: number): Promise<FileBlob[]> {
		// A unit's own draft replaces the common one (unitId NULL) entirely, files included. One raw query straight on
		// the adapter: a publish reads the common files, and each unit with a draft of its own its files.
		const own = Prisma.sql`EXISTS (SELECT 1 FROM "RoundTarget" t
			WHERE t."roundId" = ${roundId} AND t."unitId" = ${unitId} AND t."ownDraft" = true)`;
		const rows = await this.sql.query<{ name: string; contentType: string | null; data: Uint8Array }>(Prisma.sql`
			SELECT f."name", f."contentType", f."data" FROM "DraftFile" f
			WHERE f."roundId" = ${roundId}
				AND ((f."unitId" = ${unitId} AND ${own}) OR (f."unitId" IS NULL AND NOT ${own}))
			ORDER BY f."id" ASC`);
		return rows.map((r) => ({ name: r.name, contentType: r.contentType, data: Buffer.from(r.data) }));
	}

	async draftFileCounts(roundId: number): Promise<Map<number, number>> {
		// One raw query: a unit's own draft files, or the round's common ones (unitId NULL) for the others.
		// Counts come back as numbers or, from PostgreSQL, as bigints.
		const rows = await this.sql.query<{ unitId: number | bigint; files: number | bigint }>(Prisma.sql`
			SELECT t."unitId", COUNT(f."id") AS "files" FROM "RoundTarget" t
			LEFT JOIN "DraftFile" f ON f."roundId" = t."roundId"
				AND ((t."ownDraft" = true AND f."unitId" = t."unitId") OR (t."ownDraft" = false AND f."unitId" IS NULL))
			WHERE t."roundId" = ${roundId}
			GROUP BY t."unitId"`);
		return new Map(rows.map((r) => [Number(r.unitId), Number(r.files)]));
	}

	async markOpen(roundId: number, at: Date, audit: AuditInput): Promise<boolean> {
		// Raw SQL straight on the adapter (the first write of every publish); `updatedAt` is the real time, as Prisma's
		// @updatedAt gives it.
		return this.sql.transaction(async (tx) => {
			const updated = await tx.execute(Prisma.sql`
				UPDATE "Round" SET "state" = 'open', "publishedAt" = ${at}, "updatedAt" = ${new Date()}
				WHERE "id" = ${roundId} AND "state" = 'draft'`);
			if (updated > 0) await this.writeAudit(tx, { ...audit, roundId });
			return updated > 0;
		});
	}

	listOpen(): Promise<Round[]> {
		return this.roundsWhere(Prisma.sql`r."state" = 'open'`);
	}

	listClosedSince(since: Date): Promise<Round[]> {
		return this.roundsWhere(Prisma.sql`r."state" = 'closed' AND r."closedAt" >= ${since}`);
	}

	async changeDeadline(roundId: number, deadline: Date, audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const before = await tx.round.findUniqueOrThrow({ where: { id: roundId } });
			await tx.round.update({ where: { id: roundId }, data: { deadline } });
			// Skipped steps are planned again from the new deadline; sent ones are never repeated.
			await tx.outboxItem.deleteMany({ where: { roundId, kind: 'reminder', status: 'skipped' } });
			await this.writeAudit(tx, { ...audit, roundId, before: { deadline: before.deadline }, after: { deadline } });
		});
	}

	async close(roundId: number, at: Date, silentUnitIds: number[], audit: AuditInput): Promise<boolean> {
		return this.prisma.$transaction(async (tx) => {
			const updated = await tx.round.updateMany({
				where: { id: roundId, state: 'open' },
				data: { state: 'closed', closedAt: at },
			});
			if (updated.count === 0) return false;
			for (const unitId of silentUnitIds) {
				const last = await tx.response.findFirst({ where: { roundId, unitId }, orderBy: { version: 'desc' } });
				if (last) continue;
				await tx.response.create({ data: { roundId, unitId, version: 1, answer: 'silence', createdAt: at } });
				await this.writeAudit(tx, {
					...audit,
					action: 'answer.silence',
					roundId,
					after: { unitId, answer: 'silence' },
				});
			}
			await this.writeAudit(tx, { ...audit, roundId, after: { state: 'closed', silent: silentUnitIds.length } });
			return true;
		});
	}
}
