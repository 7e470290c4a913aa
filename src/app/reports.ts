import {
	comparePlanTotals,
	diffItems,
	groupByUnit,
	hasChanges,
	isOpenAt,
	needsBaselineDiff,
	outcomeTally,
	unitMatrix,
	type MatrixRow,
	type PlanItem,
	type PlanTotalsComparison,
	type UnitSums,
} from '../domain/items.ts';
import type { Actor, Round, Unit } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import type { AppResult } from './errors.ts';
import { findRound, loadRoundStatus, type RoundStatus } from './manage-rounds.ts';
import { baselineOf, fromRoundOf } from './plan-items.ts';
import type { AuditRecord, ItemSet, ResponseRecord } from './report-ports.ts';

/** How many rounds back open comments are followed. */
const MAX_CARRY_DEPTH = 20;
/** About how many items one page of a report reads (whole units: a unit is never split across pages). */
export const REPORT_PAGE_ITEMS = 5000;

/** A comment listed in a round's report: its own, or an earlier round's still open when this one was created. */
export interface CommentLine {
	comment: ResponseRecord;
	unit: Unit;
	/** The round the comment was made in. */
	roundCode: string;
	/** Set for a comment carried over from an earlier round. */
	carried: boolean;
}

export interface HistoryLine {
	answer: ResponseRecord;
	unit: Unit;
}

/** Everything the consolidated report of a round says, in data; the Discord adapter words and files it. */
export interface RoundReport {
	round: Round;
	/** The server's language (public posts). */
	language: 'vi' | 'en';
	reportChannelId: string;
	now: Date;
	/** 1, 2, … within the campaign. */
	number: number;
	from: { round: Round; number: number; sameCampaign: boolean } | null;
	baseline: { year: number | null } | null;
	status: RoundStatus;
	/** Every unit the report mentions (this round's targets, and the earlier round's). */
	units: Map<number, Unit>;
	/** Totals and deltas per unit and overall, from per-unit sums (the items themselves are not held). */
	comparison: PlanTotalsComparison;
	/**
	 * Items of this round against the earlier round's (or, without one, against the baseline): the unit × item
	 * matrix, read from the store a page of whole units at a time as it is iterated (each call reads it again).
	 */
	matrix: () => AsyncIterable<MatrixRow[]>;
	matrixReference: 'from' | 'baseline' | null;
	comments: CommentLine[];
	outcomes: { accepted: number; explained: number; open: number };
	history: HistoryLine[];
}

function currentOf(responses: readonly ResponseRecord[]): Map<number, ResponseRecord> {
	const map = new Map<number, ResponseRecord>();
	for (const r of responses) {
		const seen = map.get(r.unitId);
		// Stryker disable next-line ConditionalExpression,EqualityOperator: responses come by unit, its versions in order, so the last one seen of a unit is its latest
		if (!seen || seen.version < r.version) map.set(r.unitId, r);
	}
	return map;
}

/** Adds the units of these ids to `known`: the server's units read once when any is missing. */
async function unitsById(deps: Deps, guildId: string, ids: Iterable<number>, known: Map<number, Unit>): Promise<void> {
	// Stryker disable next-line MethodExpression,BooleanLiteral: only spares reading the server's units when all are known
	let missing = [...new Set(ids)].filter((id) => !known.has(id));
	// Stryker disable next-line ConditionalExpression,EqualityOperator: only spares reading the server's units when all are known
	if (missing.length === 0) return;
	// Either read alone finds every unit a round's data names (units of its server, archived ones included; the
	// database refuses to delete a unit that has items, answers or rounds), so each one's mutants are equivalent.
	// Stryker disable next-line all: either read alone finds every unit (above)
	for (const unit of await deps.units.list(guildId, { includeArchived: true }))
		// Stryker disable next-line all: either read alone finds every unit (above)
		if (!known.has(unit.id)) known.set(unit.id, unit);
	// Stryker disable next-line all: either read alone finds every unit (above)
	missing = missing.filter((id) => !known.has(id));
	// Stryker disable next-line all: either read alone finds every unit (above)
	for (const id of missing) {
		// Stryker disable next-line all: either read alone finds every unit (above)
		const unit = await deps.units.get(id);
		// Stryker disable next-line all: either read alone finds every unit (above)
		if (unit) known.set(id, unit);
	}
}

