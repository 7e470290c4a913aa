/**
 * Plan items (report items, "đầu báo cáo") and the arithmetic of the consolidated report: totals, per-unit
 * differences between two rounds, deltas against the round a round came from and against last year's plan.
 * Pure: no clock, no I/O.
 */

/** One structured item of a unit's plan. */
export interface PlanItem {
	unitId: number;
	/** As written; unique per unit, compared case-insensitively. */
	code: string;
	title: string;
	frequency: string | null;
	/** `YYYY-MM-DD`. */
	due: string | null;
	points: number;
}

/** The fields whose change a unit is shown. */
export type ItemField = 'title' | 'frequency' | 'due' | 'points';
export const ITEM_FIELDS: readonly ItemField[] = ['due', 'frequency', 'points', 'title'];

export interface ItemChange {
	code: string;
	before: PlanItem;
	after: PlanItem;
	fields: ItemField[];
}

/** What changed in one unit's items between two versions of its plan. */
export interface ItemChanges {
	added: PlanItem[];
	removed: PlanItem[];
	changed: ItemChange[];
	unchanged: number;
}

export interface Totals {
	items: number;
	points: number;
}

/** `current − reference`. */
export interface Delta {
	items: number;
	points: number;
}

/** The comparison key of an item code. */
export function itemKey(code: string): string {
	return code.trim().normalize('NFC').toUpperCase();
}

/** Rounds away binary noise (0.1 + 0.2) while keeping the decimals people write (2.5, 0.25). */
export function roundPoints(value: number): number {
	return Math.round(value * 1000) / 1000;
}

/** Number of items and sum of their points. */
export function totalsOf(items: readonly PlanItem[]): Totals {
	return { items: items.length, points: roundPoints(items.reduce((sum, item) => sum + item.points, 0)) };
}

/** `current − reference`, or null without a reference. */
export function deltaOf(current: Totals, reference: Totals | null): Delta | null {
	if (!reference) return null;
	return { items: current.items - reference.items, points: roundPoints(current.points - reference.points) };
}

function sameText(a: string | null, b: string | null): boolean {
	return (a ?? '').trim() === (b ?? '').trim();
}

/** The fields in which two versions of an item differ. */
export function changedFields(before: PlanItem, after: PlanItem): ItemField[] {
	const fields: ItemField[] = [];
	if (!sameText(before.due, after.due)) fields.push('due');
	if (!sameText(before.frequency, after.frequency)) fields.push('frequency');
	if (roundPoints(before.points) !== roundPoints(after.points)) fields.push('points');
	if (!sameText(before.title, after.title)) fields.push('title');
	return fields;
}

function byKey(items: readonly PlanItem[]): Map<string, PlanItem> {
	return new Map(items.map((item) => [itemKey(item.code), item]));
}

/**
 * What changed from `before` to `after` (one unit's items): added, removed, and changed items (due, frequency,
 * points, title), in the order of `after` (added, changed) and `before` (removed).
 */
export function diffItems(before: readonly PlanItem[], after: readonly PlanItem[]): ItemChanges {
	const old = byKey(before);
	const now = byKey(after);
	const result: ItemChanges = { added: [], removed: [], changed: [], unchanged: 0 };
	for (const item of after) {
		const previous = old.get(itemKey(item.code));
		if (!previous) {
			result.added.push(item);
			continue;
		}
		const fields = changedFields(previous, item);
		if (fields.length > 0) result.changed.push({ code: item.code, before: previous, after: item, fields });
		else result.unchanged++;
	}
	for (const item of before) if (!now.has(itemKey(item.code))) result.removed.push(item);
	return result;
}

/** True when a diff has anything to show. */
export function hasChanges(changes: ItemChanges): boolean {
	return changes.added.length + changes.removed.length + changes.changed.length > 0;
}

/** Items by unit id, each unit's in their given order. */
export function groupByUnit(items: readonly PlanItem[]): Map<number, PlanItem[]> {
	const map = new Map<number, PlanItem[]>();
	for (const item of items) {
		const list = map.get(item.unitId);
		if (list) list.push(item);
		else map.set(item.unitId, [item]);
	}
	return map;
}

