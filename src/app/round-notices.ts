import type { Round, ServerSettings, Unit } from '../domain/model.ts';
import type { Deps } from './deps.ts';
import { outboxKeys, sendOnce, type SendOutcome } from './outbox.ts';
import type { NewOutboxItem, RoundNotice, SendFailure } from './ports.ts';

/** Unique keys of the once-only posts. A deadline summary belongs to one deadline: extending makes a new one. */
export const noticeKeys = {
	complete: (round: Round) => `complete:${round.id}`,
	deadline: (round: Round) => `deadline:${round.id}:${round.deadline.getTime()}`,
	final: (round: Round) => `final:${round.id}`,
	escalation: (round: Round, step: string) => `escalation:${round.id}:${step}`,
	failure: (round: Round, unit: Unit) => `failure:${round.id}:${unit.id}`,
};

/** A round notice as an outbox item, for the report channel. */
export function noticeItem(
	settings: ServerSettings,
	round: Round,
	key: string,
	kind: RoundNotice['kind'],
	now: Date,
	extra: { unit?: Unit; reason?: SendFailure; step?: string } = {},
): NewOutboxItem {
	return {
		key: outboxKeys.notice(key),
		kind: 'notice',
		guildId: round.guildId,
		roundId: round.id,
		unitId: extra.unit?.id ?? null,
		channelId: settings.reportChannelId,
		payload: {
			notice: kind,
			// Stryker disable next-line ConditionalExpression: a key set to undefined is the same as none (read by truthiness, dropped by JSON)
			...(extra.reason ? { reason: extra.reason } : {}),
			// Stryker disable next-line ConditionalExpression: a key set to undefined is the same as none (read by truthiness, dropped by JSON)
			...(extra.step ? { step: extra.step } : {}),
		},
		dueAt: now,
	};
}

/**
 * Posts a round notice to the report channel at most once, across retries, restarts and processes (the outbox).
 * Returns the outcome: `busy` when it was posted before, is being posted, or waits for its retry time.
 */
export async function postNoticeOnce(
	deps: Deps,
	settings: ServerSettings,
	round: Round,
	key: string,
	kind: RoundNotice['kind'],
	extra: { unit?: Unit; reason?: SendFailure } = {},
): Promise<SendOutcome> {
	const [item] = await deps.outbox.enqueue([noticeItem(settings, round, key, kind, deps.clock.now(), extra)]);
	return sendOnce(deps, item!);
}

/** After an answer: when the last target unit has answered, the "complete" summary goes out, once. */
export async function postCompleteSummaryIfDone(deps: Deps, round: Round): Promise<boolean> {
	// Cheap check first: this runs after every answer, and the summary goes out once.
	if (round.state !== 'open' || (await deps.outbox.isSent(outboxKeys.notice(noticeKeys.complete(round))))) return false;
	const [targets, answers] = await Promise.all([deps.rounds.targets(round.id), deps.answers.current(round.id)]);
	if (targets.length === 0 || targets.some((t) => !answers.has(t.unit.id))) return false;
	const settings = await deps.settings.get(round.guildId);
	// Stryker disable next-line ConditionalExpression: unreachable, a guard: a round's server always has its settings (made by /setup, never deleted)
	if (!settings) return false;
	// The summary and its picture wait for anyone still waiting for their answer (the last unit often answers in a
	// burst). A crash meanwhile leaves it to the sweep, which posts the summary of a complete round.
	await deps.calm?.();
	return (await postNoticeOnce(deps, settings, round, noticeKeys.complete(round), 'complete')).state === 'sent';
}
