import { checkAnswerWindow } from '../domain/answer-policy.ts';
import { visibleTextOrNull } from '../domain/text.ts';
import { unitCodeKey, type Actor, type Answer, type Round, type Unit } from '../domain/model.ts';
import { isCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import type { FileBlob } from './ports.ts';
import { fail, type AppResult } from './errors.ts';
import { findRound } from './manage-rounds.ts';
import { checkSource, resolveRecordedUnit, type UnitRef } from './on-behalf.ts';

export type { UnitRef };
import { refreshDraftPosts } from './draft-posts.ts';
import { checkItemCodes } from './plan-items.ts';
import { postCompleteSummaryIfDone } from './round-notices.ts';

export const MAX_NOTE = 1000;
export const MAX_COMMENT = 4000;

export type RoundRef = { ref: string } | { id: number };

async function loadRound(deps: Deps, guildId: string, round: RoundRef): Promise<AppResult<Round>> {
	if ('ref' in round) return findRound(deps, guildId, round.ref);
	const found = await deps.rounds.get(round.id);
	// Ids come from buttons and modals: one that names nothing here is stale or forged, and ids are never shown.
	if (!found || found.guildId !== guildId) return fail({ code: 'component-stale' });
	return { ok: true, value: found };
}

/**
 * The unit an actor answers for in a round: the one named (they must hold its role and the round must target
 * it), or else the only targeted unit whose role they hold.
 */
export async function resolveAnsweringUnit(
	deps: Deps,
	guildId: string,
	actor: Actor,
	round: Round,
	unitRef: UnitRef,
	/** The target's read already under way for this round and `unitRef`'s id (see {@link recordAnswer}). */
	target?: Promise<Unit | null>,
): Promise<AppResult<Unit>> {
	if (unitRef && 'id' in unitRef) {
		// From a button or modal: only the round's own targets (one read); anything else is stale or forged.
		const unit = await (target ?? deps.rounds.target(round.id, unitRef.id));
		if (!unit) return fail({ code: 'component-stale' });
		// Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral: unreachable, a guard: the round is of this server and targets only its units
		if (unit.guildId !== guildId) return fail({ code: 'unit-unknown', unit: '?' });
		if (!actor.roleIds.includes(unit.roleId)) return fail({ code: 'not-member-of-unit', unit: unit.code });
		return { ok: true, value: unit };
	}
	const targets = (await deps.rounds.targets(round.id)).map((t) => t.unit);
	if (unitRef) {
		const code = unitCodeKey(unitRef.code);
		// Stryker disable next-line ArrowFunction,ConditionalExpression: findByCode finds the same unit; the targets only spare a query
		const unit = targets.find((u) => u.code === code) ?? (await deps.units.findByCode(guildId, code));
		if (!unit) return fail({ code: 'unit-unknown', unit: code });
		// Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral: unreachable, a guard: the unit is a target of a round of this server or found by code on it
		if (unit.guildId !== guildId) return fail({ code: 'unit-unknown', unit: '?' });
		if (!targets.some((u) => u.id === unit.id)) {
			return fail({ code: 'round-not-targeted', round: round.code, unit: unit.code });
		}
		if (!actor.roleIds.includes(unit.roleId)) return fail({ code: 'not-member-of-unit', unit: unit.code });
		return { ok: true, value: unit };
	}
	const mine = targets.filter((u) => actor.roleIds.includes(u.roleId));
	if (mine.length === 0) return fail({ code: 'not-member' });
	if (mine.length > 1) return fail({ code: 'choose-unit', units: mine.map((u) => u.code) });
	return { ok: true, value: mine[0] as Unit };
}

export interface AnswerInput {
	guildId: string;
	actor: Actor;
	round: RoundRef;
	unit: UnitRef;
	answer: 'agree' | 'comment';
	text?: string | undefined;
	/** A file sent with the answer, already downloaded (Discord's attachment URLs expire). */
	file?: FileBlob | undefined;
	interactionId?: string | undefined;
	/** Comma-separated item codes a comment is about. */
	items?: string | undefined;
	/** Set when a coordinator records an answer received outside Discord (src/app/record-on-behalf.ts). */
	onBehalf?: { source: string } | undefined;
}

export interface AnswerOutcome {
	round: Round;
	unit: Unit;
	answer: Answer;
	duplicate: boolean;
}

/**
 * Records a unit's answer and shows it: the draft post's state, and the summary when the round is complete.
 * Adapters that answer a person first use {@link recordAnswer}, reply, then {@link announceAnswer}.
 */
export async function answerRound(deps: Deps, input: AnswerInput): Promise<AppResult<AnswerOutcome>> {
	const recorded = await recordAnswer(deps, input);
	if (recorded.ok) await announceAnswer(deps, recorded.value);
	return recorded;
}

/**
 * What follows a recorded answer, once: the unit's draft post shows it, and the "complete" summary goes out when
 * it was the last unit. Kept apart from recording so the person's confirmation does not wait for Discord edits.
 */
export async function announceAnswer(deps: Deps, outcome: AnswerOutcome): Promise<void> {
	if (outcome.duplicate) return;
	await announceBatched(deps, outcome.round, outcome.unit.id);
}

/**
 * Records a unit's answer. The slash commands, the Agree button and the Comment modal all come here. The unit,
 * not the person, answers: the latest answer counts and every earlier one stays in the history.
 */
export async function recordAnswer(deps: Deps, input: AnswerInput): Promise<AppResult<AnswerOutcome>> {
	// From a button or a modal both ids are known: the round and its target are read side by side, one wait instead
	// of two (a burst of clicks reads them in one turn of the event loop, and on a database server in one round trip).
	const target =
		'id' in input.round && input.unit && 'id' in input.unit && !input.onBehalf
			? deps.rounds.target(input.round.id, input.unit.id)
			: undefined;
	// Stryker disable next-line ArrowFunction: `() => undefined` silences the rejection the same way
	target?.catch(() => {});
	const round = await loadRound(deps, input.guildId, input.round);
	if (!round.ok) return round;
	const unit = input.onBehalf
		? await resolveRecordedUnit(deps, input.guildId, input.actor, round.value, input.unit)
		: await resolveAnsweringUnit(deps, input.guildId, input.actor, round.value, input.unit, target);
	if (!unit.ok) return unit;
	const source = input.onBehalf ? checkSource(input.onBehalf.source) : null;
	if (source && !source.ok) return source;

	// Text nobody can see (zero-width characters and kin) is no comment.
	const text = visibleTextOrNull(input.text);
	if (input.answer === 'comment' && text === null) return fail({ code: 'text-required' });
	const max = input.answer === 'comment' ? MAX_COMMENT : MAX_NOTE;
	if (text !== null && [...text].length > max) {
		return fail({ code: 'too-long', field: input.answer === 'comment' ? 'text' : 'note', max });
	}
	const itemCodes =
		input.answer === 'comment' ? await checkItemCodes(deps, round.value, unit.value, input.items) : null;
	if (itemCodes && !itemCodes.ok) return itemCodes;

	const now = deps.clock.now();
	const window = checkAnswerWindow(round.value, now);
	if (!window.ok) {
		const code =
			window.error === 'closed' ? 'round-closed' : window.error === 'not-open' ? 'round-not-open' : 'late-refused';
		return fail({ code, round: round.value.code });
	}

	const recorded = await deps.answers.append(
		{
			roundId: round.value.id,
			unitId: unit.value.id,
			answer: input.answer,
			text,
			// Stryker disable next-line LogicalOperator: the store names a stored file after the blob itself
			fileName: input.file?.name ?? null,
			fileUrl: null,
			file: input.file ?? null,
			userId: input.actor.userId,
			userName: input.actor.userName,
			source: source?.value ?? null,
			late: window.value.late,
			interactionId: input.interactionId ?? null,
			at: now,
			itemCodes: itemCodes?.value ?? null,
		},
		{
			guildId: input.guildId,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			action: input.onBehalf ? 'answer.on-behalf' : 'answer.record',
			subject: unit.value.code,
		},
	);
	if (recorded === 'round-not-open') return fail({ code: 'round-closed', round: round.value.code });
	return { ok: true, value: { round: round.value, unit: unit.value, ...recorded } };
}

/**
 * Announcements of a round's answers, per process and round: the batch waiting to run (units to show), and the end
 * of the one running. Keyed by the notifier, which every per-interaction copy of `deps` (e.g. with its own logger)
 * shares.
 */
interface RoundAnnouncements {
	waiting: { units: Set<number>; done: Promise<void> } | null;
	tail: Promise<void>;
}
const announcing = new WeakMap<object, Map<number, RoundAnnouncements>>();

/**
 * Shows a unit's current answer on its draft post, then posts the "complete" summary if the round is complete. A
 * failure here must not undo the recorded answer. Answers that arrive while a round's announcement runs wait for
 * it and then go out together: one read of the round and one completeness check for a whole burst of clicks
 * instead of one each, one edit per post at a time (Discord allows 5 edits per 5 s in a channel), and always the
 * latest answer read back from the store, so an older answer never overwrites a newer one. Every caller returns
 * once the post shows at least its own answer.
 */
function announceBatched(deps: Deps, round: Round, unitId: number): Promise<void> {
	let rounds = announcing.get(deps.notifier);
	if (!rounds) announcing.set(deps.notifier, (rounds = new Map<number, RoundAnnouncements>()));
	const state: RoundAnnouncements = rounds.get(round.id) ?? { waiting: null, tail: Promise.resolve() };
	rounds.set(round.id, state);
	if (state.waiting) {
		state.waiting.units.add(unitId);
		return state.waiting.done;
	}
	const units = new Set([unitId]);
	const done = state.tail.then(async () => {
		// Nothing is read or edited while people wait for their own answer; the answers that come meanwhile join in.
		await deps.calm?.();
		// From here on, new answers form the next batch: this one's units are read now.
		state.waiting = null;
		// The posts' edits and the "complete" summary side by side: the summary (and its picture, drawn in a child
		// process) does not wait for dozens of paced edits, nor they for it.
		await Promise.all([refreshDraftPosts(deps, round.id, units), postCompleteSummaryIfDone(deps, round)]);
	});
	const all = rounds;
	// The round is forgotten once its last batch has run and nothing waits. A batch queued behind this one is
	// `waiting` until it starts, which is after this runs: so nothing waiting means no batch is queued or running.
	const forget = () => {
		if (state.waiting === null) all.delete(round.id);
	};
	state.waiting = { units, done };
	state.tail = done.then(forget, forget);
	return done;
}

/** Rounds whose announcements are queued or running for this notifier (diagnostics and tests: 0 once all is done). */
export function roundsAnnouncing(deps: Pick<Deps, 'notifier'>): number {
	return announcing.get(deps.notifier)?.size ?? 0;
}

/** /feedback show: the unit's current answer and its history, for a member of the unit. */
export async function showAnswer(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string; unit: string | undefined },
): Promise<AppResult<{ round: Round; unit: Unit; history: Answer[] }>> {
	const round = await findRound(deps, input.guildId, input.round);
	if (!round.ok) return round;
	// Coordinators may look at any unit they name; members at their own unit.
	const coordinating = input.unit !== undefined && isCoordinator(input.actor, await deps.settings.get(input.guildId));
	const unit = coordinating
		? // Stryker disable next-line StringLiteral: `coordinating` implies a unit was named, so the fallback is never used
			await resolveRecordedUnit(deps, input.guildId, input.actor, round.value, { code: input.unit ?? '' })
		: await resolveAnsweringUnit(
				deps,
				input.guildId,
				input.actor,
				round.value,
				input.unit ? { code: input.unit } : null,
			);
	if (!unit.ok) return unit;
	const history = await deps.answers.history(round.value.id, unit.value.id);
	return { ok: true, value: { round: round.value, unit: unit.value, history } };
}

/** Rounds a member may answer now (for autocomplete): open rounds targeting one of their units. */
export async function roundsForMember(deps: Deps, guildId: string, actor: Actor): Promise<Round[]> {
	const open = await deps.rounds.list(guildId, { states: ['open'], limit: 25 });
	const result: Round[] = [];
	for (const round of open) {
		const targets = await deps.rounds.targets(round.id);
		if (targets.some((t) => actor.roleIds.includes(t.unit.roleId))) result.push(round);
	}
	return result;
}
