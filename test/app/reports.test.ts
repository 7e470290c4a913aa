import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, loadRoundStatus, publishRound, setUnitDraft } from '../../src/app/manage-rounds.ts';
import { importItems } from '../../src/app/plan-items.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { recordOnBehalf } from '../../src/app/record-on-behalf.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import { exportAudit, roundReport, startingPoint } from '../../src/app/reports.ts';
import { commentChoices, resolveComment } from '../../src/app/resolve-comment.ts';
import type { InputRow } from '../../src/domain/import/rows.ts';
import type { Unit } from '../../src/domain/model.ts';
import {
	admin,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	matrixRows,
	member,
	REPORT_CHANNEL,
	roundChain,
	seedServer,
	unitRole,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];

async function setUpGuild(guildId: string, offset = 0): Promise<Unit[]> {
	return seedServer(h.deps, { guildId, offset });
}

let line = 1;
function rows(
	...items: Array<[unit: string, code: string, points?: string, due?: string, title?: string]>
): InputRow[] {
	return items.map(([unit, code, points = '10', due = '15/01/2022', title = `Báo cáo ${code}`]) => ({
		line: ++line,
		cells: { unit, code, title, frequency: 'hằng tháng', due, points },
	}));
}

async function round(title: string, extra: { from?: string; units?: string } = {}) {
	const r = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title,
		deadline: '04/10/2021 17:00',
		campaign: 'KH 2022',
		...extra,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value.round;
}

async function items(ref: string, set: 'plan' | 'baseline', input: InputRow[], fileName = 'items.xlsx') {
	return importItems(h.deps, { guildId: GUILD, actor: coordinator(), round: ref, set, fileName, rows: input });
}

async function auditActions(): Promise<string[]> {
	return (await h.deps.reports.auditEvents(GUILD, null)).map((e) => e.action);
}

beforeEach(async () => {
	h = await createAppHarness('2021-06-07T02:00:00Z');
	line = 1;
	units = await setUpGuild(GUILD);
});
afterEach(async () => {
	await h.close();
});

