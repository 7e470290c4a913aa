import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUnitDrafts, type BulkDraft } from '../../src/app/bulk-drafts.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { DRAFT_FILE_MAX_BYTES, DRAFT_TEXT_MAX, type DraftProblem } from '../../src/domain/import/draft-bundle.ts';
import type { Unit } from '../../src/domain/model.ts';
import { readDraftArchive } from '../../src/infra/files/draft-archive.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';
import { bombPart, buildZip, deflatedPart, storedPart } from '../support/zip-builder.ts';

let h: AppHarness;
beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
});
afterEach(async () => {
	await h.close();
});

/** A server with `n` provincial offices P01…, and a draft round to `inRound` of them (all by default). */
async function provincialRound(n: number, inRound = n): Promise<Unit[]> {
	await seedServer(h.deps, { count: 0 });
	const units: Unit[] = [];
	for (let i = 1; i <= n; i++) {
		const code = `P${String(i).padStart(2, '0')}`;
		const r = await addUnit(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			code,
			name: `Cục Thống kê tỉnh số ${String(i)}`,
			channel: { id: `3200000000000${String(i).padStart(5, '0')}`, writable: true, text: true },
			roleId: `2200000000000${String(i).padStart(5, '0')}`,
			kind: 'provincial',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		units.push(r.value);
	}
	const round = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Kế hoạch thống kê 2022',
		deadline: '04/10/2021 17:00',
		text: 'Dự thảo chung',
		units: units
			.slice(0, inRound)
			.map((u) => u.code)
			.join(','),
	});
	if (!round.ok) throw new Error(JSON.stringify(round.error));
	return units;
}

function pdf(code: string): Buffer {
	return Buffer.from(`%PDF-1.7 dự thảo của ${code}`);
}

/** Reads a ZIP as /round drafts does, then runs the use case. */
async function upload(zip: Buffer) {
	const archive = readDraftArchive(zip);
	if (!archive.ok) return { refused: archive.error } as const;
	const drafts: BulkDraft[] = [...archive.value.units].map(([unit, files]) => ({ unit, text: null, files }));
	return {
		result: await setUnitDrafts(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			drafts,
			problems: archive.value.problems,
		}),
	} as const;
}

async function ownDrafts(): Promise<string[]> {
	const round = await h.deps.rounds.findBySeq(GUILD, 1);
	if (!round) throw new Error('no round');
	return (await h.deps.rounds.targets(round.id)).filter((t) => t.ownDraft).map((t) => t.unit.code);
}

function problemsOf(outcome: Awaited<ReturnType<typeof upload>>): DraftProblem[] {
	if (!('result' in outcome) || outcome.result.ok) throw new Error(`expected a rejection: ${JSON.stringify(outcome)}`);
	if (outcome.result.error.code !== 'drafts-rejected') throw new Error(outcome.result.error.code);
	return outcome.result.error.problems;
}

