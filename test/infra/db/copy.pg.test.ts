import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRound } from '../../../src/app/answer-round.ts';
import { addHoliday } from '../../../src/app/manage-calendar.ts';
import { createRound, publishRound, setUnitDraft } from '../../../src/app/manage-rounds.ts';
import { runReminderSweep } from '../../../src/app/reminder-sweep.ts';
import { closeRound } from '../../../src/app/round-deadlines.ts';
import { Prisma } from '../../../src/generated/prisma/client.ts';
import { COPY_ORDER, copyDatabase, CopyRefusedError, tableChecksum } from '../../../src/infra/db/copy.ts';
import { openDatabase } from '../../../src/infra/db/database.ts';
import {
	coordinator,
	createAppHarness,
	GUILD,
	member,
	seedServer,
	type AppHarness,
} from '../../support/app-harness.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// Moving from the embedded default to PostgreSQL and back must not lose a single answer or byte.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** Every byte value, twice, so that no encoding step can pass by luck. */
const BYTES = Buffer.from([
	...Array.from({ length: 256 }, (_, i) => i),
	...Array.from({ length: 256 }, (_, i) => 255 - i),
]);

let dir: string;
let source: AppHarness;
let pg: TestDatabase;
let backUrl: string;

/** Every row of every table, read through Prisma, in key order. */
async function dump(url: string): Promise<Record<string, unknown[]>> {
	const db = await openDatabase(url);
	try {
		const out: Record<string, unknown[]> = {};
		for (const table of COPY_ORDER) {
			const name = table.charAt(0).toLowerCase() + table.slice(1);
			const model = (db.prisma as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[name]!;
			out[table] = await model.findMany({ orderBy: { [table === 'GuildSettings' ? 'guildId' : 'id']: 'asc' } });
		}
		return out;
	} finally {
		await db.close();
	}
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'gopy-copy-'));
	source = await createAppHarness('2021-09-17T02:00:00Z', { url: `file:${path.join(dir, 'source.db')}` });
	const deps = source.deps;
	const units = await seedServer(deps);
	const actor = coordinator();
	await addHoliday(deps, { guildId: GUILD, actor, date: '02/09/2021', name: 'Quốc khánh' });
	const created = await createRound(deps, {
		guildId: GUILD,
		actor,
		title: 'Rà soát kế hoạch 2022 — lần 1',
		deadline: '04/10/2021 17:00',
		text: 'Dự thảo chung',
		campaign: 'KH 2022',
		file: { name: 'du-thao.docx', contentType: 'application/octet-stream', data: BYTES },
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	await setUnitDraft(deps, {
		guildId: GUILD,
		actor,
		round: 'R1',
		unit: units[1]!.code,
		text: 'Dự thảo riêng',
		file: { name: 'rieng.xlsx', contentType: null, data: BYTES.subarray(7) },
	});
	await publishRound(deps, { guildId: GUILD, actor, round: 'R1' });
	for (const [i, unit] of units.slice(0, 6).entries()) {
		const r = await answerRound(deps, {
			guildId: GUILD,
			actor: member([unit.roleId], `60000000000000000${i}`, `Cán bộ ${i}`),
			round: { ref: 'R1' },
			unit: null,
			answer: i % 2 === 0 ? 'agree' : 'comment',
			text: i % 2 === 0 ? undefined : `Góp ý số ${i}: đề nghị bổ sung chỉ tiêu`,
			...(i === 1 ? { file: { name: 'gop-y.pdf', contentType: 'application/pdf', data: BYTES } } : {}),
			interactionId: `9000${i}`,
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
	}
	await source.db.prisma.planItem.create({
		data: { roundId: created.value.round.id, unitId: units[0]!.id, code: 'BC01', title: 'Báo cáo', points: 2.5 },
	});
	source.clock.set('2021-09-30T02:00:00Z'); // two working days before the deadline: the first reminder
	await runReminderSweep(deps);
	source.clock.set('2021-10-05T02:00:00Z');
	await closeRound(deps, { guildId: GUILD, actor, round: 'R1' });
	await source.close();

	pg = await createTestDatabase();
	backUrl = `file:${path.join(dir, 'back.db')}`;
}, 120_000);

afterAll(async () => {
	await pg?.release();
	rmSync(dir, { recursive: true, force: true });
});

describe('db:copy', () => {
	it('GIVEN the schema WHEN listing what db:copy copies THEN every model is there, once', () => {
		expect([...COPY_ORDER].sort()).toEqual(Object.values(Prisma.ModelName).sort());
	});

	it('GIVEN a SQLite database in use WHEN copied to PostgreSQL and back to a new SQLite file THEN every row and every stored byte comes back, and counts and checksums matched at each step', async () => {
		const first = await copyDatabase(source.url, pg.url);
		expect(first.tables.filter((t) => !t.matches)).toEqual([]);
		expect(first.ok).toBe(true);
		expect(first.tables.find((t) => t.table === 'Response')?.rows).toBe(6);

		// The command line, as an operator runs it.
		const { stdout } = await run(
			process.execPath,
			['--import', import.meta.resolve('tsx'), 'src/db-copy.ts', pg.url, backUrl],
			{
				cwd: ROOT,
				timeout: 120_000,
			},
		);
		expect(stdout).toMatch(/counts and checksums match/);

		const [original, back] = await Promise.all([dump(source.url), dump(backUrl)]);
		// Every table holds rows, so that none is compared empty against empty.
		expect(Object.entries(original).filter(([, rows]) => rows.length === 0)).toEqual([]);
		expect(back).toEqual(original);
		const files = back['DraftFile'] as Array<{ data: Uint8Array }>;
		expect(
			files.map((f) => Buffer.from(f.data).equals(BYTES) || Buffer.from(f.data).equals(BYTES.subarray(7))),
		).toEqual([true, true]);
		const answerFiles = back['AnswerFile'] as Array<{ data: Uint8Array }>;
		expect(Buffer.from(answerFiles[0]!.data).equals(BYTES)).toBe(true);
	});

	it('GIVEN the copy on PostgreSQL WHEN the bot adds rows there THEN new ids follow the copied ones (sequences were moved past them)', async () => {
		const db = await openDatabase(pg.url);
		try {
			const maxBefore = (await db.prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
			const unit = await db.prisma.unit.create({
				data: { guildId: GUILD, code: 'MOI', name: 'Đơn vị mới', channelId: '1', roleId: '2' },
			});
			const audit = await db.prisma.auditEvent.create({ data: { guildId: GUILD, action: 'test' } });
			expect(unit.id).toBe(10);
			expect(audit.id).toBe(maxBefore + 1);
			await db.prisma.auditEvent.delete({ where: { id: audit.id } });
			await db.prisma.unit.delete({ where: { id: unit.id } });
		} finally {
			await db.close();
		}
	});

	it('GIVEN a target that already holds data WHEN copying into it THEN it is refused and nothing is written', async () => {
		const before = await checksums(pg.url);

		await expect(copyDatabase(source.url, pg.url)).rejects.toThrow(CopyRefusedError);
		await expect(copyDatabase(source.url, pg.url)).rejects.toThrow(
			/target database is not empty \(GuildSettings: 1, .*nothing was written/,
		);
		const cli = await run(
			process.execPath,
			['--import', import.meta.resolve('tsx'), 'src/db-copy.ts', source.url, pg.url],
			{ cwd: ROOT },
		).then(
			() => null,
			(e: unknown) => e as { code: number; stderr: string },
		);
		expect(cli?.code).toBe(1);
		expect(cli?.stderr.trim().split('\n')).toHaveLength(1);

		expect(await checksums(pg.url)).toEqual(before);
	});
});

async function checksums(url: string) {
	const db = await openDatabase(url);
	try {
		return await Promise.all(COPY_ORDER.map((t) => tableChecksum(db.prisma, t)));
	} finally {
		await db.close();
	}
}
