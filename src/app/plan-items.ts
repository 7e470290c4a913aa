import { validateItemRows } from '../domain/import/item-rows.ts';
import type { InputRow } from '../domain/import/rows.ts';
import {
	diffItems,
	itemKey,
	parseItemCodes,
	totalsOf,
	yearIn,
	type DraftPlan,
	type PlanItem,
	type Totals,
	type UnitSums,
} from '../domain/items.ts';
import { parseRoundRef, type Actor, type Round, type Unit } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import type { ItemSet } from './report-ports.ts';

/** An items file may have at most this many data rows… */
export const MAX_ITEM_ROWS = 5000;
/** …and be at most this large. */
export const MAX_ITEM_BYTES = 2 * 1024 * 1024;
/** Longest `items` text of a comment (codes separated by commas). */
export const MAX_ITEM_CODES_TEXT = 500;
/** How far back a chain of rounds created one from another is followed. */
const MAX_CHAIN = 50;

/** A round of this server from what a user typed (`R2`, `2`); like manage-rounds' findRound, without importing it. */
async function findRound(deps: Deps, guildId: string, ref: string): Promise<AppResult<Round>> {
	const seq = parseRoundRef(ref);
	// Stryker disable next-line ConditionalExpression: no round has a null number, so findBySeq(null) finds none either
	const round = seq === null ? null : await deps.rounds.findBySeq(guildId, seq);
	if (!round) return fail({ code: 'round-unknown', round: ref.trim().slice(0, 40) });
	return { ok: true, value: round };
}

export interface ItemsImported {
	round: Round;
	set: ItemSet;
	units: Array<{ unit: Unit; totals: Totals }>;
	totals: Totals;
	/** For a baseline: the plan year read from the file name (`ke-hoach-2021.xlsx`), if any. */
	year: number | null;
	/** Units of the file (a baseline of the whole office) that the round does not address, and their items. */
	outside: { units: number; totals: Totals };
}

/**
 * /round items and /round baseline: replaces the items (or the baseline) of the units present in the file; all rows
 * or none. A baseline may also list units outside the round (the whole office's plan): they are kept and counted. A round's own items are part of its draft, so they follow the draft rule: they may change while the
 * round is a draft, not while units are answering it; once it is closed they may be recorded again as the
 * consolidated result of the round (what a round created from it starts from). Posted drafts are never rewritten.
 * The baseline is comparison data only and may be replaced in any state.
 */
export async function importItems(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string; set: ItemSet; fileName: string; rows: InputRow[] },
): Promise<AppResult<ItemsImported>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	const round = found.value;
	if (input.set === 'plan' && round.state === 'open') return fail({ code: 'round-published', round: round.code });

	const targets = (await deps.rounds.targets(round.id)).map((t) => t.unit);
	// A round's plan covers its own units. A baseline is last year's plan of the whole office: it may list any unit
	// of the server, in the round or not (archived ones included), and the whole of it is kept for the plan-level
	// comparison; unit by unit, only the round's units are compared.
	const allowed =
		input.set === 'baseline'
			? [...targets, ...(await deps.units.list(input.guildId, { includeArchived: true }))]
			: targets;
	const checked = validateItemRows(input.rows, { unitCodes: new Set(allowed.map((u) => u.code)) });
	if (!checked.ok) return fail({ code: 'import-rejected', problems: checked.error });

	const byUnit = new Map<string, PlanItem[]>();
	const unitsByCode = new Map(allowed.map((u) => [u.code, u]));
	for (const row of checked.value) {
		const unit = unitsByCode.get(row.unitCode);
		// Stryker disable next-line ConditionalExpression: unreachable, a guard: validateItemRows accepts only the codes of `allowed`
		if (!unit) continue;
		const list = byUnit.get(unit.code) ?? [];
		list.push({
			unitId: unit.id,
			code: row.code,
			title: row.title,
			frequency: row.frequency,
			due: row.due,
			points: row.points,
		});
		byUnit.set(unit.code, list);
	}
	const present = [...unitsByCode.values()].filter((u) => byUnit.has(u.code));
	const inRound = new Set(targets.map((u) => u.id));
	const outside = present.filter((u) => !inRound.has(u.id));
	const year = input.set === 'baseline' ? yearIn(input.fileName) : null;
	await deps.reports.replaceItems(
		round.id,
		input.set,
		present.map((unit) => ({
			unitId: unit.id,
			unitCode: unit.code,
			// Stryker disable next-line ArrayDeclaration: `present` holds only units with items, so the fallback is never used
			items: (byUnit.get(unit.code) ?? []).map((item) => ({
				code: item.code,
				title: item.title,
				frequency: item.frequency,
				due: item.due,
				points: item.points,
			})),
		})),
		{
			guildId: input.guildId,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			action: input.set === 'plan' ? 'items.replace' : 'items.baseline',
			after: { file: input.fileName, ...(input.set === 'baseline' ? { year } : {}) },
		},
	);
	const all = [...byUnit.values()].flat();
	return {
		ok: true,
		value: {
			round,
			set: input.set,
			units: present
				.filter((unit) => inRound.has(unit.id))
				// Stryker disable next-line ArrayDeclaration: `present` holds only units with items, so the fallback is never used
				.map((unit) => ({ unit, totals: totalsOf(byUnit.get(unit.code) ?? []) })),
			totals: totalsOf(all),
			outside: {
				units: outside.length,
				// Stryker disable next-line ArrayDeclaration: `outside` holds only units with items, so the fallback is never used
				totals: totalsOf(outside.flatMap((u) => byUnit.get(u.code) ?? [])),
			},
			year,
		},
	};
}