/** Where a page of items is read from: a round's items of one set, with their sums per unit. */
interface ItemSource {
	roundId: number;
	set: ItemSet;
	counts: Map<number, number>;
	sums: Map<number, UnitSums>;
}

function sourceOf(roundId: number, set: ItemSet, sums: readonly UnitSums[]): ItemSource {
	return {
		roundId,
		set,
		counts: new Map(sums.map((u) => [u.unitId, u.items])),
		// Stryker disable next-line ArrayDeclaration: equivalent, the sums only spare reading items (baselineDiffs reads them when the sums do not tell)
		sums: new Map(sums.map((u) => [u.unitId, u])),
	};
}

/** Items whose points compare equal (`roundPoints`, to 0.001) differ by less than this. */
const POINTS_RESOLUTION = 0.001;

/**
 * Whether a unit's items certainly differ from its baseline, from their sums alone. Item codes do not repeat within
 * a unit's items (an import refuses a repeated code), so another count means an item added or removed; and totals
 * further apart than the items' points can drift while comparing equal (less than 0.001 each, plus rounding of the
 * sum) mean some item's points changed. Otherwise only the items themselves can tell.
 */
export function differsBySums(mine: UnitSums, base: UnitSums): boolean {
	if (mine.items !== base.items) return true;
	const drift = mine.items * POINTS_RESOLUTION + 1e-9 * Math.max(1, Math.abs(mine.points), Math.abs(base.points));
	return Math.abs(mine.points - base.points) > drift;
}

/**
 * Reads the items of `unitIds` from each source a page at a time: consecutive units whose items add up to about
 * {@link REPORT_PAGE_ITEMS}, each page's items grouped by unit per source. Units without items anywhere are skipped.
 */
async function* unitPages(
	deps: Deps,
	unitIds: readonly number[],
	sources: ReadonlyArray<ItemSource | null>,
	pageItems: number,
): AsyncGenerator<{ units: number[]; items: Array<Map<number, PlanItem[]> | null> }> {
	const sizeOf = (unitId: number) => sources.reduce((n, s) => n + (s?.counts.get(unitId) ?? 0), 0);
	let batch: number[] = [];
	let size = 0;
	const read = async (units: number[]) => ({
		units,
		items: await Promise.all(
			sources.map(async (s) => {
				if (!s) return null;
				// Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: only spares reading units without items in this source (none would be read)
				const wanted = units.filter((id) => (s.counts.get(id) ?? 0) > 0);
				return groupByUnit(await deps.reports.itemsOfUnits(s.roundId, s.set, wanted));
			}),
		),
	});
	for (const unitId of unitIds) {
		const n = sizeOf(unitId);
		if (n === 0) continue;
		if (batch.length > 0 && size + n > pageItems) {
			yield await read(batch);
			// Stryker disable next-line ArrayDeclaration: a unit id without items in any source is never read and gives no matrix row
			batch = [];
			size = 0;
		}
		batch.push(unitId);
		size += n;
	}
	if (batch.length > 0) yield await read(batch);
}

/**
 * For each round unit with items on both sides, whether its items differ from the baseline: from the sums when they
 * tell, otherwise from the items (read page by page).
 */
async function baselineDiffs(
	deps: Deps,
	unitIds: readonly number[],
	current: ItemSource,
	baseline: ItemSource,
	pageItems: number,
): Promise<Map<number, boolean>> {
	// Stryker disable next-line MethodExpression: equivalent, comparePlanTotals reads `differs` only for units with items on both sides; the filter spares reads
	const both = unitIds.filter((id) => needsBaselineDiff(current.counts.get(id) ?? 0, baseline.counts.get(id) ?? 0));
	const differs = new Map<number, boolean>();
	// A unit whose count or total moved has changed: only the others' items are read and compared.
	// Stryker disable next-line ArrayDeclaration: equivalent, a unit id without items in either source is skipped by unitPages
	const toRead: number[] = [];
	for (const id of both) {
		const mine = current.sums.get(id);
		const base = baseline.sums.get(id);
		// Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut: the items read below tell the same; `mine` and `base` exist for every unit of `both`
		if (mine && base && differsBySums(mine, base)) differs.set(id, true);
		else toRead.push(id);
	}
	for await (const page of unitPages(deps, toRead, [current, baseline], pageItems)) {
		const [mine, base] = page.items;
		for (const unitId of page.units) {
			// Stryker disable next-line OptionalChaining,ArrayDeclaration: both sources are read, and every unit read has items on both sides
			differs.set(unitId, hasChanges(diffItems(base?.get(unitId) ?? [], mine?.get(unitId) ?? [])));
		}
	}
	return differs;
}

