import type { AuditInput, FileBlob, NewAnswer, AnswerRepository } from '../../../app/ports.ts';
import type { Answer } from '../../../domain/model.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { writeAudit } from '../audit.ts';
import { lockOpenRound } from '../locks.ts';
import { isUniqueViolation, toAnswer } from '../mappers.ts';
import { answerAudit, appendAnswers, responseColumns, type AnswerWrite, type AppendResult } from './answer-writes.ts';
import { PrismaRepository } from './base.ts';

/** At most this many answers are written in one transaction. */
const MAX_BATCH = 200;

interface Waiting extends AnswerWrite {
	resolve(result: AppendResult): void;
	reject(error: unknown): void;
}

/** Answer versions and their files. */
export class PrismaAnswerRepository extends PrismaRepository implements AnswerRepository {
	private queue: Waiting[] = [];
	private writing = false;

	/**
	 * Group commit: answers that arrive while a write is under way (a burst of clicks) wait for it, then go together
	 * in the next transaction, a handful of statements for all of them instead of six each. Each caller still gets
	 * its own answer back only once it is committed. An answer with a file goes alone.
	 */
	append(input: NewAnswer, audit: AuditInput): Promise<AppendResult> {
		const write = { input, audit: { ...audit, at: audit.at ?? this.clock.now() } };
		if (input.file) return this.withRetry(() => this.appendWithFile(write));
		return new Promise((resolve, reject) => {
			this.queue.push({ ...write, resolve, reject });
			if (!this.writing) void this.writeQueued();
		});
	}

	private async writeQueued(): Promise<void> {
		this.writing = true;
		// The answers of this task (clicks that came in one read of the socket) go together, before the event loop
		// goes on to the next read: not at its next turn, which comes only once every read that is ready is handled
		// (see coalesce.ts).
		await new Promise((resolve) => process.nextTick(resolve));
		while (this.queue.length > 0) {
			const batch = this.queue.splice(0, MAX_BATCH);
			try {
				const results = await this.withRetry(() => this.sql.transaction((tx) => appendAnswers(tx, batch)));
				batch.forEach((w, i) => w.resolve(results[i]!));
			} catch (error) {
				if (batch.length === 1) batch[0]!.reject(error);
				// One bad answer must not fail the others: each is tried alone.
				else for (const w of batch) await this.appendAlone(w);
			}
		}
		this.writing = false;
	}

	private async appendAlone(w: Waiting): Promise<void> {
		try {
			const [result] = await this.withRetry(() => this.sql.transaction((tx) => appendAnswers(tx, [w])));
			w.resolve(result!);
		} catch (error) {
			w.reject(error);
		}
	}

	/** Two writers racing for one unit's next version (or one interaction): the loser tries again, reading anew. */
	private async withRetry<T>(write: () => Promise<T>): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await write();
			} catch (error) {
				if (!isUniqueViolation(error) || attempt >= 5) throw error;
			}
		}
	}

	private appendWithFile({ input, audit }: AnswerWrite): Promise<AppendResult> {
		const file = input.file!;
		return this.prisma.$transaction(async (tx) => {
			if (input.interactionId) {
				const seen = await tx.response.findUnique({ where: { interactionId: input.interactionId } });
				if (seen) return { answer: toAnswer(seen), duplicate: true };
			}
			// Checked again inside the transaction, with the round's row locked until commit (docs/ARCHITECTURE.md).
			if ((await lockOpenRound(tx, input.roundId)) === 0) return 'round-not-open' as const;
			const last = await tx.response.findFirst({
				where: { roundId: input.roundId, unitId: input.unitId },
				orderBy: { version: 'desc' },
			});
			const row = await tx.response.create({
				data: {
					...responseColumns(input, (last?.version ?? 0) + 1),
					file: {
						create: {
							name: file.name,
							contentType: file.contentType,
							size: file.data.length,
							data: new Uint8Array(file.data),
						},
					},
				},
			});
			await writeAudit(tx, answerAudit(audit, input.roundId, last, row));
			return { answer: toAnswer(row), duplicate: false };
		});
	}

	async file(answerId: number): Promise<FileBlob | null> {
		const row = await this.prisma.answerFile.findUnique({ where: { responseId: answerId } });
		return row ? { name: row.name, contentType: row.contentType, data: Buffer.from(row.data) } : null;
	}

	async current(roundId: number): Promise<Map<number, Answer>> {
		// The latest version of each unit, found by the database (unique index on roundId, unitId, version) rather
		// than by reading every version; portable SQL for SQLite and PostgreSQL, straight on the adapter (every publish
		// and sweep reads it).
		const rows = await this.sql.query<Prisma.ResponseGetPayload<object>>(Prisma.sql`
			SELECT r.* FROM "Response" r
			WHERE r."roundId" = ${roundId} AND r."version" = (
				SELECT MAX(v."version") FROM "Response" v WHERE v."roundId" = r."roundId" AND v."unitId" = r."unitId"
			)
			ORDER BY r."unitId" ASC`);
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