/** One unit's line of the comparison. */
export interface UnitComparison {
	unitId: number;
	/** False for a unit of the reference round that this round no longer addresses. */
	inRound: boolean;
	current: Totals;
	previous: Totals | null;
	baseline: Totals | null;
	vsPrevious: Delta | null;
	vsBaseline: Delta | null;
	/** Item-level changes against the previous round (null without one). */
	changes: ItemChanges | null;
	/** Whether the unit's items differ from the baseline (null without a baseline for it). */
	differsFromBaseline: boolean | null;
}

export interface PlanComparison {
	units: UnitComparison[];
	current: Totals;
	previous: Totals | null;
	baseline: Totals | null;
	vsPrevious: Delta | null;
	vsBaseline: Delta | null;
	/** Units of this round compared with the baseline, and how many of them kept it unchanged (the seed's "2/14"). */
	baselineCompared: number;
	baselineUnchanged: number;
}

/**
 * Totals and deltas per unit and overall. Overall figures are whole-round sums, as the seed states them
 * ("269 items, 85 fewer than round 1 and 110 fewer than the 2021 plan"), even when the rounds address different
 * units; the per-unit lines show where the difference comes from. `previous` / `baseline` are null when the round
 * has no such reference. A baseline may hold units outside the round (the whole office's plan): they count in the
 * overall baseline total only, never as unit lines.
 */
export function comparePlans(input: {
	unitIds: readonly number[];
	current: readonly PlanItem[];
	previous: readonly PlanItem[] | null;
	baseline: readonly PlanItem[] | null;
}): PlanComparison {
	const current = groupByUnit(input.current);
	const previous = input.previous ? groupByUnit(input.previous) : null;
	const baseline = input.baseline ? groupByUnit(input.baseline) : null;
	const inRound = new Set(input.unitIds);
	const order = [...input.unitIds];
	for (const unitId of previous?.keys() ?? []) if (!inRound.has(unitId)) order.push(unitId);

	let baselineCompared = 0;
	let baselineUnchanged = 0;
	const units = order.map((unitId): UnitComparison => {
		const mine = current.get(unitId) ?? [];
		const totals = totalsOf(mine);
		const prev = previous ? (previous.get(unitId) ?? []) : null;
		const base = baseline ? (baseline.get(unitId) ?? []) : null;
		const prevTotals = prev ? totalsOf(prev) : null;
		const baseTotals = base ? totalsOf(base) : null;
		let differsFromBaseline: boolean | null = null;
		if (base && inRound.has(unitId) && (base.length > 0 || mine.length > 0)) {
			differsFromBaseline = hasChanges(diffItems(base, mine));
			baselineCompared++;
			if (!differsFromBaseline) baselineUnchanged++;
		}
		return {
			unitId,
			inRound: inRound.has(unitId),
			current: totals,
			previous: prevTotals,
			baseline: baseTotals,
			vsPrevious: deltaOf(totals, prevTotals),
			vsBaseline: deltaOf(totals, baseTotals),
			changes: prev ? diffItems(prev, mine) : null,
			differsFromBaseline,
		};
	});
	const totals = totalsOf(input.current);
	const previousTotals = input.previous ? totalsOf(input.previous) : null;
	const baselineTotals = input.baseline ? totalsOf(input.baseline) : null;
	return {
		units,
		current: totals,
		previous: previousTotals,
		baseline: baselineTotals,
		vsPrevious: deltaOf(totals, previousTotals),
		vsBaseline: deltaOf(totals, baselineTotals),
		baselineCompared,
		baselineUnchanged,
	};
}

/** A unit's number of items and the raw sum of their points (as a database sums them). */
export interface UnitSums {
	unitId: number;
	items: number;
	points: number;
}

/** A unit's line of {@link PlanTotalsComparison}: {@link UnitComparison} without the item-level changes. */
export type UnitTotalsComparison = Omit<UnitComparison, 'changes'>;

/** {@link PlanComparison} from per-unit sums: the same figures, without item-level changes. */
export interface PlanTotalsComparison extends Omit<PlanComparison, 'units'> {
	units: UnitTotalsComparison[];
}

/**
 * Whether a unit's items must be read to know if they differ from its baseline: only when it has items on both
 * sides (with items on one side only they differ; with none on either it is not compared).
 */
export function needsBaselineDiff(mine: number, base: number): boolean {
	return mine > 0 && base > 0;
}

