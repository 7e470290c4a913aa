import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { removeUnit } from '../../src/app/manage-units.ts';
import {
	baselineOf,
	checkItemCodes,
	draftPlans,
	fromRoundOf,
	importItems,
	MAX_ITEM_CODES_TEXT,
	resolveFromRound,
} from '../../src/app/plan-items.ts';
import { closeRound } from '../../src/app/round-deadlines.ts';
import type { InputRow } from '../../src/domain/import/rows.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	roundChain,
	seedServer,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let line: number;

beforeEach(async () => {
	h = await createAppHarness('2021-06-07T02:00:00Z');
	units = await seedServer(h.deps, { count: 4 });
	line = 1;
});
afterEach(async () => {
	await h.close();
});

function rows(...items: Array<[unit: string, code: string, points?: string]>): InputRow[] {
	return items.map(([unit, code, points = '10']) => ({
		line: ++line,
		cells: { unit, code, title: `Báo cáo ${code}`, frequency: 'hằng tháng', due: '15/01/2022', points },
	}));
}

async function round(extra: { from?: string; units?: string; campaign?: string } = {}): Promise<Round> {
	const r = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Kế hoạch',
		deadline: '30/06/2021 17:00',
		...extra,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value.round;
}

const load = (
	ref: string,
	set: 'plan' | 'baseline',
	input: InputRow[],
	fileName = 'items.xlsx',
	actor = coordinator(),
) => importItems(h.deps, { guildId: GUILD, actor, round: ref, set, fileName, rows: input });

const [A, B, C, D] = ['HTTKQG', 'TKCNXD', 'TKNLTS', 'TKTMDV'];

describe('/round items and /round baseline', () => {
	it('GIVEN a plan for two of three units THEN the totals per unit present, overall, and nothing outside; no plan year', async () => {
		await round({ units: `${A},${B},${C}` });
		const r = await load('R1', 'plan', rows([A, 'X1', '10'], [A, 'X2', '5.5'], [B, 'Y1', '2']), 'ke-hoach-2021.xlsx');
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.set).toBe('plan');
		expect(r.value.round.code).toBe('R1');
		expect(r.value.units.map((u) => [u.unit.code, u.totals])).toEqual([
			[A, { items: 2, points: 15.5 }],
			[B, { items: 1, points: 2 }],
		]);
		expect(r.value.totals).toEqual({ items: 3, points: 17.5 });
		expect(r.value.outside).toEqual({ units: 0, totals: { items: 0, points: 0 } });
		expect(r.value.year).toBeNull();
		const events = (await h.deps.reports.auditEvents(GUILD, null)).filter((e) => e.action === 'items.replace');
		// A plan's audit names the file and no plan year.
		expect(events.map((e) => JSON.parse(e.after ?? 'null') as Record<string, unknown>)).toEqual([
			{ file: 'ke-hoach-2021.xlsx', items: 2, points: 15.5 },
			{ file: 'ke-hoach-2021.xlsx', items: 1, points: 2 },
		]);
	});

	it('GIVEN a baseline listing a unit outside the round THEN it is kept, counted outside, and the year is read from the file name', async () => {
		await round({ units: `${A},${B}` });
		const r = await load('R1', 'baseline', rows([A, 'X1'], [D, 'Z1', '3'], [D, 'Z2', '4']), 'ke-hoach-2021.xlsx');
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.units.map((u) => u.unit.code)).toEqual([A]);
		expect(r.value.totals).toEqual({ items: 3, points: 17 });
		expect(r.value.outside).toEqual({ units: 1, totals: { items: 2, points: 7 } });
		expect(r.value.year).toBe(2021);
		const base = await baselineOf(h.deps, r.value.round);
		expect(base && [base.round.code, base.year, base.sums.length]).toEqual(['R1', 2021, 2]);
	});

	it('GIVEN a unit archived since last year WHEN the baseline lists it THEN it is accepted and counted outside the round', async () => {
		await round({ units: `${A},${B}` });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const removed = await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: B });
		expect(removed.ok && removed.value.outcome).toBe('archived');
		await round({ units: A });
		const r = await load('R2', 'baseline', rows([A, 'X1'], [B, 'Y1', '4']), 'ke-hoach-2021.xlsx');
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.units.map((u) => u.unit.code)).toEqual([A]);
		expect(r.value.outside).toEqual({ units: 1, totals: { items: 1, points: 4 } });
	});

	it('GIVEN a plan naming a unit outside the round THEN the file is refused and nothing saved', async () => {
		const r1 = await round({ units: `${A},${B}` });
		const r = await load('R1', 'plan', rows([A, 'X1'], [D, 'Z1']));
		expect(r.ok ? 'ok' : r.error.code).toBe('import-rejected');
		expect(await h.deps.reports.items(r1.id, 'plan')).toEqual([]);
	});

	it('GIVEN an open round THEN its plan may not change but its baseline may; GIVEN it closed THEN the plan may be recorded again', async () => {
		await round();
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(await load('R1', 'plan', rows([A, 'X1']))).toEqual({
			ok: false,
			error: { code: 'round-published', round: 'R1' },
		});
		expect((await load('R1', 'baseline', rows([A, 'X1']))).ok).toBe(true);
		await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect((await load('R1', 'plan', rows([A, 'X1']))).ok).toBe(true);
	});

	it('GIVEN an unknown round THEN named (at most 40 characters); GIVEN a member THEN refused', async () => {
		await round();
		expect(await load(` ${'R'.repeat(50)} `, 'plan', rows([A, 'X1']))).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'R'.repeat(40) },
		});
		expect(await load('R1', 'plan', rows([A, 'X1']), 'a.xlsx', member([units[0]!.roleId]))).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
	});
});