describe('plan items (use cases over SQLite)', () => {
	it('GIVEN a draft round WHEN an items file is loaded THEN the units in it get their items and one audit event each, the others keep theirs', async () => {
		await round('Lần 1');
		expect((await items('R1', 'plan', rows(['TKG', 'A'], ['TKG', 'B', '2,5'], ['PPCD', 'X']))).ok).toBe(true);
		const second = await items('R1', 'plan', rows(['tkg', 'A', '12']));
		if (!second.ok) throw new Error(JSON.stringify(second.error));
		expect(second.value.totals).toEqual({ items: 1, points: 12 });
		const stored = await h.deps.reports.items(second.value.round.id, 'plan');
		expect(stored.map((i) => [units.find((u) => u.id === i.unitId)?.code, i.code, i.points, i.due])).toEqual([
			['PPCD', 'X', 10, '2022-01-15'],
			['TKG', 'A', 12, '2022-01-15'],
		]);
		const events = (await h.deps.reports.auditEvents(GUILD, second.value.round.id)).filter(
			(e) => e.action === 'items.replace',
		);
		expect(events.map((e) => [e.subject, JSON.parse(e.before ?? 'null'), JSON.parse(e.after ?? 'null')])).toEqual([
			['PPCD', { items: 0, points: 0 }, { file: 'items.xlsx', items: 1, points: 10 }],
			['TKG', { items: 0, points: 0 }, { file: 'items.xlsx', items: 2, points: 12.5 }],
			['TKG', { items: 2, points: 12.5 }, { file: 'items.xlsx', items: 1, points: 12 }],
		]);
	});

	it('GIVEN a file with an unknown unit, a duplicate code, negative and non-numeric points and a bad date WHEN loaded THEN every problem is listed and nothing changes', async () => {
		await round('Lần 1');
		await items('R1', 'plan', rows(['TKG', 'A']));
		const r = await items(
			'R1',
			'plan',
			rows(
				['TKG', 'A'],
				['NOPE', 'B'],
				['TKG', 'a'],
				['TKG', 'C', '-1'],
				['TKG', 'D', 'mười'],
				['TKG', 'E', '1', '31/02/2022'],
			),
		);
		expect(r.ok ? 'ok' : r.error.code).toBe('import-rejected');
		if (r.ok || r.error.code !== 'import-rejected') return;
		expect(r.error.problems.map((p) => [p.line, p.code])).toEqual([
			[4, 'unknown-unit'],
			[5, 'duplicate-item'],
			[6, 'bad-points'],
			[7, 'bad-points'],
			[8, 'bad-date'],
		]);
		expect((await h.deps.reports.items(1, 'plan')).map((i) => i.code)).toEqual(['A']);
	});

	it('GIVEN an open round WHEN items are loaded THEN refused (units are answering what was posted); GIVEN it closed THEN accepted as its result', async () => {
		const r1 = await round('Lần 1');
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const open = await items('R1', 'plan', rows(['TKG', 'A']));
		expect(open.ok ? 'ok' : open.error.code).toBe('round-published');
		expect(await h.deps.reports.items(r1.id, 'plan')).toEqual([]);
		// The baseline is comparison data: accepted in any state.
		expect((await items('R1', 'baseline', rows(['TKG', 'A']), 'ke-hoach-2021.xlsx')).ok).toBe(true);
		await h.deps.rounds.close(r1.id, h.clock.now(), [], { guildId: GUILD, action: 'round.close' });
		const closed = await items('R1', 'plan', rows(['TKG', 'A']));
		expect(closed.ok).toBe(true);
	});

	it('GIVEN a member without the coordinator role WHEN loading items THEN refused', async () => {
		await round('Lần 1');
		const r = await importItems(h.deps, {
			guildId: GUILD,
			actor: member([unitRole(0)]),
			round: 'R1',
			set: 'plan',
			fileName: 'x.csv',
			rows: rows(['TKG', 'A']),
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('not-coordinator');
	});

	it('GIVEN a round with items WHEN published THEN each unit with items gets its list and totals, the others none', async () => {
		await round('Lần 1');
		await items('R1', 'plan', rows(['TKG', 'A', '10'], ['TKG', 'B', '5']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const tkg = h.notifier.drafts.find((d) => d.view.unit.code === 'TKG');
		expect(tkg?.view.plan).toMatchObject({ totals: { items: 2, points: 15 }, changes: null, fromRound: null });
		expect(h.notifier.drafts.find((d) => d.view.unit.code === 'PPCD')?.view.plan).toBeNull();
	});
});

describe('a round created from another', () => {
	it('GIVEN an earlier round still in draft WHEN a round is created from it THEN refused and nothing is created', async () => {
		await round('Lần 1');
		const r = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Lần 2',
			deadline: '04/10/2021 17:00',
			from: 'R1',
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('from-draft');
		expect(await h.deps.rounds.list(GUILD)).toHaveLength(1);
	});

	it("GIVEN another server's round WHEN named as `from` THEN it is not found here", async () => {
		const other = '100000000000000002';
		await setUpGuild(other, 10);
		for (const title of ['A', 'B', 'C']) {
			const c = await createRound(h.deps, {
				guildId: other,
				actor: coordinator(),
				title,
				deadline: '04/10/2021 17:00',
			});
			if (!c.ok) throw new Error('create failed');
		}
		await publishRound(h.deps, { guildId: other, actor: coordinator(), round: 'R3' });
		const r = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Lần 2',
			deadline: '04/10/2021 17:00',
			from: 'R3',
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('round-unknown');
		expect(await h.deps.rounds.list(GUILD)).toHaveLength(0);
	});

	it('GIVEN a published round with drafts, items and comments WHEN round 2 is created from it THEN it starts with them and open comments carry over', async () => {
		const r1 = await round('Lần 1', { units: 'TKG,PPCD,TTDL' });
		await setUnitDraft(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			unit: 'TKG',
			text: 'Dự thảo riêng TKG',
		});
		await items('R1', 'plan', rows(['TKG', 'A'], ['TKG', 'B'], ['PPCD', 'X'], ['TTDL', 'T']));
		await items('R1', 'baseline', rows(['TKG', 'A'], ['PPCD', 'X'], ['PPCD', 'Y']), 'ke-hoach-2021.xlsx');
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const [tkg, ppcd, ttdl] = ['TKG', 'PPCD', 'TTDL'].map((c) => units.find((u) => u.code === c)!);
		h.clock.set('2021-07-20T02:00:00Z');
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Bỏ báo cáo B',
			items: 'b',
		});
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([ppcd!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Giữ X',
		});
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([ttdl!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Thêm T2',
		});
		const ppcdComment = (await h.deps.answers.current(r1.id)).get(ppcd!.id)!;
		await resolveComment(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			comment: `c${ppcdComment.id}`,
			outcome: 'explained',
			note: 'Đã giải trình',
		});

		h.clock.set('2021-09-17T02:00:00Z');
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Lần 2',
			deadline: '04/10/2021 17:00',
			from: 'R1',
			units: 'TKG,PPCD',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const r2 = created.value.round;
		expect(r2.campaignName).toBe('KH 2022');
		expect(created.value.from?.code).toBe('R1');
		expect((await h.deps.rounds.targets(r2.id)).map((t) => [t.unit.code, t.ownDraft, t.draftText])).toEqual([
			['PPCD', false, null],
			['TKG', true, 'Dự thảo riêng TKG'],
		]);
		expect((await h.deps.reports.items(r2.id, 'plan')).map((i) => i.code)).toEqual(['X', 'A', 'B']);
		expect(await h.deps.reports.items(r2.id, 'baseline')).toEqual([]);
		// What the reply to /round create says round 2 starts with: TKG's own draft, R1's three items of its units, and
		// the two comments still open (TTDL's too, although TTDL is not in round 2).
		expect(await startingPoint(h.deps, r2)).toEqual({ drafts: 1, items: 3, comments: 2 });

		// Round 2 drops B and adds C for TKG; the posts show what changed.
		await items('R2', 'plan', rows(['TKG', 'A', '12'], ['TKG', 'C']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		const plan = h.notifier.drafts.find((d) => d.view.round.id === r2.id && d.view.unit.code === 'TKG')?.view.plan;
		expect(plan?.fromRound).toBe('R1');
		expect(plan?.changes?.added.map((i) => i.code)).toEqual(['C']);
		expect(plan?.changes?.removed.map((i) => i.code)).toEqual(['B']);
		expect(plan?.changes?.changed.map((c) => [c.code, c.fields])).toEqual([['A', ['points']]]);

		const report = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		if (!report.ok) throw new Error(JSON.stringify(report.error));
		const v = report.value;
		expect(v.from).toMatchObject({ number: 1, sameCampaign: true });
		expect(v.number).toBe(2);
		expect(v.baseline).toEqual({ year: 2021 });
		expect(v.comparison).toMatchObject({
			current: { items: 3, points: 32 },
			vsPrevious: { items: -1, points: -8 },
			vsBaseline: { items: 0, points: 2 },
		});
		// TKG's and TTDL's open comments carry over; PPCD's was answered before round 2 was created.
		expect(v.comments.map((c) => [c.roundCode, c.unit.code, c.carried, c.comment.itemCodes])).toEqual([
			['R1', 'TKG', true, ['B']],
			['R1', 'TTDL', true, []],
		]);
		expect((await matrixRows(v)).map((r) => [r.code, r.change])).toEqual([
			['X', 'same'],
			['A', 'changed'],
			['C', 'added'],
			['B', 'removed'],
			['T', 'not-in-round'],
		]);
		const choices = await commentChoices(h.deps, GUILD, coordinator(), '');
		expect(choices.map((c) => [c.unit.code, c.comment.outcome])).toEqual([
			['TTDL', null],
			['TKG', null],
			['PPCD', 'explained'],
		]);

		// Round 2's own comments are not part of what it started with.
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg!.roleId]),
			round: { ref: 'R2' },
			unit: null,
			answer: 'comment',
			text: 'Ý kiến lần 2',
		});
		expect(await startingPoint(h.deps, r2)).toEqual({ drafts: 1, items: 3, comments: 2 });
	});
});

