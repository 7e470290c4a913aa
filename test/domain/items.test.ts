import { describe, expect, it } from 'vitest';
import {
	comparePlans,
	diffItems,
	COMMENT_OUTCOMES,
	deltaOf,
	hasChanges,
	isOpenAt,
	ITEM_FIELDS,
	itemKey,
	itemMatrix,
	openAt,
	outcomeTally,
	roundPoints,
	parseItemCodes,
	totalsOf,
	yearIn,
	type PlanItem,
} from '../../src/domain/items.ts';

function item(unitId: number, code: string, over: Partial<PlanItem> = {}): PlanItem {
	return { unitId, code, title: `Báo cáo ${code}`, frequency: 'hằng tháng', due: '2022-01-15', points: 10, ...over };
}

/** `count` items of a unit, codes BC001…, `points` each. */
function many(unitId: number, count: number, points = 10, from = 1): PlanItem[] {
	return Array.from({ length: count }, (_, i) => item(unitId, `BC${String(from + i).padStart(3, '0')}`, { points }));
}

describe('diffItems', () => {
	it.each([
		['the due date', { due: '2022-01-20' }, ['due']],
		['the frequency', { frequency: 'hằng quý' }, ['frequency']],
		['the points', { points: 12.5 }, ['points']],
		['the title', { title: 'Báo cáo mới' }, ['title']],
		['due date and points', { due: null, points: 0 }, ['due', 'points']],
	] as const)(
		'GIVEN an item with a changed %s WHEN diffed THEN exactly those fields are reported',
		(_what, change, fields) => {
			const diff = diffItems([item(1, 'BC01')], [item(1, 'BC01', change)]);
			expect(diff.changed.map((c) => c.fields)).toEqual([fields]);
			expect(diff.added).toEqual([]);
			expect(diff.removed).toEqual([]);
		},
	);

	it('GIVEN items added, removed, kept and written in another case WHEN diffed THEN each lands in its list', () => {
		const before = [item(1, 'BC01'), item(1, 'BC02'), item(1, 'bc03', { title: 'Báo cáo BC03' })];
		const after = [item(1, 'BC01'), item(1, 'BC03'), item(1, 'BC04')];
		const diff = diffItems(before, after);
		expect(diff.added.map((i) => i.code)).toEqual(['BC04']);
		expect(diff.removed.map((i) => i.code)).toEqual(['BC02']);
		expect(diff.changed).toEqual([]);
		expect(diff.unchanged).toBe(2);
	});

	it('GIVEN text differing only by surrounding spaces WHEN diffed THEN nothing changed', () => {
		const diff = diffItems([item(1, 'A', { title: 'Tên ' })], [item(1, 'A', { title: 'Tên' })]);
		expect(diff.changed).toEqual([]);
	});
});