describe('rounds created from others', () => {
	it('GIVEN round 2 from round 1 and round 3 from round 2 of a campaign THEN each knows its source and its number; the baseline of round 1 is found from round 3', async () => {
		const r1 = await round({ campaign: 'Kế hoạch 2022' });
		await load('R1', 'baseline', rows([A, 'X1']), 'baseline.xlsx');
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(await fromRoundOf(h.deps, r1)).toBeNull();
		const r2 = await round({ from: 'R1' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		const r3 = await round({ from: 'R2' });
		const from2 = await fromRoundOf(h.deps, r2);
		expect(from2 && [from2.round.code, from2.number]).toEqual(['R1', 1]);
		const from3 = await fromRoundOf(h.deps, r3);
		expect(from3 && [from3.round.code, from3.number]).toEqual(['R2', 2]);
		const base = await baselineOf(h.deps, r3);
		expect(base && [base.round.code, base.year]).toEqual(['R1', null]);
	});

	it('GIVEN a chain of 51 rounds each created from the one before, the baseline on the first THEN it is followed 50 rounds back, no further', async () => {
		const first = await round({ units: A });
		await load('R1', 'baseline', rows([A, 'X1']), 'ke-hoach-2021.xlsx');
		const chain = await roundChain(h.deps, first, 51, {
			unitId: units[0]!.id,
			deadline: new Date('2021-06-30T10:00:00Z'),
		});
		const fiftieth = await baselineOf(h.deps, chain[49]!);
		expect(fiftieth && [fiftieth.round.code, fiftieth.year]).toEqual(['R1', 2021]);
		expect(await baselineOf(h.deps, chain[50]!)).toBeNull();
	});

	it('GIVEN no baseline anywhere in the chain THEN none', async () => {
		const r1 = await round();
		expect(await baselineOf(h.deps, r1)).toBeNull();
	});

	it('GIVEN a draft round as the source THEN refused; an unknown one THEN unknown', async () => {
		await round();
		expect(await resolveFromRound(h.deps, GUILD, 'R1')).toEqual({
			ok: false,
			error: { code: 'from-draft', round: 'R1' },
		});
		expect(await resolveFromRound(h.deps, GUILD, 'R4')).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'R4' },
		});
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const ok = await resolveFromRound(h.deps, GUILD, '1');
		expect(ok.ok && ok.value.code).toBe('R1');
	});

	it("GIVEN round 2 from round 1 THEN each unit's draft shows its items and what changed; a unit without items in either shows none", async () => {
		await round({ units: `${A},${B},${C}` });
		await load('R1', 'plan', rows([A, 'X1'], [B, 'Y1']));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const r2 = await round({ from: 'R1' });
		// Round 2 starts with round 1's items; A's plan changes, B drops its only item.
		await load('R2', 'plan', rows([A, 'X1'], [A, 'X2'], [B, 'Y1']));
		await h.deps.reports.replaceItems(r2.id, 'plan', [{ unitId: units[1]!.id, unitCode: B, items: [] }], {
			guildId: GUILD,
			actorId: '1',
			actorName: 'x',
			action: 'items.replace',
		});
		const plans = await draftPlans(h.deps, r2);
		expect([...plans.keys()].sort()).toEqual([units[0]!.id, units[1]!.id].sort());
		const a = plans.get(units[0]!.id)!;
		expect([a.items.map((i) => i.code), a.totals, a.fromRound]).toEqual([['X1', 'X2'], { items: 2, points: 20 }, 'R1']);
		expect(a.changes && [a.changes.added.map((i) => i.code), a.changes.removed, a.changes.unchanged]).toEqual([
			['X2'],
			[],
			1,
		]);
		const b = plans.get(units[1]!.id)!;
		expect([b.items, b.changes?.removed.map((i) => i.code), b.changes?.added]).toEqual([[], ['Y1'], []]);
	});

	it('GIVEN the targets the caller has just read THEN the plans are of those units', async () => {
		const r1 = await round({ units: `${A},${B}` });
		await load('R1', 'plan', rows([A, 'X1'], [B, 'Y1']));
		const targets = await h.deps.rounds.targets(r1.id);
		const plans = await draftPlans(
			h.deps,
			r1,
			targets.filter((t) => t.unit.code === B),
		);
		expect([...plans.keys()]).toEqual([units[1]!.id]);
	});

	it('GIVEN a round of its own THEN its drafts show items without changes', async () => {
		const r1 = await round({ units: `${A},${B}` });
		await load('R1', 'plan', rows([A, 'X1']));
		const plans = await draftPlans(h.deps, r1);
		expect([...plans.keys()]).toEqual([units[0]!.id]);
		expect([plans.get(units[0]!.id)?.changes, plans.get(units[0]!.id)?.fromRound]).toEqual([null, null]);
	});
});

