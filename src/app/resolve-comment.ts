import type { CommentOutcome } from '../domain/items.ts';
import { visibleTextOrNull } from '../domain/text.ts';
import type { Actor, Round, Unit } from '../domain/model.ts';
import { isCoordinator, requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import type { ResponseRecord } from './report-ports.ts';

/** Longest outcome note (the accepted change, or the explanation). */
export const MAX_OUTCOME_NOTE = 1000;

/** Reads a comment reference: the autocomplete value `c42`, or `42` / `#42` typed by hand. */
export function parseCommentRef(ref: string): number | null {
	const match = /^\s*(?:c|#)?(\d{1,9})\s*$/i.exec(ref);
	if (!match?.[1]) return null;
	const id = Number(match[1]);
	return id > 0 ? id : null;
}

/** The autocomplete value of a comment. */
export function commentRef(id: number): string {
	return `c${id}`;
}

export interface ResolvedComment {
	comment: ResponseRecord;
	round: Round;
	unit: Unit;
	/** The outcome it had before, when it was resolved once already. */
	previous: { outcome: CommentOutcome; note: string | null } | null;
}

async function loadComment(
	deps: Deps,
	guildId: string,
	id: number,
): Promise<{ comment: ResponseRecord; round: Round; unit: Unit } | null> {
	const comment = await deps.reports.getResponse(id);
	if (comment?.answer !== 'comment') return null;
	const round = await deps.rounds.get(comment.roundId);
	// Stryker disable next-line OptionalChaining: a stored answer's round always exists (answers are deleted with their round)
	if (round?.guildId !== guildId) return null;
	const unit = await deps.units.get(comment.unitId);
	return unit ? { comment, round, unit } : null;
}

/**
 * /comment resolve: the coordinator's answer to a unit's comment (*tiếp thu*: accepted, *giải trình*: explained).
 * Resolving again changes the outcome; the audit keeps every version. Only a unit's current comment can be
 * resolved: one the unit has since replaced is no longer its position. Rounds may be closed: the answer to
 * comments usually comes after.
 */
export async function resolveComment(
	deps: Deps,
	input: { guildId: string; actor: Actor; comment: string; outcome: CommentOutcome; note?: string | undefined },
): Promise<AppResult<ResolvedComment>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const id = parseCommentRef(input.comment);
	const found = id === null ? null : await loadComment(deps, input.guildId, id);
	if (!found) return fail({ code: 'comment-unknown', comment: input.comment.trim().slice(0, 40) });
	const { comment, round, unit } = found;
	const current = (await deps.answers.current(round.id)).get(unit.id);
	// Stryker disable next-line OptionalChaining: the comment's unit has answered this round, so it has a current answer
	if (current?.id !== comment.id) return fail({ code: 'comment-superseded', unit: unit.code, round: round.code });
	const note = visibleTextOrNull(input.note);
	if (note !== null && [...note].length > MAX_OUTCOME_NOTE)
		return fail({ code: 'too-long', field: 'note', max: MAX_OUTCOME_NOTE });
	const updated = await deps.reports.setOutcome(
		comment.id,
		{ outcome: input.outcome, note, by: input.actor.userName, at: deps.clock.now() },
		{
			guildId: input.guildId,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			action: 'comment.outcome',
			subject: unit.code,
		},
	);
	return {
		ok: true,
		value: {
			comment: updated,
			round,
			unit,
			previous: comment.outcome ? { outcome: comment.outcome, note: comment.outcomeNote } : null,
		},
	};
}

export interface CommentChoice {
	comment: ResponseRecord;
	round: Round;
	unit: Unit;
}

/**
 * Comments a coordinator may resolve (autocomplete): units' current comments in this server's rounds, those still
 * waiting for an outcome first, newest first; filtered by what was typed (round, unit code, text).
 */
export async function commentChoices(
	deps: Deps,
	guildId: string,
	actor: Actor,
	typed: string,
): Promise<CommentChoice[]> {
	if (!isCoordinator(actor, await deps.settings.get(guildId))) return [];
	const recent = await deps.reports.recentComments(guildId, 500);
	const rounds = new Map<number, Round | null>();
	const current = new Map<number, Map<number, { id: number }>>();
	const units = new Map<number, Unit | null>();
	const choices: CommentChoice[] = [];
	for (const comment of recent) {
		// Stryker disable next-line ConditionalExpression: a cache; reading a round again gives the same round
		if (!rounds.has(comment.roundId)) {
			rounds.set(comment.roundId, await deps.rounds.get(comment.roundId));
			current.set(comment.roundId, await deps.answers.current(comment.roundId));
		}
		const round = rounds.get(comment.roundId);
		// Stryker disable next-line OptionalChaining: the round's current answers are read with it, and the comment's unit has one
		if (!round || current.get(comment.roundId)?.get(comment.unitId)?.id !== comment.id) continue;
		// Stryker disable next-line ConditionalExpression: a cache; reading a unit again gives the same unit
		if (!units.has(comment.unitId)) units.set(comment.unitId, await deps.units.get(comment.unitId));
		const unit = units.get(comment.unitId);
		// Stryker disable next-line ConditionalExpression: unreachable, a guard: a unit with answers is archived, never deleted
		if (unit) choices.push({ comment, round, unit });
	}
	const needle = typed.trim().toLowerCase();
	const matching = needle
		? choices.filter(
				(c) =>
					c.round.code.toLowerCase() === needle ||
					c.unit.code.toLowerCase().includes(needle) ||
					commentRef(c.comment.id) === needle ||
					// Stryker disable next-line StringLiteral: a comment always has text (a comment without text is refused)
					(c.comment.text ?? '').toLowerCase().includes(needle),
			)
		: choices;
	return matching.sort(
		(a, b) =>
			Number(a.comment.outcome !== null) - Number(b.comment.outcome !== null) ||
			// Stryker disable next-line ArithmeticOperator: the store lists comments newest first and the sort is stable, so this tie-break never decides
			b.comment.id - a.comment.id,
	);
}