/**
 * The matrix of a report, page by page, in {@link itemMatrix}'s order: the round's units, then other units with
 * items in this round, then other units of the reference.
 */
async function* matrixPages(
	deps: Deps,
	unitIds: readonly number[],
	current: ItemSource,
	currentOrder: readonly UnitSums[],
	reference: { source: ItemSource; order: readonly UnitSums[] } | null,
	pageItems: number,
): AsyncGenerator<MatrixRow[]> {
	const inRound = new Set(unitIds);
	const order = [...unitIds];
	const seen = new Set(unitIds);
	// Stryker disable next-line ArrayDeclaration: an entry without a unit id has no items, so gives no row
	const others = reference?.order ?? [];
	for (const u of [...currentOrder, ...others]) {
		if (seen.has(u.unitId)) continue;
		seen.add(u.unitId);
		order.push(u.unitId);
	}
	for await (const page of unitPages(deps, order, [current, reference?.source ?? null], pageItems)) {
		const [mine, theirs] = page.items;
		yield page.units.flatMap((unitId) =>
			// Stryker disable next-line OptionalChaining: equivalent, the round's own items (the first source) are always read
			unitMatrix(unitId, mine?.get(unitId) ?? [], theirs ? (theirs.get(unitId) ?? []) : null, inRound.has(unitId)),
		);
	}
}

/**
 * The comments a round's report lists: each unit's current comment in this round, then the earlier rounds' comments
 * that were still open when this round was created from them (followed back along the chain).
 */
export async function commentsOf(
	deps: Deps,
	round: Round,
	units: Map<number, Unit>,
	depth = 0,
): Promise<CommentLine[]> {
	const current = currentOf(await deps.reports.responses(round.id));
	await unitsById(deps, round.guildId, current.keys(), units);
	const own: CommentLine[] = [...current.values()]
		.filter((r) => r.answer === 'comment')
		.flatMap((comment) => {
			const unit = units.get(comment.unitId);
			// Stryker disable next-line ArrayDeclaration: unreachable fallback, unitsById has just read the unit of every answer
			return unit ? [{ comment, unit, roundCode: round.code, carried: false }] : [];
		});
	if (depth >= MAX_CARRY_DEPTH) return own;
	const from = await fromRoundOf(deps, round);
	if (!from) return own;
	const earlier = await commentsOf(deps, from.round, units, depth + 1);
	const carried = earlier
		.filter((line) => isOpenAt(line.comment, round.createdAt))
		.map((line) => ({ ...line, carried: true }));
	return [...own, ...carried];
}

/**
 * /round report: the consolidated report of a round. Items are read a page of whole units at a time (about
 * `pageItems` items, {@link REPORT_PAGE_ITEMS} unless a test asks for smaller pages).
 */