describe('totals and comparison', () => {
	it('GIVEN decimal points WHEN summed THEN binary noise does not show', () => {
		expect(totalsOf([item(1, 'A', { points: 0.1 }), item(1, 'B', { points: 0.2 })])).toEqual({ items: 2, points: 0.3 });
	});

	it("GIVEN the seed's numbers WHEN compared THEN round 2 has 269 items, 85 fewer than round 1 and 110 fewer than the baseline", () => {
		// Round 1: 354 items over 14 units; baseline 379; round 2: 269 over 9 of those units.
		const baseline = [...Array.from({ length: 13 }, (_, u) => many(u + 1, 27)).flat(), ...many(14, 28)];
		const round1 = [...Array.from({ length: 12 }, (_, u) => many(u + 1, 25)).flat(), ...many(13, 27), ...many(14, 27)];
		const round2 = [...Array.from({ length: 8 }, (_, u) => many(u + 1, 30)).flat(), ...many(9, 29)];
		expect([baseline.length, round1.length, round2.length]).toEqual([379, 354, 269]);
		const c = comparePlans({ unitIds: [1, 2, 3, 4, 5, 6, 7, 8, 9], current: round2, previous: round1, baseline });
		expect(c.current.items).toBe(269);
		expect(c.vsPrevious?.items).toBe(-85);
		expect(c.vsBaseline?.items).toBe(-110);
		// Units of round 1 that round 2 no longer addresses come after, marked as such.
		expect(c.units.map((u) => [u.unitId, u.inRound])).toEqual([
			...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => [id, true]),
			...[10, 11, 12, 13, 14].map((id) => [id, false]),
		]);
		expect(c.units[0]).toMatchObject({
			current: { items: 30 },
			vsPrevious: { items: 5, points: 50 },
			vsBaseline: { items: 3 },
		});
	});

	it('GIVEN units that kept their baseline and units that changed it WHEN compared THEN the seed-style counts say so', () => {
		const baseline = [...many(1, 3), ...many(2, 3), ...many(3, 3)];
		const current = [...many(1, 3), ...many(2, 3, 10), ...many(3, 2)];
		current[3] = item(2, 'BC001', { points: 99 });
		const c = comparePlans({ unitIds: [1, 2, 3], current, previous: null, baseline });
		expect(c.baselineCompared).toBe(3);
		expect(c.baselineUnchanged).toBe(1);
		expect(c.vsPrevious).toBeNull();
		expect(c.units.map((u) => u.differsFromBaseline)).toEqual([false, true, true]);
	});

	it('GIVEN no earlier round and no baseline WHEN compared THEN there are no deltas, only totals', () => {
		const c = comparePlans({ unitIds: [1], current: many(1, 4, 2.5), previous: null, baseline: null });
		expect(c).toMatchObject({
			current: { items: 4, points: 10 },
			previous: null,
			baseline: null,
			vsPrevious: null,
			vsBaseline: null,
		});
		expect(c.units[0]?.changes).toBeNull();
	});
});

describe('itemMatrix', () => {
	it('GIVEN two rounds WHEN laid out THEN each item shows both values, the change and the points delta', () => {
		const previous = [item(1, 'A'), item(1, 'B'), item(1, 'C'), item(2, 'X')];
		const current = [item(1, 'A'), item(1, 'C', { points: 15, due: '2022-02-01' }), item(1, 'D', { points: 4 })];
		const rows = itemMatrix(current, previous, [1]);
		expect(rows.map((r) => [r.unitId, r.code, r.change, r.fields, r.pointsDelta])).toEqual([
			[1, 'A', 'same', [], 0],
			[1, 'C', 'changed', ['due', 'points'], 5],
			[1, 'D', 'added', [], 4],
			[1, 'B', 'removed', [], -10],
			[2, 'X', 'not-in-round', [], -10],
		]);
		expect(rows[1]?.reference?.points).toBe(10);
		expect(rows[1]?.current?.points).toBe(15);
	});

	it('GIVEN no reference WHEN laid out THEN every item is listed without a change', () => {
		const rows = itemMatrix([item(1, 'A')], null, [1]);
		expect(rows.map((r) => [r.change, r.pointsDelta, r.reference])).toEqual([['same', 0, null]]);
	});
});

describe('comments', () => {
	it.each([
		['BC01, BC02', ['BC01', 'BC02']],
		[' bc01 ;BC01; 1.3 ,, ', ['bc01', '1.3']],
		['', []],
		[null, []],
	] as const)('GIVEN items typed as %j WHEN read THEN the codes are %j', (text, codes) => {
		expect(parseItemCodes(text)).toEqual(codes);
	});

	it('GIVEN comments resolved before, after, or never WHEN a round is created from theirs THEN those open at that moment carry over', () => {
		const at = new Date('2021-09-17T02:00:00Z');
		expect(isOpenAt({ outcome: null, outcomeAt: null }, at)).toBe(true);
		expect(isOpenAt({ outcome: 'accepted', outcomeAt: new Date('2021-09-16T00:00:00Z') }, at)).toBe(false);
		expect(isOpenAt({ outcome: 'explained', outcomeAt: new Date('2021-09-18T00:00:00Z') }, at)).toBe(true);
	});

	it('GIVEN accepted, explained and open comments WHEN tallied THEN each is counted once', () => {
		expect(
			outcomeTally([
				{ outcome: 'accepted', outcomeAt: new Date(0) },
				{ outcome: 'accepted', outcomeAt: new Date(0) },
				{ outcome: 'explained', outcomeAt: new Date(0) },
				{ outcome: null, outcomeAt: null },
			]),
		).toEqual({ accepted: 2, explained: 1, open: 1 });
	});
});

