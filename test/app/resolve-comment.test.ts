import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import {
	commentChoices,
	commentRef,
	MAX_OUTCOME_NOTE,
	parseCommentRef,
	resolveComment,
} from '../../src/app/resolve-comment.ts';
import type { Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness();
	units = await seedServer(h.deps, { count: 4 });
});
afterEach(async () => {
	await h.close();
});

async function openRound(title: string): Promise<string> {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title,
		deadline: '01/10/2021 17:00',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: created.value.round.code });
	return created.value.round.code;
}

async function comment(round: string, unit: Unit, text: string): Promise<number> {
	const r = await answerRound(h.deps, {
		guildId: GUILD,
		actor: member([unit.roleId]),
		round: { ref: round },
		unit: null,
		answer: 'comment',
		text,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value.answer.id;
}

const resolve = (ref: string, over: Partial<Parameters<typeof resolveComment>[1]> = {}) =>
	resolveComment(h.deps, { guildId: GUILD, actor: coordinator(), comment: ref, outcome: 'accepted', ...over });

describe('comment references', () => {
	it('GIVEN the autocomplete value, a number or #number, in any case with spaces THEN the id', () => {
		expect(['c42', 'C42', ' 42 ', '#42', commentRef(42)].map(parseCommentRef)).toEqual([42, 42, 42, 42, 42]);
		expect(parseCommentRef('123456789')).toBe(123456789);
	});

	it('GIVEN zero, ten digits, two prefixes, text around the number or nothing THEN no reference', () => {
		expect(['c0', '1234567890', 'c#4', 'x42', '42x', '4 2', '', 'c'].map(parseCommentRef)).toEqual([
			null,
			null,
			null,
			null,
			null,
			null,
			null,
			null,
		]);
	});
});

describe('/comment resolve', () => {
	it('GIVEN a note of exactly the maximum of characters THEN saved; one more THEN too long and nothing saved', async () => {
		const round = await openRound('R');
		const id = await comment(round, units[0]!, 'Sửa BC01');
		const long = await resolve(`c${id}`, { note: 'ấ'.repeat(MAX_OUTCOME_NOTE + 1) });
		expect(long).toEqual({ ok: false, error: { code: 'too-long', field: 'note', max: MAX_OUTCOME_NOTE } });
		expect((await h.deps.reports.getResponse(id))?.outcome).toBeNull();
		const ok = await resolve(`c${id}`, { note: ` ${'ấ'.repeat(MAX_OUTCOME_NOTE)} ` });
		expect(ok.ok && [ok.value.comment.outcome, ok.value.comment.outcomeNote]).toEqual([
			'accepted',
			'ấ'.repeat(MAX_OUTCOME_NOTE),
		]);
		expect(ok.ok && [ok.value.round.code, ok.value.unit.code]).toEqual([round, units[0]!.code]);
	});

	it('GIVEN a blank note THEN the outcome is saved without one, at the clock time, by the coordinator', async () => {
		const round = await openRound('R');
		const id = await comment(round, units[0]!, 'Sửa BC01');
		const r = await resolve(String(id), { note: ' \u200b ', outcome: 'explained' });
		expect(r.ok && r.value.comment).toMatchObject({
			outcome: 'explained',
			outcomeNote: null,
			outcomeBy: coordinator().userName,
		});
		expect(r.ok && r.value.comment.outcomeAt?.toISOString()).toBe(h.clock.now().toISOString());
	});

	it('GIVEN an unknown reference THEN "unknown comment", quoting at most 40 characters of what was typed', async () => {
		expect(await resolve(`  ${'z'.repeat(60)}  `)).toEqual({
			ok: false,
			error: { code: 'comment-unknown', comment: 'z'.repeat(40) },
		});
		expect(await resolve('c999')).toEqual({ ok: false, error: { code: 'comment-unknown', comment: 'c999' } });
	});

	it('GIVEN a member THEN refused', async () => {
		const round = await openRound('R');
		const id = await comment(round, units[0]!, 'Sửa BC01');
		expect(await resolve(`c${id}`, { actor: member([units[0]!.roleId]) })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
	});
});

describe('comments offered to resolve', () => {
	it('GIVEN comments in two rounds, one resolved, one replaced THEN current ones only, unresolved first, newest first', async () => {
		const r1 = await openRound('Một');
		const a = await comment(r1, units[0]!, 'Bỏ BC01');
		const b = await comment(r1, units[1]!, 'Thêm chỉ tiêu');
		await comment(r1, units[2]!, 'cũ');
		const c2 = await comment(r1, units[2]!, 'mới');
		const r2 = await openRound('Hai');
		const d = await comment(r2, units[3]!, 'Giữ nguyên');
		await resolve(`c${d}`);
		const all = await commentChoices(h.deps, GUILD, coordinator(), '  ');
		expect(all.map((c) => c.comment.id)).toEqual([c2, b, a, d]);
		expect(all.map((c) => [c.round.code, c.unit.code])).toEqual([
			[r1, units[2]!.code],
			[r1, units[1]!.code],
			[r1, units[0]!.code],
			[r2, units[3]!.code],
		]);
	});

	it('GIVEN the newest and the oldest of four comments resolved THEN the two waiting first, then the two resolved, each newest first', async () => {
		const r1 = await openRound('Một');
		const [a, b, c, d] = [
			await comment(r1, units[0]!, 'một'),
			await comment(r1, units[1]!, 'hai'),
			await comment(r1, units[2]!, 'ba'),
			await comment(r1, units[3]!, 'bốn'),
		];
		await resolve(`c${d}`);
		await resolve(`c${a}`);
		const all = await commentChoices(h.deps, GUILD, coordinator(), '');
		expect(all.map((x) => [x.comment.id, x.comment.outcome])).toEqual([
			[c, null],
			[b, null],
			[d, 'accepted'],
			[a, 'accepted'],
		]);
	});

	it('GIVEN typed text THEN matched on the round code exactly, a piece of the unit code, the reference or the comment text', async () => {
		const r1 = await openRound('Một');
		const a = await comment(r1, units[0]!, 'Bỏ BC01');
		const b = await comment(r1, units[1]!, 'Thêm chỉ tiêu');
		const r2 = await openRound('Hai');
		const d = await comment(r2, units[3]!, 'Giữ nguyên BC01');
		const ids = async (typed: string) =>
			(await commentChoices(h.deps, GUILD, coordinator(), typed)).map((c) => c.comment.id);
		expect(await ids(` ${r2.toLowerCase()} `)).toEqual([d]);
		expect(await ids('R')).toEqual([]);
		expect(await ids(units[1]!.code.slice(1, 4).toLowerCase())).toEqual([b]);
		expect(await ids(`C${a}`)).toEqual([a]);
		expect(await ids('bc01')).toEqual([d, a]);
		expect(await ids('THÊM')).toEqual([b]);
	});

	it('GIVEN a member THEN no comment is offered', async () => {
		const r1 = await openRound('Một');
		await comment(r1, units[0]!, 'Bỏ BC01');
		expect(await commentChoices(h.deps, GUILD, member([units[0]!.roleId]), '')).toEqual([]);
	});
});
