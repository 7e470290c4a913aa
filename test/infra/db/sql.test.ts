import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../../src/app/manage-rounds.ts';
import type { Unit } from '../../../src/domain/model.ts';
import { Prisma } from '../../../src/generated/prisma/client.ts';
import { isUniqueViolation } from '../../../src/infra/db/mappers.ts';
import { appendAnswers } from '../../../src/infra/db/repositories/answer-writes.ts';
import { txSql } from '../../../src/infra/db/sql.ts';
import { PrismaReportStore } from '../../../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../../../src/infra/db/repositories/index.ts';
import type { Deps } from '../../../src/app/deps.ts';
import {
	coordinator,
	createAppHarness,
	GUILD,
	member,
	seedServer,
	type AppHarness,
} from '../../support/app-harness.ts';

// Raw SQL straight on Prisma's driver adapter (src/infra/db/sql.ts), on each engine (vitest.config.ts runs this file
// on PostgreSQL too): rows exactly as Prisma's $queryRaw returns them, values written exactly as it writes them, and
// transactions that commit, roll back, and wait for Prisma's own.

let h: AppHarness;
let units: Unit[];
let roundId: number;

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps, { count: 3 });
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '04/10/2021 17:00',
		units: 'HTTKQG,TKCNXD,TKNLTS',
		campaign: 'Kế hoạch 2022',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	roundId = created.value.round.id;
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
	// Answers with text, a note, a late flag and item codes, so that every kind of column holds a value or a null.
	for (const [i, answer] of (['agree', 'comment'] as const).entries()) {
		const unit = units[i]!;
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([unit.roleId]),
			round: { id: roundId },
			unit: { id: unit.id },
			answer,
			text: answer === 'comment' ? 'Đề nghị bổ sung chỉ tiêu' : undefined,
			interactionId: `i-${String(i)}`,
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
	}
});
afterEach(async () => {
	await h.close();
});

/** The same statement through Prisma's client and straight on the adapter. */
async function both(statement: Prisma.Sql): Promise<[unknown[], unknown[]]> {
	return [await h.db.prisma.$queryRaw<unknown[]>(statement), await h.db.sql.query(statement)];
}