describe('yearIn', () => {
	it.each([
		['ke-hoach-2021.xlsx', 2021],
		['KH_2021_final.csv', 2021],
		['plan.xlsx', null],
		['20210.xlsx', null],
		['v1999-2.xlsx', 1999],
	] as const)('GIVEN a file named %s WHEN its year is read THEN it is %s', (name, year) => {
		expect(yearIn(name)).toBe(year);
	});
});

describe('comparePlans: units without items', () => {
	it('GIVEN a round unit with no items in either round WHEN compared THEN its line is kept, in round order, with zero totals', () => {
		const previous = [item(1, 'A'), item(3, 'C')];
		const current = [item(1, 'A'), item(3, 'C', { points: 12 })];
		const c = comparePlans({ unitIds: [3, 2, 1], current, previous, baseline: null });
		expect(c.units.map((u) => u.unitId)).toEqual([3, 2, 1]);
		expect(c.units[1]).toEqual({
			unitId: 2,
			inRound: true,
			current: { items: 0, points: 0 },
			previous: { items: 0, points: 0 },
			baseline: null,
			vsPrevious: { items: 0, points: 0 },
			vsBaseline: null,
			changes: { added: [], removed: [], changed: [], unchanged: 0 },
			differsFromBaseline: null,
		});
		expect(c.units[0]?.vsPrevious).toEqual({ items: 0, points: 2 });
	});

	it('GIVEN a baseline where one round unit is empty in both versions WHEN compared THEN that unit is not counted as compared', () => {
		const baseline = [...many(1, 2), ...many(3, 1)];
		const current = [...many(1, 2), ...many(3, 1, 5)];
		const c = comparePlans({ unitIds: [1, 2, 3], current, previous: null, baseline });
		expect(c.baselineCompared).toBe(2);
		expect(c.baselineUnchanged).toBe(1);
		expect(c.units.map((u) => u.differsFromBaseline)).toEqual([false, null, true]);
		expect(c.units[1]).toMatchObject({ baseline: { items: 0, points: 0 }, vsBaseline: { items: 0, points: 0 } });
	});

	it('GIVEN a round unit that dropped all its baseline items WHEN compared THEN it is compared and differs', () => {
		const c = comparePlans({ unitIds: [1, 2], current: many(1, 1), previous: null, baseline: many(2, 2) });
		expect(c.baselineCompared).toBe(2);
		expect(c.baselineUnchanged).toBe(0);
		expect(c.units.map((u) => u.differsFromBaseline)).toEqual([true, true]);
	});

	it('GIVEN a baseline unit the round no longer addresses WHEN compared THEN it is neither listed nor counted', () => {
		const c = comparePlans({
			unitIds: [1],
			current: many(1, 1),
			previous: null,
			baseline: [...many(1, 1), ...many(9, 4)],
		});
		expect(c.units.map((u) => u.unitId)).toEqual([1]);
		expect(c.baselineCompared).toBe(1);
		expect(c.baselineUnchanged).toBe(1);
		expect(c.baseline).toEqual({ items: 5, points: 50 });
		expect(c.vsBaseline).toEqual({ items: -4, points: -40 });
	});

	it('GIVEN a unit of the earlier round that this round dropped WHEN compared THEN its line shows what it had and all of it removed', () => {
		const c = comparePlans({
			unitIds: [1],
			current: many(1, 1),
			previous: [...many(1, 1), ...many(4, 2)],
			baseline: many(4, 2),
		});
		expect(c.units.map((u) => [u.unitId, u.inRound])).toEqual([
			[1, true],
			[4, false],
		]);
		expect(c.units[1]).toMatchObject({
			current: { items: 0, points: 0 },
			previous: { items: 2, points: 20 },
			vsPrevious: { items: -2, points: -20 },
			differsFromBaseline: null,
		});
		expect(c.units[1]?.changes?.removed.map((i) => i.code)).toEqual(['BC001', 'BC002']);
		expect(c.baselineCompared).toBe(1);
	});
});