/**
 * {@link comparePlans} from per-unit sums rather than items, for a report that does not hold every item in memory.
 * `previous` and `baseline` list units in the order their first item was stored. `differs` answers, for the units
 * for which {@link needsBaselineDiff} holds, whether their items differ from the baseline (`hasChanges(diffItems(…))`).
 */
export function comparePlanTotals(input: {
	unitIds: readonly number[];
	current: readonly UnitSums[];
	previous: readonly UnitSums[] | null;
	baseline: readonly UnitSums[] | null;
	differs: ReadonlyMap<number, boolean>;
}): PlanTotalsComparison {
	const totals = (sums: UnitSums | undefined): Totals => ({
		items: sums?.items ?? 0,
		points: roundPoints(sums?.points ?? 0),
	});
	const overall = (list: readonly UnitSums[]): Totals => ({
		items: list.reduce((n, u) => n + u.items, 0),
		points: roundPoints(list.reduce((n, u) => n + u.points, 0)),
	});
	const current = new Map(input.current.map((u) => [u.unitId, u]));
	const previous = input.previous ? new Map(input.previous.map((u) => [u.unitId, u])) : null;
	const baseline = input.baseline ? new Map(input.baseline.map((u) => [u.unitId, u])) : null;
	const inRound = new Set(input.unitIds);
	const order = [...input.unitIds];
	for (const u of input.previous ?? []) if (!inRound.has(u.unitId)) order.push(u.unitId);

	let baselineCompared = 0;
	let baselineUnchanged = 0;
	const units = order.map((unitId): UnitTotalsComparison => {
		const mine = totals(current.get(unitId));
		const prevTotals = previous ? totals(previous.get(unitId)) : null;
		const baseTotals = baseline ? totals(baseline.get(unitId)) : null;
		let differsFromBaseline: boolean | null = null;
		if (baseTotals && inRound.has(unitId) && (baseTotals.items > 0 || mine.items > 0)) {
			differsFromBaseline = needsBaselineDiff(mine.items, baseTotals.items)
				? (input.differs.get(unitId) ?? true)
				: true;
			baselineCompared++;
			if (!differsFromBaseline) baselineUnchanged++;
		}
		return {
			unitId,
			inRound: inRound.has(unitId),
			current: mine,
			previous: prevTotals,
			baseline: baseTotals,
			vsPrevious: deltaOf(mine, prevTotals),
			vsBaseline: deltaOf(mine, baseTotals),
			differsFromBaseline,
		};
	});
	const all = overall(input.current);
	const previousTotals = input.previous ? overall(input.previous) : null;
	const baselineTotals = input.baseline ? overall(input.baseline) : null;
	return {
		units,
		current: all,
		previous: previousTotals,
		baseline: baselineTotals,
		vsPrevious: deltaOf(all, previousTotals),
		vsBaseline: deltaOf(all, baselineTotals),
		baselineCompared,
		baselineUnchanged,
	};
}

/** The items of the given units only (a whole-office baseline narrowed to a round's units). */
export function itemsOfUnits(items: readonly PlanItem[], unitIds: readonly number[]): PlanItem[] {
	const wanted = new Set(unitIds);
	return items.filter((item) => wanted.has(item.unitId));
}

export type MatrixChange = 'added' | 'removed' | 'changed' | 'same' | 'not-in-round';

/** One line of the unit × item matrix: this round's and the reference's values of one item. */
export interface MatrixRow {
	unitId: number;
	code: string;
	current: PlanItem | null;
	reference: PlanItem | null;
	change: MatrixChange;
	fields: ItemField[];
	/** Current points − reference points (a missing side counts 0). */
	pointsDelta: number;
}

/**
 * The unit × item matrix, units in `unitOrder` then items in the current round's order, removed items after.
 * A unit absent from this round shows its reference items as `not-in-round`.
 */
export function itemMatrix(
	current: readonly PlanItem[],
	reference: readonly PlanItem[] | null,
	unitOrder: readonly number[],
): MatrixRow[] {
	const now = groupByUnit(current);
	const ref = reference ? groupByUnit(reference) : new Map<number, PlanItem[]>();
	const inRound = new Set(unitOrder);
	const order = [...unitOrder];
	for (const unitId of [...now.keys(), ...ref.keys()]) if (!order.includes(unitId)) order.push(unitId);
	const rows: MatrixRow[] = [];
	for (const unitId of order) {
		rows.push(
			...unitMatrix(unitId, now.get(unitId) ?? [], reference ? (ref.get(unitId) ?? []) : null, inRound.has(unitId)),
		);
	}
	return rows;
}