describe('rows read straight on the adapter are the rows $queryRaw returns', () => {
	it.each([
		[
			'a round with its campaign (dates, numbers, text, nulls)',
			() => Prisma.sql`
			SELECT r.*, c."name" AS "campaignName" FROM "Round" r LEFT JOIN "Campaign" c ON c."id" = r."campaignId"
			WHERE r."id" IN (${Prisma.join([roundId, roundId + 1000])}) ORDER BY r."id"`,
		],
		[
			'targets with their units',
			() => Prisma.sql`
			SELECT t."roundId" AS "targetRoundId", u.* FROM "RoundTarget" t JOIN "Unit" u ON u."id" = t."unitId"
			WHERE t."roundId" IN (${roundId}) ORDER BY u."id"`,
		],
		[
			'answers (booleans, a comment, nulls)',
			() => Prisma.sql`
			SELECT * FROM "Response" WHERE "interactionId" IN (${Prisma.join(['i-0', 'i-1', 'i-9'])}) ORDER BY "id"`,
		],
		[
			'a count and an expression',
			() => Prisma.sql`
			SELECT COUNT(*) AS "n", MAX("version") AS "top" FROM "Response" WHERE "roundId" = ${roundId}`,
		],
		['audit events (JSON kept as text)', () => Prisma.sql`SELECT * FROM "AuditEvent" ORDER BY "id"`],
		['nothing found', () => Prisma.sql`SELECT * FROM "Response" WHERE "id" = ${-1}`],
	])('GIVEN %s WHEN read both ways THEN the same values of the same types', async (_what, statement) => {
		const [viaPrisma, direct] = await both(statement());
		expect(direct).toStrictEqual(viaPrisma);
	});

	it('GIVEN draft files (bytes), plan items (fractional points), outbox items and settings WHEN read both ways THEN the same values of the same types', async () => {
		// The tables a publish reads and writes straight on the adapter (rounds, outbox, report store).
		const audit = { guildId: GUILD, action: 'test.seed' };
		await h.deps.rounds.setUnitDraft(
			roundId,
			units[0]!.id,
			'Dự thảo riêng',
			{ name: 'rieng.pdf', contentType: 'application/pdf', data: Buffer.from([0, 1, 2, 250, 255]) },
			audit,
		);
		await h.db.prisma.draftFile.create({
			data: { roundId, unitId: null, name: 'chung.docx', contentType: null, size: 3, data: new Uint8Array([7, 8, 9]) },
		});
		await h.deps.reports.replaceItems(
			roundId,
			'plan',
			[
				{
					unitId: units[1]!.id,
					unitCode: units[1]!.code,
					items: [{ code: 'A1', title: 'Điều tra', frequency: null, due: '06/2022', points: 2.5 }],
				},
			],
			audit,
		);
		for (const statement of [
			Prisma.sql`SELECT * FROM "DraftFile" ORDER BY "id"`,
			Prisma.sql`SELECT "unitId", "code", "title", "frequency", "due", "points" FROM "PlanItem" ORDER BY "id"`,
			Prisma.sql`SELECT * FROM "OutboxItem" ORDER BY "id"`,
			Prisma.sql`SELECT * FROM "GuildSettings"`,
		]) {
			const [viaPrisma, direct] = await both(statement);
			expect(direct.length).toBeGreaterThan(0);
			expect(direct).toStrictEqual(viaPrisma);
		}
		// What the repositories make of them: a unit's own file, the common one for the others, the points.
		const own = await h.deps.rounds.draftFiles(roundId, units[0]!.id);
		expect(own.map((f) => [f.name, [...f.data]])).toEqual([['rieng.pdf', [0, 1, 2, 250, 255]]]);
		const common = await h.deps.rounds.draftFiles(roundId, units[1]!.id);
		expect(common.map((f) => [f.name, f.contentType, [...f.data]])).toEqual([['chung.docx', null, [7, 8, 9]]]);
		expect(await h.deps.rounds.draftFileCounts(roundId)).toEqual(
			new Map([
				[units[0]!.id, 1],
				[units[1]!.id, 1],
				[units[2]!.id, 1],
			]),
		);
		expect((await h.deps.reports.items(roundId, 'plan')).map((i) => i.points)).toEqual([2.5]);
	});

	it('GIVEN the repositories built with and without the direct path WHEN a publish and a status read THEN they read the same', async () => {
		await h.deps.reports.replaceItems(
			roundId,
			'plan',
			[
				{
					unitId: units[2]!.id,
					unitCode: units[2]!.code,
					items: [{ code: 'B2', title: 'Tổng hợp', frequency: 'Quý', due: null, points: 1.25 }],
				},
			],
			{ guildId: GUILD, action: 'test.seed' },
		);
		const direct = h.deps;
		const viaPrisma = {
			...createRepositories(h.db.prisma, h.clock),
			reports: new PrismaReportStore(h.db.prisma, h.clock),
		};
		const reads = async (d: Pick<Deps, 'rounds' | 'answers' | 'settings' | 'outbox' | 'reports'>) => ({
			targets: await d.rounds.targets(roundId),
			answers: await d.answers.current(roundId),
			settings: await d.settings.get(GUILD),
			deliveries: await d.outbox.deliveries(roundId),
			undelivered: await d.outbox.undeliveredTargets(roundId),
			status: await d.reports.statusRows(roundId),
			items: await d.reports.itemsOfUnits(roundId, 'plan', [units[2]!.id]),
			lineage: await d.reports.lineage(roundId),
		});
		const got = await reads(direct);
		expect(got.answers.size).toBe(2);
		expect(got.deliveries).toHaveLength(3);
		expect(got.status.filter((r) => r.current !== null && r.delivery !== null)).toHaveLength(2);
		expect(got.items.map((i) => i.points)).toEqual([1.25]);
		expect(got).toStrictEqual(await reads(viaPrisma));
	});

	it('GIVEN the rows compared WHEN they hold values THEN they are typed (not strings): the comparison means something', async () => {
		const [round] = await h.db.sql.query<Record<string, unknown>>(
			Prisma.sql`SELECT r.*, c."name" AS "campaignName" FROM "Round" r LEFT JOIN "Campaign" c ON c."id" = r."campaignId" WHERE r."id" = ${roundId}`,
		);
		expect(round?.['deadline']).toBeInstanceOf(Date);
		expect(round?.['id']).toBe(roundId);
		expect(round?.['campaignName']).toBe('Kế hoạch 2022');
		const [answer] = await h.db.sql.query<Record<string, unknown>>(
			Prisma.sql`SELECT * FROM "Response" WHERE "interactionId" = ${'i-1'}`,
		);
		expect(answer?.['late']).toBe(false);
		expect(answer?.['text']).toBe('Đề nghị bổ sung chỉ tiêu');
		const [count] = await h.db.sql.query<{ n: bigint }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Response"`);
		expect(count?.n).toBe(2n);
	});
});

describe('values written straight on the adapter are stored as Prisma stores them', () => {
	it('GIVEN a date, a boolean, text and a null WHEN written straight THEN Prisma reads back the same', async () => {
		const at = new Date('2021-09-20T03:04:05.678Z');
		const unit = units[2]!;
		const changed = await h.db.sql.execute(Prisma.sql`
			INSERT INTO "Response" ("roundId", "unitId", "version", "answer", "text", "userId", "userName", "late",
				"interactionId", "createdAt")
			VALUES (${roundId}, ${unit.id}, ${1}, ${'comment'}, ${'Góp ý "trích dẫn" & ký tự'}, ${'u1'}, ${'Cán bộ'}, ${true},
				${null}, ${at})`);
		expect(changed).toBe(1);
		const row = await h.db.prisma.response.findFirstOrThrow({ where: { roundId, unitId: unit.id } });
		expect(row).toMatchObject({ createdAt: at, late: true, interactionId: null, text: 'Góp ý "trích dẫn" & ký tự' });
		// And a date comparison in SQL finds it, as it finds rows Prisma wrote (same text format on SQLite).
		const [found] = await h.db.sql.query<{ n: bigint }>(
			Prisma.sql`SELECT COUNT(*) AS "n" FROM "Response" WHERE "createdAt" >= ${at} AND "createdAt" < ${new Date(at.getTime() + 1)}`,
		);
		expect(found?.n).toBe(1n);
	});
});