describe('the items a comment is about', () => {
	it('GIVEN a unit with items THEN codes are matched whatever their case and written as the items are; unknown ones refused', async () => {
		const r1 = await round();
		await load('R1', 'plan', rows([A, 'BC01'], [A, 'Bc02']));
		const check = (text: string | undefined) => checkItemCodes(h.deps, r1, units[0]!, text);
		expect(await check(' bc02 ; BC01, bc02 ')).toEqual({ ok: true, value: 'Bc02, BC01' });
		expect(await check('BC01, BC99')).toEqual({
			ok: false,
			error: { code: 'item-codes-unknown', unit: A, codes: ['BC99'] },
		});
	});

	it('GIVEN a unit without items THEN codes are kept as typed', async () => {
		const r1 = await round();
		await load('R1', 'plan', rows([A, 'BC01']));
		expect(await checkItemCodes(h.deps, r1, units[1]!, 'bc7; x')).toEqual({ ok: true, value: 'bc7, x' });
	});

	it('GIVEN nothing, blanks or only separators THEN no codes; GIVEN more than the maximum of characters THEN too long', async () => {
		const r1 = await round();
		await load('R1', 'plan', rows([A, 'BC01']));
		const check = (text: string | undefined) => checkItemCodes(h.deps, r1, units[0]!, text);
		expect(await check(undefined)).toEqual({ ok: true, value: null });
		expect(await check('   ')).toEqual({ ok: true, value: null });
		expect(await check(' ,; ')).toEqual({ ok: true, value: null });
		// Blanks are no codes however many there are: never "too long".
		expect(await check(' '.repeat(MAX_ITEM_CODES_TEXT + 1))).toEqual({ ok: true, value: null });
		expect((await check(`BC01${' '.repeat(MAX_ITEM_CODES_TEXT - 4)}`)).ok).toBe(true);
		expect(await check(`BC01${' '.repeat(MAX_ITEM_CODES_TEXT - 3)}`)).toEqual({
			ok: false,
			error: { code: 'too-long', field: 'items', max: MAX_ITEM_CODES_TEXT },
		});
	});
});
