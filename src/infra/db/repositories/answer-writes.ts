import type { AuditInput, NewAnswer } from '../../../app/ports.ts';
import type { Answer } from '../../../domain/model.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { writeAudits } from '../audit.ts';
import { lockOpenRounds } from '../locks.ts';
import { toAnswer } from '../mappers.ts';
import type { SqlRunner } from '../sql.ts';

/**
 * Writing answers, the busiest path of all (a burst of clicks), in raw SQL: Prisma 6's query compiler costs about
 * 1 ms of CPU per model query and caches no plan, a raw statement a fraction of that. Several answers are written
 * in one transaction of a handful of statements, whatever their number (group commit, see PrismaAnswerRepository).
 */

type ResponseRow = Prisma.ResponseGetPayload<object>;
type ResponseColumns = Omit<
	ResponseRow,
	'id' | 'outcome' | 'outcomeNote' | 'outcomeBy' | 'outcomeAt' | 'carriedFromId'
>;

export type AppendResult = { answer: Answer; duplicate: boolean } | 'round-not-open';

/** One answer to write, with its audit event (stamped by the caller). */
export interface AnswerWrite {
	input: NewAnswer;
	audit: AuditInput;
}

/** A new version's columns (a file is written apart, by the model query that creates both). */
export function responseColumns(input: NewAnswer, version: number): ResponseColumns {
	return {
		roundId: input.roundId,
		unitId: input.unitId,
		version,
		answer: input.answer,
		text: input.text,
		fileName: input.file?.name ?? input.fileName,
		fileUrl: input.fileUrl,
		userId: input.userId,
		userName: input.userName,
		source: input.source,
		late: input.late,
		interactionId: input.interactionId,
		itemCodes: input.itemCodes ?? null,
		createdAt: input.at,
	};
}

const key = (roundId: number, unitId: number) => `${roundId}:${unitId}`;

/** The audit event of a new answer version: the unit's previous answer and the new one. */
export function answerAudit(
	audit: AuditInput,
	roundId: number,
	before: Pick<ResponseRow, 'version' | 'answer' | 'text'> | undefined | null,
	row: ResponseColumns,
): AuditInput {
	return {
		...audit,
		roundId,
		before: before ? { version: before.version, answer: before.answer, text: before.text } : null,
		after: {
			version: row.version,
			answer: row.answer,
			text: row.text,
			late: row.late,
			source: row.source,
			items: row.itemCodes,
		},
	};
}

/**
 * Writes answers without files in one transaction, in their order: each answer's interaction recorded before (or
 * earlier in the batch) makes it a duplicate of that one; an answer to a round no longer open is refused; every other
 * one becomes its unit's next version, with its audit event. The rounds' rows stay locked until commit, as for a
 * single answer (docs/ARCHITECTURE.md). A unique violation (another process wrote the same version or interaction
 * meanwhile) rolls everything back and is thrown for the caller to retry.
 */
export async function appendAnswers(tx: SqlRunner, writes: readonly AnswerWrite[]): Promise<AppendResult[]> {
	const ids = writes.map((w) => w.input.interactionId).filter((id): id is string => id !== null);
	const seen = new Map<string, ResponseRow>();
	if (ids.length > 0) {
		const rows = await tx.query<ResponseRow>(Prisma.sql`
			SELECT * FROM "Response" WHERE "interactionId" IN (${Prisma.join(ids)})`);
		for (const row of rows) seen.set(row.interactionId ?? '', row);
	}
	const fresh = writes.filter((w) => w.input.interactionId === null || !seen.has(w.input.interactionId));
	const open =
		fresh.length > 0
			? await lockOpenRounds(
					tx,
					fresh.map((w) => w.input.roundId),
				)
			: new Set<number>();
	const writable = fresh.filter((w) => open.has(w.input.roundId));
	const last = new Map<string, Pick<ResponseRow, 'version' | 'answer' | 'text'>>();
	if (writable.length > 0) {
		const unitIds = [...new Set(writable.map((w) => w.input.unitId))];
		const rows = await tx.query<Pick<ResponseRow, 'roundId' | 'unitId' | 'version' | 'answer' | 'text'>>(Prisma.sql`
			SELECT r."roundId", r."unitId", r."version", r."answer", r."text" FROM "Response" r
			WHERE r."roundId" IN (${Prisma.join([...open])}) AND r."unitId" IN (${Prisma.join(unitIds)}) AND r."version" = (
				SELECT MAX(v."version") FROM "Response" v WHERE v."roundId" = r."roundId" AND v."unitId" = r."unitId"
			)`);
		for (const row of rows) last.set(key(row.roundId, row.unitId), row);
	}

	// In order: what each write becomes. Inserted rows are matched back by their unique (round, unit, version).
	type Planned = AppendResult | { insert: ResponseColumns } | { sameAs: string };
	const planned: Planned[] = [];
	const inserts: ResponseColumns[] = [];
	const audits: AuditInput[] = [];
	const inBatch = new Set<string>();
	for (const { input, audit } of writes) {
		const id = input.interactionId;
		const earlier = id === null ? undefined : seen.get(id);
		if (earlier) planned.push({ answer: toAnswer(earlier), duplicate: true });
		else if (id !== null && inBatch.has(id)) planned.push({ sameAs: id });
		else if (!open.has(input.roundId)) planned.push('round-not-open');
		else {
			const before = last.get(key(input.roundId, input.unitId));
			const row = responseColumns(input, (before?.version ?? 0) + 1);
			if (id !== null) inBatch.add(id);
			last.set(key(input.roundId, input.unitId), row);
			inserts.push(row);
			planned.push({ insert: row });
			audits.push(answerAudit(audit, input.roundId, before, row));
		}
	}
	if (inserts.length === 0) return planned as AppendResult[];

	const values = inserts.map(
		(c) => Prisma.sql`(${c.roundId}, ${c.unitId}, ${c.version}, ${c.answer}, ${c.text}, ${c.fileName}, ${c.fileUrl},
			${c.userId}, ${c.userName}, ${c.source}, ${c.late}, ${c.interactionId}, ${c.itemCodes}, ${c.createdAt})`,
	);
	const rows = await tx.query<ResponseRow>(Prisma.sql`
		INSERT INTO "Response" ("roundId", "unitId", "version", "answer", "text", "fileName", "fileUrl", "userId",
			"userName", "source", "late", "interactionId", "itemCodes", "createdAt")
		VALUES ${Prisma.join(values)}
		RETURNING *`);
	await writeAudits(tx, audits);
	// RETURNING's order is not promised (SQLite): rows are found by their unique key.
	const byVersion = new Map(rows.map((r) => [`${key(r.roundId, r.unitId)}:${r.version}`, r]));
	const byInteraction = new Map(rows.filter((r) => r.interactionId !== null).map((r) => [r.interactionId!, r]));
	return planned.map((p) => {
		if (typeof p === 'string' || 'answer' in p) return p;
		if ('sameAs' in p) return { answer: toAnswer(byInteraction.get(p.sameAs)!), duplicate: true };
		const row = byVersion.get(`${key(p.insert.roundId, p.insert.unitId)}:${p.insert.version}`);
		if (!row) throw new Error('an inserted answer was not returned');
		return { answer: toAnswer(row), duplicate: false };
	});
}
