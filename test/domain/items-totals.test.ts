import { describe, expect, it } from 'vitest';
import {
	comparePlans,
	comparePlanTotals,
	diffItems,
	hasChanges,
	itemsOfUnits,
	needsBaselineDiff,
	type PlanItem,
	type UnitSums,
} from '../../src/domain/items.ts';

function item(unitId: number, code: string, over: Partial<PlanItem> = {}): PlanItem {
	return { unitId, code, title: `Báo cáo ${code}`, frequency: 'hằng tháng', due: '2022-01-15', points: 10, ...over };
}

/** Per-unit sums as a database reads them: units in the order of their first item, points not rounded. */
function sums(items: readonly PlanItem[]): UnitSums[] {
	const byUnit = new Map<number, UnitSums>();
	for (const i of items) {
		const s = byUnit.get(i.unitId) ?? { unitId: i.unitId, items: 0, points: 0 };
		s.items++;
		s.points += i.points;
		byUnit.set(i.unitId, s);
	}
	return [...byUnit.values()];
}

/** What the report store answers for the units with items on both sides: do they differ from the baseline? */
function differs(current: readonly PlanItem[], baseline: readonly PlanItem[]): Map<number, boolean> {
	const result = new Map<number, boolean>();
	for (const { unitId } of sums(current)) {
		const mine = current.filter((i) => i.unitId === unitId);
		const base = baseline.filter((i) => i.unitId === unitId);
		if (needsBaselineDiff(mine.length, base.length)) result.set(unitId, hasChanges(diffItems(base, mine)));
	}
	return result;
}

describe('comparePlanTotals', () => {
	// Unit 1 unchanged everywhere; 2 changed a point against both; 3 new in this round; 4 left the round;
	// 5 only in the whole-office baseline; 6 in the round with no items anywhere; 7 emptied since the baseline.
	const current = [
		item(3, 'X1', { points: 0.1 }),
		item(1, 'A1'),
		item(1, 'A2', { points: 0.2 }),
		item(2, 'B1', { points: 7 }),
		item(3, 'X2', { points: 0.2 }),
	];
	const previous = [item(4, 'D1'), item(1, 'A1'), item(1, 'A2', { points: 0.2 }), item(2, 'B1'), item(4, 'D2')];
	const baseline = [item(5, 'E1'), item(2, 'B1'), item(1, 'A1'), item(1, 'A2', { points: 0.2 }), item(7, 'G1')];
	const unitIds = [1, 2, 3, 6, 7];

	it('GIVEN a round with a previous round and a baseline WHEN compared from per-unit sums THEN the figures are those of the item comparison, without item changes', () => {
		const fromItems = comparePlans({ unitIds, current, previous, baseline });
		const fromSums = comparePlanTotals({
			unitIds,
			current: sums(current),
			previous: sums(previous),
			baseline: sums(baseline),
			differs: differs(current, baseline),
		});
		expect(fromSums).toEqual({ ...fromItems, units: fromItems.units.map(({ changes: _, ...line }) => line) });
	});

	it('GIVEN the same round WHEN compared from sums THEN units come in the round order then those that left, points rounded, and 1 of the 4 units compared with the baseline kept it', () => {
		const c = comparePlanTotals({
			unitIds,
			current: sums(current),
			previous: sums(previous),
			baseline: sums(baseline),
			differs: differs(current, baseline),
		});
		expect(c.units.map((u) => [u.unitId, u.inRound, u.current, u.differsFromBaseline])).toEqual([
			[1, true, { items: 2, points: 10.2 }, false],
			[2, true, { items: 1, points: 7 }, true],
			[3, true, { items: 2, points: 0.3 }, true],
			[6, true, { items: 0, points: 0 }, null],
			[7, true, { items: 0, points: 0 }, true],
			[4, false, { items: 0, points: 0 }, null],
		]);
		expect(c.current).toEqual({ items: 5, points: 17.5 });
		expect(c.previous).toEqual({ items: 5, points: 40.2 });
		expect(c.vsPrevious).toEqual({ items: 0, points: -22.7 });
		expect(c.vsBaseline).toEqual({ items: 0, points: -22.7 });
		expect([c.baselineCompared, c.baselineUnchanged]).toEqual([4, 1]);
	});

	it('GIVEN a unit with items on both sides the store said nothing about WHEN compared THEN it counts as differing', () => {
		const c = comparePlanTotals({
			unitIds: [1],
			current: [{ unitId: 1, items: 2, points: 20 }],
			previous: null,
			baseline: [{ unitId: 1, items: 2, points: 20 }],
			differs: new Map(),
		});
		expect(c.units[0]?.differsFromBaseline).toBe(true);
		expect([c.baselineCompared, c.baselineUnchanged]).toEqual([1, 0]);
	});

	it('GIVEN a round with no reference WHEN compared from sums THEN there is no previous, baseline or delta', () => {
		const c = comparePlanTotals({
			unitIds: [1],
			current: [{ unitId: 1, items: 3, points: 0.30000000000000004 }],
			previous: null,
			baseline: null,
			differs: new Map(),
		});
		expect(c).toEqual({
			units: [
				{
					unitId: 1,
					inRound: true,
					current: { items: 3, points: 0.3 },
					previous: null,
					baseline: null,
					vsPrevious: null,
					vsBaseline: null,
					differsFromBaseline: null,
				},
			],
			current: { items: 3, points: 0.3 },
			previous: null,
			baseline: null,
			vsPrevious: null,
			vsBaseline: null,
			baselineCompared: 0,
			baselineUnchanged: 0,
		});
	});
});

describe('needsBaselineDiff', () => {
	it.each([
		[0, 0, false],
		[2, 0, false],
		[0, 2, false],
		[1, 1, true],
		[3, 2, true],
	])(
		'GIVEN %i items in the round and %i in the baseline WHEN asked THEN the items must be read: %s',
		(mine, base, expected) => {
			expect(needsBaselineDiff(mine, base)).toBe(expected);
		},
	);
});

describe('itemsOfUnits', () => {
	it("GIVEN a whole office's plan WHEN narrowed to a round's units THEN only their items remain, in the plan's order", () => {
		const plan = [item(1, 'A'), item(5, 'E'), item(2, 'B'), item(1, 'C'), item(9, 'Z')];
		expect(itemsOfUnits(plan, [2, 1]).map((i) => `${i.unitId}:${i.code}`)).toEqual(['1:A', '2:B', '1:C']);
		expect(itemsOfUnits(plan, [])).toEqual([]);
	});
});