/** The round a round was created from, if any. */
export async function fromRoundOf(deps: Deps, round: Round): Promise<{ round: Round; number: number } | null> {
	const lineage = await deps.reports.lineage(round.id);
	// Stryker disable next-line ConditionalExpression,OptionalChaining: every round has a lineage, and rounds.get of a null id finds none
	if (!lineage?.fromRoundId) return null;
	const from = await deps.rounds.get(lineage.fromRoundId);
	// Stryker disable next-line ConditionalExpression: unreachable, a guard: fromRoundId names an existing round (the database clears it when that round goes)
	if (!from) return null;
	const fromLineage = await deps.reports.lineage(from.id);
	// Stryker disable next-line OptionalChaining: every round has a lineage
	return { round: from, number: fromLineage?.number ?? 1 };
}

/**
 * The baseline a round is compared with: its own, or else the one of the round it was created from (and so on):
 * the round that holds it, its items' sums per unit, and the plan year read from its file name when it had one.
 */
export async function baselineOf(
	deps: Deps,
	round: Round,
): Promise<{ round: Round; sums: UnitSums[]; year: number | null } | null> {
	let current: Round | null = round;
	for (let depth = 0; current && depth < MAX_CHAIN; depth++) {
		const sums = await deps.reports.itemSums(current.id, 'baseline');
		if (sums.length > 0) {
			const event = await deps.reports.latestAudit(current.id, 'items.baseline');
			let year: number | null = null;
			try {
				// Stryker disable next-line OptionalChaining: importItems writes the baseline and its audit event (with `after`) together
				const after = event?.after ? (JSON.parse(event.after) as { year?: unknown }) : null;
				// Stryker disable next-line ConditionalExpression,OptionalChaining: importItems writes a baseline's `year` as a number or null
				year = typeof after?.year === 'number' ? after.year : null;
				// Stryker disable next-line BlockStatement: `year` is still null there; and the store writes `after` as JSON
			} catch {
				year = null;
			}
			return { round: current, sums, year };
		}
		current = (await fromRoundOf(deps, current))?.round ?? null;
	}
	return null;
}

/**
 * What each unit's draft post shows about its items: the list with totals and, in a round created from another, what
 * changed for the unit since. Units without items in either round get none.
 */
export async function draftPlans(
	deps: Deps,
	round: Round,
	/** The round's targets when the caller has just read them. */
	known?: ReadonlyArray<{ unit: Unit }>,
): Promise<Map<number, DraftPlan>> {
	const [items, from, targets] = await Promise.all([
		deps.reports.items(round.id, 'plan'),
		fromRoundOf(deps, round),
		known ?? deps.rounds.targets(round.id),
	]);
	const previous = from ? await deps.reports.items(from.round.id, 'plan') : null;
	const plans = new Map<number, DraftPlan>();
	for (const { unit } of targets) {
		const mine = items.filter((i) => i.unitId === unit.id);
		const theirs = previous ? previous.filter((i) => i.unitId === unit.id) : null;
		if (mine.length === 0 && (theirs?.length ?? 0) === 0) continue;
		plans.set(unit.id, {
			items: mine,
			totals: totalsOf(mine),
			changes: theirs ? diffItems(theirs, mine) : null,
			fromRound: from?.round.code ?? null,
		});
	}
	return plans;
}

/**
 * The item codes a comment is about, as stored (`BC01, BC02`). When the unit has items in the round, every code
 * must be one of them (written as the item is); without items the codes are kept as typed, since the draft may list
 * them in an attached file.
 */
export async function checkItemCodes(
	deps: Deps,
	round: Round,
	unit: Unit,
	text: string | undefined,
): Promise<AppResult<string | null>> {
	if (text === undefined || text.trim() === '') return { ok: true, value: null };
	if ([...text].length > MAX_ITEM_CODES_TEXT)
		return fail({ code: 'too-long', field: 'items', max: MAX_ITEM_CODES_TEXT });
	const codes = parseItemCodes(text);
	if (codes.length === 0) return { ok: true, value: null };
	const mine = (await deps.reports.items(round.id, 'plan')).filter((i) => i.unitId === unit.id);
	if (mine.length === 0) return { ok: true, value: codes.join(', ') };
	const known = new Map(mine.map((i) => [itemKey(i.code), i.code]));
	const unknown = codes.filter((c) => !known.has(itemKey(c)));
	if (unknown.length > 0) return fail({ code: 'item-codes-unknown', unit: unit.code, codes: unknown });
	// Stryker disable next-line LogicalOperator: unreachable fallback, every code was found in `known` just above
	return { ok: true, value: codes.map((c) => known.get(itemKey(c)) ?? c).join(', ') };
}

/** The round a new round starts from: one of this server's rounds, already sent out (a draft is refused). */
export async function resolveFromRound(deps: Deps, guildId: string, ref: string): Promise<AppResult<Round>> {
	const found = await findRound(deps, guildId, ref);
	if (!found.ok) return found;
	if (found.value.state === 'draft') return fail({ code: 'from-draft', round: found.value.code });
	return found;
}