describe('answers recorded on behalf and comment outcomes', () => {
	async function openRound() {
		await round('Lần 2');
		await items('R1', 'plan', rows(['TKG', 'BC01'], ['TKG', 'BC02']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	}

	it('GIVEN a phone answer WHEN a coordinator records it THEN it counts for the unit, keeps its source, and is audited as on behalf', async () => {
		await openRound();
		const r = await recordOnBehalf(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			unit: 'tkg',
			answer: 'agree',
			source: ' điện thoại 04/10 ',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.answer).toMatchObject({ answer: 'agree', source: 'điện thoại 04/10', userName: 'Điều phối' });
		const status = await loadRoundStatus(h.deps, r.value.round);
		expect(status.tally.agreed).toBe(1);
		expect(h.notifier.refreshes.at(-1)?.view.current?.source).toBe('điện thoại 04/10');
		expect(h.notifier.refreshes.at(-1)?.view.plan?.totals.items).toBe(2);
		expect((await auditActions()).at(-1)).toBe('answer.on-behalf');
	});

	it.each([
		['a member', { actor: member([unitRole(4)]) }, 'not-coordinator'],
		['no source', { source: '   ' }, 'source-required'],
		['a comment without text', { answer: 'comment' as const }, 'text-required'],
		['a unit the round does not address', { unit: 'NOPE' }, 'unit-unknown'],
	])(
		'GIVEN %s WHEN an answer is recorded on behalf THEN refused and nothing recorded',
		async (_name, override, code) => {
			await openRound();
			const r = await recordOnBehalf(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				round: 'R1',
				unit: 'TKG',
				answer: 'agree',
				source: 'công văn 123/CTK',
				...override,
			});
			expect(r.ok ? 'ok' : r.error.code).toBe(code);
			expect((await h.deps.answers.current(1)).size).toBe(0);
		},
	);

	it('GIVEN a comment naming items WHEN recorded THEN known codes are stored as the items are written and unknown ones refused', async () => {
		await openRound();
		const tkg = units.find((u) => u.code === 'TKG')!;
		const bad = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'x',
			items: 'BC01, BC99',
		});
		expect(bad.ok ? 'ok' : bad.error).toEqual({ code: 'item-codes-unknown', unit: 'TKG', codes: ['BC99'] });
		const good = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'x',
			items: 'bc02; BC01',
		});
		if (!good.ok) throw new Error(JSON.stringify(good.error));
		expect((await h.deps.reports.getResponse(good.value.answer.id))?.itemCodes).toEqual(['BC02', 'BC01']);
	});

	it('GIVEN a comment resolved twice WHEN read back THEN the latest outcome counts and the audit keeps both with before and after', async () => {
		await openRound();
		const tkg = units.find((u) => u.code === 'TKG')!;
		const c = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Bỏ BC02',
		});
		if (!c.ok) throw new Error('comment failed');
		const first = await resolveComment(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			comment: `c${c.value.answer.id}`,
			outcome: 'accepted',
			note: 'Đã bỏ',
		});
		expect(first.ok && first.value.previous).toBeNull();
		h.clock.advance(3600_000);
		const second = await resolveComment(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			comment: String(c.value.answer.id),
			outcome: 'explained',
			note: 'Giữ lại theo quy định',
		});
		if (!second.ok) throw new Error(JSON.stringify(second.error));
		expect(second.value.previous).toEqual({ outcome: 'accepted', note: 'Đã bỏ' });
		expect(second.value.comment).toMatchObject({
			outcome: 'explained',
			outcomeNote: 'Giữ lại theo quy định',
			outcomeBy: 'Điều phối',
		});
		const events = (await h.deps.reports.auditEvents(GUILD, null)).filter((e) => e.action === 'comment.outcome');
		expect(
			events.map((e) => [
				e.subject,
				JSON.parse(e.before ?? 'null')?.outcome ?? null,
				JSON.parse(e.after ?? 'null').outcome,
			]),
		).toEqual([
			['TKG', null, 'accepted'],
			['TKG', 'accepted', 'explained'],
		]);
	});

	it('GIVEN an agreement, a replaced comment, another server or garbage WHEN resolved THEN refused', async () => {
		await openRound();
		const [tkg, ppcd] = ['TKG', 'PPCD'].map((code) => units.find((u) => u.code === code)!);
		const agree = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([ppcd!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		const old = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'v1',
		});
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([tkg!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'v2',
		});
		if (!agree.ok || !old.ok) throw new Error('answers failed');
		const code = async (comment: string, guildId = GUILD) => {
			const r = await resolveComment(h.deps, { guildId, actor: coordinator(), comment, outcome: 'accepted' });
			return r.ok ? 'ok' : r.error.code;
		};
		expect(await code(`c${agree.value.answer.id}`)).toBe('comment-unknown');
		expect(await code(`c${old.value.answer.id}`)).toBe('comment-superseded');
		expect(await code('hello')).toBe('comment-unknown');
		await setUpGuild('100000000000000002', 10);
		expect(await code(`c${old.value.answer.id + 1}`, '100000000000000002')).toBe('comment-unknown');
		expect((await auditActions()).filter((a) => a === 'comment.outcome')).toEqual([]);
	});
});