/**
 * One unit's lines of the matrix: its items in the current round's order, then the reference's items it no longer
 * has (`removed`, or `not-in-round` for a unit the round does not address). `theirs` is null without a reference.
 */
export function unitMatrix(
	unitId: number,
	mine: readonly PlanItem[],
	theirs: readonly PlanItem[] | null,
	inRound: boolean,
): MatrixRow[] {
	const rows: MatrixRow[] = [];
	const old = byKey(theirs ?? []);
	const seen = new Set<string>();
	for (const item of mine) {
		const key = itemKey(item.code);
		seen.add(key);
		const before = old.get(key) ?? null;
		const fields = before ? changedFields(before, item) : [];
		const change: MatrixChange = !theirs ? 'same' : !before ? 'added' : fields.length > 0 ? 'changed' : 'same';
		rows.push({
			unitId,
			code: item.code,
			current: item,
			reference: before,
			change,
			fields,
			pointsDelta: theirs ? roundPoints(item.points - (before?.points ?? 0)) : 0,
		});
	}
	for (const item of theirs ?? []) {
		if (seen.has(itemKey(item.code))) continue;
		rows.push({
			unitId,
			code: item.code,
			current: null,
			reference: item,
			change: inRound ? 'removed' : 'not-in-round',
			fields: [],
			pointsDelta: roundPoints(-item.points),
		});
	}
	return rows;
}

/** Most item codes one comment may name. */
export const MAX_COMMENT_ITEMS = 50;

/**
 * Reads the item codes a comment is about (`BC01, BC02; 1.3`): split on commas and semicolons, trimmed, empty
 * ones dropped, repeats (any case) dropped.
 */
export function parseItemCodes(text: string | null | undefined): string[] {
	const seen = new Set<string>();
	const codes: string[] = [];
	// Stryker disable next-line Regex: empty pieces between separators are dropped below anyway
	for (const raw of (text ?? '').split(/[,;\n]+/)) {
		const code = raw.trim().normalize('NFC');
		if (code === '' || seen.has(itemKey(code))) continue;
		seen.add(itemKey(code));
		codes.push(code);
	}
	return codes;
}

export type CommentOutcome = 'accepted' | 'explained';
export const COMMENT_OUTCOMES: readonly CommentOutcome[] = ['accepted', 'explained'];

/** A comment's answer from the coordinator (*tiếp thu, giải trình*). */
export interface OutcomeState {
	outcome: CommentOutcome | null;
	outcomeAt: Date | null;
}

/**
 * The comments of an earlier round that carry over into a round created from it: those still open when the new
 * round was created (no outcome yet, or an outcome given afterwards).
 */
export function openAt<C extends OutcomeState>(comments: readonly C[], at: Date): C[] {
	return comments.filter((c) => isOpenAt(c, at));
}

/** Whether a comment still waited for its outcome at `at`. */
export function isOpenAt(comment: OutcomeState, at: Date): boolean {
	return comment.outcome === null || comment.outcomeAt === null || comment.outcomeAt.getTime() > at.getTime();
}

/** How many comments were accepted, explained, or still wait for an answer. */
export function outcomeTally(comments: readonly OutcomeState[]): { accepted: number; explained: number; open: number } {
	const result = { accepted: 0, explained: 0, open: 0 };
	for (const c of comments) {
		if (c.outcome === 'accepted') result.accepted++;
		else if (c.outcome === 'explained') result.explained++;
		else result.open++;
	}
	return result;
}

/** A year (1900–2199) written in a text such as a file name (`ke-hoach-2021.xlsx`), or null. */
export function yearIn(text: string): number | null {
	const match = /(?:^|[^0-9])((?:19|20|21)\d{2})(?![0-9])/.exec(text);
	return match?.[1] ? Number(match[1]) : null;
}

/** What a unit's draft post shows about its items: the list, its totals, and what changed since the earlier round. */
export interface DraftPlan {
	items: PlanItem[];
	totals: Totals;
	/** Null unless the round was created from another one. */
	changes: ItemChanges | null;
	/** Code of the round this one was created from (`R1`). */
	fromRound: string | null;
}