export async function roundReport(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string; pageItems?: number | undefined },
): Promise<AppResult<RoundReport>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	const round = found.value;
	const [status, lineage, from, baseline, sums, responses] = await Promise.all([
		loadRoundStatus(deps, round),
		deps.reports.lineage(round.id),
		fromRoundOf(deps, round),
		baselineOf(deps, round),
		deps.reports.itemSums(round.id, 'plan'),
		deps.reports.responses(round.id),
	]);
	const units = new Map<number, Unit>(status.rows.map((r) => [r.unit.id, r.unit]));
	const previous = from ? await deps.reports.itemSums(from.round.id, 'plan') : null;
	const fromTargets = from ? (await deps.rounds.targets(from.round.id)).map((t) => t.unit.id) : [];
	await unitsById(
		deps,
		round.guildId,
		[...fromTargets, ...[...(previous ?? []), ...(baseline?.sums ?? [])].map((u) => u.unitId)],
		units,
	);

	const unitIds = status.rows.map((r) => r.unit.id);
	const inRound = new Set(unitIds);
	const pageItems = Math.max(1, input.pageItems ?? REPORT_PAGE_ITEMS);
	const current = sourceOf(round.id, 'plan', sums);
	const baseSource = baseline ? sourceOf(baseline.round.id, 'baseline', baseline.sums) : null;
	const differs = baseSource
		? await baselineDiffs(deps, unitIds, current, baseSource, pageItems)
		: new Map<number, boolean>();
	const comparison = comparePlanTotals({
		unitIds,
		current: sums,
		previous,
		baseline: baseline?.sums ?? null,
		differs,
	});
	// Unit by unit, a whole-office baseline is compared for the round's own units only.
	// Stryker disable next-line ArrayDeclaration: without a baseline `baseOfRound` is not used
	const baseOfRound = baseline?.sums.filter((u) => inRound.has(u.unitId)) ?? [];
	const reference =
		// Stryker disable next-line LogicalOperator: `previous` is read exactly when there is `from`
		from && previous
			? { source: sourceOf(from.round.id, 'plan', previous), order: previous }
			: baseline
				? { source: sourceOf(baseline.round.id, 'baseline', baseOfRound), order: baseOfRound }
				: null;
	const comments = await commentsOf(deps, round, units);
	await unitsById(
		deps,
		round.guildId,
		responses.map((r) => r.unitId),
		units,
	);
	const order = new Map(unitIds.map((id, i) => [id, i]));
	const history = responses
		.flatMap((answer) => {
			const unit = units.get(answer.unitId);
			// Stryker disable next-line ArrayDeclaration: unreachable fallback, every answer is of a unit of the round, read with its status
			return unit ? [{ answer, unit }] : [];
		})
		.sort(
			(a, b) =>
				(order.get(a.unit.id) ?? 1e9) - (order.get(b.unit.id) ?? 1e9) ||
				a.unit.code.localeCompare(b.unit.code) ||
				// Stryker disable next-line ArithmeticOperator: responses come by unit, its versions in order, and the sort is stable
				a.answer.version - b.answer.version,
		);
	return {
		ok: true,
		value: {
			round,
			language: access.value.language,
			reportChannelId: access.value.reportChannelId,
			now: deps.clock.now(),
			// Stryker disable next-line OptionalChaining: every round has a lineage
			number: lineage?.number ?? 1,
			from: from
				? {
						round: from.round,
						number: from.number,
						sameCampaign: from.round.campaignName !== null && from.round.campaignName === round.campaignName,
					}
				: null,
			baseline: baseline ? { year: baseline.year } : null,
			status,
			units,
			comparison,
			matrix: () => matrixPages(deps, unitIds, current, sums, reference, pageItems),
			matrixReference: previous ? 'from' : baseline ? 'baseline' : null,
			comments,
			outcomes: outcomeTally(comments.map((c) => c.comment)),
			history,
		},
	};
}

/** /audit export: the audit trail of the server, or of one round, oldest first. Read only: nothing is ever edited. */
export async function exportAudit(
	deps: Deps,
	input: { guildId: string; actor: Actor; round?: string | undefined },
): Promise<AppResult<{ round: Round | null; events: AuditRecord[]; timezone: string }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	let round: Round | null = null;
	if (input.round !== undefined && input.round.trim() !== '') {
		const found = await findRound(deps, input.guildId, input.round);
		if (!found.ok) return found;
		round = found.value;
	}
	const events = await deps.reports.auditEvents(input.guildId, round?.id ?? null);
	return { ok: true, value: { round, events, timezone: round?.timezone ?? access.value.timezone } };
}

/** What a round created from another started with: copied unit drafts and items, and carried-over open comments. */
export async function startingPoint(
	deps: Deps,
	round: Round,
): Promise<{ drafts: number; items: number; comments: number }> {
	const [targets, sums] = await Promise.all([deps.rounds.targets(round.id), deps.reports.itemSums(round.id, 'plan')]);
	// Stryker disable next-line ArrayDeclaration: equivalent, only the carried comments are counted here, not named by unit
	const comments = await commentsOf(deps, round, new Map(targets.map((t) => [t.unit.id, t.unit])));
	return {
		drafts: targets.filter((t) => t.ownDraft).length,
		items: sums.reduce((n, u) => n + u.items, 0),
		comments: comments.filter((line) => line.carried).length,
	};
}