describe('/round drafts (one upload, all or none)', () => {
	it('GIVEN a 63-entry ZIP named by unit code WHEN uploaded THEN 63 units get their own draft in one command and publish posts each file', async () => {
		const units = await provincialRound(63);
		const zip = buildZip(units.map((u) => deflatedPart(`${u.code}.pdf`, pdf(u.code))));
		const outcome = await upload(zip);
		if (!('result' in outcome) || !outcome.result.ok) throw new Error(JSON.stringify(outcome));
		expect(outcome.result.value.set).toHaveLength(63);
		expect(outcome.result.value.withoutOwnDraft).toEqual([]);
		expect(await ownDrafts()).toHaveLength(63);

		const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		expect(published.value.sent).toHaveLength(63);
		for (const d of h.notifier.drafts) {
			expect(d.view.files.map((f) => [f.name, f.contentType, f.data.toString()])).toEqual([
				[`${d.view.unit.code}.pdf`, 'application/pdf', pdf(d.view.unit.code).toString()],
			]);
		}
	});

	it('GIVEN a folder per unit and some units left out WHEN uploaded THEN folders carry several files and the reply names units still without a draft', async () => {
		await provincialRound(5);
		const zip = buildZip([
			deflatedPart('P01/du-thao.pdf', pdf('P01')),
			deflatedPart('P01/phu-luc.docx', Buffer.from('PK\u0003\u0004 docx')),
			deflatedPart('P02.pdf', pdf('P02')),
		]);
		const outcome = await upload(zip);
		if (!('result' in outcome) || !outcome.result.ok) throw new Error(JSON.stringify(outcome));
		expect(outcome.result.value.set.map((u) => u.code)).toEqual(['P01', 'P02']);
		expect(outcome.result.value.withoutOwnDraft.map((u) => u.code)).toEqual(['P03', 'P04', 'P05']);
		const round = await h.deps.rounds.findBySeq(GUILD, 1);
		const p01 = (await h.deps.units.list(GUILD)).find((u) => u.code === 'P01');
		if (!round || !p01) throw new Error('missing');
		expect((await h.deps.rounds.draftFiles(round.id, p01.id)).map((f) => f.name)).toEqual([
			'du-thao.pdf',
			'phu-luc.docx',
		]);
	});

	it('GIVEN unknown codes, a unit outside the round, an empty entry, an oversized file and nested archives WHEN uploaded THEN every problem is listed and nothing is saved', async () => {
		await provincialRound(6, 4);
		const zip = buildZip([
			deflatedPart('P01.pdf', pdf('P01')),
			deflatedPart('XYZ.pdf', pdf('XYZ')),
			deflatedPart('P05.pdf', pdf('P05')),
			deflatedPart('P02.pdf', Buffer.alloc(0)),
			storedPart('P03.pdf', randomBytes(DRAFT_FILE_MAX_BYTES + 1)),
			deflatedPart('P04.zip', buildZip([deflatedPart('x.pdf', pdf('x'))])),
			deflatedPart('P04/an.pdf', buildZip([deflatedPart('y.pdf', pdf('y'))])),
		]);
		const problems = problemsOf(await upload(zip));
		expect(problems).toEqual(
			expect.arrayContaining([
				{ code: 'unknown-unit', unit: 'XYZ' },
				{ code: 'not-in-round', unit: 'P05' },
				{ code: 'empty', entry: 'P02.pdf', unit: 'P02' },
				{ code: 'too-large', entry: 'P03.pdf', unit: 'P03' },
				{ code: 'nested-archive', entry: 'P04.zip', unit: 'P04' },
				{ code: 'nested-archive', entry: 'P04/an.pdf', unit: 'P04' },
			]),
		);
		expect(problems).toHaveLength(6);
		// An archive's problems name their entry, never a table line.
		expect(problems.filter((p) => 'line' in p)).toEqual([]);
		expect(await ownDrafts()).toEqual([]);
	});

	it('GIVEN an archive bomb WHEN uploaded THEN it is refused from its declared sizes before inflating and nothing is saved', async () => {
		await provincialRound(2);
		// About 1 MB that truly inflates to 1 GB.
		const bomb = bombPart('P01.pdf', '%PDF', Buffer.alloc(1024 * 1024), 1024, '%%EOF');
		const outcome = await upload(buildZip([deflatedPart('P02.pdf', pdf('P02')), bomb]));
		expect(outcome).toEqual({ refused: expect.objectContaining({ code: 'too-large-uncompressed' }) });
		expect(await ownDrafts()).toEqual([]);
	});

	it('GIVEN a bomb small enough for the total but with an absurd ratio WHEN uploaded THEN it is refused by ratio', async () => {
		await provincialRound(2);
		const bomb = bombPart('P01.pdf', '%PDF', Buffer.alloc(1024 * 1024), 20, '%%EOF');
		expect(await upload(buildZip([bomb]))).toEqual({ refused: expect.objectContaining({ code: 'ratio' }) });
		expect(await ownDrafts()).toEqual([]);
	});

	it('GIVEN text drafts from a table WHEN uploaded THEN they are saved as texts; a published round is refused', async () => {
		await provincialRound(3);
		const ok = await setUnitDrafts(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			drafts: [
				{ unit: 'P01', text: 'Dự thảo riêng của Cục Thống kê tỉnh số 1', files: [], line: 2 },
				{ unit: 'p02', text: 'Dự thảo riêng số 2', files: [], line: 3 },
			],
			problems: [],
		});
		if (!ok.ok) throw new Error(JSON.stringify(ok.error));
		expect(await ownDrafts()).toEqual(['P01', 'P02']);
		const round = await h.deps.rounds.findBySeq(GUILD, 1);
		const targets = await h.deps.rounds.targets(round?.id ?? 0);
		expect(targets.find((t) => t.unit.code === 'P01')?.draftText).toBe('Dự thảo riêng của Cục Thống kê tỉnh số 1');

		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const late = await setUnitDrafts(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			drafts: [{ unit: 'P03', text: 'x', files: [] }],
			problems: [],
		});
		expect(late).toEqual({ ok: false, error: { code: 'round-published', round: 'R1' } });
	});
});