describe('item arithmetic', () => {
	it.each([
		[0.1 + 0.2, 0.3],
		[2.5, 2.5],
		[0.25, 0.25],
		[1.0004, 1],
		[1.0005, 1.001],
		[-0.1 - 0.2, -0.3],
	])('GIVEN %d points WHEN rounded THEN %d', (value, expected) => {
		expect(roundPoints(value)).toBe(expected);
	});

	it('GIVEN decimal totals WHEN subtracted THEN the delta has no binary noise', () => {
		expect(deltaOf({ items: 3, points: 0.3 }, { items: 5, points: 0.1 })).toEqual({ items: -2, points: 0.2 });
		expect(deltaOf({ items: 3, points: 0.3 }, null)).toBeNull();
	});

	it('GIVEN item codes differing in spaces, case or Unicode composition WHEN keyed THEN they are the same item', () => {
		const composed = 'BÁO CÁO'.normalize('NFC');
		const decomposed = 'báo cáo'.normalize('NFD');
		expect(itemKey(` ${decomposed} `)).toBe(composed);
		const diff = diffItems([item(1, composed, { title: 'T' })], [item(1, decomposed, { title: 'T' })]);
		expect(diff.unchanged).toBe(1);
		expect(diff.added).toEqual([]);
	});

	it('GIVEN a missing and an empty frequency or due date WHEN diffed THEN they are the same', () => {
		const diff = diffItems(
			[item(1, 'A', { frequency: null, due: null })],
			[item(1, 'A', { frequency: '  ', due: '' })],
		);
		expect(diff.changed).toEqual([]);
		expect(diff.unchanged).toBe(1);
	});

	it('GIVEN an empty frequency or due date that became missing WHEN diffed THEN they are the same', () => {
		const diff = diffItems([item(1, 'A', { frequency: ' ', due: '' })], [item(1, 'A', { frequency: null, due: null })]);
		expect(diff.changed).toEqual([]);
		expect(diff.unchanged).toBe(1);
	});

	it('GIVEN points that differ only below a thousandth WHEN diffed THEN they are the same', () => {
		expect(diffItems([item(1, 'A', { points: 0.3 })], [item(1, 'A', { points: 0.1 + 0.2 })]).changed).toEqual([]);
	});

	it.each([
		['one item added and one removed', { added: 1, removed: 1, changed: 0 }, true],
		['only an item removed', { added: 0, removed: 1, changed: 0 }, true],
		['only an item changed', { added: 0, removed: 0, changed: 1 }, true],
		['only an item added', { added: 1, removed: 0, changed: 0 }, true],
		['nothing', { added: 0, removed: 0, changed: 0 }, false],
	] as const)('GIVEN a diff with %s WHEN asked whether it has changes THEN %s', (_what, counts, expected) => {
		const one = item(1, 'A');
		const changes = {
			added: Array.from({ length: counts.added }, () => one),
			removed: Array.from({ length: counts.removed }, () => one),
			changed: Array.from({ length: counts.changed }, () => ({ code: 'A', before: one, after: one, fields: [] })),
			unchanged: 3,
		};
		expect(hasChanges(changes)).toBe(expected);
	});

	it('GIVEN the field and outcome lists WHEN read THEN they hold every value in display order', () => {
		expect(ITEM_FIELDS).toEqual(['due', 'frequency', 'points', 'title']);
		expect(COMMENT_OUTCOMES).toEqual(['accepted', 'explained']);
	});
});

