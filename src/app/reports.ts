import {
	comparePlans,
	isOpenAt,
	itemMatrix,
	outcomeTally,
	type MatrixRow,
	type PlanComparison,
	type PlanItem,
} from '../domain/items.ts';
import type { Actor, Round, Unit } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import type { AppResult } from './errors.ts';
import { findRound, loadRoundStatus, type RoundStatus } from './manage-rounds.ts';
import { baselineOf, fromRoundOf } from './plan-items.ts';
import type { AuditRecord, ResponseRecord } from './report-ports.ts';

/** How many rounds back open comments are followed. */
const MAX_CARRY_DEPTH = 20;

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
	items: PlanItem[];
	comparison: PlanComparison;
	/** Items of this round against the earlier round's (or, without one, against the baseline). */
	matrix: MatrixRow[];
	matrixReference: 'from' | 'baseline' | null;
	comments: CommentLine[];
	outcomes: { accepted: number; explained: number; open: number };
	history: HistoryLine[];
}

function currentOf(responses: readonly ResponseRecord[]): Map<number, ResponseRecord> {
	const map = new Map<number, ResponseRecord>();
	for (const r of responses) {
		const seen = map.get(r.unitId);
		if (!seen || seen.version < r.version) map.set(r.unitId, r);
	}
	return map;
}

async function unitsById(deps: Deps, ids: Iterable<number>, known: Map<number, Unit>): Promise<void> {
	for (const id of ids) {
		if (known.has(id)) continue;
		const unit = await deps.units.get(id);
		if (unit) known.set(id, unit);
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
	await unitsById(deps, current.keys(), units);
	const own: CommentLine[] = [...current.values()]
		.filter((r) => r.answer === 'comment')
		.flatMap((comment) => {
			const unit = units.get(comment.unitId);
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

/** /round report: the consolidated report of a round. */
export async function roundReport(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string },
): Promise<AppResult<RoundReport>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	const round = found.value;
	const [status, lineage, from, baseline, items, responses] = await Promise.all([
		loadRoundStatus(deps, round),
		deps.reports.lineage(round.id),
		fromRoundOf(deps, round),
		baselineOf(deps, round),
		deps.reports.items(round.id, 'plan'),
		deps.reports.responses(round.id),
	]);
	const units = new Map<number, Unit>(status.rows.map((r) => [r.unit.id, r.unit]));
	const previous = from ? await deps.reports.items(from.round.id, 'plan') : null;
	if (from)
		await unitsById(
			deps,
			(await deps.rounds.targets(from.round.id)).map((t) => t.unit.id),
			units,
		);
	await unitsById(
		deps,
		[...(previous ?? []), ...(baseline?.items ?? [])].map((i) => i.unitId),
		units,
	);

	const unitIds = status.rows.map((r) => r.unit.id);
	const comparison = comparePlans({ unitIds, current: items, previous, baseline: baseline?.items ?? null });
	const reference = previous ?? baseline?.items ?? null;
	const comments = await commentsOf(deps, round, units);
	await unitsById(
		deps,
		responses.map((r) => r.unitId),
		units,
	);
	const order = new Map(unitIds.map((id, i) => [id, i]));
	const history = responses
		.flatMap((answer) => {
			const unit = units.get(answer.unitId);
			return unit ? [{ answer, unit }] : [];
		})
		.sort(
			(a, b) =>
				(order.get(a.unit.id) ?? 1e9) - (order.get(b.unit.id) ?? 1e9) ||
				a.unit.code.localeCompare(b.unit.code) ||
				a.answer.version - b.answer.version,
		);
	return {
		ok: true,
		value: {
			round,
			language: access.value.language,
			reportChannelId: access.value.reportChannelId,
			now: deps.clock.now(),
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
			items,
			comparison,
			matrix: itemMatrix(items, reference, unitIds),
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
	const [targets, items] = await Promise.all([deps.rounds.targets(round.id), deps.reports.items(round.id, 'plan')]);
	const comments = await commentsOf(deps, round, new Map(targets.map((t) => [t.unit.id, t.unit])));
	return {
		drafts: targets.filter((t) => t.ownDraft).length,
		items: items.length,
		comments: comments.filter((line) => line.carried).length,
	};
}