describe('transactions straight on the adapter', () => {
	const insertAudit = (action: string) =>
		Prisma.sql`INSERT INTO "AuditEvent" ("guildId", "action", "createdAt") VALUES (${GUILD}, ${action}, ${new Date()})`;
	const audits = async (action: string) => h.db.prisma.auditEvent.count({ where: { action } });

	it('GIVEN work that succeeds WHEN run in a transaction THEN its writes are committed and its result returned', async () => {
		const result = await h.db.sql.transaction(async (tx) => {
			await tx.execute(insertAudit('test.commit'));
			return (
				await tx.query<{ action: string }>(
					Prisma.sql`SELECT "action" FROM "AuditEvent" WHERE "action" = ${'test.commit'}`,
				)
			).length;
		});
		expect(result).toBe(1);
		expect(await audits('test.commit')).toBe(1);
	});

	it('GIVEN work that throws after writing WHEN run in a transaction THEN nothing stays and the error is rethrown', async () => {
		const failure = new Error('stop');
		await expect(
			h.db.sql.transaction(async (tx) => {
				await tx.execute(insertAudit('test.rollback'));
				throw failure;
			}),
		).rejects.toBe(failure);
		expect(await audits('test.rollback')).toBe(0);
		// The connection (SQLite's one, with its lock) is free again.
		await h.db.sql.transaction((tx) => tx.execute(insertAudit('test.after')));
		expect(await audits('test.after')).toBe(1);
	});

	it('GIVEN an answer version already taken WHEN written again THEN a unique violation the retry recognises, and the batch is rolled back', async () => {
		const unit = units[2]!;
		const row = (version: number, interactionId: string) => Prisma.sql`
			INSERT INTO "Response" ("roundId", "unitId", "version", "answer", "userId", "userName", "late", "interactionId",
				"createdAt")
			VALUES (${roundId}, ${unit.id}, ${version}, ${'agree'}, ${'u1'}, ${'Cán bộ'}, ${false}, ${interactionId}, ${new Date()})`;
		await h.db.sql.execute(row(1, 'first'));
		const error = await h.db.sql
			.transaction(async (tx) => {
				await tx.execute(insertAudit('test.unique'));
				await tx.execute(row(1, 'second'));
			})
			.catch((e: unknown) => e);
		expect(isUniqueViolation(error)).toBe(true);
		expect(await audits('test.unique')).toBe(0);
	});

	it("GIVEN Prisma's own transactions running at the same time WHEN both kinds write THEN every write of both is kept", async () => {
		const direct = Array.from({ length: 10 }, (_, i) =>
			h.db.sql.transaction(async (tx) => {
				await tx.execute(insertAudit('test.direct'));
				await tx.query(Prisma.sql`SELECT COUNT(*) AS "n" FROM "AuditEvent"`);
				return i;
			}),
		);
		const viaPrisma = Array.from({ length: 10 }, () =>
			h.db.prisma.$transaction(async (tx) => {
				await txSql(tx).execute(insertAudit('test.prisma'));
				await tx.auditEvent.count();
			}),
		);
		await Promise.all([...direct, ...viaPrisma]);
		expect(await audits('test.direct')).toBe(10);
		expect(await audits('test.prisma')).toBe(10);
	});
});

describe('the group commit straight on the adapter', () => {
	it("GIVEN a batch of answers WHEN written in one transaction straight on the adapter THEN each is its unit's next version, read back by Prisma", async () => {
		const unit = units[0]!;
		const write = (interactionId: string) => ({
			input: {
				roundId,
				unitId: unit.id,
				answer: 'agree' as const,
				text: null,
				fileName: null,
				fileUrl: null,
				file: null,
				userId: 'u1',
				userName: 'Cán bộ',
				source: null,
				late: false,
				interactionId,
				at: new Date('2021-09-18T01:00:00Z'),
				itemCodes: null,
			},
			audit: { guildId: GUILD, action: 'answer.record', subject: unit.code, at: new Date('2021-09-18T01:00:00Z') },
		});
		const results = await h.db.sql.transaction((tx) => appendAnswers(tx, [write('b-1'), write('b-2'), write('i-0')]));
		expect(results.map((r) => (typeof r === 'string' ? r : [r.answer.version, r.duplicate]))).toEqual([
			[2, false],
			[3, false],
			[1, true],
		]);
		const history = await h.db.prisma.response.findMany({
			where: { roundId, unitId: unit.id },
			orderBy: { version: 'asc' },
		});
		expect(history.map((a) => [a.version, a.interactionId])).toEqual([
			[1, 'i-0'],
			[2, 'b-1'],
			[3, 'b-2'],
		]);
		expect(history[1]?.createdAt).toEqual(new Date('2021-09-18T01:00:00Z'));
		expect(await h.db.prisma.auditEvent.count({ where: { action: 'answer.record', subject: unit.code } })).toBe(3);
	});
});