describe('itemMatrix: units outside the order', () => {
	it('GIVEN current items of a unit missing from the order WHEN laid out THEN it comes after the ordered units', () => {
		const rows = itemMatrix([item(2, 'B'), item(1, 'A')], [item(1, 'A'), item(3, 'C', { points: 2.5 })], [1]);
		expect(rows.map((r) => [r.unitId, r.code, r.change, r.pointsDelta])).toEqual([
			[1, 'A', 'same', 0],
			[2, 'B', 'added', 10],
			[3, 'C', 'not-in-round', -2.5],
		]);
	});

	it('GIVEN no reference WHEN laid out THEN units missing from the order still come after, unchanged', () => {
		const rows = itemMatrix([item(2, 'B'), item(1, 'A')], null, [1]);
		expect(rows.map((r) => [r.unitId, r.code, r.change, r.pointsDelta, r.fields])).toEqual([
			[1, 'A', 'same', 0, []],
			[2, 'B', 'same', 0, []],
		]);
	});

	it('GIVEN an item whose code changed case between rounds WHEN laid out THEN it is one row, not added and removed', () => {
		const rows = itemMatrix([item(1, 'bc01', { points: 10.25, title: 'T' })], [item(1, 'BC01', { title: 'T' })], [1]);
		expect(rows.map((r) => [r.code, r.change, r.fields, r.pointsDelta])).toEqual([
			['bc01', 'changed', ['points'], 0.25],
		]);
	});
});

describe('comments: more edges', () => {
	it.each([
		['BC01\nBC02', ['BC01', 'BC02']],
		['BC01;;BC02,;BC03', ['BC01', 'BC02', 'BC03']],
		[undefined, []],
		['  ,  ;  ', []],
	] as const)('GIVEN items typed as %j WHEN read THEN the codes are %j', (text, codes) => {
		expect(parseItemCodes(text)).toEqual(codes);
	});

	it('GIVEN the same code typed composed and decomposed WHEN read THEN it is kept once, composed', () => {
		expect(parseItemCodes(`${'Mục ấ'.normalize('NFD')}, ${'mục Ấ'.normalize('NFC')}`)).toEqual([
			'Mục ấ'.normalize('NFC'),
		]);
	});

	it('GIVEN an outcome given exactly when the round was created, or given without a time WHEN asked THEN closed, resp. still open', () => {
		const at = new Date('2021-09-17T02:00:00Z');
		expect(isOpenAt({ outcome: 'accepted', outcomeAt: at }, at)).toBe(false);
		expect(isOpenAt({ outcome: 'accepted', outcomeAt: null }, at)).toBe(true);
		expect(isOpenAt({ outcome: null, outcomeAt: new Date('2021-09-16T00:00:00Z') }, at)).toBe(true);
	});

	it('GIVEN more explained comments than open ones WHEN tallied THEN explained and open are not swapped', () => {
		expect(
			outcomeTally([
				{ outcome: 'explained', outcomeAt: new Date(0) },
				{ outcome: 'explained', outcomeAt: new Date(0) },
				{ outcome: null, outcomeAt: null },
			]),
		).toEqual({ accepted: 0, explained: 2, open: 1 });
	});

	it('GIVEN comments resolved before and after a round was created WHEN carried over THEN only the open ones, in order', () => {
		const at = new Date('2021-09-17T02:00:00Z');
		const comments = [
			{ id: 1, outcome: 'accepted' as const, outcomeAt: new Date('2021-09-16T00:00:00Z') },
			{ id: 2, outcome: null, outcomeAt: null },
			{ id: 3, outcome: 'explained' as const, outcomeAt: new Date('2021-09-18T00:00:00Z') },
		];
		expect(openAt(comments, at).map((c) => c.id)).toEqual([2, 3]);
	});
});

describe('yearIn: edges', () => {
	it.each([
		['2021-ke-hoach.xlsx', 2021],
		['1900.csv', 1900],
		['ke hoach 2199', 2199],
		['1899-plan.xlsx', null],
		['2200-plan.xlsx', null],
		['a12021.xlsx', null],
		['KH2022.xlsx', 2022],
		['', null],
	] as const)('GIVEN the text %j WHEN its year is read THEN it is %s', (name, year) => {
		expect(yearIn(name)).toBe(year);
	});
});
