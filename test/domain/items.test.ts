import { describe, expect, it } from 'vitest';
import {
	comparePlans,
	diffItems,
	isOpenAt,
	itemMatrix,
	outcomeTally,
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
