import type { AuditInput, FileBlob, NewAnswer, AnswerRepository } from '../../../app/ports.ts';
import type { Answer } from '../../../domain/model.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { lockOpenRound } from '../locks.ts';
import { isUniqueViolation, toAnswer } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

/** Answer versions and their files. */
export class PrismaAnswerRepository extends PrismaRepository implements AnswerRepository {
	async append(
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
					// Checked again inside the transaction, with the round's row locked until commit: a close committed
					// since the caller looked wins, and a later close waits for this answer (docs/ARCHITECTURE.md).
					if ((await lockOpenRound(tx, input.roundId)) === 0) return 'round-not-open' as const;
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

	async file(answerId: number): Promise<FileBlob | null> {
		const row = await this.prisma.answerFile.findUnique({ where: { responseId: answerId } });
		return row ? { name: row.name, contentType: row.contentType, data: Buffer.from(row.data) } : null;
	}

	async current(roundId: number): Promise<Map<number, Answer>> {
		// The latest version of each unit, found by the database (unique index on roundId, unitId, version) rather
		// than by reading every version; portable SQL for SQLite and PostgreSQL.
		const rows = await this.prisma.$queryRaw<Array<Prisma.ResponseGetPayload<object>>>`
			SELECT r.* FROM "Response" r
			WHERE r."roundId" = ${roundId} AND r."version" = (
				SELECT MAX(v."version") FROM "Response" v WHERE v."roundId" = r."roundId" AND v."unitId" = r."unitId"
			)
			ORDER BY r."unitId" ASC`;
		return new Map(rows.map((row) => [row.unitId, toAnswer(row)]));
	}

	async history(roundId: number, unitId: number): Promise<Answer[]> {
		const rows = await this.prisma.response.findMany({ where: { roundId, unitId }, orderBy: { version: 'asc' } });
		return rows.map(toAnswer);
	}

	async hasAnswered(roundId: number, unitId: number): Promise<boolean> {
		return (await this.prisma.response.count({ where: { roundId, unitId } })) > 0;
	}
}
