import type {
	AuditInput,
	DeliveryRecord,
	FileBlob,
	NewAnswer,
	NewRound,
	Store,
} from '../../app/ports.ts';
import type { Answer, AnswerKind, Round, ServerSettings, Unit, UnitKind } from '../../domain/model.ts';
import { roundCode } from '../../domain/model.ts';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';

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

function toAnswer(row: ResponseRow): Answer {
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

function json(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

/** True for a unique-constraint violation (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
	await tx.auditEvent.create({
		data: {
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
	constructor(private readonly prisma: PrismaClient) {}

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
			await tx.guildSettings.upsert({ where: { guildId: s.guildId }, create: { guildId: s.guildId, ...data }, update: data });
			await writeAudit(tx, { ...audit, before: before ?? null, after: data });
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
				await writeAudit(tx, { ...audit, subject: u.code, after: u });
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
			await writeAudit(tx, {
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
				await tx.unit.update({ where: { id }, data: { archivedAt: new Date() } });
				await writeAudit(tx, { ...audit, action: 'unit.archive', subject: unit.code });
				return 'archived' as const;
			}
			await tx.unit.delete({ where: { id } });
			await writeAudit(tx, { ...audit, subject: unit.code, before: unit });
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
			await writeAudit(tx, {
				...audit,
				roundId: round.id,
				subject: round.code,
				after: { title: round.title, deadline: round.deadline, units: input.unitIds.length, campaign: input.campaignName },
			});
			return round;
		});
	}

	async getRound(id: number): Promise<Round | null> {
		const row = await this.prisma.round.findUnique({ where: { id }, include: { campaign: true } });
		return row ? toRound(row) : null;
	}

	async findRoundBySeq(guildId: string, seq: number): Promise<Round | null> {
		const row = await this.prisma.round.findUnique({ where: { guildId_seq: { guildId, seq } }, include: { campaign: true } });
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
			await writeAudit(tx, { ...audit, roundId, after: { text: text !== null, file: file?.name ?? null } });
		});
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

	async markRoundOpen(roundId: number, at: Date, audit: AuditInput): Promise<void> {
		await this.prisma.$transaction(async (tx) => {
			const updated = await tx.round.updateMany({
				where: { id: roundId, state: 'draft' },
				data: { state: 'open', publishedAt: at },
			});
			if (updated.count > 0) await writeAudit(tx, { ...audit, roundId });
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
			await writeAudit(tx, { ...audit, roundId, after: result });
		});
	}

	async appendAnswer(input: NewAnswer, audit: AuditInput): Promise<{ answer: Answer; duplicate: boolean }> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.prisma.$transaction(async (tx) => {
					if (input.interactionId) {
						const seen = await tx.response.findUnique({ where: { interactionId: input.interactionId } });
						if (seen) return { answer: toAnswer(seen), duplicate: true };
					}
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
							fileName: input.fileName,
							fileUrl: input.fileUrl,
							userId: input.userId,
							userName: input.userName,
							source: input.source,
							late: input.late,
							interactionId: input.interactionId,
							createdAt: input.at,
						},
					});
					await writeAudit(tx, {
						...audit,
						roundId: input.roundId,
						before: last ? { version: last.version, answer: last.answer, text: last.text } : null,
						after: { version: row.version, answer: row.answer, text: row.text, late: row.late, source: row.source },
					});
					return { answer: toAnswer(row), duplicate: false };
				});
			} catch (error) {
				// Two answers for one unit racing for the same version: the loser simply takes the next one.
				if (!isUniqueViolation(error) || attempt >= 5) throw error;
			}
		}
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

	async audit(event: AuditInput): Promise<void> {
		await writeAudit(this.prisma, event);
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