describe('the report of a round of its own', () => {
	async function answer(code: string, kind: 'agree' | 'comment', text?: string) {
		const unit = units.find((u) => u.code === code)!;
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([unit.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: kind,
			...(text === undefined ? {} : { text }),
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		h.clock.advance(60_000);
		return r.value.answer;
	}

	it('GIVEN a member of a unit, not a coordinator WHEN asking for the report THEN refused; GIVEN a round that does not exist THEN unknown', async () => {
		await round('Lần 1', { units: 'TKG,PPCD' });
		const unit = units.find((u) => u.code === 'TKG')!;
		const byMember = await roundReport(h.deps, { guildId: GUILD, actor: member([unit.roleId]), round: 'R1' });
		expect(byMember.ok ? null : byMember.error.code).toBe('not-coordinator');
		const unknown = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R9' });
		expect(unknown.ok ? null : unknown.error.code).toBe('round-unknown');
	});

	it('GIVEN answers changed over time WHEN reported THEN only current comments are listed, with their outcomes, and the history lists every version unit by unit in the round’s order', async () => {
		await round('Lần 1', { units: 'TKG,PPCD,HTTKQG' });
		await items('R1', 'plan', rows(['TKG', 'A', '4']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		await answer('TKG', 'comment', 'a');
		await answer('PPCD', 'comment', 'c');
		const latest = await answer('TKG', 'comment', 'b');
		await answer('PPCD', 'agree');
		await answer('HTTKQG', 'agree');
		await resolveComment(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			comment: `c${latest.id}`,
			outcome: 'accepted',
		});
		h.clock.set('2021-09-01T03:00:00Z');

		const r = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const v = r.value;
		expect([v.language, v.reportChannelId, v.now.toISOString(), v.number, v.from, v.baseline]).toEqual([
			'vi',
			REPORT_CHANNEL,
			'2021-09-01T03:00:00.000Z',
			1,
			null,
			null,
		]);
		expect(v.comments.map((c) => [c.roundCode, c.unit.code, c.carried, c.comment.text])).toEqual([
			['R1', 'TKG', false, 'b'],
		]);
		expect(v.outcomes).toEqual({ accepted: 1, explained: 0, open: 0 });
		expect(v.history.map((l) => [l.unit.code, l.answer.version, l.answer.answer])).toEqual([
			['HTTKQG', 1, 'agree'],
			['PPCD', 1, 'comment'],
			['PPCD', 2, 'agree'],
			['TKG', 1, 'comment'],
			['TKG', 2, 'comment'],
		]);
		// No earlier round and no baseline: the items stand alone.
		expect(v.matrixReference).toBeNull();
		expect((await matrixRows(v)).map((m) => [m.code, m.current?.points, m.reference, m.change])).toEqual([
			['A', 4, null, expect.any(String)],
		]);
	});

	it('GIVEN a chain of 22 rounds each created from the one before and a comment still open on the first THEN it is carried 20 rounds on, no further', async () => {
		await round('Lần 1', { units: 'TKG' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		await answer('TKG', 'comment', 'Bỏ báo cáo B');
		const chain = await roundChain(h.deps, (await h.deps.rounds.findBySeq(GUILD, 1))!, 22, {
			unitId: units.find((u) => u.code === 'TKG')!.id,
			deadline: new Date('2021-10-04T10:00:00Z'),
		});
		expect((await startingPoint(h.deps, chain[20]!)).comments).toBe(1);
		expect((await startingPoint(h.deps, chain[21]!)).comments).toBe(0);
	});

	it('GIVEN unit codes that sort differently by their characters and by language (TKG, TK_G) WHEN reported THEN the history follows the round’s own order of units', async () => {
		const added = await addUnit(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			code: 'TK_G',
			name: 'Tổ Thống kê Giá',
			channel: { id: '310000000000000099', writable: true, text: true },
			roleId: '210000000000000099',
			kind: 'department',
		});
		if (!added.ok) throw new Error(JSON.stringify(added.error));
		units.push(added.value);
		await round('Lần 1', { units: 'HTTKQG,TKG,TK_G,PPCD' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		for (const code of ['TK_G', 'TKG', 'PPCD', 'HTTKQG']) await answer(code, 'agree');
		const r = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.history.map((l) => l.unit.code)).toEqual(r.value.status.rows.map((row) => row.unit.code));
	});

	it('GIVEN rounds without a campaign, or of another campaign WHEN round 2 is reported THEN it is not of the same campaign as the round it came from, and knows the units of both', async () => {
		const plain = (title: string, extra: { from?: string; campaign?: string; units?: string } = {}) =>
			createRound(h.deps, { guildId: GUILD, actor: coordinator(), title, deadline: '04/10/2021 17:00', ...extra });
		await plain('Lần 1');
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		await plain('Lần 2', { from: 'R1', units: 'TKG' });
		await plain('Lần 3', { campaign: 'KH 2022' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R3' });
		await plain('Lần 4', { from: 'R3', campaign: 'KH 2023' });
		const sameCampaign = async (ref: string) => {
			const r = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: ref });
			if (!r.ok) throw new Error(JSON.stringify(r.error));
			return [r.value.from?.round.code, r.value.from?.sameCampaign];
		};
		expect(await sameCampaign('R2')).toEqual(['R1', false]);
		// R2 goes to TKG alone and nobody has items: it still knows R1's units; its matrix has no page at all.
		const r2 = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		if (!r2.ok) throw new Error(JSON.stringify(r2.error));
		expect([r2.value.status.rows.length, r2.value.units.size]).toEqual([1, units.length]);
		const pages: unknown[] = [];
		for await (const page of r2.value.matrix()) pages.push(page);
		expect(pages).toEqual([]);
		expect(await sameCampaign('R4')).toEqual(['R3', false]);
	});
});

describe('audit export', () => {
	it('GIVEN a round with items, an on-behalf answer and an outcome WHEN the audit is exported THEN every change is there in order, and a member may not export', async () => {
		await round('Lần 1');
		await items('R1', 'plan', rows(['TKG', 'A']));
		await items('R1', 'baseline', rows(['TKG', 'A']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const rec = await recordOnBehalf(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			unit: 'TKG',
			answer: 'comment',
			text: 'Ý kiến qua điện thoại',
			source: 'điện thoại',
		});
		if (!rec.ok) throw new Error('record failed');
		await resolveComment(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			comment: `c${rec.value.answer.id}`,
			outcome: 'accepted',
		});
		const r = await exportAudit(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const actions = r.value.events.map((e) => e.action);
		expect(actions.slice(0, 4)).toEqual(['round.create', 'items.replace', 'items.baseline', 'round.publish']);
		expect(actions.filter((a) => a === 'delivery.sent')).toHaveLength(9);
		expect(actions.slice(-2)).toEqual(['answer.on-behalf', 'comment.outcome']);
		expect(r.value.events.every((e) => e.roundCode === 'R1')).toBe(true);
		const server = await exportAudit(h.deps, { guildId: GUILD, actor: coordinator() });
		expect(server.ok && server.value.events.length).toBeGreaterThan(r.value.events.length);
		const refused = await exportAudit(h.deps, { guildId: GUILD, actor: member([unitRole(0)]) });
		expect(refused.ok ? 'ok' : refused.error.code).toBe('not-coordinator');
	});

	it('GIVEN a blank round WHEN exported THEN the whole server; GIVEN an unknown round THEN named; each in its own time zone', async () => {
		await round('Lần 1');
		await setupServer(h.deps, {
			guildId: GUILD,
			actor: admin(),
			coordinatorRoleId: COORD_ROLE,
			reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
			language: 'vi',
			timezone: 'Asia/Tokyo',
		});
		const server = await exportAudit(h.deps, { guildId: GUILD, actor: coordinator() });
		const blank = await exportAudit(h.deps, { guildId: GUILD, actor: coordinator(), round: '  ' });
		if (!server.ok || !blank.ok) throw new Error('export failed');
		expect(blank.value).toEqual(server.value);
		expect([server.value.round, server.value.timezone]).toEqual([null, 'Asia/Tokyo']);
		expect(server.value.events.map((e) => e.action)).toContain('settings.save');
		const r1 = await exportAudit(h.deps, { guildId: GUILD, actor: coordinator(), round: 'r1' });
		if (!r1.ok) throw new Error(JSON.stringify(r1.error));
		// The round keeps the time zone it was created in.
		expect([r1.value.round?.code, r1.value.timezone, r1.value.events.map((e) => e.action)]).toEqual([
			'R1',
			'Asia/Ho_Chi_Minh',
			['round.create'],
		]);
		expect(await exportAudit(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R7' })).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'R7' },
		});
	});
});
