import { randomBytes } from 'node:crypto';
import type {
	AuditInput,
	Clock,
	DeliveryRecord,
	FileBlob,
	NewAnswer,
	NewRound,
	NoticeRecord,
	ReminderRecord,
	Store,
} from '../../app/ports.ts';
import type { Answer, AnswerKind, Round, ServerSettings, Unit, UnitKind } from '../../domain/model.ts';
import { roundCode } from '../../domain/model.ts';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { copyRoundContent } from './round-copy.ts';

type Tx = Prisma.TransactionClient;

type UnitRow = Prisma.UnitGetPayload<object>;
type RoundRow = Prisma.RoundGetPayload<{ include: { campaign: true } }>;
type ResponseRow = Prisma.ResponseGetPayload<object>;
type DeliveryRow = Prisma.DeliveryGetPayload<object>;

function toUnit(row: UnitRow): Unit {
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

function toRound(row: RoundRow): Round {
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

function toDelivery(row: DeliveryRow): DeliveryRecord {
	return {
		roundId: row.roundId,
		unitId: row.unitId,
		channelId: row.channelId,
		messageId: row.messageId,
		status: row.status as DeliveryRecord['status'],
		error: row.error,
		nonce: row.nonce,
		attempts: row.attempts,
		updatedAt: row.updatedAt,
	};
}

function toReminder(row: Prisma.ReminderDispatchGetPayload<object>): ReminderRecord {
	return {
		id: row.id,
		roundId: row.roundId,
		unitId: row.unitId,
		step: row.step,
		dueAt: row.dueAt,
		status: row.status as ReminderRecord['status'],
		attempts: row.attempts,
		nextAttemptAt: row.nextAttemptAt,
		leaseUntil: row.leaseUntil,
		sentAt: row.sentAt,
		nonce: row.nonce,
	};
}

function json(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

/** True for a unique-constraint violation (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Appends one audit row (inside the caller's transaction). Shared by the stores of infra/db. */
export async function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
	await tx.auditEvent.create({
		data: {
			...(event.at ? { createdAt: event.at } : {}),
			guildId: event.guildId,
			roundId: event.roundId ?? null,
			actorId: event.actorId ?? null,
			actorName: event.actorName ?? null,
			action: event.action,
			subject: event.subject ?? null,
			before: json(event.before),
			after: json(event.after),
		},
	});
}

/** The Store port over Prisma. Every state change and its audit event are written in one transaction. */
export class PrismaStore implements Store {
	constructor(
		private readonly prisma: PrismaClient,
		private readonly clock: Clock = { now: () => new Date() },
	) {}

	/** Audit rows carry the injected clock's time, like the answers and deliveries they describe. */
	private writeAudit(tx: Tx, event: AuditInput): Promise<void> {
		return writeAudit(tx, { ...event, at: event.at ?? this.clock.now() });
	}

	async getSettings(guildId: string): Promise<ServerSettings | null> {
		const row = await this.prisma.guildSettings.findUnique({ where: { guildId } });
		if (!row) return null;
		return {
			guildId: row.guildId,
			coordinatorRoleId: row.coordinatorRoleId,
			reportChannelId: row.reportChannelId,
			language: row.language === 'en' ? 'en' : 'vi',
			timezone: row.timezone,
			officeHours: row.officeHours,
			workingDays: row.workingDays,
			reminderLadder: row.reminderLadder,
		};
	}

	async saveSettings(s: ServerSettings, audit: AuditInput): Promise<void> {
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
			};
			await tx.guildSettings.upsert({
				where: { guildId: s.guildId },
				create: { guildId: s.guildId, ...data },
				update: data,
			});
			await this.writeAudit(tx, { ...audit, before: before ?? null, after: data });
		});
	}

	async listUnits(guildId: string, opts: { includeArchived?: boolean } = {}): Promise<Unit[]> {
		const rows = await this.prisma.unit.findMany({
			where: { guildId, ...(opts.includeArchived ? {} : { archivedAt: null }) },
			orderBy: { code: 'asc' },
		});
		return rows.map(toUnit);
	}

	async findUnitByCode(guildId: string, code: string): Promise<Unit | null> {
		const row = await this.prisma.unit.findUnique({ where: { guildId_code: { guildId, code } } });
		return row ? toUnit(row) : null;
	}

	async getUnit(id: number): Promise<Unit | null> {
		const row = await this.prisma.unit.findUnique({ where: { id } });
		return row ? toUnit(row) : null;
	}

	async createUnits(
		guildId: string,
		units: Array<Omit<Unit, 'id' | 'guildId' | 'archived'>>,
		audit: AuditInput,
	): Promise<Unit[]> {
		return this.prisma.$transaction(async (tx) => {
			const created: Unit[] = [];
			for (const u of units) {
				const row = await tx.unit.create({
					data: { guildId, code: u.code, name: u.name, kind: u.kind, channelId: u.channelId, roleId: u.roleId },
				});
				created.push(toUnit(row));
				await this.writeAudit(tx, { ...audit, subject: u.code, after: u });
			}
			return created;
		});
	}

	async updateUnit(
		id: number,
		changes: Partial<Pick<Unit, 'name' | 'channelId' | 'roleId' | 'kind'>>,
		audit: AuditInput,
	): Promise<Unit> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.unit.findUniqueOrThrow({ where: { id } });
			const row = await tx.unit.update({ where: { id }, data: changes });
			await this.writeAudit(tx, {
				...audit,
				subject: row.code,
				before: { name: before.name, channelId: before.channelId, roleId: before.roleId, kind: before.kind },
				after: changes,
			});
			return toUnit(row);
		});
	}

	async removeUnit(id: number, audit: AuditInput): Promise<'deleted' | 'archived'> {
		return this.prisma.$transaction(async (tx) => {
			const unit = await tx.unit.findUniqueOrThrow({ where: { id } });
			const used =
				(await tx.response.count({ where: { unitId: id } })) > 0 ||
				(await tx.roundTarget.count({ where: { unitId: id } })) > 0;
			if (used) {
				await tx.unit.update({ where: { id }, data: { archivedAt: this.clock.now() } });
				await this.writeAudit(tx, { ...audit, action: 'unit.archive', subject: unit.code });
				return 'archived' as const;
			}
			await tx.unit.delete({ where: { id } });
			await this.writeAudit(tx, { ...audit, subject: unit.code, before: unit });
			return 'deleted' as const;
		});
	}

	async createRound(input: NewRound, audit: AuditInput): Promise<Round> {
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

	async getRound(id: number): Promise<Round | null> {
		const row = await this.prisma.round.findUnique({ where: { id }, include: { campaign: true } });
		return row ? toRound(row) : null;
	}

	async findRoundBySeq(guildId: string, seq: number): Promise<Round | null> {
		const row = await this.prisma.round.findUnique({
			where: { guildId_seq: { guildId, seq } },
			include: { campaign: true },
		});
		return row ? toRound(row) : null;
	}

	async listRounds(guildId: string, opts: { states?: Round['state'][]; limit?: number } = {}): Promise<Round[]> {
		const rows = await this.prisma.round.findMany({
			where: { guildId, ...(opts.states ? { state: { in: opts.states } } : {}) },
			orderBy: { seq: 'desc' },
			take: opts.limit ?? 25,
			include: { campaign: true },
		});
		return rows.map(toRound);
	}

	async listTargets(roundId: number): Promise<Array<{ unit: Unit; draftText: string | null; ownDraft: boolean }>> {
		const rows = await this.prisma.roundTarget.findMany({
			where: { roundId },
			include: { unit: true },
			orderBy: { unit: { code: 'asc' } },
		});
		return rows.map((r) => ({ unit: toUnit(r.unit), draftText: r.draftText, ownDraft: r.ownDraft }));
	}

	async isTargeted(roundId: number, unitId: number): Promise<boolean> {
		return (await this.prisma.roundTarget.count({ where: { roundId, unitId } })) > 0;
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
		const target = await this.prisma.roundTarget.findUnique({ where: { roundId_unitId: { roundId, unitId } } });
		// A unit's own draft replaces the common one entirely, files included.
		const rows = await this.prisma.draftFile.findMany({
			where: { roundId, unitId: target?.ownDraft ? unitId : null },
			orderBy: { id: 'asc' },
		});
		return rows.map((r) => ({ name: r.name, contentType: r.contentType, data: Buffer.from(r.data) }));
	}

	async draftFileCounts(roundId: number): Promise<Map<number, number>> {
		const [targets, files] = await Promise.all([
			this.prisma.roundTarget.findMany({ where: { roundId }, select: { unitId: true, ownDraft: true } }),
			this.prisma.draftFile.findMany({ where: { roundId }, select: { unitId: true } }),
		]);
		const counts = new Map<number, number>();
		for (const t of targets) {
			counts.set(t.unitId, files.filter((f) => f.unitId === (t.ownDraft ? t.unitId : null)).length);
		}
		return counts;
	}

	async markRoundOpen(roundId: number, at: Date, audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const updated = await tx.round.updateMany({
				where: { id: roundId, state: 'draft' },
				data: { state: 'open', publishedAt: at },
			});
			if (updated.count > 0) await this.writeAudit(tx, { ...audit, roundId });
		});
	}

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

	async appendAnswer(
		input: NewAnswer,
		audit: AuditInput,
	): Promise<{ answer: Answer; duplicate: boolean } | 'round-not-open'> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.prisma.$transaction(async (tx) => {
					if (input.interactionId) {
						const seen = await tx.response.findUnique({ where: { interactionId: input.interactionId } });
						if (seen) return { answer: toAnswer(seen), duplicate: true };
					}
					// Checked again inside the transaction: a close committed since the caller looked wins.
					const round = await tx.round.findUnique({ where: { id: input.roundId }, select: { state: true } });
					if (round?.state !== 'open') return 'round-not-open' as const;
					const last = await tx.response.findFirst({
						where: { roundId: input.roundId, unitId: input.unitId },
						orderBy: { version: 'desc' },
					});
					const row = await tx.response.create({
						data: {
							roundId: input.roundId,
							unitId: input.unitId,
							version: (last?.version ?? 0) + 1,
							answer: input.answer,
							text: input.text,
							fileName: input.file?.name ?? input.fileName,
							fileUrl: input.fileUrl,
							...(input.file
								? {
										file: {
											create: {
												name: input.file.name,
												contentType: input.file.contentType,
												size: input.file.data.length,
												data: new Uint8Array(input.file.data),
											},
										},
									}
								: {}),
							userId: input.userId,
							userName: input.userName,
							source: input.source,
							late: input.late,
							interactionId: input.interactionId,
							itemCodes: input.itemCodes ?? null,
							createdAt: input.at,
						},
					});
					await this.writeAudit(tx, {
						...audit,
						roundId: input.roundId,
						before: last ? { version: last.version, answer: last.answer, text: last.text } : null,
						after: {
							version: row.version,
							answer: row.answer,
							text: row.text,
							late: row.late,
							source: row.source,
							items: row.itemCodes,
						},
					});
					return { answer: toAnswer(row), duplicate: false };
				});
			} catch (error) {
				// Two answers for one unit racing for the same version: the loser simply takes the next one.
				if (!isUniqueViolation(error) || attempt >= 5) throw error;
			}
		}
	}

	async answerFile(answerId: number): Promise<FileBlob | null> {
		const row = await this.prisma.answerFile.findUnique({ where: { responseId: answerId } });
		return row ? { name: row.name, contentType: row.contentType, data: Buffer.from(row.data) } : null;
	}

	async currentAnswers(roundId: number): Promise<Map<number, Answer>> {
		const rows = await this.prisma.response.findMany({ where: { roundId }, orderBy: { version: 'asc' } });
		const map = new Map<number, Answer>();
		for (const row of rows) map.set(row.unitId, toAnswer(row));
		return map;
	}

	async answerHistory(roundId: number, unitId: number): Promise<Answer[]> {
		const rows = await this.prisma.response.findMany({ where: { roundId, unitId }, orderBy: { version: 'asc' } });
		return rows.map(toAnswer);
	}

	async listHolidays(guildId: string): Promise<Array<{ date: string; name: string }>> {
		const rows = await this.prisma.holiday.findMany({ where: { guildId }, orderBy: { date: 'asc' } });
		return rows.map((r) => ({ date: r.date, name: r.name }));
	}

	async upsertHolidays(
		guildId: string,
		holidays: Array<{ date: string; name: string }>,
		audit: AuditInput,
	): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			for (const h of holidays) {
				const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date: h.date } } });
				await tx.holiday.upsert({
					where: { guildId_date: { guildId, date: h.date } },
					create: { guildId, date: h.date, name: h.name },
					update: { name: h.name },
				});
				await this.writeAudit(tx, {
					...audit,
					subject: h.date,
					before: before ? { name: before.name } : null,
					after: { name: h.name },
				});
			}
		});
	}

	async removeHoliday(guildId: string, date: string, audit: AuditInput): Promise<boolean> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.holiday.findUnique({ where: { guildId_date: { guildId, date } } });
			if (!before) return false;
			await tx.holiday.delete({ where: { id: before.id } });
			await this.writeAudit(tx, { ...audit, subject: date, before: { name: before.name } });
			return true;
		});
	}

	async listOpenRounds(): Promise<Round[]> {
		const rows = await this.prisma.round.findMany({
			where: { state: 'open' },
			include: { campaign: true },
			orderBy: { id: 'asc' },
		});
		return rows.map(toRound);
	}

	async listClosedRoundsSince(since: Date): Promise<Round[]> {
		const rows = await this.prisma.round.findMany({
			where: { state: 'closed', closedAt: { gte: since } },
			include: { campaign: true },
			orderBy: { id: 'asc' },
		});
		return rows.map(toRound);
	}

	async hasAnswered(roundId: number, unitId: number): Promise<boolean> {
		return (await this.prisma.response.count({ where: { roundId, unitId } })) > 0;
	}

	async changeDeadline(roundId: number, deadline: Date, audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const before = await tx.round.findUniqueOrThrow({ where: { id: roundId } });
			await tx.round.update({ where: { id: roundId }, data: { deadline } });
			// Skipped steps are planned again from the new deadline; sent ones are never repeated.
			await tx.reminderDispatch.deleteMany({ where: { roundId, status: 'skipped' } });
			await this.writeAudit(tx, { ...audit, roundId, before: { deadline: before.deadline }, after: { deadline } });
		});
	}

	async closeRound(roundId: number, at: Date, silentUnitIds: number[], audit: AuditInput): Promise<boolean> {
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

	async audit(event: AuditInput): Promise<void> {
		await this.writeAudit(this.prisma, event);
	}

	async ping(): Promise<boolean> {
		try {
			await this.prisma.$queryRaw`SELECT 1`;
			return true;
		} catch {
			return false;
		}
	}
}