describe('/round drafts from a table (the checks of each line)', () => {
	const drafts = (list: BulkDraft[], actor = coordinator(), round = 'R1') =>
		setUnitDrafts(h.deps, { guildId: GUILD, actor, round, drafts: list, problems: [] });
	const file = { name: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') };

	it('GIVEN a text of exactly the maximum of characters, and a blank text with a file THEN both are saved; the reply names who still has none', async () => {
		await provincialRound(4);
		await drafts([{ unit: 'P04', text: 'cũ', files: [] }]);
		const r = await drafts([
			{ unit: 'P01', text: `  ${'ấ'.repeat(DRAFT_TEXT_MAX)}  `, files: [], line: 2 },
			{ unit: 'P02', text: '   ', files: [file], line: 3 },
		]);
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.round.code).toBe('R1');
		expect(r.value.set.map((u) => u.code)).toEqual(['P01', 'P02']);
		expect(r.value.withoutOwnDraft.map((u) => u.code)).toEqual(['P03']);
		const round = await h.deps.rounds.findBySeq(GUILD, 1);
		const targets = await h.deps.rounds.targets(round?.id ?? 0);
		expect(targets.map((t) => [t.unit.code, t.ownDraft, t.draftText?.length ?? null])).toEqual([
			['P01', true, DRAFT_TEXT_MAX],
			['P02', true, null],
			['P03', false, null],
			['P04', true, 2],
		]);
		expect((await h.deps.rounds.draftFileCounts(round?.id ?? 0)).get(targets[1]!.unit.id)).toBe(1);
	});

	it('GIVEN two units given their own drafts WHEN saved THEN the audit names each unit, who did it and what it holds', async () => {
		await provincialRound(2);
		const r = await drafts([
			{ unit: 'P01', text: 'Dự thảo riêng', files: [], line: 2 },
			{ unit: 'P02', text: null, files: [file], line: 3 },
		]);
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const events = (await h.deps.reports.auditEvents(GUILD, null)).filter((e) => e.action === 'round.draft');
		expect(events.map((e) => [e.roundCode, e.subject, e.actorId, e.actorName, JSON.parse(e.after ?? 'null')])).toEqual([
			['R1', 'P01', coordinator().userId, coordinator().userName, { text: true, files: [] }],
			['R1', 'P02', coordinator().userId, coordinator().userName, { text: false, files: ['a.pdf'] }],
		]);
	});

	it('GIVEN drafts read from archive entries WHEN a unit is unknown or outside the round THEN its problem names the entry', async () => {
		await provincialRound(3, 2);
		const r = await drafts([
			{ unit: 'XYZ', text: null, files: [file], entry: 'XYZ/a.pdf' },
			{ unit: 'P03', text: null, files: [file], entry: 'P03.pdf' },
		]);
		expect(r).toStrictEqual({
			ok: false,
			error: {
				code: 'drafts-rejected',
				problems: [
					{ code: 'unknown-unit', unit: 'XYZ', entry: 'XYZ/a.pdf' },
					{ code: 'not-in-round', unit: 'P03', entry: 'P03.pdf' },
				],
			},
		});
	});

	it('GIVEN a text one character too long, a blank line and a code that is no code THEN each is named with its line and nothing is saved', async () => {
		await provincialRound(2);
		const r = await drafts([
			{ unit: 'P01', text: 'ấ'.repeat(DRAFT_TEXT_MAX + 1), files: [], line: 2 },
			{ unit: 'P02', text: ' ', files: [], line: 3 },
			{ unit: ` ${'mã sai '.repeat(5)}`, text: 'x', files: [], line: 4 },
		]);
		// A table's problems name their line, never an archive entry.
		expect(r).toStrictEqual({
			ok: false,
			error: {
				code: 'drafts-rejected',
				problems: [
					{ code: 'text-too-long', unit: 'P01', line: 2 },
					{ code: 'empty', unit: 'P02', line: 3 },
					{ code: 'unknown-unit', unit: 'MÃ SAI MÃ SAI MÃ SAI', line: 4 },
				],
			},
		});
		expect(await ownDrafts()).toEqual([]);
	});

	it('GIVEN nothing at all THEN "no drafts"; GIVEN only problems of the upload THEN those, without "no drafts"', async () => {
		await provincialRound(2);
		expect(await drafts([])).toEqual({
			ok: false,
			error: { code: 'drafts-rejected', problems: [{ code: 'no-drafts' }] },
		});
		const read = await setUnitDrafts(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			drafts: [],
			problems: [{ code: 'nested-archive', unit: 'P01', entry: 'P01.zip' }],
		});
		expect(read).toEqual({
			ok: false,
			error: { code: 'drafts-rejected', problems: [{ code: 'nested-archive', unit: 'P01', entry: 'P01.zip' }] },
		});
	});

	it('GIVEN a member, or a round that does not exist THEN refused', async () => {
		await provincialRound(2);
		const one = [{ unit: 'P01', text: 'x', files: [] }];
		expect(await drafts(one, member([]))).toEqual({ ok: false, error: { code: 'not-coordinator' } });
		expect(await drafts(one, coordinator(), 'R8')).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'R8' },
		});
		expect(await ownDrafts()).toEqual([]);
	});
});
